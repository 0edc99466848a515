"""The office's own sentences live in data (table ``narasi``), never in a notebook or a
chapter module: each section renders from data, a missing one is refused (strict) or
shown as "belum tersedia" (draft), and counts in prose are figures."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from IPython.utils.capture import capture_output

from lkjip.audit.figures import compute_all
from lkjip.chapters import bab1_pendahuluan, bab2_perencanaan, bab4_penutup, ikhtisar, narasi
from lkjip.chapters.bab3_akuntabilitas import lainnya
from lkjip.chapters.kernel.context import Bab
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid, IncompleteData
from lkjip.figures.registry import Registry

from .helpers import ROOT, TAHUN

#: Bandung 2023's own sentences that used to be typed in notebooks or chapter modules,
#: with the table that holds them now
MOVED = {
    "kantor beberapa kali berpindah alamat sebelum menempati gedung yang sekarang": "narasi",
    "Fasilitasnya mencakup ruang detensi seluas": "narasi",
    "Agar permohonan paspor tidak seluruhnya bertumpu pada gedung utama": "narasi",
    "kantor bekerja sama dengan pemerintah daerah membuka gerai": "narasi",
    "serta dengan mitra swasta membuka Unit Layanan Paspor (ULP)": "narasi",
    "Renstra ini menggeser arah kebijakan keimigrasian": "narasi",
    "Direktorat Jenderal Pemasyarakatan": "narasi",
    "Direktorat Jenderal Kekayaan Intelektual": "narasi",
    "Direktorat Jenderal Administrasi Hukum Umum": "narasi",
    "Unsur yang tertinggal pada penilaian pihak eksternal Indeks Pengamanan": "narasi",
    "koordinasi bersama para pemangku kepentingan dalam pengawasan orang asing": "narasi",
    "Layanan Terpadu Satu Atap": "unit_layanan",
    "Mal Pelayanan Publik": "unit_layanan",
}
#: counts once typed as words, now figures
COUNTS_AS_WORDS = ("dua sasaran kegiatan",)

#: each section -> (the chapter function that shows it, a sentence of its 2023 text)
SECTIONS: dict[str, tuple[str, Callable[[Bab], None], str]] = {
    "ikhtisar.penutup": ("ikhtisar", ikhtisar.penutup, "Demikian laporan kinerja ini"),
    "bab1.riwayat": (
        "bab1_pendahuluan",
        bab1_pendahuluan.riwayat,
        "beberapa kali berpindah alamat",
    ),
    "bab1.fasilitas": ("bab1_pendahuluan", bab1_pendahuluan.fasilitas, "ruang detensi"),
    "bab1.unit_layanan": (
        "bab1_pendahuluan",
        bab1_pendahuluan.pengantar_unit_layanan,
        "mitra swasta",
    ),
    "bab2.renstra": (
        "bab2_perencanaan",
        bab2_perencanaan.arah_renstra,
        "Direktorat Jenderal Pemasyarakatan",
    ),
    "bab3.e_performance": ("bab3_akuntabilitas", lainnya.e_performance, "e-monev Bappenas"),
    "bab3.tarja": ("bab3_akuntabilitas", lainnya.pengantar_tarja, "Target Kinerja (TARJA)"),
    "bab4.kesimpulan": (
        "bab4_penutup",
        bab4_penutup.catatan_kesimpulan,
        "Unsur yang tertinggal pada penilaian pihak eksternal",
    ),
}


@pytest.fixture(autouse=True)
def _shell() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()


def _shown(fn: Callable[[Bab], None], ctx: Bab) -> str:
    with capture_output() as out:
        fn(ctx)
    return "\n".join(o.data.get("text/markdown", "") for o in out.outputs)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _sources() -> dict[str, str]:
    """Every notebook's cells and every chapter module, whitespace flattened."""
    out = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        out[path.name] = _flat(" ".join("".join(c["source"]) for c in cells))
    for path in sorted((ROOT / "src" / "lkjip" / "chapters").rglob("*.py")):
        out[str(path.relative_to(ROOT))] = _flat(path.read_text(encoding="utf-8"))
    return out


def _texts(table: str) -> str:
    with (ROOT / "data" / str(TAHUN) / f"{table}.csv").open(encoding="utf-8") as f:
        return _flat(" ".join(" ".join(row) for row in csv.reader(f)))


def test_office_sentences_are_in_no_notebook_or_chapter_module() -> None:
    sources = _sources()
    assert "bab1_pendahuluan.ipynb" in sources and "src/lkjip/chapters/uraian.py" in sources
    for sentence in (*MOVED, *COUNTS_AS_WORDS):
        found = [name for name, text in sources.items() if sentence in text]
        assert found == [], (sentence, found)


def test_moved_sentences_are_in_the_data() -> None:
    for sentence, table in MOVED.items():
        assert sentence in _texts(table), (sentence, table)


def test_every_section_is_listed_and_renders_from_data(ds2023: Dataset, reg2023: Registry) -> None:
    allowed = ds2023.specs["narasi"].column("bagian").allowed
    assert set(allowed or ()) == set(SECTIONS)
    for bagian, (chapter, show, sentence) in SECTIONS.items():
        text = _shown(show, Bab(chapter=chapter, ds=ds2023, reg=reg2023))
        assert sentence in _flat(text), bagian
        assert "belum tersedia" not in text, bagian


def test_section_figures_and_references_are_linked(ds2023: Dataset, reg2023: Registry) -> None:
    ctx = Bab(chapter="bab1_pendahuluan", ds=ds2023, reg=reg2023)
    text = _shown(bab1_pendahuluan.fasilitas, ctx)
    for key in ("tanah", "bangunan", "ruang_detensi", "aula"):
        assert f"fasilitas.{key}" in reg2023
        assert str(ctx.link(f"fasilitas.{key}")) in text
    # published: tanah 2.822 m², ruang detensi 304 m², aula 200 m²
    assert reg2023.v("fasilitas.tanah") == 2822
    assert reg2023.v("fasilitas.ruang_detensi") == 304 and reg2023.v("fasilitas.aula") == 200
    assert "{numref}`tbl-bab1-sejarah`" in text and "ref:" not in text
    assert "{numref}`tbl-bab1-sejarah`" in _shown(bab1_pendahuluan.riwayat, ctx)


def test_service_kinds_are_named_by_the_data(ds2023: Dataset, reg2023: Registry) -> None:
    ctx = Bab(chapter="bab1_pendahuluan", ds=ds2023, reg=reg2023)
    text = _shown(bab1_pendahuluan.tampilkan_unit_layanan, ctx)
    assert text.count("Mal Pelayanan Publik") == 3
    assert text.count("Layanan Terpadu Satu Atap") == 1 and text.count("Unit Layanan Paspor") == 1


def test_counts_in_prose_are_figures(reg2023: Registry) -> None:
    # published: "dua sasaran kegiatan"
    assert reg2023.v("kinerja.jumlah_sasaran") == 2
    fragments = narasi.fragments(reg2023)
    # published: PNBP rose in 2023, "Faktor yang mendorong kenaikan PNBP"
    assert reg2023.v("pnbp.realisasi") > reg2023.v("pnbp.realisasi.t-1")
    assert fragments["narasi.pnbp.pengantar_faktor"] == "Faktor yang mendorong kenaikan PNBP:"
    turun = narasi.pengantar_faktor(reg2023, "pnbp.realisasi.t-1", "pnbp.realisasi", "PNBP")
    assert turun == "Faktor yang memengaruhi penurunan PNBP:"
    tanpa = narasi.pengantar_faktor(reg2023, "pnbp.realisasi", "pnbp.tidak_ada", "PNBP")
    assert tanpa == "Faktor yang memengaruhi realisasi PNBP:"


def _drop_section(data_dir: Path, bagian: str) -> None:
    path = data_dir / str(TAHUN) / "narasi.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if f",{bagian}," not in line]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")


def test_missing_section_strict_refuses_naming_it(data_copy: Path) -> None:
    _drop_section(data_copy, "bab4.kesimpulan")
    with pytest.raises(DataInvalid) as err:
        load_dataset(TAHUN, data_copy)
    problems = [p for p in err.value.problems if p.file.endswith("narasi.csv")]
    assert [(p.column, p.value) for p in problems] == [("bagian", "bab4.kesimpulan")]
    assert "belum berisi teks tahun 2023" in problems[0].rule
    assert "narasi.csv" in str(problems[0]) and "bab4.kesimpulan" in str(problems[0])


def test_missing_section_draft_shows_placeholder(data_copy: Path) -> None:
    _drop_section(data_copy, "bab1.fasilitas")
    ds = load_dataset(TAHUN, data_copy, strict=False)
    reg = compute_all(ds)
    draft = Bab(chapter="bab1_pendahuluan", ds=ds, reg=reg, draft=True)
    text = _shown(bab1_pendahuluan.fasilitas, draft)
    assert ":::{admonition} Data belum tersedia" in text
    assert "bagian 'bab1.fasilitas': tabel `narasi`, lembar `narasi`" in text
    assert "ruang detensi" not in text
    # the other sections still render
    assert "berpindah alamat" in _shown(bab1_pendahuluan.riwayat, draft)
    strict = Bab(chapter="bab1_pendahuluan", ds=ds, reg=reg)
    with pytest.raises(IncompleteData, match="bab1.fasilitas"):
        bab1_pendahuluan.fasilitas(strict)


def test_missing_table_every_section_named(data_copy: Path) -> None:
    (data_copy / str(TAHUN) / "narasi.csv").write_text(
        "tahun,bagian,no,jenis,teks\n", encoding="utf-8"
    )
    with pytest.raises(DataInvalid) as err:
        load_dataset(TAHUN, data_copy)
    named = {p.value for p in err.value.problems if p.file.endswith("narasi.csv")}
    assert named == set(SECTIONS)


def test_crossings_sentence_follows_the_breakdown(ds2023: Dataset, reg2023: Registry) -> None:
    """With the breakdown: WNI and WNA linked; a total without it says so (no dead figure)."""
    import copy

    ctx = Bab(chapter="bab3_akuntabilitas", ds=ds2023, reg=reg2023)
    text = _shown(lainnya.perlintasan, ctx)
    assert f"{reg2023.d('perlintasan.wni')} <f-perlintasan-wni>` WNI" in text
    total_only = copy.deepcopy(reg2023)
    for fid in [f.id for f in reg2023 if f.id.startswith(("perlintasan.wni", "perlintasan.wna"))]:
        del total_only._figures[fid]
    ctx = Bab(chapter="bab3_akuntabilitas", ds=ds2023, reg=total_only)
    text = _shown(lainnya.perlintasan, ctx)
    assert "rincian menurut kewarganegaraan tidak tersedia" in text and "WNI" not in text
    assert f"{reg2023.d('perlintasan.total')} <f-perlintasan-total>`" in text


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path.name)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_validate_names_every_unknown_figure_placeholder(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two unknown ``{{id}}`` in two rows: validate refuses with both (file, row, column),
    not exit 0 with the build naming only the first; the build stops before any chapter."""
    from lkjip.cli import main

    narasi = data_copy / str(TAHUN) / "narasi.csv"
    _edit(narasi, "{{emonev.anggaran}}", "{{emonev.anggaran_salah}}")
    _edit(narasi, "{{fasilitas.tanah}}", "{{fasilitas.tanahnya}}")
    assert main(["validate", "--tahun", str(TAHUN)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Data tidak valid: 2 masalah ditemukan.")
    assert "data/2023/narasi.csv, baris 5, kolom 'teks'" in err
    assert "angka {{emonev.anggaran_salah}} tidak ada pada hasil hitung" in err
    assert "data/2023/narasi.csv, baris 9, kolom 'teks'" in err
    assert "angka {{fasilitas.tanahnya}} tidak ada pada hasil hitung" in err
    assert main(["build", "--tahun", str(TAHUN), "--html-only"]) == 2
    assert "{{fasilitas.tanahnya}}" in capsys.readouterr().err


def test_malformed_placeholders_are_named_with_the_other_problems(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reference that is not a label, a ``{{`` that is no placeholder and an unknown PK
    placeholder: named by validate with every other data problem, in one run."""
    from lkjip.cli import main

    year = data_copy / str(TAHUN)
    _edit(year / "narasi.csv", "{{ref:tbl-bab1-sejarah}}", "{{ref:Tabel_1}}")
    _edit(year / "narasi.csv", "{{emonev.progres}}", "{{emonev.progres}")
    _edit(year / "pk_naskah.csv", "TAHUN {tahun}", "TAHUN {tahun_laporan}")
    _edit(year / "skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31,abc")  # another problem
    assert main(["validate", "--tahun", str(TAHUN)]) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert err.startswith("Data tidak valid: 4 masalah ditemukan."), err

    def named(*fragments: str) -> bool:
        return any(all(f in line for f in fragments) for line in lines)

    assert named("narasi.csv, baris 5, kolom 'teks'", "tidak lengkap atau memuat spasi")
    assert named("narasi.csv, baris 8, kolom 'teks'", "rujukan {{ref:Tabel_1}} tidak dikenal")
    assert named("pk_naskah.csv, baris 2, kolom 'teks'", "isian {tahun_laporan}")
    assert named("skm_bulanan.csv, baris 5, kolom 'nilai_skm'")
