"""Issue 15: coverage of the printed report, monthly recomputation, textual checks, declared
readings. The published report's text is never read here: the coverage is tested on text
written in the test."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from lkjip import paths
from lkjip.audit.checks import pemeriksaan
from lkjip.audit.coverage import cakupan, tokens
from lkjip.audit.figures import compute_all
from lkjip.audit.reconciliation import Baris, rekonsiliasi
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid
from lkjip.figures.registry import Registry

from .synthetic import make_year

TEXT = """## KATA PENGANTAR
Bandung, 05 Januari 2024
Agung Pramono
NIP. 198208112002121001
**IKHTISAR EKSEKUTIF**
Penyusunan mengacu pada Peraturan Pemerintah Nomor 8 Tahun 2006 dan PP 45/2016.
Realisasi anggaran tahun 2023 sebesar Rp.20.372.405.794,- atau 99,00%.
## BAB III
1. Indeks Kepuasan Masyarakat sebesar 3,99 dari target 3,25.
UNSUR	JAN	FEB
Informasi	4,00	3,98
(1)	(2)	(3)
Tabel 3.1 TARJA 37 dicetak 16 s.d. 27 Oktober 2023.
"""


def _pub(*rows: tuple[str, str, float | None, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            dict(no=no, lokasi=lok, teks=teks, nilai=nilai, figure_id=fid)
            for no, (lok, teks, nilai, fid) in enumerate(rows, start=1)
        ]
    )


def test_tokens_are_classified() -> None:
    kinds = {(t.text, t.kelas) for t in tokens(TEXT)}
    assert ("05", "tanggal") in kinds and ("2024", "tanggal") in kinds
    assert ("198208112002121001", "nip") in kinds
    assert ("8", "regulasi") in kinds and ("2006", "regulasi") in kinds
    assert not any(t.text in ("45", "2016") for t in tokens(TEXT))  # "45/2016" is one code
    assert ("2023", "tahun") in kinds
    assert ("1", "penomoran") in kinds and ("2", "penomoran") in kinds  # "1." and "(2)"
    assert ("3.1", "penomoran") in kinds and ("37", "kode") in kinds and ("16", "tanggal") in kinds
    figures = [t for t in tokens(TEXT) if t.kelas == "angka"]
    assert [t.key for t in figures] == ["20.372.405.794", "99,00", "3,99", "3,25", "4,00", "3,98"]
    assert {t.part for t in figures} == {"Ikhtisar Eksekutif", "BAB III"}


def test_coverage_counts_one_printed_number_per_row_in_its_part() -> None:
    pub = _pub(
        ("Ikhtisar Eksekutif, paragraf", "Rp.20.372.405.794,-", 20372405794, "anggaran.realisasi"),
        ("Ikhtisar Eksekutif, paragraf", "99,00%", 99.0, ""),
        ("BAB III A.1, paragraf", "3,99", 3.99, "ikm.realisasi"),
        # a formula written out stands for the one number equal to its value, or none
        ("BAB III A.1, rumus", "(4,00 + 3,98)", 12, "ikm.jumlah_bulan"),
        # the right number in the wrong part covers nothing
        ("BAB IV A, butir 1", "3,25", 3.25, "ikm.target"),
    )
    # the basis of each row comes from the reconciliation (row 2 has no figure)
    dasar = {1: "dihitung ulang", 2: "tidak dapat diperiksa", 3: "dihitung ulang", 4: "masukan"}
    result = cakupan(TEXT, pub, dasar)
    assert result.figures == 6
    assert result.covered == 3 and result.recomputed == 2
    assert dict(result.by_basis) == {"dihitung ulang": 2, "tidak dapat diperiksa": 1}
    assert result.by_part == {"Ikhtisar Eksekutif": (2, 2), "BAB III": (4, 1)}
    assert sorted(t.key for t in result.missing) == ["3,25", "3,98", "4,00"]


def test_the_coverage_command_writes_the_working_paper_table(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lkjip.cli import main

    text = tmp_path / "laporan.txt"
    text.write_text(TEXT, encoding="utf-8")
    assert main(["coverage", str(text), "--data-dir", str(data_copy), "--tulis"]) == 0
    out = capsys.readouterr().out
    assert "Angka tercetak (di luar kelas yang dikecualikan): 6" in out
    # the reconciliation's rows per basis, each with its statuses
    assert "Rekonsiliasi tabel publikasi:" in out
    assert "  dihitung ulang:" in out and "  masukan:" in out and "cocok" in out
    rows = list(csv.DictReader((data_copy / "2023" / "cakupan_publikasi.csv").open()))
    angka = {r["bagian"]: (r["jumlah"], r["tercatat"]) for r in rows if r["kelompok"] == "angka"}
    assert angka["Ikhtisar Eksekutif"] == ("2", "2")  # both are transcribed in publikasi
    assert {r["bagian"] for r in rows if r["kelompok"] == "dikecualikan"} >= {"nip", "tanggal"}
    load_dataset(2023, data_copy, strict=True)  # the written table is valid data
    assert main(["coverage", str(tmp_path / "tidak-ada.txt"), "--data-dir", str(data_copy)]) == 2


@pytest.fixture(scope="module")
def rows2023(ds2023: Dataset, reg2023: Registry) -> dict[int, Baris]:
    return {r.no: r for r in rekonsiliasi(ds2023, reg2023)}


def printed(rows: dict[int, Baris], figure_id: str, part: str = "") -> Baris:
    """The one reconciliation row of ``figure_id`` printed in ``part`` of the report (found
    by its figure and location, not by its row number in publikasi.csv)."""
    [row] = [r for r in rows.values() if r.figure_id == figure_id and r.lokasi.startswith(part)]
    return row


def test_every_monthly_value_follows_from_its_parts_in_2023(rows2023: dict[int, Baris]) -> None:
    monthly = [r for r in rows2023.values() if r.figure_id.endswith(".rata_rincian")]
    assert len(monthly) == 24  # Nilai SKM and Nilai Integritas, twelve months each
    # November's printed 3,97: its unsur's mean 3,975 rounds half-up to 3,98
    nov = next(r for r in monthly if r.figure_id == "ikm.bulan.11.rata_rincian")
    assert (nov.dipublikasikan, nov.dihitung, nov.status) == ("3,97", "3,98", "selisih")
    assert all(r.status == "cocok" for r in monthly if r is not nov)


def test_a_monthly_value_that_does_not_follow_its_parts_is_flagged(data_copy: Path) -> None:
    path = data_copy / "2023" / "skm_unsur_bulanan.csv"
    frame = pd.read_csv(path, dtype=str)
    frame.loc[frame["bulan"] == "1", "nilai"] = "3.90"
    frame.to_csv(path, index=False, lineterminator="\n")
    ds = load_dataset(2023, data_copy, strict=True)
    rows = [
        r for r in rekonsiliasi(ds, compute_all(ds)) if r.figure_id == "ikm.bulan.01.rata_rincian"
    ]
    assert [(r.dipublikasikan, r.status) for r in rows] == [("4,00", "selisih")]
    assert "= 3,90, dibulatkan setengah ke atas menjadi 3,90, tetapi dicetak 4,00" in rows[0].alasan


def test_a_planted_half_rounded_down_is_a_finding(data_copy: Path) -> None:
    """August's unsur give 3,925; printed 3,92 in the table and the transcription alike."""
    skm = data_copy / "2023" / "skm_bulanan.csv"
    skm.write_text(skm.read_text().replace("2023,8,31,3.93", "2023,8,31,3.92"))
    pub = data_copy / "2023" / "publikasi.csv"
    frame = pd.read_csv(pub, dtype=str, keep_default_na=False)
    august = frame["figure_id"] == "ikm.bulan.08.rata_rincian"
    assert august.sum() == 1
    frame.loc[august, ["teks", "nilai"]] = ["3,92", "3.92"]
    frame.to_csv(pub, index=False, lineterminator="\n")
    ds = load_dataset(2023, data_copy, strict=True)
    rows = [r for r in rekonsiliasi(ds, compute_all(ds)) if r.figure_id == august_id]
    assert [(r.status, r.dihitung, r.selisih) for r in rows] == [("selisih", "3,93", "-0,01")]
    assert "3,925" in rows[0].alasan
    # the data check says the same, as a warning naming file, line and column
    warnings = [p for p in ds.warnings if p.column == "nilai_skm"]
    assert any(p.value == "3.92" and "bulan 8 " in p.rule for p in warnings)


august_id = "ikm.bulan.08.rata_rincian"


def test_textual_findings_say_what_the_printed_value_is(rows2023: dict[int, Baris]) -> None:
    # "nilai rata-rata" 3,91 is the mean of 2021-2022, not of the period 2021-2023
    ipk = printed(rows2023, "ipk.rerata_realisasi")
    assert "(3,91 indeks) sama dengan rata-rata tahun 2021–2022" in ipk.alasan
    ikm = printed(rows2023, "ikm.rerata_realisasi")
    assert "sama dengan rata-rata tahun 2022–2023 atau nilai tahun 2023 saja" in ikm.alasan
    # 97,55 × 10% = 9,755 rounds half-up to 9,76, printed 9,75: a difference, with the note
    # that the printed input (anything from 97,545 to 97,555) allows it
    up_tup = printed(rows2023, "ikpa.indikator.6.tertimbang.t-1")
    assert up_tup.status == "selisih" and "9,7545–9,7555" in up_tup.alasan
    # 85,78 × 10% = 8,578 -> 8,58 as printed; truncation would give 8,57 (named, not used)
    deviasi = printed(rows2023, "ikpa.indikator.2.tertimbang.t-1")
    assert deviasi.status == "cocok" and "8,57" in deviasi.alasan
    # a difference of two percentages printed with "%": percentage points
    ikhtisar = [r for r in rows2023.values() if r.figure_id.endswith(".selisih_capaian")]
    assert {(r.dipublikasikan, r.status, r.selisih) for r in ikhtisar} >= {
        ("1,61%", "selisih", "satuan")
    }
    # codes, regulations, labels and year labels against the data
    by_text = {(r.lokasi.split(",")[1].strip(), r.dipublikasikan): r for r in rows2023.values()}
    assert by_text[("Tabel IKPA Tahun 2021", "42T058")].status == "kontradiksi"
    assert by_text[("Tabel IKPA Tahun 2022", "407938")].status == "masukan"
    regulasi = [r for r in rows2023.values() if r.figure_id == "ikpa.dasar"]
    assert {(r.dipublikasikan, r.status) for r in regulasi} == {
        ("PER-SPM/2022", "kontradiksi"),
        ("PER-5/PB/2022", "masukan"),
    }
    label = [r for r in rows2023.values() if r.figure_id == "ipk.singkatan"]
    assert [(r.status, r.dihitung) for r in label] == [("selisih", "IPK")]
    years = [r for r in rows2023.values() if r.figure_id.startswith("tahun.laporan")]
    assert years and all(r.selisih == "label tahun" for r in years)
    assert "seharusnya tahun 2022" in years[0].alasan
    # the Tabel 3.1 prints Nihil for 2022, the sentence after it 100 %
    tarja = [r for r in rows2023.values() if r.figure_id == "tarja.37.capaian_sebelumnya"]
    assert sorted(r.status for r in tarja) == ["kontradiksi", "masukan"]
    # a claim printed right in BAB III and otherwise in BAB IV is a contradiction
    claim = printed(rows2023, "ikm.unsur_di_bawah_rerata", "BAB IV")
    assert claim.status == "kontradiksi" and "BAB III A.1" in claim.alasan


def test_the_same_sentence_has_the_same_status_everywhere(rows2023: dict[int, Baris]) -> None:
    by_text: dict[str, set[str]] = {}
    for row in rows2023.values():
        words = row.dipublikasikan
        if len(words) >= 25 and not any(c.isdigit() for c in words):  # a sentence, not a phrase
            by_text.setdefault(row.dipublikasikan.strip().lower(), set()).add(row.status)
    assert {t: s for t, s in by_text.items() if len(s) > 1} == {}
    # the two lowest external IPK unsur: right in BAB III and in BAB IV
    lowest = "ipk.eksternal.dua_unsur_terendah"
    assert printed(rows2023, lowest, "BAB III").status == "cocok"
    assert printed(rows2023, lowest, "BAB IV").status == "cocok"


def test_declared_readings_and_label_corrections(ds2023: Dataset, reg2023: Registry) -> None:
    jenis = {(c.tabel, c.kunci, c.kolom): c.jenis for c in ds2023.corrections}
    assert jenis[("smart_bobot", "komponen=penyerapan", "bobot")] == "tafsiran"
    assert jenis[("ikpa_indikator", "tahun=2021;no=3", "indikator")] == "koreksi"
    ikpa = ds2023.table("ikpa_indikator")
    assert set(ikpa["indikator"]) >= {"Pagu Minus", "Deviasi Halaman III DIPA"}
    assert not set(ikpa["indikator"]) & {"Paga Mulus", "Deviasi Halaman II DIPA"}
    assert ds2023.raw_frames["ikpa_indikator"]["indikator"].eq("Paga Mulus").any()  # raw kept
    # the read pairing cites its declaration (that it reproduces the published 2021 score is
    # how it was chosen, not a check: tests/test_nilai_resmi.py tests the pairing itself)
    [reading] = [
        c
        for c in ds2023.corrections
        if (c.tabel, c.kunci) == ("smart_bobot", "komponen=penyerapan")
    ]
    assert reading.source.startswith("data/2023/koreksi.csv:")
    assert reading.source in reg2023["smart.bobot.penyerapan"].sources


def test_a_stale_reading_is_refused(data_copy: Path) -> None:
    # the office's own copy of the national table (an override), with another weight
    path = data_copy / "2023" / "smart_bobot.csv"
    shipped = paths.rujukan_dir() / "2023" / "smart_bobot.csv"
    path.write_text(shipped.read_text().replace("penyerapan,9.7", "penyerapan,9.8"))
    with pytest.raises(DataInvalid) as info:
        load_dataset(2023, data_copy, strict=True)
    assert any("tafsiran sudah usang" in str(p) for p in info.value.problems)


def test_monthly_values_follow_their_parts_in_a_synthetic_year(data_copy: Path) -> None:
    # the consistency checks of a synthetic year: tests/test_tahun_baru.py
    make_year(data_copy, 2024)
    reg = compute_all(load_dataset(2024, data_copy, strict=True))
    means = [i for i in reg.ids() if i.endswith(".rata_rincian")]
    assert len(means) == 24
    for mean in means:
        month = mean.replace(".rata_rincian", ".nilai")
        assert abs(reg.v(month) - reg.v(mean)) <= Decimal("0.005"), mean


def test_findings_are_counted_by_every_route(ds2023: Dataset, reg2023: Registry) -> None:
    from lkjip.chapters.reviu import jalur

    rows = rekonsiliasi(ds2023, reg2023)
    counts = {
        (route, kind.split()[0]): n
        for route, kind, n in jalur(rows, pemeriksaan(ds2023, reg2023), ds2023.corrections)
    }
    assert (
        counts[("Rekonsiliasi", "kontradiksi")] == sum(r.status == "kontradiksi" for r in rows) > 0
    )
    jenis = pd.read_csv(ds2023.data_dir / "2023" / "koreksi.csv")["jenis"]
    assert counts[("Koreksi data sumber", "koreksi")] == (jenis == "koreksi").sum() > 0
    assert counts[("Koreksi data sumber", "tafsiran")] == (jenis == "tafsiran").sum() > 0
    assert counts[("Pemeriksaan konsistensi", "temuan")] > 0  # official values not reproduced


def test_document_checks(ds2023: Dataset, data_copy: Path) -> None:
    from lkjip.audit.checks import dokumen

    found = {c.nama: c for c in dokumen(ds2023)}
    late = found["Dokumen lampiran tidak bertanggal sesudah laporan ditandatangani"]
    assert (
        late.hasil == "temuan"
        and "Perjanjian Kinerja 2024 bertanggal 19 Januari 2024" in late.rincian
    )
    assert found["Uraian isu strategis tidak berulang kata demi kata"].hasil == "temuan"
    # the budget tables print the programme's words in another order; the office corrected
    # the name (koreksi.csv): the book's tables agree, the published wording is named
    for table in ("realisasi_program", "pk_anggaran"):
        program = found[f"Nama program pada {table} sama dengan program Renstra"]
        assert program.hasil == "lulus", table
        assert program.rincian.startswith(
            "program Renstra: Penegakan dan Pelayanan Hukum; "
            "dipakai: Program Penegakan dan Pelayanan Hukum; "
            "tercetak di laporan: Program Pelayanan dan Penegakan Hukum (dikoreksi, "
            "data/2023/koreksi.csv:"
        ), program.rincian
    # the published report's wording stays a finding: the correction of each table's row
    renamed = [
        c
        for c in pemeriksaan(ds2023, compute_all(ds2023))
        if c.nama.startswith("Koreksi") and c.nama.endswith("kolom program")
    ]
    assert [c.hasil for c in renamed] == ["temuan"] * 4
    assert all(
        c.rincian.startswith(
            "Program Pelayanan dan Penegakan Hukum → Program Penegakan dan Pelayanan Hukum"
        )
        for c in renamed
    )
    # without the corrections the tables keep the published order: a finding
    path = data_copy / "2023" / "koreksi.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if ",program,Program Pelayanan" not in ln))
    raw = {c.nama: c for c in dokumen(load_dataset(2023, data_copy, strict=True))}
    program = raw["Nama program pada realisasi_program sama dengan program Renstra"]
    assert program.hasil == "temuan" and program.rincian == (
        "program Renstra: Penegakan dan Pelayanan Hukum; "
        "dipakai: Program Pelayanan dan Penegakan Hukum"
    )
    # the same checks pass when the documents agree
    path = data_copy / "2023" / "identitas.csv"
    path.write_text(path.read_text().replace("2024-01-05", "2024-01-31"))
    path = data_copy / "2023" / "isu_strategis.csv"
    frame = pd.read_csv(path, dtype=str)
    frame["uraian"] = frame["uraian"] + " (" + frame["no"] + ")"
    frame.to_csv(path, index=False, lineterminator="\n")
    again = {c.nama: c.hasil for c in dokumen(load_dataset(2023, data_copy, strict=True))}
    assert again["Dokumen lampiran tidak bertanggal sesudah laporan ditandatangani"] == "lulus"
    assert again["Uraian isu strategis tidak berulang kata demi kata"] == "lulus"
