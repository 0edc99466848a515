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

from lkjip.assemble.pdf_cache import LATEX_STATE, PdfCache, source_key
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


def test_an_entry_keeps_the_latex_state_of_its_run(tmp_path: Path) -> None:
    latex = tmp_path / "latex"
    latex.mkdir()
    for name in ("a.pdf", "a.log", "a.tex", "a.aux", "a.toc", "a.fdb_latexmk", "a.xdv"):
        (latex / name).write_text(name, encoding="utf-8")
    store = PdfCache(tmp_path / "cache")
    assert store.latex_state("laporan") is None
    store.put("laporan", "k1", [latex / "a.pdf", latex / "a.log"], {"x": "3"}, latex)
    state = store.latex_state("laporan")
    assert state is not None
    assert sorted(p.name for p in state.iterdir()) == ["a.aux", "a.fdb_latexmk", "a.toc"]
    assert all(p.suffix in LATEX_STATE for p in state.iterdir())
    assert (state / "a.aux").read_text(encoding="utf-8") == "a.aux"
    # another key replaces the entry and its state; the state is kept whatever the key
    (latex / "a.aux").write_text("baru", encoding="utf-8")
    store.put("laporan", "k2", [latex / "a.pdf", latex / "a.log"], {}, latex)
    assert store.get("laporan", "k1", "a") is None
    assert (store.latex_state("laporan") / "a.aux").read_text(encoding="utf-8") == "baru"
    assert store.latex_state("kertas_kerja") is None


@pytest.fixture(scope="module")
def proyek(built_book: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    assert set(built_book.typeset) == {"laporan", "kertas_kerja"}  # cold: both typeset
    root = copy_built_project(built_book.out_dir, tmp_path_factory.mktemp("pdf-cache") / "p")
    for edition in ("laporan", "kertas_kerja"):  # the state the next typesetting starts from
        state = _store(root).latex_state(edition)
        assert state is not None
        assert {p.suffix for p in state.iterdir()} >= {".aux", ".toc", ".fdb_latexmk"}
    yield root


def _store(root: Path) -> PdfCache:
    return PdfCache(root / "_build" / ".cache" / str(TAHUN) / "pdf")


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
    # a state LaTeX cannot read (an undefined command in the .aux): the report is then
    # typeset again from nothing, not failed
    aux = next(_store(proyek).latex_state("laporan").glob("*.aux"))
    aux.write_text(aux.read_text(encoding="utf-8") + "\\lkjiprusak\n", encoding="utf-8")
    path = proyek / "data" / str(TAHUN) / "pnbp_target.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("33775450000", "40000000000"), encoding="utf-8"
    )
    result = _build(proyek)
    assert "laporan" in result.typeset
    aux = next(_store(proyek).latex_state("laporan").glob("*.aux"))
    assert "lkjiprusak" not in aux.read_text(encoding="utf-8")
    assert _store(proyek).pages("laporan")  # the pages of the report's numbers, read again
    assert "bab3_akuntabilitas" in result.executed
    assert len(_pdfs(result)) == 2


def _build_unchanged(root: Path) -> BuildResult:
    """The book as it stands (a build without changes returns it)."""
    result = _build(root)
    assert result.unchanged
    return result
