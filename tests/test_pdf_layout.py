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
from docutils import nodes
from sphinx import addnodes

from lkjip.assemble.pipeline import BuildResult
from lkjip.render import columns
from lkjip.render.columns import (
    BREAK_LINES,
    HEADER_FACE,
    SMALL,
    TEXT_WIDTH_PT,
    column_minimums,
    column_widths,
    latex_colspec,
    table_type,
    text_em,
)

from .helpers import rst_doctree


class _App:
    def __init__(self, fmt: str) -> None:
        self.builder = type("B", (), {"format": fmt})()


def _tablerst_doctree(cells: list[str], spec: str) -> nodes.document:
    """A two-column table (No, Tentang) of ``cells`` after a column spec."""
    rows = "\n".join(f"   * - {i}\n     - {text}" for i, text in enumerate(cells, start=1))
    document = rst_doctree(
        f".. list-table::\n   :header-rows: 1\n\n   * - No\n     - Tentang\n{rows}\n"
    )
    table = next(iter(document.findall(nodes.table)))
    table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))
    return document


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


def _text_width_pt(width: float, kind: columns.TableType = SMALL) -> float:
    """The text width (pt) of a paragraph column ``width`` wide, in type ``kind``."""
    return width * TEXT_WIDTH_PT - 2 * kind.tabcolsep


def test_a_header_word_is_never_hyphenated() -> None:
    """Every header word fits its column whole, in the header's bold face; the text
    column of Tabel 3.20 gets more than the 2 cm tabulary left it. Its three amount
    columns take more than :data:`columns.AMOUNT_SHARE` of the width in 10 pt: 9 pt."""
    kind = table_type(PNBP, YEARS)
    assert kind == columns.FOOTNOTE
    widths = column_widths(latex_colspec(PNBP, YEARS, kind))
    assert len(widths) == len(PNBP.columns)  # paragraph columns, not tabulary's L
    for column, width in zip(PNBP.columns, widths, strict=True):
        for word in column.split():
            room = _text_width_pt(width, kind) + 0.3
            assert text_em(word, HEADER_FACE) * kind.size <= room, word
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
    from lkjip.render import sphinx_ext

    spec = r">{\raggedright\arraybackslash}\Y{0.100}>{\raggedright\arraybackslash}\Y{0.800}"
    rows = ["Peraturan Menteri Hukum dan Hak Asasi Manusia Nomor 30 Tahun 2016"] * 15
    assert BREAK_LINES < columns.PAGE_LINES
    tall = _tablerst_doctree(rows, spec)
    sphinx_ext._long_tables(_App("latex"), tall, "t")  # type: ignore[arg-type]
    assert "longtable" in next(iter(tall.findall(nodes.table)))["classes"]
    short = _tablerst_doctree(rows[:5], spec)
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


def test_the_paragraph_announcing_a_table_stays_with_it() -> None:
    """Page 48 of the 2023 report ended with "Projustitia. ... melalui proses
    projustitia:" and its table began the next page: a ``\\nobreak`` keeps the
    paragraph with the table (through the notebook cells' wrappers); a table after a
    table, and a longtable, are left alone."""
    from lkjip.render.keep_with_next import NOBREAK, keep_announcing_paragraphs

    table = (
        ".. list-table::\n   :header-rows: 1\n\n"
        "   * - Tahun\n     - Jumlah\n   * - 2023\n     - 1\n"
    )
    text = (
        ".. container:: cell\n\n   Projustitia. Pelanggaran yang ditangani:\n\n"
        + ".. container:: cell\n\n"
        + "".join("   " + line + "\n" for line in table.splitlines())
        + "\n"
        + table
    )
    document = rst_doctree(text)
    keep_announcing_paragraphs(_App("latex"), document, "t")  # type: ignore[arg-type]
    tables = list(document.findall(nodes.table))
    assert len(tables) == 2
    first, second = (t.parent[t.parent.index(t) - 1] if t.parent.index(t) else None for t in tables)
    assert isinstance(first, nodes.raw) and first.astext() == NOBREAK
    assert not isinstance(second, nodes.raw)  # a table after a table
    html = rst_doctree(text)
    keep_announcing_paragraphs(_App("html"), html, "t")  # type: ignore[arg-type]
    assert not list(html.findall(nodes.raw))
    long = rst_doctree(text)
    next(iter(long.findall(nodes.table)))["classes"].append("longtable")
    keep_announcing_paragraphs(_App("latex"), long, "t")  # type: ignore[arg-type]
    assert not list(long.findall(nodes.raw))


def test_a_lead_standing_alone_keeps_room_for_what_it_leads() -> None:
    """Page 24 of the 2023 report ended with "Faktor pendukung keberhasilan." and its
    list began after a chart on the next page: a bold paragraph standing alone gets the
    room a heading gets; a bold lead-in inside a paragraph, and HTML, are left alone."""
    from lkjip.render.keep_with_next import LEAD, is_lead, keep_announcing_paragraphs

    text = (
        "**Faktor pendukung keberhasilan.**\n\n1. Pemetaan.\n2. Pelaporan.\n\n"
        "**Projustitia.** Pelanggaran yang ditangani tahun ini.\n"
    )
    document = rst_doctree(text)
    keep_announcing_paragraphs(_App("latex"), document, "t")  # type: ignore[arg-type]
    raws = [(n.astext(), n.parent.index(n)) for n in document.findall(nodes.raw)]
    lead = next(p for p in document.findall(nodes.paragraph) if p.astext().startswith("Faktor"))
    assert raws == [(LEAD, lead.parent.index(lead) - 1)]
    html = rst_doctree(text)
    keep_announcing_paragraphs(_App("html"), html, "t")  # type: ignore[arg-type]
    assert not list(html.findall(nodes.raw))
    # as the notebooks' Markdown gives it: empty text nodes around the bold
    lead = next(p for p in rst_doctree(text).findall(nodes.paragraph))
    lead.insert(0, nodes.Text(""))
    lead.append(nodes.Text(""))
    assert is_lead(lead)
    # a bold name under a signature, a bold cell of a table: not leads
    assert not any(
        is_lead(p)
        for p in rst_doctree("Kepala Kantor,\n\n**Agung Pramono**\n").findall(nodes.paragraph)
    )
    table = ".. list-table::\n\n   * - **Jumlah.**\n     - 1\n"
    cells = rst_doctree(table).findall(nodes.paragraph)
    assert not any(is_lead(p) for p in cells)


#: Tabel 1 of the 2023 report (capaian and anggaran), its texts as printed: the bold
#: amounts of its last row left the two text columns a fifth of the width each and
#: "Sasaran Kegiatan" wrapped to six lines
CAPAIAN = pd.DataFrame(
    {
        "Sasaran Kegiatan": [
            "Meningkatnya kualitas pelaksanaan tugas dan fungsi keimigrasian di Wilayah",
            "Meningkatnya kualitas pelaksanaan tugas dan fungsi keimigrasian di Wilayah",
            "Meningkatnya Layanan Dukungan Manajemen dan Dukungan Teknis lainnya di Wilayah",
            "**Anggaran**",
        ],
        "Indikator Kinerja Kegiatan": [
            "Indeks Kepuasan Masyarakat terhadap Layanan Keimigrasian di Wilayah",
            "Indeks Pengamanan Keimigrasian di Wilayah",
            "Indeks Kepuasan Internal di Wilayah",
            "",
        ],
        "Target": ["3,25", "3,13", "3,13", "**Rp20.578.348.000**"],
        "Realisasi": ["3,99", "3,75", "3,99", "**Rp20.372.405.794**"],
        "Capaian": ["122,77%", "119,81%", "127,48%", "**99,00%**"],
    }
)


def test_amounts_of_a_total_row_do_not_squeeze_the_texts() -> None:
    """Tabel 1: 9 pt, and its two text columns get more than half of the width; every
    amount still fits its column whole (in bold)."""
    right = {"Target", "Realisasi", "Capaian"}
    kind = table_type(CAPAIAN, right)
    assert kind == columns.FOOTNOTE
    widths = column_widths(latex_colspec(CAPAIAN, right, kind))
    # "Sasaran Kegiatan" on at most four lines (it took six)
    sasaran = text_em(CAPAIAN["Sasaran Kegiatan"].iloc[2]) * kind.size
    assert sasaran / _text_width_pt(widths[0], kind) < 3.3
    for column, width in zip(CAPAIAN.columns, widths, strict=True):
        if column in right:
            amount = str(CAPAIAN[column].iloc[-1]).strip("*")
            assert text_em(amount, "bold") * kind.size <= _text_width_pt(width, kind) + 0.3


def test_a_numbering_column_is_as_narrow_as_its_header() -> None:
    """Tabel L.1 (awards): "No." holds "1." to "4."; it got a tenth of the width."""
    frame = pd.DataFrame(
        {
            "No.": ["1.", "2.", "3.", "4."],
            "Penghargaan": [
                "Piagam penghargaan Layanan Eazy Passport Terbaik",
                "Piagam penghargaan Layanan Passport Simpatik Terbaik",
                "Piagam penghargaan Komitmen dan Konsistensi dalam Memberikan Pelayanan "
                "Kepada Masyarakat di Mal Pelayanan Publik Kota Cimahi",
                "Piagam penghargaan Sebagai Satuan Kerja Terbaik Dalam Pelaksanaan Tugas Dan "
                "Fungsi Keimigrasian Tahun 2023 Di Lingkungan Kantor Wilayah",
            ],
            "Pemberi": [
                "Kepala Kantor Wilayah Kementerian Hukum dan HAM Jawa Barat",
                "Kepala Kantor Wilayah Kementerian Hukum dan HAM Jawa Barat",
                "Wali Kota Cimahi",
                "Kepala Kantor Wilayah Kementerian Hukum dan HAM Jawa Barat",
            ],
        }
    )
    kind = table_type(frame)
    widths = column_widths(latex_colspec(frame, set(), kind))
    assert widths[0] < 0.075
    assert text_em("No.", HEADER_FACE) * kind.size <= _text_width_pt(widths[0], kind) + 0.3


def test_a_chart_referred_to_by_number_floats_an_announced_one_stays() -> None:
    """A figure after "Gambar 2.1 menggambarkan ..." floats (``\\lkjipfloatnext``); after
    "Bagan berikut ...:" it stays with the paragraph (``\\nobreak``), also when an empty
    notebook cell (its input hidden) stands between them."""
    from lkjip.render.keep_with_next import FLOAT, NOBREAK, keep_announcing_paragraphs

    figure = ".. figure:: x.png\n\n   Judul\n"
    empty_cell = ".. container:: cell\n\n   .. container:: tag_remove-input\n\n      ..\n\n"
    text = (
        "Gambar 2.1 menggambarkan kedua komposisi tersebut.\n\n"
        + figure
        + "\nBagan berikut menggambarkan susunan unit organisasi kantor:\n\n"
        + empty_cell
        + figure
    )
    document = rst_doctree(text)
    keep_announcing_paragraphs(_App("latex"), document, "t")  # type: ignore[arg-type]
    raws = [n.astext() for n in document.findall(nodes.raw)]
    assert raws == [FLOAT, NOBREAK]


def test_a_table_whose_words_fit_no_type_is_no_wider_than_the_page() -> None:
    """The working paper's Tabel "Koreksi yang diterapkan" (eight columns, 18-digit NIPs
    that never break, "Pengkoordinasian," in a key) ran 4 pt into the margin: its words
    whole did not fit even in 8 pt. Then long words of letters count hyphenated (TeX
    hyphenates them) and the table keeps to the page; numbers stay whole."""
    frame = pd.DataFrame(
        {
            "Jenis": ["tafsiran", "koreksi"],
            "Tabel": ["pk_penandatangan", "pk_anggaran"],
            "Baris": ["kegiatan=Penyelenggaraan Fungsi Pengkoordinasian, Pelayanan", "x"],
            "Kolom": ["indikator", "nip"],
            "Dipublikasikan": ["198712171991031002", "Rp4.781.809.000"],
            "Dipakai": ["196712171991031002", "Rp4.781.809.000"],
            "Alasan": ["NIP (198208112002121001). Dikoreksi sesuai keputusan.", "-"],
            "Sumber koreksi": ["data/2023/koreksi.csv:22", "data/2023/koreksi.csv:23"],
        }
    )
    kind = table_type(frame, set())
    assert kind == columns.SCRIPT
    assert sum(column_minimums(frame, set(), kind).values()) > columns.TABLE_WIDTH
    widths = column_widths(latex_colspec(frame, set(), kind))
    assert sum(widths) <= columns.TABLE_WIDTH + 0.001
    for column in ("Dipublikasikan", "Dipakai"):  # an 18-digit number stays whole
        width = widths[list(frame.columns).index(column)]
        assert text_em("198712171991031002") * kind.size <= _text_width_pt(width, kind) + 0.3
