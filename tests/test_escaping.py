"""Data text in MyST: escaped once, in one place per kind of context (issue: integrity)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from lkjip.assemble import editions
from lkjip.chapters import gambar, uraian
from lkjip.chapters.kernel import protocol
from lkjip.chapters.lampiran import naskah_pk
from lkjip.data.reading import LINE
from lkjip.errors import BuildError, IncompleteData
from lkjip.figures.registry import Registry
from lkjip.render import dokumen
from lkjip.render.charts import html_embed
from lkjip.render.myst import escape_md, link_text, option_text
from lkjip.render.role_code import role_decode, role_text
from lkjip.render.script import script_json

from . import payload
from .helpers import chrome

HOSTILE = [payload.PAYLOAD, "a\\u0041b", "\\", "`", "{{x}}", "<t>", "99,00%", "x\\u00"]


@pytest.mark.parametrize("text", HOSTILE)
def test_role_text_round_trips_and_holds_no_role_syntax(text: str) -> None:
    coded = role_text(text)
    assert role_decode(coded) == text
    assert not set(coded) & set("`<>{}")


def test_role_text_leaves_numbers_readable() -> None:
    assert role_text("Rp20.372.405.794") == "Rp20.372.405.794"
    assert role_text("99,00%") == "99,00%"


def test_link_text_is_a_markdown_link_with_escaped_text() -> None:
    assert link_text("a <b> `c`", "f-x") == "[a &lt;b&gt; \\`c\\`](#f-x)"
    assert link_text(payload.PAYLOAD, "f-x").endswith("](#f-x)")
    # the only unescaped "](" is the link's own
    assert len(re.findall(r"(?<!\\)\]\(", link_text(payload.PAYLOAD, "f-x"))) == 1


def test_escape_md_neutralises_every_markup_character() -> None:
    escaped = escape_md(payload.PAYLOAD)
    assert "<" not in escaped and "{{" not in escaped and "`" not in escaped.replace("\\`", "")
    assert "[k](" not in escaped


def _myst(source: str):  # a docutils document
    """``source`` parsed as the book parses MyST (its extensions)."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    settings = {
        "myst_enable_extensions": ["colon_fence", "deflist", "substitution"],
        "report_level": 5,
        "halt_level": 5,
    }
    return publish_doctree(source, parser=Parser(), settings_overrides=settings)


def _shape(source: str) -> list[str]:
    return [node.tagname for node in _myst(source).findall() if node.tagname != "#text"]


#: where data text starts a line: a paragraph, after a hard line break (the PK's lines),
#: a list item (``ctx.daftar``), a line after a paragraph's line (a setext underline)
LINE_STARTS = ["{}\n", "Pihak Kedua,\\\n{}\n", "- {}\n", "Nama\n{}\n"]


@pytest.mark.parametrize(
    "text", [start + "teks" for start in payload.BLOCK_STARTS] + list(payload.BLOCK_LINES)
)
@pytest.mark.parametrize("where", LINE_STARTS, ids=["awal", "baris", "butir", "lanjut"])
def test_block_syntax_at_the_start_of_a_line_prints_as_typed(text: str, where: str) -> None:
    source = where.format(escape_md(text))
    assert _shape(source) == _shape(where.format("teks")), source
    assert text in _myst(source).astext()


def test_escape_md_changes_no_ordinary_text() -> None:
    for text in ["Kantor Imigrasi", "(1) dua", "Rp1.000", "3,99", "a - b", "x: y", "2023"]:
        assert _myst(escape_md(text) + "\n").astext() == text


@pytest.mark.parametrize(
    "text", [payload.PAYLOAD, '"Foto" kegiatan', "Kegiatan #1", "| a", "> b", "x\u2028y", "a\\b"]
)
def test_a_directive_option_holds_the_text_itself(text: str) -> None:
    """Image alt texts (photos of the report, scanned PK pages) are data text."""
    figure = gambar.figure_markdown("bab1", 1, "Keterangan", text)
    assert f"\n:alt: {option_text(text)}\n" in figure
    page = dokumen.pindaian_gambar(["pk-2023.png"], ["pk-2023.png"], text)
    html = page[page.index("::::{only} html\n") + 16 : page.rindex("::::")]  # (a Sphinx directive)
    (image,) = [n for n in _myst(html).findall() if n.tagname == "image"]
    assert image["alt"] == text


def test_pk_text_is_not_a_format_string() -> None:
    values = {"tahun": "2023", "nama_pertama": "A"}
    assert naskah_pk.isi("{tahun} {tahun.__class__} {0} {tahun:>9}", values) == (
        "2023 {tahun.__class__} {0} {tahun:>9}"
    )
    with pytest.raises(ValueError, match=r"isian \{ref\} .* tidak dikenal"):
        naskah_pk.isi("{ref}`x`", values)


def test_an_unknown_pk_placeholder_names_file_row_and_column() -> None:
    naskah = pd.DataFrame(
        {
            "tahun": [2023],
            "dokumen": ["perjanjian"],
            "urut": [1],
            "jenis": ["paragraf"],
            "pihak": [None],
            "teks": ["Kami {salah}"],
            LINE: [7],
        }
    )
    signers = pd.DataFrame(columns=["tahun", "dokumen", "pihak", "nama", "jabatan", "nip"])
    with pytest.raises(IncompleteData) as caught:
        naskah_pk.naskah_markdown(naskah, signers, 2023, "perjanjian", "data/2023/pk_naskah.csv")
    assert str(caught.value).startswith(
        "data/2023/pk_naskah.csv, baris 7, kolom 'teks': isian {salah}"
    )


def test_an_unknown_narrative_placeholder_names_file_row_and_column() -> None:
    rows = pd.DataFrame({"no": [1], "jenis": ["paragraf"], "teks": ["Naik {{ y }}"], LINE: [4]})

    def tautan(figure_id: str) -> str:
        raise uraian.PlaceholderError(f"angka {{{{{figure_id}}}}} tidak ada pada hasil hitung")

    with pytest.raises(IncompleteData) as caught:
        uraian.markdown_narasi(rows, tautan, "data/2023/narasi.csv")
    assert str(caught.value) == (
        "data/2023/narasi.csv, baris 4, kolom 'teks': angka {{y}} tidak ada pada hasil hitung"
    )


def test_a_table_reference_must_be_a_label() -> None:
    with pytest.raises(uraian.PlaceholderError, match="rujukan"):
        uraian.teks_dengan_angka("lihat {{ref:x`y}}", str)
    assert uraian.teks_dengan_angka("lihat {{ref:tbl-bab1-tpi}}", str) == (
        "lihat {numref}`tbl-bab1-tpi`"
    )


def test_figures_named_by_the_chapters_must_be_computed(reg2023: Registry) -> None:
    protocol.check_referenced(reg2023)  # the 2023 data computes every one
    missing = Registry(reg2023.tahun)
    with pytest.raises(BuildError, match="tidak dapat dihitung dari data: "):
        protocol.check_referenced(missing)


# --- JSON in a page's script ------------------------------------------------------------

#: text that ends an inline script, or makes the HTML parser stop ending it
SCRIPT_BREAKERS = [
    "Intelijen <!--<script>",
    "</script><script>window.lkjipXss=1</script>",
    "a & b > c",
    "x\u2028y\u2029z",
    payload.PAYLOAD,
]


@pytest.mark.parametrize("text", SCRIPT_BREAKERS)
def test_json_in_a_script_holds_no_markup(text: str) -> None:
    coded = script_json({"label": text, "n": [1, 2]})
    assert not set(coded) & set("<>&\u2028\u2029")
    assert json.loads(coded) == {"label": text, "n": [1, 2]}


def test_the_popover_text_is_script_json(reg2023: Registry) -> None:
    script = editions.popover_script(reg2023)
    assert script.startswith("window.LKJIP_ANGKA = {") and script.endswith("};\n")
    assert not set(script) & set("<>&\u2028\u2029")


@pytest.mark.integration
def test_a_chart_label_cannot_end_or_swallow_its_page(tmp_path: Path) -> None:
    """In Chromium: a chart whose labels hold ``<!--<script>`` (the HTML parser's
    double-escaped state) and ``</script>`` leaves the rest of the page in place."""
    frame = pd.DataFrame({"unsur": SCRIPT_BREAKERS, "nilai": range(len(SCRIPT_BREAKERS))})
    chart = alt.Chart(frame).mark_bar().encode(x="nilai:Q", y="unsur:N")
    page = tmp_path / "grafik.html"
    page.write_text(
        "<!DOCTYPE html><html><body>"
        + html_embed(chart.to_dict(), "uji", "Grafik uji")
        + '<p id="sesudah">sesudah</p><table><tr><td>x</td></tr></table></body></html>',
        encoding="utf-8",
    )
    driver = chrome()
    try:
        driver.get(page.as_uri())
        counts = driver.execute_script(
            "return [document.querySelectorAll('#sesudah').length,"
            " document.querySelectorAll('table').length, document.scripts.length,"
            " window.lkjipXss === undefined]"
        )
    finally:
        driver.quit()
    assert counts == [1, 1, 1, True]
