"""Layout of the official PDF: one type family, columns that hold their header words,
tall tables that break across pages, headings that stay with their text, pages that
are not left near empty (issue 28)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from lkjip.assemble.pipeline import BuildResult
from lkjip.render import columns
from lkjip.render.columns import (
    BREAK_LINES,
    HEADER_FACE,
    SMALL,
    TEXT_WIDTH_PT,
    column_widths,
    latex_colspec,
    table_type,
    text_em,
)

PREAMBLE = Path(__file__).resolve().parents[1] / "book" / "latex" / "preamble.tex"

#: Tabel 3.20 of the 2023 report (Realisasi PNBP per akun pendapatan), shortened: its
#: "Jenis pendapatan" column was set 2 cm wide by tabulary beside three amount
#: columns, the header word hyphenated ("Penda-patan") and the table a page tall
PNBP = pd.DataFrame(
    {
        "Kode akun": ["425214", "425213", "425131", "425912", ""],
        "Jenis pendapatan": [
            "Pendapatan Pelayanan Keimigrasian Lainnya",
            "Pendapatan Izin Keimigrasian dan Izin Masuk Kembali (Re-entry permit)",
            "Pendapatan Sewa Tanah Gedung dan Bangunan",
            "Penerimaan Kembali Belanja Barang Tahun Anggaran Yang Lalu",
            "**Jumlah**",
        ],
        "2021": [
            "Rp468.300.000",
            "Rp11.211.800.000",
            "Rp2.949.720",
            "Rp0",
            "**Rp20.193.950.674**",
        ],
        "2022": [
            "Rp1.567.900.000",
            "Rp13.370.500.000",
            "Rp0",
            "Rp7.823.000",
            "**Rp59.604.795.551**",
        ],
        "2023": [
            "Rp1.923.500.000",
            "Rp15.266.200.000",
            "Rp0",
            "Rp3.241.000",
            "**Rp82.709.724.907**",
        ],
    }
)
YEARS = {"2021", "2022", "2023"}


def _text_width_pt(width: float) -> float:
    """The text width (pt) of a paragraph column ``width`` wide, in the tables' 10 pt."""
    return width * TEXT_WIDTH_PT - 2 * SMALL.tabcolsep


def test_a_header_word_is_never_hyphenated() -> None:
    """Every header word fits its column whole, in the header's bold face; the text
    column of Tabel 3.20 gets more than the 2 cm tabulary left it."""
    kind = table_type(PNBP, YEARS)
    assert kind == SMALL
    widths = column_widths(latex_colspec(PNBP, YEARS, kind))
    assert len(widths) == len(PNBP.columns)  # paragraph columns, not tabulary's L
    for column, width in zip(PNBP.columns, widths, strict=True):
        for word in column.split():
            assert text_em(word, HEADER_FACE) * kind.size <= _text_width_pt(width) + 0.3, word
    two_cm = 2 / 2.54 * 72.27 / TEXT_WIDTH_PT
    assert widths[1] > 1.5 * two_cm
    assert sum(widths) <= columns.TABLE_WIDTH


def test_other_offices_longer_header_words_fit_too() -> None:
    """Another office's table: longer header words, more rows."""
    frame = pd.DataFrame(
        {
            "Kode": [str(425100 + n) for n in range(25)],
            "Keterangan penerimaan": ["Penerimaan Kembali Belanja Pegawai Tahun Lalu"] * 25,
            "Pertanggungjawaban": ["Rp1.234.567.890"] * 25,
            "Realisasi": ["Rp98.765.432.100"] * 25,
        }
    )
    right = {"Pertanggungjawaban", "Realisasi"}
    kind = table_type(frame, right)
    widths = column_widths(latex_colspec(frame, right, kind))
    inner = [w * TEXT_WIDTH_PT - 2 * kind.tabcolsep for w in widths]
    for column, width in zip(frame.columns, inner, strict=True):
        for word in column.split():
            assert text_em(word, HEADER_FACE) * kind.size <= width + 0.3, word


def test_a_table_that_fits_on_one_line_a_row_stays_as_wide_as_its_text() -> None:
    """Short texts: tabulary sets each column as wide as its text (a narrow table)."""
    frame = pd.DataFrame({"Tahun": ["2021", "2022"], "Capaian": ["124,44%", "124,38%"]})
    assert latex_colspec(frame, {"Capaian"}, SMALL) == "Lr"


def test_headers_are_set_in_the_body_family() -> None:
    """One type family: table headers are bold FreeSerif, not FreeSans; captions span
    the text block."""
    preamble = PREAMBLE.read_text(encoding="utf-8")
    (thead,) = re.findall(r"\\renewcommand\{\\sphinxstyletheadfamily\}\{([^\n]*)\}", preamble)
    assert r"\bfseries" in thead and r"\sffamily" not in thead
    assert HEADER_FACE == "bold"
    assert r"\setlength{\LTcapwidth}{\linewidth}" in preamble


def test_a_tall_table_breaks_across_pages() -> None:
    """A table taller than BREAK_LINES lines is a longtable (it breaks across pages
    instead of leaving the page before it half empty); a short one is not."""
    from docutils import nodes

    from lkjip.render import sphinx_ext

    from .test_latex_text import _App, _table_doctree

    spec = r">{\raggedright\arraybackslash}\Y{0.100}>{\raggedright\arraybackslash}\Y{0.800}"
    rows = ["Peraturan Menteri Hukum dan Hak Asasi Manusia Nomor 30 Tahun 2016"] * 15
    assert BREAK_LINES < columns.PAGE_LINES
    tall = _table_doctree(rows, spec)
    sphinx_ext._long_tables(_App("latex"), tall, "t")  # type: ignore[arg-type]
    assert "longtable" in next(iter(tall.findall(nodes.table)))["classes"]
    short = _table_doctree(rows[:5], spec)
    sphinx_ext._long_tables(_App("latex"), short, "t")  # type: ignore[arg-type]
    assert "longtable" not in next(iter(short.findall(nodes.table)))["classes"]


# --- the built official PDF (slow tier) ------------------------------------------------

PDF_NAME = "LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-2023.pdf"


def _pages(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1]


def _headings(reader: pypdf.PdfReader) -> set[str]:
    """The titles of the PDF's outline (chapters, sections and below)."""
    found: set[str] = set()

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.add(" ".join(item.title.split()))

    walk(reader.outline)
    return found


@pytest.mark.book
def test_official_pdf_uses_one_type_family(built_book: BuildResult) -> None:
    out = subprocess.run(
        ["pdffonts", str(built_book.out_dir / "pdf" / PDF_NAME)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    families = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]).split("-")[0] for line in out}
    assert families and all(f.startswith("FreeSerif") for f in families), families


@pytest.mark.book
def test_no_heading_is_the_last_line_of_a_page(built_book: BuildResult) -> None:
    path = built_book.out_dir / "pdf" / PDF_NAME
    headings = _headings(pypdf.PdfReader(path))
    assert "A. Latar Belakang" in headings and "Dasar Hukum" in headings
    orphans = []
    for number, page in enumerate(_pages(path), start=1):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        body = lines[:-1]  # the page number
        if body and body[-1] in headings:
            orphans.append((number, body[-1]))
    assert not orphans
