"""Data text in LaTeX: one escape function, break points in long words, column widths,
and characters the PDF's fonts cannot show (reported, not dropped)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from docutils import nodes

from lkjip.assemble import pdf, pdf_glyphs
from lkjip.data.loading import load_dataset
from lkjip.errors import BuildError, DataInvalid
from lkjip.render import sphinx_ext
from lkjip.render.columns import (
    HEADER_FACE,
    SCRIPT,
    SMALL,
    TEXT_WIDTH_PT,
    column_widths,
    latex_colspec,
    narrow_pieces,
    table_lines,
    table_type,
    text_em,
)
from lkjip.render.latex import (
    LONG_WORD,
    PIECE,
    ZWSP,
    break_long_words,
    character_name,
    is_number,
    latex_escape,
    missing_characters,
    word_pieces,
)
from lkjip.render.myst import table_markdown

from .helpers import TAHUN, rst_doctree, set_cell

#: a valid 363-character URL without spaces (issue 17: it dropped rows from the PDF)
URL = (
    "https://peraturan.bpk.go.id/Details/"
    + "/".join(f"segmen{i:02d}-peraturan_menteri" for i in range(12))
    + "?unduh=1&format=pdf&versi=terbaru_sekali"
)[:363]
LONG = "Pertanggungjawaban" * 8
HOSTILE = r"\input{/etc/passwd} $x$ 50% a&b #1 a_b {c} ~ ^ \\ [o]"


# --- escaping -------------------------------------------------------------------------


def _xelatex(folder: Path, document: str) -> str:
    """Typeset ``document`` with xelatex in ``folder``; its log."""
    (folder / "t.tex").write_text(document, encoding="utf-8")
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
        cwd=folder,
        capture_output=True,
        timeout=120,
        check=True,
    )
    return (folder / "t.log").read_text(encoding="utf-8", errors="replace")


def test_escape_hostile_text() -> None:
    assert latex_escape(r"\input{/etc/passwd}") == r"\textbackslash{}input\{/etc/passwd\}"
    assert latex_escape(HOSTILE) == (
        r"\textbackslash{}input\{/etc/passwd\} \$x\$ 50\% a\&b \#1 a\_b \{c\} "
        r"\textasciitilde{} \textasciicircum{} \textbackslash{}\textbackslash{} {[}o{]}"
    )


def test_escape_control_characters_become_spaces() -> None:
    # a blank line would end a paragraph inside \hypersetup{...}: an error
    assert latex_escape("a\n\nb\tc\r\x00d") == "a  b c  d"
    assert latex_escape(2023) == "2023"
    assert latex_escape("Kantor Imigrasi Kelas I TPI Bandung") == (
        "Kantor Imigrasi Kelas I TPI Bandung"
    )


#: what an office's name may hold: a way out of a command's argument, a comment, TeX's
#: ligatures (``--``, ``''``, ``<<``, ``,,``, ``!```), quotes
BREAKOUT = (
    r"Bandung}\AtBeginDocument{\VerbatimInput{/etc/passwd}}\title{X 100% <!--<script> "
    "it's \"A\" ``B'' <<C>> ,,D !`E --- F"
)


@pytest.mark.integration
def test_escaped_text_prints_as_typed_in_the_page_header_and_metadata(tmp_path: Path) -> None:
    """xelatex with the book's fonts: the body, a fancyhdr header and hyperref's PDF
    title show the text exactly, and nothing is read in (a page wide enough for one line:
    pdftotext drops the hyphen of a line that breaks after one)."""
    text = latex_escape(BREAKOUT)
    document = "\n".join(
        [
            r"\documentclass[11pt]{article}",
            r"\usepackage[paperwidth=80cm,paperheight=20cm,textwidth=70cm]{geometry}",
            r"\usepackage{fontspec,fancyhdr,fancyvrb,hyperref}",
            r"\setmainfont{FreeSerif}[Extension=.otf,BoldFont=*Bold,ItalicFont=*Italic]",
            r"\pagestyle{fancy}\fancyhf{}\fancyhead[C]{\small\itshape " + text + "}",
            r"\hypersetup{pdftitle={" + text + "},pdfauthor={" + text + "}}",
            r"\title{" + text + r"}\author{" + text + "}",
            r"\begin{document}",
            text,
            r"\end{document}",
        ]
    )
    _xelatex(tmp_path, document)
    shown = subprocess.run(
        ["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert shown.count(BREAKOUT) == 2  # header and body
    assert "root:" not in shown
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "t.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert f"Title:           {BREAKOUT}\n" in info
    assert f"Author:          {BREAKOUT}\n" in info


def test_every_data_text_of_the_pdf_settings_is_escaped(ds2023) -> None:
    """Cover, running header and PDF metadata: data text only through latex_escape."""
    frame = ds2023.frames["identitas"]
    original = frame.copy()
    try:
        for column in ("nama_satker", "kementerian", "kanwil"):
            frame[column] = HOSTILE
        for edition in ("laporan", "kertas_kerja"):
            for text in (
                pdf.cover(ds2023, edition),
                pdf.running_header(ds2023, edition),
                pdf.metadata(ds2023, edition),
            ):
                # the cover prints the names in upper case (escaped after upper-casing)
                escaped = latex_escape(HOSTILE.upper() if "titlepage" in text else HOSTILE)
                assert escaped in text
                assert "\\input" not in text.replace(escaped, "")
    finally:
        ds2023.frames["identitas"] = original


# --- long words -------------------------------------------------------------------------


def test_long_words_get_break_points() -> None:
    pieces = word_pieces(URL)
    assert "".join(pieces) == URL
    assert max(len(p) for p in pieces) <= PIECE
    assert pieces[:4] == ["https:", "/", "/", "peraturan."]
    assert word_pieces(LONG) == [LONG[i : i + PIECE] for i in range(0, len(LONG), PIECE)]
    short = "Pertanggungjawabannya"  # 21 letters: left to TeX's hyphenation
    assert len(short) <= LONG_WORD and word_pieces(short) == [short]
    text = f"Lihat {URL} dan {short}."
    broken = break_long_words(text)
    assert broken.replace(ZWSP, "") == text
    assert broken.count(ZWSP) == len(pieces) - 1
    assert break_long_words("Sistem Akuntabilitas Kinerja") == "Sistem Akuntabilitas Kinerja"


def test_columns_are_not_sized_by_a_long_url() -> None:
    frame = pd.DataFrame(
        {
            "No": ["1", "2", "3"],
            "Peraturan": [
                "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
                "Nomor 53 Tahun 2014",
                "Peraturan Pemerintah Nomor 8 Tahun 2006",
                "Undang-Undang Nomor 6 Tahun 2011",
            ],
            "Tentang": [URL, LONG, "Keimigrasian"],
        }
    )
    widths = [float(w) for w in re.findall(r"\\Y\{([\d.]+)\}", latex_colspec(frame, set()))]
    assert len(widths) == 3
    # before: 0.010 / 0.044 / 0.871, the Peraturan column one word wide, the table
    # taller than a page (3 of 15 rows printed)
    assert widths[1] > 0.3 and widths[2] > 0.3
    assert sum(widths) <= 0.97


# --- amounts and long numbers in table cells -------------------------------------------

#: widths at 10 pt measured with xelatex (``\setbox0\hbox{...}\the\wd0``): FreeSerif, a
#: bold amount, a FreeSans header word
MEASURED_10PT = {
    ("Rp20.307.980.794,", "serif"): 76.67,
    ("Rp.18.414.319.746,-", "serif"): 82.5,
    ("(Rp.33.775.450.000,-).", "serif"): 91.66,
    ("198712171991031002", "serif"): 90.0,
    ("(198208112002121001).", "serif"): 99.16,
    ("Rp20.372.405.794", "bold"): 75.14,
    ("TARJA", "sans"): 32.01,
}
#: the audit's finding: Tabel 2 (Temuan rekonsiliasi) and Tabel 6 (Koreksi yang
#: diterapkan) of the working paper cut "Rp20.307.980.7..." at the cell's edge. Two tables
#: of the same shape: seven or eight columns of amounts, id numbers and long reasons
FINDINGS = pd.DataFrame(
    {
        "No": [str(n) for n in range(1, 36)],
        "Lokasi": ["Ikhtisar Eksekutif, paragraf realisasi anggaran", "BAB III B, tabel"] * 17
        + ["BAB IV"],
        "Dicetak": ["Rp.18.414.319.746,-", "Rp.82.709.074.907,-", "122,77%"] * 11 + ["1"] * 2,
        "Dihitung": ["Rp18.414.319.748", "Rp82.709.724.907", "-1,61"] * 11 + ["2"] * 2,
        "Status": ["kontradiksi", "selisih", "konvensi", "cocok", "satuan"] * 7,
        "Selisih": ["-Rp2", "Rp48.934.274.907", "-Rp650.000", "", "-3,00%"] * 7,
        "Alasan": [
            "yang sama dicetak benar di BAB III B, baris JUMLAH, kolom 2022 REALISASI "
            "(Rp.33.775.450.000,-). dicetak ...746; ledger ...748"
        ]
        * 35,
    }
)
CORRECTIONS = pd.DataFrame(
    {
        "Jenis": ["koreksi", "tafsiran"] * 9,
        "Tabel": ["realisasi program", "penandatangan"] * 9,
        "Baris": ["tahun 2023; kegiatan Dukungan Manajemen"] * 18,
        "Kolom": ["realisasi", "nip"] * 9,
        "Dipublikasikan": ["15845110354", "198712171991031002"] * 9,
        "Dipakai": ["15909535354", "196712171991031002"] * 9,
        "Alasan": [
            "Realisasi per program di BAB III B berjumlah Rp20.307.980.794, kurang "
            "Rp64.425.000 dari total Rp20.372.405.794 yang dicetak; NIP halaman perjanjian "
            "(198208112002121001)."
        ]
        * 18,
        "Sumber koreksi": [f"koreksi baris {n}" for n in range(2, 20)],
    }
)
#: a \\Y column as Sphinx defines it (no vertical rules)
_Y = r"\newcolumntype{\Y}[1]{p{\dimexpr #1\linewidth-2\tabcolsep\relax}}"


def _parts(markdown: str) -> tuple[list[str], str]:
    """The raw LaTeX blocks and the column spec of a table from :func:`table_markdown`."""
    raw = re.findall(r"```\{raw\} latex\n(.*?)\n```", markdown, re.S)
    (spec,) = re.findall(r"```\{tabularcolumns\} (.*)\n", markdown)
    return raw, spec


def _inner_widths(markdown: str) -> tuple[list[float], float]:
    """Text width of each column (pt) and the type size of a table from table_markdown."""
    raw, spec = _parts(markdown)
    size = {r"\footnotesize": 9.0, r"\scriptsize": 8.0}
    font = re.search(r"\\lkjiptablefont\}\{(\\[a-z]+)\}", raw[0]) if raw else None
    points = size[font[1]] if font else 10.0
    sep = re.search(r"\\tabcolsep\}\{([\d.]+)pt\}", raw[0]) if raw else None
    padding = 2 * (float(sep[1]) if sep else 6.0)
    return [w * TEXT_WIDTH_PT - padding for w in column_widths(spec)], points


def test_text_widths_are_the_fonts() -> None:
    for (text, face), width in MEASURED_10PT.items():
        assert text_em(text, face) * 10 == pytest.approx(width, abs=0.05), text
    # kerning (left out) only narrows a word: the estimate never falls short
    assert text_em("kontradiksi") * 10 >= 44.01


def test_numbers_are_never_broken() -> None:
    for number in ("Rp20.307.980.794,", "(Rp.33.775.450.000,-).", "-3,00%", "1.008", "-Rp2"):
        assert is_number(number) and narrow_pieces(number) == [number]
    long_number = "Rp1.234.567.890.123.456.789.000"  # longer than LONG_WORD
    assert len(long_number) > LONG_WORD and word_pieces(long_number) == [long_number]
    assert narrow_pieces(long_number) == [long_number]  # (this once recursed forever)
    assert break_long_words(f"total {long_number}") == f"total {long_number}"
    # an identifier or a path breaks after its punctuation, where a letter or digit follows
    assert narrow_pieces("pk_penandatangan") == ["pk_", "penandatangan"]
    assert narrow_pieces("data/2023/koreksi.csv:10") == ["data/", "2023/", "koreksi.", "csv:", "10"]
    assert narrow_pieces("tahun=2023;") == ["tahun=", "2023;"]
    assert narrow_pieces("(IKM),") == ["(IKM),"]  # no line starts with a comma
    assert narrow_pieces("restrukturisasi") == ["restrukturisasi"]  # letters: TeX's job


@pytest.mark.parametrize("frame", [FINDINGS, CORRECTIONS], ids=["temuan", "koreksi"])
def test_every_amount_fits_its_column(frame: pd.DataFrame) -> None:
    """The audit's finding: a column narrower than the amounts it holds cut them. Each
    column holds the widest number it contains, whole, in the table's type."""
    right = {"No"} & set(frame.columns)
    widths, points = _inner_widths(table_markdown(frame, "Temuan", "tbl-t", kanan=right))
    assert len(widths) == len(frame.columns)
    for width, column in zip(widths, frame.columns, strict=True):
        numbers = [w for v in frame[column] for w in str(v).split() if is_number(w)]
        widest = max((text_em(n) * points for n in numbers), default=0.0)
        assert widest <= width + 0.3, (column, widest, width)
    assert sum(column_widths(_parts(table_markdown(frame, "T", "tbl-t"))[1])) <= 0.98


def test_a_table_that_fits_keeps_its_columns() -> None:
    """Columns that hold their texts are shared out as before (the report's layout)."""
    frame = pd.DataFrame(
        {
            "Program": ["Program Pelayanan dan Penegakan Hukum", "Program Dukungan", "Jumlah"],
            "Kegiatan": [
                "Penyelenggaraan Fungsi Pengkoordinasian, Pelayanan dan Penegakan Hukum "
                "Keimigrasian di Wilayah",
                "Dukungan Manajemen dan Teknis Lainnya UPT Imigrasi",
                "",
            ],
            "Anggaran": ["Rp4.526.929.000", "Rp16.051.419.000", "Rp20.578.348.000"],
        }
    )
    assert table_type(frame, {"Anggaran"}) == SMALL
    assert latex_colspec(frame, {"Anggaran"}) == (
        r">{\raggedright\arraybackslash}\Y{0.273}>{\raggedright\arraybackslash}\Y{0.461}"
        r">{\raggedleft\arraybackslash}\Y{0.191}"
    )


def test_a_header_word_fits_its_column() -> None:
    """Tabel "Rencana aksi dan capaian TARJA": its header TARJA ran 1.2 pt over."""
    frame = pd.DataFrame(
        {
            "TARJA": ["37", "38", "39"],
            "Rencana aksi": ["Implementasi Pengembangan layanan paspor secara kesisteman"] * 3,
            "Target": [
                "Terselenggaranya Data Penjamin Virtual bagi Orang Asing dan "
                "Kegiatannya yang memerlukan keberadaan orang asing"
            ]
            * 3,
            "Realisasi (%)": ["100"] * 3,
            "Capaian 2022": ["Nihil"] * 3,
            "Capaian 2023": ["100"] * 3,
        }
    )
    widths, points = _inner_widths(table_markdown(frame, "T", "tbl-t", kanan=["Realisasi (%)"]))
    assert widths[0] >= text_em("TARJA", HEADER_FACE) * points


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("xelatex") is None, reason="xelatex not installed")
@pytest.mark.parametrize("frame", [FINDINGS, CORRECTIONS], ids=["temuan", "koreksi"])
def test_xelatex_sets_wide_tables_without_overfull_cells(tmp_path: Path, frame) -> None:
    """The real thing: the table as table_markdown specifies it (type, columns), set by
    xelatex in the book's page and fonts: no cell runs over, every amount on one line."""
    raw, spec = _parts(table_markdown(frame, "T", "tbl-t", kanan={"No"} & set(frame.columns)))
    header = " & ".join(rf"\bfseries {latex_escape(c)}" for c in frame.columns)
    rows = [
        " & ".join(
            r"\leavevmode\nobreak\hskip0pt " + latex_escape(break_long_words(str(v))) for v in row
        )
        for row in frame.itertuples(index=False)
    ]
    document = "\n".join(
        [
            r"\documentclass[11pt]{article}",
            r"\usepackage[a4paper,hmargin=2.5cm,vmargin=2.5cm]{geometry}",
            r"\usepackage{fontspec,array,longtable}",
            r"\setmainfont{FreeSerif}[Extension=.otf,BoldFont=*Bold]",
            r"\setsansfont{FreeSans}[Extension=.otf]",
            _Y,
            r"\catcode`^^^^200b=\active\protected\def^^^^200b{\hskip0pt\relax}",
            r"\newcommand{\lkjiptablefont}{\small}",
            r"\begin{document}",
            *raw[:1],
            r"\lkjiptablefont",
            rf"\begin{{longtable}}{{{spec}}}",
            header + r"\\",
            *(row + r"\\" for row in rows),
            r"\end{longtable}",
            *raw[1:],
            r"\end{document}",
        ]
    )
    log = _xelatex(tmp_path, document)
    overfull = re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)
    assert not overfull, overfull
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "t.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = text.splitlines()
    for value in frame.to_numpy().ravel():
        for word in str(value).split():
            if is_number(word) and len(word) > 8:  # an amount or an id, whole on a line
                assert any(re.search(rf"(?<!\S){re.escape(word)}(?!\S)", ln) for ln in lines), word


class _App:
    def __init__(self, fmt: str) -> None:
        self.builder = type("B", (), {"format": fmt})()


def test_latex_builder_breaks_long_words_in_text_not_in_raw() -> None:
    source = f"A cell: {LONG}\n\n.. raw:: latex\n\n   % {LONG}\n"
    latex = rst_doctree(source)
    sphinx_ext._break_long_words(_App("latex"), latex, "t")  # type: ignore[arg-type]
    paragraph = next(iter(latex.findall(nodes.paragraph))).astext()
    assert paragraph == "A cell: " + ZWSP.join(word_pieces(LONG))
    assert next(iter(latex.findall(nodes.raw))).astext() == f"% {LONG}"
    html = rst_doctree(source)
    sphinx_ext._break_long_words(_App("html"), html, "t")  # type: ignore[arg-type]
    assert ZWSP not in html.astext()


# --- characters the fonts lack ---------------------------------------------------------

#: XeTeX's log wraps lines at 79 bytes, also inside the font's name
LOG = (
    "Overfull \\hbox (1.2pt too wide) in paragraph at lines 3--4\n"
    "Missing character: There is no \U0001f600 (U+1F600) in font [FreeSerifBold.otf]/OT:scrip\n"
    "t=latn;language=dflt;!\n"
    "Missing character: There is no \U0001f600 (U+1F600) in font [FreeSerif.otf]/OT:script=la\n"
    "tn;language=dflt;!\n"
    "Missing character: There is no \u2e3b (U+2E3B) in font [FreeSans.otf]/OT:script=latn;lan\n"
    "guage=dflt;!\n"
)


def test_missing_characters_from_the_log() -> None:
    assert missing_characters(LOG) == {
        "\U0001f600": {"FreeSerifBold.otf", "FreeSerif.otf"},
        "\u2e3b": {"FreeSans.otf"},
    }
    assert missing_characters("Overfull \\hbox (1.2pt too wide)\n") == {}
    assert character_name("\U0001f600") == "'\U0001f600' (U+1F600)"


@pytest.fixture()
def emoji_dataset(data_copy: Path):
    set_cell("identitas.csv", 2, "nama_satker", "Kantor Imigrasi \U0001f600 Bandung")(
        data_copy / str(TAHUN)
    )
    # validation refuses the emoji first (lkjip.data.characters); the PDF stage's own
    # check is the backstop for text that is not a data cell
    return load_dataset(TAHUN, data_copy, strict=False)


def test_a_character_the_font_lacks_names_file_row_and_column(
    emoji_dataset, tmp_path: Path
) -> None:
    log = tmp_path / "x.log"
    log.write_text(LOG, encoding="utf-8")
    with pytest.raises(DataInvalid) as caught:
        pdf_glyphs.check_characters(emoji_dataset, log, "laporan", draft=False, say=print)
    (problem,) = caught.value.problems
    assert problem.file.endswith("identitas.csv")
    assert (problem.line, problem.column) == (2, "nama_satker")
    assert "huruf '\U0001f600' (U+1F600) tidak ada pada fon PDF (FreeSerif, FreeSerifBold)" in (
        problem.rule
    )


def test_a_draft_warns_and_text_outside_the_data_is_a_build_error(
    emoji_dataset, tmp_path: Path
) -> None:
    log = tmp_path / "x.log"
    log.write_text(LOG, encoding="utf-8")
    said: list[str] = []
    pdf_glyphs.check_characters(emoji_dataset, log, "kertas kerja", draft=True, say=said.append)
    assert len(said) == 2
    assert said[0].startswith("Peringatan (PDF kertas kerja): ")
    assert "identitas.csv, baris 2, kolom 'nama_satker'" in said[0]
    assert "'\u2e3b' (U+2E3B) tidak ada pada fon PDF (FreeSans)" in said[1]
    log.write_text(
        "Missing character: There is no \u2e3a (U+2E3A) in font [FreeSerif.otf]/OT:!\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match=r"'\u2e3a' \(U\+2E3A\)"):
        pdf_glyphs.check_characters(emoji_dataset, log, "laporan", draft=False, say=said.append)
    clean = tmp_path / "clean.log"
    clean.write_text("Output written on x.pdf (3 pages).\n", encoding="utf-8")
    pdf_glyphs.check_characters(emoji_dataset, clean, "laporan", draft=False, say=said.append)


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("xelatex") is None, reason="xelatex not installed")
def test_xelatex_prints_escaped_text_and_logs_what_the_font_lacks(tmp_path: Path) -> None:
    """The real thing: the escaped hostile text is printed literally, the emoji is
    reported in the log in the form :func:`missing_characters` reads."""
    document = "\n".join(
        [
            r"\documentclass{article}",
            r"\usepackage{fontspec}",
            r"\setmainfont{FreeSerif}[Extension=.otf]",
            r"\begin{document}",
            latex_escape(HOSTILE),
            r"\par",
            latex_escape("Kantor \U0001f600"),
            r"\end{document}",
        ]
    )
    log = _xelatex(tmp_path, document)
    assert missing_characters(log) == {"\U0001f600": {"FreeSerif.otf"}}
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert HOSTILE in " ".join(text.split())
    assert "root:" not in text


def _tablerst_doctree(cells: list[str], spec: str) -> nodes.document:
    rows = "\n".join(f"   * - {i}\n     - {text}" for i, text in enumerate(cells, start=1))
    document = rst_doctree(
        f".. list-table::\n   :header-rows: 1\n\n   * - No\n     - Tentang\n{rows}\n"
    )
    table = next(iter(document.findall(nodes.table)))
    table.parent.insert(table.parent.index(table), sphinx_ext.addnodes.tabular_col_spec(spec=spec))
    return document


def test_a_table_taller_than_a_page_is_a_longtable() -> None:
    spec = r">{\raggedright\arraybackslash}\Y{0.080}>{\raggedright\arraybackslash}\Y{0.800}"
    tall = _tablerst_doctree([URL, LONG, " ".join(["Peraturan yang panjang"] * 60)] * 4, spec)
    sphinx_ext._long_tables(_App("latex"), tall, "t")  # type: ignore[arg-type]
    assert "longtable" in next(iter(tall.findall(nodes.table)))["classes"]
    short = _tablerst_doctree([URL, LONG, "Keimigrasian"], spec)
    sphinx_ext._long_tables(_App("latex"), short, "t")  # type: ignore[arg-type]
    assert "longtable" not in next(iter(short.findall(nodes.table)))["classes"]
    assert table_lines([["a b c", "x"]], column_widths(spec)) == 1.4
    assert table_lines([[" ".join(["kata"] * 100), ""]], [0.08, 0.8]) == 100.4  # one a line


def test_words_wider_than_their_column_get_break_points() -> None:
    """In a narrow column of an 8 pt table an identifier or a path breaks after its
    punctuation; an amount never breaks; words that fit, and the HTML, are unchanged."""
    spec = r">{\raggedright\arraybackslash}\Y{0.040}>{\raggedright\arraybackslash}\Y{0.110}"
    cells = ["data/2023/koreksi.csv:10", "Rp20.307.980.794", "pk_penandatangan", "tahun=2022"]
    font = r"\begingroup\renewcommand{\lkjiptablefont}{\scriptsize}\setlength{\tabcolsep}{3pt}"
    raw = nodes.raw("", font, format="latex")
    latex = _tablerst_doctree(cells, spec)
    table = next(iter(latex.findall(nodes.table)))
    latex.insert(latex.index(table) - 1, raw)  # before the spec, as table_markdown has it
    sphinx_ext._wide_words_in_tables(_App("latex"), latex, "t")  # type: ignore[arg-type]
    body = [row.children[1].astext() for row in next(iter(latex.findall(nodes.tbody))).children]
    assert body == [
        ZWSP.join(["data/", "2023/", "koreksi.", "csv:", "10"]),
        "Rp20.307.980.794",
        ZWSP.join(["pk_", "penandatangan"]),
        "tahun=2022",  # 8 pt: fits in the column
    ]
    # in 10 pt (no raw LaTeX before the spec) the same column is too narrow for tahun=2022
    small = _tablerst_doctree(cells, spec)
    sphinx_ext._wide_words_in_tables(_App("latex"), small, "t")  # type: ignore[arg-type]
    assert ZWSP in next(iter(small.findall(nodes.tbody))).children[3].children[1].astext()
    html = _tablerst_doctree(cells, spec)
    sphinx_ext._wide_words_in_tables(_App("html"), html, "t")  # type: ignore[arg-type]
    assert ZWSP not in html.astext()
    assert SCRIPT.size == 8.0


def test_latex_documents_title_and_author_are_escaped(ds2023, tmp_path: Path) -> None:
    """Sphinx writes them into \\title and \\author as LaTeX markup, unescaped; jupyter-book
    replaces the title by the book's (HTML) title, which holds the office's name."""
    import yaml
    from jupyter_book.config import get_final_config
    from jupyter_book.pdf import update_latex_documents

    from lkjip.assemble import jupyterbook

    from .helpers import ROOT

    shutil.copy2(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copy2(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    frame = ds2023.frames["identitas"]
    original = frame.copy()
    breakout = r"Bandung}\AtBeginDocument{\VerbatimInput{/etc/passwd}}\title{X 100%"
    try:
        for hostile in (HOSTILE, breakout):
            frame["nama_satker"] = hostile
            # as the build stages it: the book's title and author first, then the PDF's
            jupyterbook.set_identity(tmp_path, pdf.html_title(ds2023), pdf.satker(ds2023))
            pdf.configure(tmp_path, ds2023, "laporan")
            config = yaml.safe_load((tmp_path / "_config.yml").read_text(encoding="utf-8"))
            sphinx = config["sphinx"]["config"]
            (document,) = sphinx["latex_documents"]
            assert document[3] == latex_escape(hostile)
            # what jupyter-book hands to Sphinx
            sphinx_used, meta = get_final_config(
                user_yaml=config, cli_config={"latex_individualpages": False}, sourcedir=tmp_path
            )
            (used,) = update_latex_documents(
                [tuple(sphinx_used["latex_documents"][0])], meta["latex_doc_overrides"]
            )
            assert used[2] == latex_escape(pdf.title(ds2023, "laporan"))
            assert used[3] == latex_escape(hostile)
            assert "\\input" not in sphinx["latex_elements"]["preamble"].replace(
                latex_escape(hostile), ""
            )
            assert "\\VerbatimInput" not in str(used).replace(latex_escape(hostile), "")
    finally:
        ds2023.frames["identitas"] = original
