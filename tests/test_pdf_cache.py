"""Each PDF is typeset again only when its pages changed (issue: rebuild only what a
change touches). A copy of the project of the session's book (a cold build that typeset
both PDFs), with its caches: a change only the working paper shows, then a change the
report shows. The copy is in another folder, so its first build also shows that the
kept work folders moved with the project."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from lkjip.assemble.pdf_cache import PdfCache, source_key
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


def test_an_entry_is_replaced_and_the_work_folder_is_apart(tmp_path: Path) -> None:
    latex = tmp_path / "latex"
    latex.mkdir()
    for name in ("a.pdf", "a.log", "a.aux"):
        (latex / name).write_text(name, encoding="utf-8")
    store = PdfCache(tmp_path / "cache")
    store.put("laporan", "k1", [latex / "a.pdf", latex / "a.log"], {"x": "3"})
    entry = store.get("laporan", "k1", "a")
    assert entry is not None
    assert sorted(p.name for p in entry.iterdir()) == ["a.log", "a.pdf", "halaman.json", "key.txt"]
    assert store.pages("laporan") == {"x": "3"}
    work = store.work("laporan")
    (work / "out").mkdir(parents=True)
    # another key replaces the entry; the edition's work folder is kept whatever the key
    store.put("laporan", "k2", [latex / "a.pdf", latex / "a.log"], {})
    assert store.get("laporan", "k1", "a") is None
    assert store.get("laporan", "k2", "a") is not None
    assert (work / "out").is_dir()
    assert store.work("kertas_kerja") != work


@pytest.fixture(scope="module")
def proyek(built_book: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    assert set(built_book.typeset) == {"laporan", "kertas_kerja"}  # cold: both typeset
    root = copy_built_project(built_book.out_dir, tmp_path_factory.mktemp("pdf-cache") / "p")
    for edition in ("laporan", "kertas_kerja"):  # what the next typesetting starts from
        work = _store(root).work(edition)
        suffixes = {p.suffix for p in _latex(root, edition).iterdir()}
        assert suffixes >= {".aux", ".toc", ".fdb_latexmk"}
        assert (work / "out" / "_build" / ".doctrees" / "environment.pickle").is_file()
        assert (work / "src" / "_toc.yml").is_file()
        assert not (work / ".sedang-dipakai").exists()
    yield root


def _latex(root: Path, edition: str) -> Path:
    """The LaTeX folder of ``edition``'s kept work folder."""
    return _store(root).work(edition) / "out" / "_build" / "latex"


def _store(root: Path) -> PdfCache:
    return PdfCache(root / "_build" / ".cache" / str(TAHUN) / "pdf")


def _build(root: Path) -> BuildResult:
    with project_root_env(root):
        return build(TAHUN, progress=None)


def _pdfs(result: BuildResult) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (result.out_dir / "pdf").glob("*.pdf")}


def _doctree_times(root: Path, work: str) -> dict[str, int]:
    """Modification time of each doctree Sphinx kept in a work folder (``html`` or
    ``pdf/work/<edition>``)."""
    doctrees = root / "_build" / ".cache" / str(TAHUN) / work / "out" / "_build" / ".doctrees"
    return {
        p.relative_to(doctrees).as_posix(): p.stat().st_mtime_ns
        for p in doctrees.rglob("*.doctree")
    }


@pytest.mark.book
def test_a_working_paper_change_typesets_only_the_working_paper(proyek: Path) -> None:
    before = _pdfs(_build_unchanged(proyek))
    path = proyek / "data" / str(TAHUN) / "publikasi.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    row = next(r for r in rows if r[4] == "123,35%")
    row[4], row[5] = "123,36%", "123.36"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    read = {work: _doctree_times(proyek, work) for work in ("html", "pdf/work/kertas_kerja")}
    result = _build(proyek)
    assert sorted(result.executed) == ["kertas_kerja_reviu", "reviu"]
    assert result.typeset == ("kertas_kerja",)
    # the project was copied, work folders included: Sphinx kept its environment there
    # and read again only the pages of the chapters that ran (a page Sphinx reads is
    # pickled anew)
    unchanged = "kertas_kerja/perhitungan_bab1_pendahuluan.doctree"
    for work, times in read.items():
        now = _doctree_times(proyek, work)
        assert now["notebooks/reviu.doctree"] > times["notebooks/reviu.doctree"], work
        assert now[unchanged] == times[unchanged], work
    after = _pdfs(result)
    report = next(n for n in after if not n.startswith("Kertas-Kerja"))
    assert after[report] == before[report]  # the report's PDF, as it was
    paper = next(n for n in after if n.startswith("Kertas-Kerja"))
    assert after[paper] != before[paper]


@pytest.mark.book
def test_a_report_change_typesets_the_report(proyek: Path) -> None:
    # a state LaTeX cannot read (an undefined command in the .aux): the report is then
    # typeset again from nothing, not failed
    aux = next(_latex(proyek, "laporan").glob("*.aux"))
    aux.write_text(aux.read_text(encoding="utf-8") + "\\lkjiprusak\n", encoding="utf-8")
    path = proyek / "data" / str(TAHUN) / "pnbp_target.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("33775450000", "40000000000"), encoding="utf-8"
    )
    result = _build(proyek)
    assert "laporan" in result.typeset
    aux = next(_latex(proyek, "laporan").glob("*.aux"))
    assert "lkjiprusak" not in aux.read_text(encoding="utf-8")
    assert _store(proyek).pages("laporan")  # the pages of the report's numbers, read again
    assert "bab3_akuntabilitas" in result.executed
    assert len(_pdfs(result)) == 2


@pytest.mark.book
def test_the_kept_work_folders_typeset_what_a_fresh_typesetting_does(proyek: Path) -> None:
    """After the changes above, typeset from the kept work folders, both PDFs are what a
    typesetting from nothing makes: page for page the same content streams, fonts and
    links (xdvipdfmx makes the creation date, the document id and the font subset tags
    anew on every run)."""
    kept = _pdfs(_build_unchanged(proyek))
    shutil.rmtree(_store(proyek).folder)
    (proyek / "_build" / str(TAHUN) / "build-key.txt").unlink()
    result = _build(proyek)
    assert set(result.typeset) == {"laporan", "kertas_kerja"}
    fresh = _pdfs(result)
    assert kept.keys() == fresh.keys()
    for name in kept:
        assert _typeset_pages(kept[name]) == _typeset_pages(fresh[name]), name


#: a font subset tag (``ABCDEF+FreeSerif``), random in every xdvipdfmx run
_SUBSET_TAG = re.compile(r"^/[A-Z]{6}\+")


def _typeset_pages(data: bytes) -> list[tuple[bytes, list[str], list[str]]]:
    """Each page's content stream, font names (without subset tags) and link targets."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        contents = page.get_contents()
        fonts = page.get("/Resources", {}).get("/Font", {})
        names = sorted(
            _SUBSET_TAG.sub("/", str(font.get_object().get("/BaseFont"))) for font in fonts.values()
        )
        links = [
            str(annot.get_object().get("/A", annot.get_object().get("/Dest")))
            for annot in page.get("/Annots", []) or []
        ]
        pages.append((b"" if contents is None else contents.get_data(), names, links))
    return pages


def _build_unchanged(root: Path) -> BuildResult:
    """The book as it stands (a build without changes returns it)."""
    result = _build(root)
    assert result.unchanged
    return result
