"""A strict build's official edition holds no placeholder.

Where data is missing, a draft prints words that say so: "data belum tersedia" (a box
naming the table to fill, a marked cell, a missing figure or chart), "tabel belum
tersedia" (a reference to a table not printed), "tidak ada baris" / "tidak ada data" (an
empty table or list). In a strict build every such part is refused before it is printed
(validation: an empty required table, a table neither filled nor declared not available,
a missing image; a chapter: a narrative section not written) or declared in data and
printed as a proper sentence (``nihil``: nothing happened; ``tidak_tersedia``: the office
gives its reason). This is the last check, on the staged report pages before
jupyter-book runs (the HTML report pages and the report PDF are made from them): a
placeholder found there is a chapter printing one where it should have refused, and the
strict build stops naming the page and the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nbformat

from lkjip.assemble.references import KATA
from lkjip.chapters.kernel.protocol import REPORT
from lkjip.domain import formatting as fmt
from lkjip.errors import BuildError

#: the words a placeholder prints (lower case; matched ignoring case): exactly what the
#: draft's boxes, marks and replaced references say, so that the office's own prose ("ruang
#: laktasi belum tersedia") is never taken for one
PHRASES = (
    fmt.BELUM_TERSEDIA,  # the box's title, a marked cell or figure: "[data belum tersedia]"
    *KATA.values(),  # a reference to a table or figure not printed
    "rujukan belum tersedia",
    "bagian ini belum dapat disusun",  # the box without a table
    "data belum lengkap",  # the draft's banner
    "tidak ada baris",  # an empty table
    "(tidak ada data)",  # an empty list
)
_PATTERN = re.compile("|".join(re.escape(p) for p in PHRASES), re.IGNORECASE)


def found_in(text: str) -> list[str]:
    """The placeholder phrases in ``text`` (lower case, each once, in order)."""
    return list(dict.fromkeys(m.group(0).lower() for m in _PATTERN.finditer(text)))


def _texts(notebook: nbformat.NotebookNode) -> Iterator[str]:
    """The Markdown and HTML a report page shows: its Markdown cells and every displayed
    or glued Markdown or HTML output (code is not shown in the report)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            yield cell.source
        for output in cell.get("outputs", []) or []:
            for mime, value in (output.get("data") or {}).items():
                if mime.endswith(("text/markdown", "text/html")):
                    yield "".join(value) if isinstance(value, list) else value


def report_pages(src: Path) -> list[Path]:
    """The staged report chapters (the official edition's pages)."""
    return [src / "notebooks" / f"{chapter}.ipynb" for chapter in REPORT]


def found(src: Path) -> dict[str, list[str]]:
    """Report page (relative to ``src``) -> the placeholder phrases it shows."""
    out: dict[str, list[str]] = {}
    for path in report_pages(src):
        if not path.is_file():
            continue
        notebook = nbformat.read(path, as_version=4)
        phrases = found_in("\n".join(_texts(notebook)))
        if phrases:
            out[path.relative_to(src).as_posix()] = phrases
    return out


def check(src: Path, draft: bool) -> None:
    """A strict build stops when a staged report page shows a placeholder (a draft may)."""
    if draft:
        return
    pages = found(src)
    if pages:
        named = "; ".join(
            f"{page}: {', '.join(repr(p) for p in phrases)}" for page, phrases in pages.items()
        )
        raise BuildError(
            "laporan resmi memuat tanda data belum tersedia (build resmi tidak mencetaknya): "
            f"{named}. Isi data bagian itu, atau nyatakan di tabel tidak_tersedia bila "
            "tabelnya dapat dinyatakan tidak tersedia; bila datanya lengkap, bab itu keliru "
            "mencetak tanda ini"
        )
