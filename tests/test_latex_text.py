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
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from lkjip.assemble import pdf, pdf_glyphs
from lkjip.data.loading import load_dataset
from lkjip.errors import BuildError, DataInvalid
from lkjip.render import sphinx_ext
from lkjip.render.latex import (
    LONG_WORD,
    PIECE,
    ZWSP,
    break_long_words,
    character_name,
    column_widths,
    latex_colspec,
    latex_escape,
    missing_characters,
    table_lines,
    word_pieces,
)

from .helpers import TAHUN, set_cell

#: a valid 363-character URL without spaces (issue 17: it dropped rows from the PDF)
URL = (
    "https://peraturan.bpk.go.id/Details/"
    + "/".join(f"segmen{i:02d}-peraturan_menteri" for i in range(12))
    + "?unduh=1&format=pdf&versi=terbaru_sekali"
)[:363]
LONG = "Pertanggungjawaban" * 8
HOSTILE = r"\input{/etc/passwd} $x$ 50% a&b #1 a_b {c} ~ ^ \\ [o]"


# --- escaping -------------------------------------------------------------------------


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


def test_every_data_text_of_the_pdf_settings_is_escaped(ds2023) -> None:  # noqa: ANN001
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


def _doctree(text: str) -> nodes.document:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    document = new_document("t", settings)
    Parser().parse(text, document)
    return document


class _App:
    def __init__(self, fmt: str) -> None:
        self.builder = type("B", (), {"format": fmt})()


def test_latex_builder_breaks_long_words_in_text_not_in_raw() -> None:
    source = f"A cell: {LONG}\n\n.. raw:: latex\n\n   % {LONG}\n"
    latex = _doctree(source)
    sphinx_ext._break_long_words(_App("latex"), latex, "t")  # type: ignore[arg-type]
    paragraph = next(iter(latex.findall(nodes.paragraph))).astext()
    assert paragraph == "A cell: " + ZWSP.join(word_pieces(LONG))
    assert next(iter(latex.findall(nodes.raw))).astext() == f"% {LONG}"
    html = _doctree(source)
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
def emoji_dataset(data_copy: Path):  # noqa: ANN201
    set_cell("identitas.csv", 2, "nama_satker", "Kantor Imigrasi \U0001f600 Bandung")(
        data_copy / str(TAHUN)
    )
    return load_dataset(TAHUN, data_copy)


def test_a_character_the_font_lacks_names_file_row_and_column(
    emoji_dataset, tmp_path: Path
) -> None:  # noqa: ANN001
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
) -> None:  # noqa: ANN001
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
    (tmp_path / "t.tex").write_text(document, encoding="utf-8")
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=True,
    )
    log = (tmp_path / "t.log").read_text(encoding="utf-8", errors="replace")
    assert missing_characters(log) == {"\U0001f600": {"FreeSerif.otf"}}
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "t.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert HOSTILE in " ".join(text.split())
    assert "root:" not in text


def _table_doctree(cells: list[str], spec: str) -> nodes.document:
    rows = "\n".join(f"   * - {i}\n     - {text}" for i, text in enumerate(cells, start=1))
    document = _doctree(
        f".. list-table::\n   :header-rows: 1\n\n   * - No\n     - Tentang\n{rows}\n"
    )
    table = next(iter(document.findall(nodes.table)))
    table.parent.insert(table.parent.index(table), sphinx_ext.addnodes.tabular_col_spec(spec=spec))
    return document


def test_a_table_taller_than_a_page_is_a_longtable() -> None:
    spec = r">{\raggedright\arraybackslash}\Y{0.080}>{\raggedright\arraybackslash}\Y{0.800}"
    tall = _table_doctree([URL, LONG, " ".join(["Peraturan yang panjang"] * 60)] * 4, spec)
    sphinx_ext._long_tables(_App("latex"), tall, "t")  # type: ignore[arg-type]
    assert "longtable" in next(iter(tall.findall(nodes.table)))["classes"]
    short = _table_doctree([URL, LONG, "Keimigrasian"], spec)
    sphinx_ext._long_tables(_App("latex"), short, "t")  # type: ignore[arg-type]
    assert "longtable" not in next(iter(short.findall(nodes.table)))["classes"]
    assert table_lines([["a b c", "x"]], column_widths(spec)) == 1.4
    assert table_lines([[" ".join(["kata"] * 100), ""]], [0.08, 0.8]) == 100.4  # one a line


def test_latex_documents_title_and_author_are_escaped(ds2023, tmp_path: Path) -> None:  # noqa: ANN001
    """Sphinx writes them into \\title and \\author as LaTeX markup, unescaped."""
    import yaml

    from .helpers import ROOT

    shutil.copy2(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copy2(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    frame = ds2023.frames["identitas"]
    original = frame.copy()
    try:
        frame["nama_satker"] = HOSTILE
        pdf.configure(tmp_path, ds2023, "laporan")
    finally:
        ds2023.frames["identitas"] = original
    config = yaml.safe_load((tmp_path / "_config.yml").read_text(encoding="utf-8"))
    (document,) = config["sphinx"]["config"]["latex_documents"]
    assert document[3] == latex_escape(HOSTILE)
    assert "\\input" not in config["sphinx"]["config"]["latex_elements"]["preamble"].replace(
        latex_escape(HOSTILE), ""
    )
