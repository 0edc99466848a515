"""Every sentence of the official edition that announces something shows it.

"Perhitungannya sebagai berikut" is followed by the report's short calculation (not
only by the working paper's full one), "seperti ditunjukkan perhitungan di bawah
tabel" by a calculation under the tables, "tabel berikut" by a table, a trailing ":"
by a list, table, figure or generated text; every numbered reference names a table or
figure that exists. Checked on the chapter notebooks' Markdown (fast) and on the
built HTML report pages (the book tier).
"""

from __future__ import annotations

import json
import re

import pytest

from lkjip.assemble.pipeline import BuildResult
from lkjip.chapters import ringkas
from lkjip.chapters.kernel.protocol import REPORT
from lkjip.figures.registry import Registry

from .helpers import ROOT
from .pengumuman import RUMUS, UMUMKAN, Blok, blok_html, masalah, rujukan_hilang

_ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`")
_FENCE = re.compile(r"^(`{3,}|:{3,})\{([a-z:]+)\}\s*(\S*)")


def _cells(chapter: str) -> list[dict]:
    path = ROOT / "notebooks" / f"{chapter}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _paragraphs(text: str) -> list[str]:
    """Markdown paragraphs; a fenced directive (with its blank lines) is one."""
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        if fence:
            out[-1] += "\n" + line
            if line.strip() == fence:
                fence = ""
            continue
        opened = _FENCE.match(line)
        if opened:
            out.append(line)
            fence = opened[1]
        elif not line.strip():
            out.append("")
        elif out and out[-1] and not _FENCE.match(out[-1]):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return [p for p in out if p.strip()]


def _markdown_block(paragraph: str) -> Blok | None:
    fence = _FENCE.match(paragraph)
    if fence:
        directive, key = fence[2], fence[3]
        if directive == "glue:figure" or key.endswith(".blok"):
            return Blok("gambar", key, False)
        if key.startswith("data.gbr.") or directive == "raw":
            return None  # the HTML-only chart data / a LaTeX page break
        return Blok("teks", key, True)  # a generated fragment pasted whole
    text = re.sub(r"\s+", " ", _ROLE.sub("X", paragraph)).strip()
    if text.startswith("#"):
        return Blok("judul", text, False)
    if re.match(r"(?:[-*]|\d+\.) ", text):
        return Blok("daftar", text, False)
    return Blok("teks", text, False)


def _code_block(source: str) -> Blok | None:
    """What a chapter's code cell shows in the official edition, from the call it makes."""
    calls = [line.strip() for line in source.split("\n") if line.strip()]
    if all(c.startswith(("ctx.hitung(", "ctx.rincian(", ")", '"')) for c in calls):
        return None  # calculations: the working paper's only
    if "ringkas." in source:
        return Blok("rumus", source, True)
    if "tabel" in source or ".tampilkan_" in source:  # a table, or a helper that shows one
        return Blok("tabel", source, True)
    if "daftar" in source:
        return Blok("daftar", source, True)
    if all("grafik" in c or c.startswith(("chart,", ")", '"')) for c in calls):
        return None  # a chart is glued; the Markdown pastes it
    return Blok("teks", source, True)


def notebook_blocks(cells: list[dict]) -> list[Blok]:
    """The official edition's blocks of a chapter notebook, in order (without the
    parameters cell and the cell that starts the chapter)."""
    out: list[Blok] = []
    for cell in cells:
        source = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "markdown":
            out += [b for p in _paragraphs(source) if (b := _markdown_block(p)) is not None]
        elif "parameters" not in tags and "mulai(" not in source:
            block = _code_block(source)
            if block is not None:
                out.append(block)
    return out


# --- the notebooks' Markdown ------------------------------------------------------


@pytest.mark.parametrize("chapter", REPORT)
def test_notebook_announcements_are_followed_by_what_they_announce(chapter: str) -> None:
    assert masalah(notebook_blocks(_cells(chapter)), chapter) == []


def test_notebooks_announce_the_calculations_the_report_prints() -> None:
    """The announcements found include the calculation ones (the survey is not empty)."""
    found = [
        b.teks
        for chapter in REPORT
        for b in notebook_blocks(_cells(chapter))
        if b.jenis == "teks" and UMUMKAN.search(b.teks)
    ]
    assert any("perhitungannya sebagai berikut" in t for t in found)
    assert any("seperti ditunjukkan perhitungan di bawah tabel" in t for t in found)
    assert len(found) >= 30


@pytest.mark.parametrize(
    ("chapter", "call"),
    [
        ("bab3_akuntabilitas", 'ringkas.indeks_tahunan(ctx, "ikm"'),
        ("bab3_akuntabilitas", 'ringkas.indeks_tahunan(ctx, "iki"'),
        ("bab2_perencanaan", "ringkas.jumlah_pagu(ctx)"),
    ],
)
def test_a_removed_calculation_fails(chapter: str, call: str) -> None:
    cells = _cells(chapter)
    kept = [c for c in cells if not "".join(c["source"]).startswith(call)]
    assert len(kept) == len(cells) - 1, f"{call} tidak ada di {chapter}"
    problems = masalah(notebook_blocks(kept), chapter)
    assert len(problems) == 1
    assert "perhitungan" in problems[0]


def test_a_hidden_table_fails() -> None:
    """A table announced with a trailing ':' that is not shown is found too."""
    cells = _cells("bab3_akuntabilitas")
    kept = [c for c in cells if "tampilkan_projustitia" not in "".join(c["source"])]
    problems = masalah(notebook_blocks(kept), "bab3_akuntabilitas")
    assert len(problems) == 1
    assert "projustitia" in problems[0]


# --- the built book (HTML report pages) --------------------------------------------


def _report_pages(result: BuildResult) -> dict[str, str]:
    base = result.out_dir / "html" / "notebooks"
    return {f"{c}.html": (base / f"{c}.html").read_text(encoding="utf-8") for c in REPORT}


@pytest.mark.book
def test_html_announcements_are_followed_by_what_they_announce(built_book: BuildResult) -> None:
    pages = _report_pages(built_book)
    problems = [p for name, html in pages.items() for p in masalah(blok_html(html), name)]
    assert problems == []
    assert rujukan_hilang(pages) == []


@pytest.mark.book
def test_html_prints_the_short_calculations_from_the_registry(
    built_book: BuildResult, reg2023: Registry
) -> None:
    pages = _report_pages(built_book)
    rumus = [
        b.teks
        for name in ("bab2_perencanaan.html", "bab3_akuntabilitas.html")
        for b in blok_html(pages[name])
        if b.jenis == "rumus"
    ]
    d = reg2023.d
    for k in ("ikm", "iki"):
        short = f"{d(f'{k}.pembilang')} / {d(f'{k}.responden')} = {d(f'{k}.indeks')}"
        assert any(short in r for r in rumus), short
    for dimensi in ringkas.DIMENSI_PAGU:
        total = f"pagu.{dimensi}.jumlah"
        parts = " + ".join(d(i) for i in reg2023[total].inputs)
        assert any(f"{parts} = {d(total)}" in r for r in rumus), parts
    # the published report prints these two (p. 31 and the IKI section)
    assert any("1.674,59 / 420 = 3,99" in r for r in rumus)
    assert any("4.009,13 / 1.005 = 3,99" in r for r in rumus)


@pytest.mark.book
def test_html_without_a_calculation_fails(built_book: BuildResult) -> None:
    pages = _report_pages(built_book)
    for name in ("bab2_perencanaan.html", "bab3_akuntabilitas.html"):
        html = pages[name]
        assert f'class="{RUMUS}' in html
        removed = re.sub(rf'<div class="{RUMUS}[^"]*">.*?</div>', "", html, count=1, flags=re.S)
        problems = masalah(blok_html(removed), name)
        assert len(problems) == 1, problems
        assert "perhitungan" in problems[0]
