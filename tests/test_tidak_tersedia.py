"""A strict build prints no placeholder in the official edition: a missing part is refused,
or declared in data as not available (``tidak_tersedia``) and printed as a proper note.

Fast tests of the declaration (validation, the note, the draft's box, the last check of
the staged report pages); one book test reads the built 2023 report (HTML and PDF).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from IPython.utils.capture import capture_output

from lkjip.assemble import blanks
from lkjip.assemble.pipeline import BuildResult, build
from lkjip.audit.figures import compute_all
from lkjip.chapters import bab1_pendahuluan
from lkjip.chapters.kernel.context import Bab
from lkjip.chapters.kernel.protocol import REPORT, WORKING_PAPER
from lkjip.chapters.tidak_disajikan import kalimat
from lkjip.data import catatan, tidak_tersedia
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import load_table_spec
from lkjip.errors import BuildError, DataInvalid, IncompleteData, MetadataError
from lkjip.figures.registry import Registry

from .helpers import DATA, TAHUN, copy_project, project_root_env

HEADER = "tahun,tabel,alasan\n"
GOLONGAN = "Rincian pegawai menurut golongan"


@pytest.fixture(autouse=True)
def _shell() -> None:
    """An IPython shell, so displayed Markdown can be captured."""
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()


def _shown(fn, *args) -> str:
    with capture_output() as out:
        fn(*args)
    return "\n".join(o.data.get("text/markdown", "") for o in out.outputs)


def _declare(data: Path, text: str) -> None:
    (data / str(TAHUN) / "tidak_tersedia.csv").write_text(text, encoding="utf-8")


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data)
    return [str(p) for p in info.value.errors]


# --- Bandung 2023 -----------------------------------------------------------------------


def test_bandung_declares_golongan_and_the_report_prints_its_reason(
    ds2023: Dataset, reg2023: Registry
) -> None:
    alasan = tidak_tersedia.alasan(ds2023, "pegawai_golongan")
    assert alasan and alasan == alasan.strip() and not alasan.endswith(".")
    # the office's voice: nothing about the tool or the transcription
    for word in ("lkjip", "transkrip", "disalin", "aplikasi", "gambar", "data belum"):
        assert word not in alasan.lower(), word
    ctx = Bab(chapter="bab1_pendahuluan", ds=ds2023, reg=reg2023)
    text = _shown(bab1_pendahuluan.tampilkan_pegawai_golongan, ctx)
    assert text == f"{GOLONGAN} tidak disajikan: {alasan}."
    assert blanks.found_in(text) == []
    assert not re.search(r"\d", text)  # empty is not zero: no number at all
    assert not reg2023.ids("pegawai.golongan")


def test_the_working_paper_lists_the_declaration(ds2023: Dataset) -> None:
    page = catatan.teks(ds2023, "pegawai_golongan")
    alasan = tidak_tersedia.alasan(ds2023, "pegawai_golongan")
    assert f"Dinyatakan tidak tersedia untuk tahun {TAHUN} (tabel tidak_tersedia)" in page
    assert page.endswith(f": {alasan}")
    # the office's note: the published report showed golongan only as an image
    _, isi = catatan.catatan(ds2023, "pegawai_golongan")
    assert "sebagai gambar" in isi and "tidak_tersedia" in isi
    assert "Dinyatakan tidak tersedia" not in catatan.teks(ds2023, "pegawai")


def test_the_note_ends_with_one_full_stop() -> None:
    note = kalimat("Rincian *x*", "alasannya begini. ")
    assert note == "Rincian \\*x\\* tidak disajikan: alasannya begini."


# --- refused without the declaration -------------------------------------------------------


def test_without_the_declaration_a_strict_load_names_the_table(data_copy: Path) -> None:
    _declare(data_copy, HEADER)
    problems = _problems(data_copy)
    found = [p for p in problems if p.startswith("data/2023/pegawai_golongan.csv: ")]
    assert len(found) == 1, problems
    assert "pegawai_golongan" in found[0] and "tidak_tersedia" in found[0]
    assert "alasan=" in found[0]  # what to do: fill it, or declare it with a reason


def test_an_absent_file_without_the_declaration_is_refused_too(data_copy: Path) -> None:
    _declare(data_copy, HEADER)
    (data_copy / str(TAHUN) / "pegawai_golongan.csv").unlink()
    assert any(
        p.startswith("data/2023/pegawai_golongan.csv: ") and "tidak_tersedia" in p
        for p in _problems(data_copy)
    )


@pytest.mark.integration
def test_without_the_declaration_a_strict_build_refuses(tmp_path: Path) -> None:
    """The build stops at validation, before any chapter runs, naming the table."""
    root = copy_project(tmp_path / "proyek")
    _declare(root / "data", HEADER)
    with project_root_env(root), pytest.raises(DataInvalid) as info:
        build(TAHUN, pdf_enabled=False, progress=None)
    assert [p.file for p in info.value.errors] == ["data/2023/pegawai_golongan.csv"]
    assert "pegawai_golongan" in str(info.value)
    assert not (root / "_build" / str(TAHUN) / "html").exists()


def test_a_chapter_run_alone_without_the_declaration_stops(data_copy: Path) -> None:
    _declare(data_copy, HEADER)
    ds = load_dataset(TAHUN, data_copy, strict=False)
    ctx = Bab(chapter="bab1_pendahuluan", ds=ds, reg=compute_all(ds, draft=True))
    with pytest.raises(IncompleteData, match="pegawai_golongan"):
        bab1_pendahuluan.tampilkan_pegawai_golongan(ctx)


def test_a_draft_still_shows_the_box(data_copy: Path) -> None:
    _declare(data_copy, HEADER)
    ds = load_dataset(TAHUN, data_copy, strict=False)
    ctx = Bab(chapter="bab1_pendahuluan", ds=ds, reg=compute_all(ds, draft=True), draft=True)
    text = _shown(bab1_pendahuluan.tampilkan_pegawai_golongan, ctx)
    assert text.startswith(":::{admonition} Data belum tersedia")
    assert "tabel `pegawai_golongan`, lembar `pegawai_golongan`" in text
    assert "tidak\\_tersedia" in text  # the reason says how to declare it
    assert f"{GOLONGAN} tidak disajikan" not in text


# --- validation of the declarations ----------------------------------------------------------


def test_each_bad_declaration_is_named_by_file_row_and_column(data_copy: Path) -> None:
    (data_copy / str(TAHUN) / "nihil.csv").write_text(
        f"tahun,tabel,keterangan\n{TAHUN},pegawai_golongan,\n", encoding="utf-8"
    )
    _declare(
        data_copy,
        HEADER
        + f"{TAHUN},pegawai_golongan,ada alasannya\n"  # declared, and nihil too
        + f"{TAHUN},bukan_tabel,ada alasannya\n"
        + f"{TAHUN},penghargaan,ada alasannya\n"  # a table that may not be declared
        + f"{TAHUN},nihil,ada alasannya\n",
    )
    problems = _problems(data_copy)
    where = "data/2023/tidak_tersedia.csv, baris"
    for prefix, words in (
        (f"{where} 2, kolom 'tabel', nilai 'pegawai_golongan'", "nihil dan sekaligus"),
        (f"{where} 3, kolom 'tabel', nilai 'bukan_tabel'", "bukan nama tabel data"),
        (f"{where} 4, kolom 'tabel', nilai 'penghargaan'", "tidak dapat dinyatakan tidak"),
        (f"{where} 5, kolom 'tabel', nilai 'nihil'", "bukan nama tabel data"),
    ):
        assert any(p.startswith(prefix) and words in p for p in problems), (prefix, problems)
    # (pegawai_golongan may not be nihil either: staff always exist)
    assert any(p.startswith("data/2023/nihil.csv, baris 2, kolom 'tabel'") for p in problems)


def test_an_empty_reason_is_refused(data_copy: Path) -> None:
    _declare(data_copy, HEADER + f"{TAHUN},pegawai_golongan,   \n")
    assert "data/2023/tidak_tersedia.csv, baris 2, kolom 'alasan': tidak boleh kosong" in (
        _problems(data_copy)
    )


def test_a_declared_table_with_rows_is_a_contradiction(data_copy: Path) -> None:
    (data_copy / str(TAHUN) / "pegawai_golongan.csv").write_text(
        "tahun,golongan,jumlah\n2023,II,40\n2023,III,66\n2023,IV,6\n", encoding="utf-8"
    )
    problems = _problems(data_copy)
    assert problems == [
        "data/2023/tidak_tersedia.csv, baris 2, kolom 'tabel', nilai 'pegawai_golongan': "
        "tabel pegawai_golongan dinyatakan tidak tersedia tetapi berisi 3 baris tahun 2023; "
        "hapus baris ini (datanya tersedia) atau kosongkan tabel itu"
    ]


def test_a_national_table_cannot_be_declarable(tmp_path: Path) -> None:
    text = (DATA / "metadata" / "renstra_target.yaml").read_text(encoding="utf-8")
    path = tmp_path / "renstra_target.yaml"
    path.write_text(text + "tidak_tersedia: true\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="tidak_tersedia"):
        load_table_spec(path)


# --- the last check: no placeholder on a staged report page ----------------------------------


def _page(src: Path, chapter: str, markdown: str) -> None:
    nb = nbformat.v4.new_notebook()
    output = nbformat.v4.new_output("display_data", data={"text/markdown": markdown})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Bab"),
        nbformat.v4.new_code_cell("x", outputs=[output]),
    ]
    path = src / "notebooks" / f"{chapter}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def test_a_placeholder_on_a_report_page_stops_a_strict_build(tmp_path: Path) -> None:
    _page(tmp_path, "bab1_pendahuluan", "Rincian pegawai menurut golongan: data belum tersedia.")
    _page(tmp_path, "bab2_perencanaan", "**Tabel 2.1**: _tidak ada baris._")
    # a proper note, and the office's own words, are no placeholder
    _page(tmp_path, "bab3_akuntabilitas", f"{GOLONGAN} tidak disajikan: alasannya.")
    _page(tmp_path, "bab4_penutup", "Ruang laktasi belum tersedia; sarana belum lengkap.")
    _page(tmp_path, WORKING_PAPER[0], "data belum tersedia: tabel x")  # the working paper may
    assert blanks.found(tmp_path) == {
        "notebooks/bab1_pendahuluan.ipynb": ["data belum tersedia"],
        "notebooks/bab2_perencanaan.ipynb": ["tidak ada baris"],
    }
    with pytest.raises(BuildError) as info:
        blanks.check(tmp_path, draft=False)
    assert "notebooks/bab1_pendahuluan.ipynb: 'data belum tersedia'" in str(info.value)
    blanks.check(tmp_path, draft=True)  # a draft shows them


# --- the built book (slow) ------------------------------------------------------------------


@pytest.mark.book
def test_the_official_edition_holds_no_placeholder(built_book: BuildResult, ds2023) -> None:
    alasan = tidak_tersedia.alasan(ds2023, "pegawai_golongan")
    note = f"{GOLONGAN} tidak disajikan: {alasan}."
    html = built_book.out_dir / "html" / "notebooks"
    for chapter in REPORT:
        soup = BeautifulSoup((html / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser")
        text = " ".join(soup.get_text(" ").split())
        assert blanks.found_in(text) == [], chapter
        assert "belum tersedia" not in text.lower(), chapter  # (nor in Bandung's own words)
        if chapter == "bab1_pendahuluan":
            assert note in text
    pdf = built_book.out_dir / "pdf" / "LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-2023.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert blanks.found_in(flat) == []
    assert "belum tersedia" not in flat.lower()
    # (pdftotext drops the hyphen of a word broken at a line end: compare without them)
    assert re.sub(r"[\s-]", "", note) in re.sub(r"[\s-]", "", flat)
