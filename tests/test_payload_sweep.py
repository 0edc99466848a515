"""Hostile text in every text a book prints from its data folder (issue: integrity).

Every string column of every table is either free text, which carries the payload of
:mod:`tests.payload` into one book built in HTML and PDF, or a closed vocabulary
(allowed values, identifiers, file names, references, the corrections' addresses),
where validation refuses the payload naming the file and column
(``tests/test_payload_kosakata.py``, no book built). The free text includes
the office's identity (``identitas``: its name is the book's author, in the PDF's
title, header, cover and metadata); cells start with Markdown/MyST block syntax or are
whole-line block syntax; every table's title and description in the metadata carry the
payload too. In the book the payload is literal text: no HTML element, attribute, link
or script, no MyST role, substitution or block, no LaTeX command comes from it. The
HTML is checked in Chromium against the book of the unchanged data (the same elements
on every page, no payload runs, not even from the search page); the PDFs by their text.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from lkjip import paths
from lkjip.assemble.pipeline import build

from . import payload
from .helpers import (
    DATA,
    TAHUN,
    chrome,
    copy_project,
    page_census,
    project_root_env,
)
from .payload import FLAG

pytestmark = pytest.mark.book


def _build_swept(root: Path, *, control: bool = False) -> tuple[Path, dict[str, str]]:
    values = payload.sweep(root / "data", TAHUN, control=control)
    values |= payload.sweep_metadata(root / "data" / "metadata", control=control)
    with project_root_env(root):
        build(TAHUN, pdf_enabled=not control, progress=None)
    return root / "_build" / str(TAHUN), values


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A project whose free-text columns and metadata carry the payload, built in HTML
    and PDF."""
    return _build_swept(copy_project(tmp_path_factory.mktemp("payload")))


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same cells changed with the payload made inert (no markup): what the swept
    book must look like in Chromium (built in HTML only: its PDFs are compared with
    nothing)."""
    book, _ = _build_swept(copy_project(tmp_path_factory.mktemp("kontrol")), control=True)
    return book


def _html(book: Path) -> list[BeautifulSoup]:
    return [
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for page in sorted((book / "html").rglob("*.html"))
    ]


def _text(soup: BeautifulSoup) -> str:
    for tag in soup(["script", "style"]):
        tag.decompose()
    return re.sub(r"\s+", " ", soup.get_text(" "))


def _squash(text: str) -> str:
    """PDF text without what line breaking adds or moves (spaces, hyphens, breaks)."""
    return re.sub(r"[\s\u200b\u00ad-]", "", text)


def test_the_payload_reaches_every_free_text_column_with_data(
    swept: tuple[Path, dict[str, str]],
) -> None:
    _, values = swept
    with_data = set()
    for name, column in payload.swept_columns(DATA / "metadata"):
        path = DATA / str(TAHUN) / f"{name}.csv"
        if not path.is_file():  # a national table: the package's copy
            path = paths.rujukan_dir() / str(TAHUN) / f"{name}.csv"
        if path.is_file():
            rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
            if any((row.get(column) or "").strip() for row in rows):
                with_data.add(f"{name}.{column}")
    assert len(with_data) >= 90
    assert {k for k in values if ":" not in k and not k.startswith("metadata.")} == with_data
    assert "identitas.nama_satker" in values
    assert {k.rsplit(":", 1)[0] for k in values if ":" in k} == {
        f"{t}.{c}" for t, c in payload.LINE_CELLS
    }


def test_html_gets_no_element_link_or_script_from_data(
    swept: tuple[Path, dict[str, str]],
) -> None:
    book, _ = swept
    created = []
    for soup in _html(book):
        for tag in soup.find_all(True):
            created += [(tag.name, a) for a in tag.attrs if a.lower().startswith("on")]
            href = str(tag.get("href", "")).strip().lower()
            if href.startswith("javascript:"):
                created.append((tag.name, href))
            script = (tag.string or "").strip()
            if tag.name == "script" and script.startswith((f"{FLAG}=", "Object.assign(window,")):
                created.append(("script", script))
            if tag.name == "img" and tag.get("src") == "x":
                created.append(("img", "x"))
    assert created == []


def test_html_shows_every_swept_value_literally(swept: tuple[Path, dict[str, str]]) -> None:
    book, values = swept
    text = "\n".join(_text(soup) for soup in _html(book))
    absent = [k for k, v in values.items() if re.sub(r"\s+", " ", v) not in text]
    assert absent == []
    assert "&amp;amp;" not in text and "&lt;img" not in text  # not escaped twice


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_pdf_prints_the_payload_and_runs_no_command(swept: tuple[Path, dict[str, str]]) -> None:
    book, values = swept
    pdfs = sorted((book / "pdf").glob("*.pdf"))
    assert len(pdfs) == 2
    texts = []
    for pdf in pdfs:
        text = _run("pdftotext", str(pdf), "-")
        texts.append(text)
        # the office's name, which holds the payload, heads every page (and the cover)
        assert _squash(payload.PAYLOAD) in _squash(text), pdf.name
        assert _squash(values["identitas.nama_satker"]) in _squash(text), pdf.name
        assert "root:x:0" not in text and "/usr/sbin/nologin" not in text, pdf.name
        raw = pdf.read_bytes()
        assert b"/URI (javascript" not in raw and b"/URI(javascript" not in raw
        info = dict(
            line.split(":", 1) for line in _run("pdfinfo", str(pdf)).splitlines() if ":" in line
        )
        assert info["Author"].strip() == values["identitas.nama_satker"], pdf.name
    # whole-line block syntax in the narratives is printed, not read as MyST
    lines = [v for k, v in values.items() if k.startswith("narasi.teks:")]
    assert [v for v in lines if _squash(v) not in _squash("\n".join(texts))] == []


def _pages(html: Path) -> list[str]:
    """The book's pages (not the redirect to its first page, nor the theme's macros)."""
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if "_static" not in p.parts and 'http-equiv="Refresh"' not in p.read_text("utf-8")
    )


def _search(driver, book: Path, query: str) -> str:
    """Search the book for ``query`` in its search page; the type of the payload flag
    once the results stopped changing."""
    driver.get((book / "html" / "search.html").as_uri() + "?q=" + quote(query))
    results, stable, deadline = -1, 0, time.monotonic() + 30
    while stable < 10 and time.monotonic() < deadline:
        time.sleep(0.2)
        count = driver.execute_script(
            "return window.Search && Search._index ? "
            "document.querySelectorAll('#search-results li').length : -1"
        )
        stable = stable + 1 if count == results and count >= 0 else 0
        results = count
    return str(driver.execute_script(f"return typeof window.{FLAG}"))


def test_in_chromium_no_payload_runs_and_every_page_keeps_its_elements(
    swept: tuple[Path, dict[str, str]], control: Path
) -> None:
    """Chromium builds each page of the swept book with the elements (tables, figures,
    paragraphs, headings, lists, scripts, drawn charts) of the same page of the control
    book, and no payload sets its flag; nor does searching for a data table's hostile
    title."""
    book, values = swept
    expected_html = control / "html"
    assert _pages(book / "html") == _pages(expected_html)
    ran, differ = [], {}
    driver = chrome()
    try:
        for name in _pages(book / "html"):
            hostile = page_census(driver, book / "html" / name, FLAG)
            if hostile.pop("flag") != "undefined":
                ran.append(name)
            expected = page_census(driver, expected_html / name, FLAG)
            assert expected.pop("flag") == "undefined"
            if hostile != expected:
                differ[name] = {k: (v, hostile[k]) for k, v in expected.items() if hostile[k] != v}
            if name == "notebooks/bab3_akuntabilitas.html":  # the census sees the page
                assert expected["table"] >= 20 and expected["drawn"] >= 10, expected
        searched = _search(driver, book, values["metadata.tpi.title"])
    finally:
        driver.quit()
    assert ran == []
    assert differ == {}
    assert searched == "undefined"
