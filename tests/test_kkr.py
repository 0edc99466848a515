"""The Kertas Kerja Reviu: each step's conclusion follows from its evidence."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from lkjip.audit import kkr
from lkjip.audit.baris import TEMUAN
from lkjip.audit.figures import compute_all
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import load_catalog
from lkjip.figures.registry import Registry

from .helpers import DATA
from .synthetic import make_year


@pytest.fixture(scope="module")
def kertas(ds2023: Dataset, reg2023: Registry) -> kkr.KertasKerjaReviu:
    return kkr.susun(ds2023, reg2023)


def _by_code(kertas: kkr.KertasKerjaReviu) -> dict[str, kkr.Langkah]:
    return {s.kode: s for s in kertas.langkah}


def test_the_program_codes_are_the_tables_codes() -> None:
    """The team's tables accept exactly the program's step and finding codes."""
    catalog = load_catalog(DATA / "metadata")
    program = kkr.program()
    assert tuple(catalog["reviu_langkah"].column("langkah").allowed) == program.steps()
    assert tuple(catalog["reviu_tanggapan"].column("temuan").allowed) == program.kinds()


def test_each_conclusion_follows_from_its_evidence(kertas: kkr.KertasKerjaReviu) -> None:
    for step in kertas.langkah:
        findings = [r for r in step.baris if r.status in TEMUAN]
        failed = [c for c in step.pemeriksaan if c.hasil == "temuan"]
        expected = (
            kkr.BELUM
            if step.tanpa_bukti
            else kkr.TIDAK_MEMADAI
            if findings or failed or step.bagian_hilang
            else kkr.MEMADAI
        )
        assert step.kesimpulan == expected, step.kode
    assert kertas.kesimpulan == kkr.TIDAK_MEMADAI


def test_the_2023_report(kertas: kkr.KertasKerjaReviu) -> None:
    steps = _by_code(kertas)
    # the published Daftar Isi has every part the guideline asks for
    assert steps["format"].kesimpulan == kkr.MEMADAI and not steps["format"].bagian_hilang
    # November's Nilai SKM (row 3114) is evidence of the recomputation and the method steps
    for code in ("keandalan_data", "metode_pengukuran"):
        assert 3114 in {r.no for r in steps[code].temuan}, code
    # only recomputed rows are evidence of the recomputation step
    assert {r.dasar for r in steps["keandalan_data"].baris} == {"dihitung ulang"}
    kinds = {t.kode: t for t in kertas.temuan}
    assert {r.no for r in kinds["kontradiksi"].baris} >= {1228, 396}  # the awards: 3 and 2
    assert 3114 in {r.no for r in kinds["pembulatan"].baris}
    assert any("IKPA tahun 2022" in c.nama for c in kinds["nilai_resmi"].pemeriksaan)
    for t in kertas.temuan:  # every finding has its five parts
        assert t.jumlah and all((t.kriteria, t.sebab, t.akibat, t.rekomendasi)), t.kode


def test_the_judgements_are_disclosed(kertas: kkr.KertasKerjaReviu, ds2023: Dataset) -> None:
    by_kind = {p.jenis: p for p in kertas.pertimbangan}
    assert by_kind["Koreksi data sumber"].jumlah == sum(c.changes_value for c in ds2023.corrections)
    assert by_kind["Tafsiran cetakan yang rusak atau bermakna ganda"].jumlah == sum(
        not c.changes_value for c in ds2023.corrections
    )
    assert by_kind["Toleransi pembulatan"].jumlah == 0
    assert "koreksi.csv:2" in by_kind["Total yang sama karena konstruksi koreksi"].rincian


def test_pages_of_the_report_under_review(ds2023: Dataset) -> None:
    pages = kkr.halaman_publikasi(ds2023)
    assert kkr.halaman_dari_lokasi("BAB III B, tabel Realisasi Anggaran", pages) == "33–35"
    assert kkr.halaman_dari_lokasi("BAB III A.1 IKM, tabel nilai unsur", pages) == "17–32"
    assert kkr.halaman_dari_lokasi("BAB I, paragraf", pages) == "1–9"  # not BAB II's
    assert kkr.halaman_dari_lokasi("Ikhtisar Eksekutif, paragraf", pages) == "iii"
    assert kkr.halaman_dari_lokasi("LAMPIRAN, Perjanjian Kinerja", pages) == "52 dst."
    assert kkr.halaman_dari_lokasi("Sampul", pages) == ""


def test_a_planted_error_turns_its_step(data_copy: Path) -> None:
    """A part missing from the Daftar Isi; a recomputed figure printed wrong."""
    folder = data_copy / "2023"
    toc = folder / "daftar_isi_publikasi.csv"
    frame = pd.read_csv(toc, dtype=str)
    frame = frame[frame["bagian"] != "BAB IV"]
    frame.to_csv(toc, index=False, lineterminator="\n")
    ds = load_dataset(2023, data_copy, strict=True)
    steps = _by_code(kkr.susun(ds, compute_all(ds)))
    assert steps["format"].kesimpulan == kkr.TIDAK_MEMADAI
    assert steps["format"].bagian_hilang == ("BAB IV",)


def test_a_clean_reconciliation_is_memadai(ds2023: Dataset, reg2023: Registry) -> None:
    """The same program on a report whose printed figures all match: memadai, and one
    wrong printing turns the steps whose evidence holds it."""
    import copy

    from lkjip.data.reading import LINE

    pub = ds2023.table("publikasi")
    right = pub[pub["figure_id"].isin(["ikm.capaian", "ikm.realisasi", "paspor.total"])]
    right = right[right["teks"].isin(["122,77%", "3,99", "150.474"])].copy()
    assert len(right) >= 3
    ds = copy.copy(ds2023)
    ds.frames = {**ds2023.frames, "publikasi": right}
    # the registry's reconciliation is 2023's published report: reconcile this one instead
    reg = dataclasses.replace(reg2023, rekonsiliasi=None)
    steps = _by_code(kkr.susun(ds, reg))
    assert steps["keandalan_data"].kesimpulan == kkr.MEMADAI
    assert steps["metode_pengukuran"].kesimpulan == kkr.MEMADAI
    wrong = right.copy()
    first = wrong.index[wrong["teks"] == "122,77%"][0]
    wrong.loc[first, ["teks", "nilai"]] = ["122,78%", 122.78]
    wrong[LINE] = range(2, len(wrong) + 2)
    ds.frames = {**ds2023.frames, "publikasi": wrong}
    steps = _by_code(kkr.susun(ds, reg))
    assert steps["keandalan_data"].kesimpulan == kkr.TIDAK_MEMADAI
    assert steps["metode_pengukuran"].kesimpulan == kkr.TIDAK_MEMADAI


def test_a_synthetic_year_raises_no_false_alarm(data_copy: Path) -> None:
    """Without a transcribed report, the steps that need one are not concluded."""
    make_year(data_copy, 2024)
    ds = load_dataset(2024, data_copy, strict=True)
    kertas = kkr.susun(ds, compute_all(ds))
    steps = _by_code(kertas)
    for code in ("format", "metode_pengukuran", "keandalan_data", "perbandingan"):
        assert steps[code].kesimpulan == kkr.BELUM, code
    # no finding comes from the reconciliation: there is nothing transcribed to compare
    assert all(not t.baris for t in kertas.temuan)


def _captured(ds: Dataset, reg: Registry):
    from lkjip.chapters.kernel.context import Bab

    shown: list[str] = []
    tables: list[pd.DataFrame] = []
    ctx = Bab(chapter="kertas_kerja_reviu", ds=ds, reg=reg)
    ctx.tampilkan = shown.append  # type: ignore[method-assign]
    ctx.tabel = lambda frame, *a, **k: tables.append(frame)  # type: ignore[method-assign]
    return ctx, shown, tables


def test_the_teams_entries_are_printed_and_blanks_stay_blank(data_copy: Path) -> None:
    from lkjip.chapters import kertas_kerja_reviu
    from lkjip.chapters.kertas_kerja_reviu import hasil_reviu
    from lkjip.chapters.kertas_kerja_reviu.tim_reviu import ISIAN

    folder = data_copy / "2023"
    tim = folder / "reviu_tim.csv"
    tim.write_text(tim.read_text().replace("2023,3,Ketua Tim,,,", "2023,3,Ketua Tim,Siti Aminah,,"))
    (folder / "reviu_tanggapan.csv").write_text(
        "tahun,temuan,tanggapan,tanggal\n2023,kontradiksi,Angka akan diperbaiki.,2024-02-01\n"
    )
    ds = load_dataset(2023, data_copy, strict=True)
    ctx, shown, tables = _captured(ds, compute_all(ds))
    hasil_reviu.catatan_hasil_reviu(ctx)
    signer = dict(zip(tables[-1]["Keterangan"], tables[-1]["Isian"], strict=True))
    assert signer["Ketua Tim"] == "Siti Aminah" and signer["NIP"] == ISIAN  # not invented
    kertas_kerja_reviu.temuan(ctx)
    responses = [t for t in shown if t.startswith("**Kriteria.**")]
    assert "Angka akan diperbaiki." in responses[0] and "1 Februari 2024" in responses[0]
    assert all(ISIAN in t for t in responses[1:])  # the other findings are not answered yet


def test_a_response_to_an_unknown_finding_is_refused(data_copy: Path) -> None:
    from lkjip.errors import DataInvalid

    (data_copy / "2023" / "reviu_tanggapan.csv").write_text(
        "tahun,temuan,tanggapan,tanggal\n2023,tidak_ada,Tanggapan.,\n"
    )
    with pytest.raises(DataInvalid) as info:
        load_dataset(2023, data_copy, strict=True)
    problem = next(p for p in info.value.problems if "reviu_tanggapan" in p.file)
    assert (problem.line, problem.column, problem.value) == (2, "temuan", "tidak_ada")


def test_the_reviu_chapters_without_a_transcribed_report(ds2023: Dataset) -> None:
    """A year with no publikasi: no findings table rows, and the KKR still prints."""
    import copy

    from lkjip.chapters import kertas_kerja_reviu, reviu

    ds = copy.copy(ds2023)
    ds.frames = {k: v for k, v in ds2023.frames.items() if k != "publikasi"}
    ctx, shown, tables = _captured(ds, compute_all(ds))
    reviu.tampilkan_temuan(ctx)
    assert all(frame.empty for frame in tables)
    kertas_kerja_reviu.tampilkan_program(ctx)
    program = tables[-1]
    assert set(program["Kesimpulan"]) <= set(kkr.KESIMPULAN)
    assert kkr.BELUM in set(program["Kesimpulan"])


def test_the_reconciliation_is_computed_once(
    ds2023: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """compute_all reconciles once; the working paper, the checklist and the chapters
    read those rows from the registry (shared with the chapter kernels) instead."""
    from lkjip.audit import figures, pra_tanda_tangan, reconciliation

    real = reconciliation.rekonsiliasi
    calls: list[int] = []

    def counted(ds: Dataset, reg: Registry) -> list:
        calls.append(1)
        return real(ds, reg)

    monkeypatch.setattr(reconciliation, "rekonsiliasi", counted)
    monkeypatch.setattr(figures, "rekonsiliasi", counted)
    reg = compute_all(ds2023)
    kkr.susun(ds2023, reg)
    pra_tanda_tangan.susun(ds2023, reg)
    assert reconciliation.rows(ds2023, reg) is reg.rekonsiliasi
    assert len(calls) == 1
    # the rows of the audit step are those of the finished registry
    assert real(ds2023, reg) == reg.rekonsiliasi
    assert len(reg.rekonsiliasi) == reg["reviu.jumlah"].value
