"""Hostile text in every text column of every table (issue: integrity).

Every string column of every table is either free text, which carries the payload of
:mod:`tests.payload` into one book built in HTML and PDF, or a closed vocabulary
(allowed values, identifiers, file names, references, the corrections' addresses),
where validation refuses the payload naming the file and column. In the book the
payload is literal text: no HTML element, attribute, link or script, no MyST role or
substitution, no LaTeX command comes from it.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lkjip.assemble.pipeline import build
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import load_catalog
from lkjip.errors import DataInvalid

from . import payload
from .helpers import DATA, TAHUN, copy_project, project_root_env, set_cell

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A project whose free-text columns carry the payload, built in HTML and PDF."""
    root = copy_project(tmp_path_factory.mktemp("payload"))
    values = payload.sweep(root / "data", TAHUN)
    with project_root_env(root):
        build(TAHUN, progress=None)
    return root / "_build" / str(TAHUN), values


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


def _free() -> set[tuple[str, str]]:
    cols = payload.columns(DATA / "metadata")
    addressing = {(n, c) for n, cs in payload.ADDRESSING.items() for c in cs}
    return {(n, c) for n, cs in cols.items() for c in cs} - addressing


def _closed() -> list[tuple[str, str]]:
    """String columns that are not free text: their values are a vocabulary."""
    specs = load_catalog(DATA / "metadata")
    strings = {(n, c.name) for n, s in specs.items() for c in s.columns if c.type == "string"}
    return sorted(strings - _free())


def test_the_payload_reaches_every_free_text_column_with_data(
    swept: tuple[Path, dict[str, str]],
) -> None:
    _, values = swept
    with_data = set()
    for name, column in _free():
        path = DATA / str(TAHUN) / f"{name}.csv"
        if path.is_file():
            rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
            if any((row.get(column) or "").strip() for row in rows):
                with_data.add(f"{name}.{column}")
    assert len(with_data) >= 90
    assert set(values) == with_data


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
            if tag.name == "script" and (tag.string or "").strip().startswith("alert("):
                created.append(("script", tag.string))
            if tag.name == "img" and tag.get("src") == "x":
                created.append(("img", "x"))
    assert created == []


def test_html_shows_every_swept_value_literally(swept: tuple[Path, dict[str, str]]) -> None:
    book, values = swept
    text = "\n".join(_text(soup) for soup in _html(book))
    absent = [k for k, v in values.items() if re.sub(r"\s+", " ", v) not in text]
    assert absent == []
    assert "&amp;amp;" not in text and "&lt;img" not in text  # not escaped twice


def test_pdf_prints_the_payload_and_runs_no_command(swept: tuple[Path, dict[str, str]]) -> None:
    book, _ = swept
    pdfs = sorted((book / "pdf").glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert _squash(payload.PAYLOAD) in _squash(text), pdf.name  # (the running header)
        assert "root:x:0" not in text
        raw = pdf.read_bytes()
        assert b"/URI (javascript" not in raw and b"/URI(javascript" not in raw


@pytest.mark.parametrize("closed", _closed(), ids=".".join)
def test_a_closed_vocabulary_refuses_the_payload(data_copy: Path, closed: tuple[str, str]) -> None:
    name, column = closed
    path = data_copy / str(TAHUN) / f"{name}.csv"
    if not path.is_file() or len(path.read_text(encoding="utf-8").splitlines()) < 2:
        pytest.skip(f"{name} has no row in {TAHUN}")
    set_cell(f"{name}.csv", 2, column, payload.PAYLOAD)(data_copy / str(TAHUN))
    with pytest.raises(DataInvalid) as caught:
        load_dataset(TAHUN, data_copy)
    assert caught.value.problems, closed
