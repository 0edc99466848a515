"""Each PDF is typeset again only when its pages changed (issue: rebuild only what a
change touches). A copy of the project of the session's book (a cold build that typeset
both PDFs), with its caches: a change only the working paper shows, then a change the
report shows."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from lkjip.assemble.pdf_cache import source_key
from lkjip.assemble.pipeline import BuildResult, build

from .helpers import TAHUN, copy_built_project, project_root_env


def test_the_key_ignores_run_times_and_html_only_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "notebooks").mkdir(parents=True)
    (src / "book" / "_static").mkdir(parents=True)
    (src / "_toc.yml").write_text("root: notebooks/a\nchapters: []\n", encoding="utf-8")
    cell = {"cell_type": "code", "source": "x", "metadata": {"tags": ["t"]}, "outputs": []}
    page = {"cells": [cell], "metadata": {"papermill": {"duration": 1.0}}}
    (src / "notebooks" / "a.ipynb").write_text(json.dumps(page), encoding="utf-8")
    (src / "notebooks" / "b.ipynb").write_text("{}", encoding="utf-8")  # not in the contents
    (src / "book" / "_static" / "popover.js").write_text("1", encoding="utf-8")
    key = source_key(src)
    page["metadata"]["papermill"]["duration"] = 2.0
    cell["metadata"]["execution"] = {"iopub.status.idle": "now"}
    (src / "notebooks" / "a.ipynb").write_text(json.dumps(page), encoding="utf-8")
    (src / "notebooks" / "b.ipynb").write_text('{"cells": []}', encoding="utf-8")
    (src / "book" / "_static" / "popover.js").write_text("2", encoding="utf-8")
    assert source_key(src) == key
    cell["source"] = "y"
    (src / "notebooks" / "a.ipynb").write_text(json.dumps(page), encoding="utf-8")
    assert source_key(src) != key
    key = source_key(src)
    (src / "book" / "logo.png").write_bytes(b"png")
    assert source_key(src) != key  # an image the PDF may show


@pytest.fixture(scope="module")
def proyek(built_book: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    assert set(built_book.typeset) == {"laporan", "kertas_kerja"}  # cold: both typeset
    yield copy_built_project(built_book.out_dir, tmp_path_factory.mktemp("pdf-cache") / "p")


def _build(root: Path) -> BuildResult:
    with project_root_env(root):
        return build(TAHUN, progress=None)


def _pdfs(result: BuildResult) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (result.out_dir / "pdf").glob("*.pdf")}


@pytest.mark.book
def test_a_working_paper_change_typesets_only_the_working_paper(proyek: Path) -> None:
    before = _pdfs(_build_unchanged(proyek))
    path = proyek / "data" / str(TAHUN) / "publikasi.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    row = next(r for r in rows if r[4] == "123,35%")
    row[4], row[5] = "123,36%", "123.36"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = _build(proyek)
    assert sorted(result.executed) == ["kertas_kerja_reviu", "reviu"]
    assert result.typeset == ("kertas_kerja",)
    after = _pdfs(result)
    report = next(n for n in after if not n.startswith("Kertas-Kerja"))
    assert after[report] == before[report]  # the report's PDF, as it was
    paper = next(n for n in after if n.startswith("Kertas-Kerja"))
    assert after[paper] != before[paper]


@pytest.mark.book
def test_a_report_change_typesets_the_report(proyek: Path) -> None:
    path = proyek / "data" / str(TAHUN) / "pnbp_target.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("33775450000", "40000000000"), encoding="utf-8"
    )
    result = _build(proyek)
    assert "laporan" in result.typeset
    assert "bab3_akuntabilitas" in result.executed
    assert len(_pdfs(result)) == 2


def _build_unchanged(root: Path) -> BuildResult:
    """The book as it stands (a build without changes returns it)."""
    result = _build(root)
    assert result.unchanged
    return result
