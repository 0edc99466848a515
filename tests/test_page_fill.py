"""Pages of the official PDF are not left half empty (issue 28): a chart that does not fit
the rest of a page floats to the top of the next while the text fills this one.

A page is measured by the lowest inked row of its text block (the page drawn by
``pdftoppm`` at low resolution); every page reaches :data:`MIN_FILL` of the text block's
height, except the cover, the last page of a chapter or front-matter part (the page
before one that opens without the running header), the last page of a document of the
Lampiran and the pages of its signed documents (letters set sheet by sheet), full-page
attachments (no page number) and the last page.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pypdf
import pytest

from lkjip.assemble.pipeline import BuildResult

PDF_NAME = "LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-2023.pdf"
#: the least share of the text block's height a page fills
MIN_FILL = 0.6
#: A4 and the PDF's vertical margins (``lkjip.assemble.pdf``: vmargin 2.5 cm), in cm
_PAPER_CM, _MARGIN_CM = 29.7, 2.5
_PGM = re.compile(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s")
_PAGE_NUMBER = re.compile(r"^(\d+|[ivxlc]+)$")


def page_fill(pdf: Path) -> list[float]:
    """Per page, how far down its text block the lowest ink reaches (0 to 1)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", "30", str(pdf), f"{tmp}/p"], check=True)
        files = sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        out = []
        for path in files:
            data = path.read_bytes()
            match = _PGM.match(data)
            assert match is not None
            width, height = int(match[1]), int(match[2])
            pixels = np.frombuffer(data[match.end() : match.end() + width * height], np.uint8)
            pixels = pixels.reshape(height, width)
            top = round(height * _MARGIN_CM / _PAPER_CM)
            bottom = round(height * (_PAPER_CM - _MARGIN_CM) / _PAPER_CM)
            inked = np.nonzero((pixels[top:bottom] < 160).any(axis=1))[0]
            out.append(float(inked[-1] + 1) / (bottom - top) if len(inked) else 0.0)
        return out


def _lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [" ".join(ln.split()) for ln in page.splitlines() if ln.strip()]
        for page in text.split("\f")[:-1]
    ]


def _lampiran_documents(reader: pypdf.PdfReader) -> list[tuple[str, int]]:
    """(title, first page index) of each document of the Lampiran (its outline children)."""
    items = reader.outline
    for n, item in enumerate(items):
        if isinstance(item, list) or " ".join(item.title.split()).lower() != "lampiran":
            continue
        children = items[n + 1] if n + 1 < len(items) and isinstance(items[n + 1], list) else []
        return [
            (" ".join(c.title.split()), reader.get_destination_page_number(c))
            for c in children
            if not isinstance(c, list)
        ]
    return []


def underfilled_pages(pdf: Path) -> list[tuple[int, float]]:
    """(page number in the file, fill) of every page below :data:`MIN_FILL` that no
    exception covers (see the module's docstring)."""
    fill = page_fill(pdf)
    lines = _lines(pdf)
    header = max({p[0] for p in lines if p}, key=lambda h: sum(1 for p in lines if p and p[0] == h))
    opens = {i for i, p in enumerate(lines) if not p or p[0] != header}  # chapter openings
    numbered = {i for i, p in enumerate(lines) if p and _PAGE_NUMBER.match(p[-1])}
    documents = _lampiran_documents(pypdf.PdfReader(pdf))
    starts = opens | {page for _, page in documents}
    letters: set[int] = set()
    for k, (title, first) in enumerate(documents):
        if title.startswith("Perjanjian Kinerja"):
            end = documents[k + 1][1] if k + 1 < len(documents) else len(fill)
            letters |= set(range(first, end))
    exempt = {0, len(fill) - 1} | {i - 1 for i in starts} | letters
    exempt |= set(range(len(fill))) - numbered  # full-page attachments
    return [(i + 1, round(f, 2)) for i, f in enumerate(fill) if f < MIN_FILL and i not in exempt]


@pytest.mark.book
def test_no_page_is_left_half_empty(built_book: BuildResult) -> None:
    path = built_book.out_dir / "pdf" / PDF_NAME
    fill = page_fill(path)
    assert len(fill) > 50 and max(fill) > 0.95  # measured: full pages reach the bottom
    assert underfilled_pages(path) == []
