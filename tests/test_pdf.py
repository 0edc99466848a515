"""The PDF edition: official front matter, chapters, figures, fonts, metadata, links."""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from lkjip.assemble.pdf import log_folder
from lkjip.assemble.pipeline import BuildResult

from .helpers import HEADLINE

#: every test here builds a book (the slow tier)
pytestmark = pytest.mark.book

PDF_NAME = "LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-2023.pdf"
#: the official edition: about as long as the published report (issue: 55–80 pages)
PAGES = (55, 80)


def _pdf(result: BuildResult) -> Path:
    return result.out_dir / "pdf" / PDF_NAME


@lru_cache(maxsize=4)
def _pages_text(path: Path) -> tuple[str, ...]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return tuple(out.split("\f"))


def test_pdf_exists_with_metadata(built_book: BuildResult) -> None:
    reader = pypdf.PdfReader(_pdf(built_book))
    assert reader.metadata.title == "Laporan Kinerja Instansi Pemerintah Tahun 2023"
    assert reader.metadata.author == "Kantor Imigrasi Kelas I TPI Bandung"
    assert "LKjIP" in reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "id-ID"
    assert PAGES[0] <= len(reader.pages) <= PAGES[1]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_cover_and_front_matter(built_book: BuildResult) -> None:
    pages = _pages_text(_pdf(built_book))
    cover = " ".join(pages[0].split())
    for text in (
        "LAPORAN KINERJA",
        "INSTANSI PEMERINTAH",
        "TAHUN 2023",
        "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA RI",
        "KANTOR IMIGRASI KELAS I TPI BANDUNG",
    ):
        assert text in cover, text
    front = "\n".join(pages[1:10])
    for heading in (
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "DAFTAR TABEL",
        "DAFTAR GAMBAR",
        "IKHTISAR EKSEKUTIF",
    ):
        assert heading in front, heading
    assert "Bandung, 5 Januari 2024" in pages[1] and "Agung Pramono" in pages[1]
    assert (
        front.index("KATA PENGANTAR")
        < front.index("DAFTAR ISI")
        < front.index("IKHTISAR EKSEKUTIF")
    )


def test_page_numbers_roman_then_arabic(built_book: BuildResult) -> None:
    reader = pypdf.PdfReader(_pdf(built_book))
    labels = reader.page_labels
    pages = _pages_text(_pdf(built_book))
    first_bab = next(
        i
        for i, text in enumerate(pages)
        if "BAB I PENDAHULUAN" in text and "DAFTAR ISI" not in text
    )
    assert labels[1] == "i"
    assert all(re.fullmatch(r"[ivxl]+", label) for label in labels[1:first_bab])
    assert labels[first_bab] == "1"


def test_chapters_and_headline_figures(built_book: BuildResult) -> None:
    text = "\n".join(_pages_text(_pdf(built_book)))
    for heading in (
        "BAB I PENDAHULUAN",
        "BAB II PERENCANAAN KINERJA",
        "BAB III AKUNTABILITAS KINERJA",
        "BAB IV PENUTUP",
        "LAMPIRAN",
    ):
        assert heading in text, heading
    for figure in HEADLINE:
        assert figure in text, figure
    assert "??" not in text
    assert "JEJAK ANGKA" not in text and "REKONSILIASI" not in text  # the working paper's
    assert "Tabel 1.1:" in text and "Gambar 1.1:" in text and "Tabel 3.1:" in text


def test_fonts_are_embedded(built_book: BuildResult) -> None:
    out = subprocess.run(
        ["pdffonts", str(_pdf(built_book))], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out
    for line in out:
        assert line.split()[-5] == "yes", line  # the "emb" column


def test_bookmarks_and_internal_links(built_book: BuildResult) -> None:
    reader = pypdf.PdfReader(_pdf(built_book))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["Kata Pengantar", "Ikhtisar Eksekutif", "BAB I Pendahuluan"]
    assert "BAB III Akuntabilitas Kinerja" in titles and "Lampiran" in titles
    assert "Jejak Angka" not in titles
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") == "/Link" and (
                annot.get("/Dest") is not None or (action and action.get("/S") == "/GoTo")
            ):
                internal += 1
    assert internal > 80  # contents, lists of tables and figures, table references


def test_code_is_not_printed(built_book: BuildResult) -> None:
    text = "\n".join(_pages_text(_pdf(built_book)))
    assert "ctx.tabel(" not in text and "sajian." not in text


def test_charts_are_images_of_sufficient_resolution(built_book: BuildResult) -> None:
    out = subprocess.run(
        ["pdfimages", "-list", str(_pdf(built_book))], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(out) >= 15
    for line in out:
        x_ppi, y_ppi = (int(v) for v in line.split()[12:14])
        assert min(x_ppi, y_ppi) >= 150, line


def test_nothing_sticks_out_of_the_page(built_book: BuildResult) -> None:
    log = (built_book.out_dir / "log" / PDF_NAME.replace(".pdf", ".log")).read_text(
        encoding="utf-8", errors="replace"
    )
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert max(widths, default=0) < 15  # under half a centimetre into the margin
    assert "Missing character" not in log


def test_no_cell_of_either_edition_runs_over(built_book: BuildResult) -> None:
    """The audit found Tabel 2 and Tabel 6 of the working paper cutting
    "Rp20.307.980.7..." at the cell's edge: TeX logged those cells 12 to 36 pt too wide.
    No paragraph (a table cell is one) or table row of either PDF is over 1 pt too wide."""
    logs = sorted(log_folder(built_book.out_dir / "pdf").glob("*.log"))
    assert len(logs) == 2  # the report and the working paper
    for log in logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        widths = [
            float(w)
            for w in re.findall(
                r"Overfull \\hbox \(([\d.]+)pt too wide\) in (?:paragraph|alignment)", text
            )
        ]
        assert max(widths, default=0) <= 1, (log.name, sorted(widths)[-5:])
