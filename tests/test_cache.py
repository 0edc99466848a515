"""The chapter cache sees the data: a changed value shows up, nothing stale is served,
and a change re-runs exactly the chapters that show what it changed.

One project copy goes through: the session's book (a cold full build, HTML and PDFs,
every chapter run) copied with its caches; an HTML-only build, which runs no chapter; a
rebuild without changes; a rebuild after changing a table only one chapter reads; after a
whitespace-only change; after changing a printed figure of the published report; after
changing a value many chapters use; after changing the office's address; and a rebuild of
the same inputs with the cache deleted, which must give the same chapters and the same
book byte for byte.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lkjip.assemble.cache import ChapterCache
from lkjip.assemble.pdf import EDITIONS
from lkjip.assemble.pipeline import BuildResult, build
from lkjip.audit.provenance import file_sha256
from lkjip.chapters.kernel.protocol import CHAPTERS
from lkjip.render.charts import spec_from_html

from .helpers import TAHUN, copy_built_project, edit_csv, html_files, project_root_env

#: every test here builds a book (the slow tier)
pytestmark = pytest.mark.book


class Project:
    def __init__(self, root: Path):
        self.root = root
        self.last: BuildResult | None = None

    def build(self) -> BuildResult:
        with project_root_env(self.root):
            self.last = build(TAHUN, pdf_enabled=False, progress=None)
        return self.last

    def executed(self) -> list[str]:
        """Chapters that ran in the last build (as the build reports them)."""
        assert self.last is not None
        return list(self.last.executed)

    def cached(self) -> list[str]:
        assert self.last is not None
        return list(self.last.cached)


@pytest.fixture(scope="module")
def proyek(built_book: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    assert list(built_book.executed) == sorted(CHAPTERS)  # cold: every chapter ran
    assert sorted(built_book.typeset) == sorted(EDITIONS)  # and both PDFs were typeset
    yield Project(copy_built_project(built_book.out_dir, tmp_path_factory.mktemp("cache") / "p"))


def ledger_value(result: BuildResult, figure_id: str) -> str:
    with result.ledger_csv.open(encoding="utf-8") as handle:
        return next(row["display"] for row in csv.DictReader(handle) if row["id"] == figure_id)


def test_an_html_only_build_after_a_full_build_runs_no_chapter(proyek: Project) -> None:
    """A chapter runs the same way whether or not the PDF is made (the full build's
    chapters serve the HTML-only build); the PDF step gave each chart its PNG (kept by
    content), so no chart is missing from the PDFs, which the HTML-only build keeps."""
    proyek.build()
    assert proyek.executed() == [] and proyek.cached() == sorted(CHAPTERS)
    assert proyek.last is not None and proyek.last.typeset == ()
    cache = proyek.root / "_build" / ".cache" / str(TAHUN)
    specs = set()
    for chapter in CHAPTERS:
        notebook = json.loads((cache / chapter / "bab.ipynb").read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                for key, value in output.get("data", {}).items():
                    text = value if isinstance(value, str) else "".join(value)
                    spec = spec_from_html(text) if key.endswith("text/html") else None
                    assert not key.endswith("image/png") or spec is None
                    if spec is not None:
                        specs.add(json.dumps(spec, sort_keys=True))
    assert len(specs) > 10  # the book's charts, none carrying a PNG
    assert len(list((cache / "pdf" / "png").glob("*.png"))) == len(specs)
    pdfs = sorted((proyek.last.out_dir / "pdf").glob("*.pdf"))
    assert len(pdfs) == len(EDITIONS)
    for path in pdfs:
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "<grafik" not in text  # a chart without its PNG prints its text form


def test_no_change_runs_nothing(proyek: Project) -> None:
    result = proyek.build()
    assert result.unchanged
    assert proyek.executed() == [] and proyek.cached() == []


def test_without_the_shortcut_every_chapter_comes_from_the_cache(proyek: Project) -> None:
    """Even when the whole pipeline runs (build key removed), no chapter executes."""
    (proyek.root / "_build" / str(TAHUN) / "build-key.txt").unlink()
    proyek.build()
    assert proyek.executed() == []
    assert proyek.cached() == sorted(CHAPTERS)


def test_a_table_read_by_one_chapter_reruns_that_chapter(proyek: Project) -> None:
    """sejarah.csv is shown by BAB I only (the stamp page is written by the build)."""
    path = proyek.root / "data" / str(TAHUN) / "sejarah.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Dinas Imigrasi", "Dinas Imigrasi (diuji)", 1), encoding="utf-8")
    result = proyek.build()
    assert proyek.executed() == ["bab1_pendahuluan"]
    page = (result.out_dir / "html" / "notebooks" / "bab1_pendahuluan.html").read_text("utf-8")
    assert "Dinas Imigrasi (diuji)" in page
    stamp = (result.out_dir / "html" / "kertas_kerja" / "cap.html").read_text("utf-8")
    digest = file_sha256(path)  # the stamp lists the new file (in two halves)
    assert f"{digest[:32]} {digest[32:]}" in stamp


def test_a_whitespace_only_change_runs_nothing(proyek: Project) -> None:
    path = proyek.root / "data" / str(TAHUN) / "pnbp.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = proyek.build()
    assert not result.unchanged  # the file changed ...
    assert proyek.executed() == []  # ... its parsed content did not


def test_a_published_figure_change_runs_only_the_reviu_chapters(proyek: Project) -> None:
    path = proyek.root / "data" / str(TAHUN) / "publikasi.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    row = next(r for r in rows if r[4] == "123,35%")  # the Ikhtisar's mean capaian
    row[4], row[5] = "123,36%", "123.36"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = proyek.build()
    # the reconciliation and the Kertas Kerja Reviu built from it; no chapter of the report
    assert sorted(proyek.executed()) == ["kertas_kerja_reviu", "reviu"]
    assert b"123,36%" in html_files(result.out_dir)["notebooks/reviu.html"]


def test_a_changed_value_runs_the_chapters_that_show_it(proyek: Project) -> None:
    before = _ledger(proyek.last)
    cache = ChapterCache(proyek.root / "_build" / ".cache" / str(TAHUN), proyek.root)
    reads = {c: set(cache.reads(c)) for c in CHAPTERS}
    path = proyek.root / "data" / str(TAHUN) / "pnbp_target.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("33775450000", "40000000000"), encoding="utf-8"
    )
    result = proyek.build()
    after = _ledger(result)
    changed = {i for i in after if before.get(i) != after[i]}
    assert "pnbp.target" in changed and "pnbp.capaian" in changed
    # the chapters that showed a changed figure (or walk them all), from what they read
    shows = {
        c
        for c in CHAPTERS
        if "figure:*" in reads[c] or any(f"figure:{i}" in reads[c] for i in changed)
    }
    assert proyek.executed() == sorted(shows)
    assert {"ikhtisar", "bab3_akuntabilitas", "bab4_penutup"} <= shows
    assert not {"sampul", "kata_pengantar", "bab1_pendahuluan", "lampiran"} & shows
    assert ledger_value(result, "pnbp.target") == "Rp40.000.000.000"
    pages = html_files(result.out_dir)
    assert b"Rp40.000.000.000" in pages["notebooks/bab3_akuntabilitas.html"]
    assert b"Rp33.775.450.000" not in pages["notebooks/bab3_akuntabilitas.html"]
    assert b"Rp40.000.000.000" in pages["notebooks/ikhtisar.html"]


def _ledger(result: BuildResult | None) -> dict[str, tuple[str, str]]:
    assert result is not None
    with result.ledger_csv.open(encoding="utf-8") as handle:
        return {r["id"]: (r["value"], r["substituted"]) for r in csv.DictReader(handle)}


def test_a_filled_identity_cell_reruns_the_chapters_that_print_it(proyek: Project) -> None:
    """Each identity fact is read as its own cell: the address re-runs the chapters that
    read the address (BAB I prints it), not every chapter that prints the office's name."""
    cache = ChapterCache(proyek.root / "_build" / ".cache" / str(TAHUN), proyek.root)
    reads = {c: set(cache.reads(c)) for c in CHAPTERS}
    readers = {c for c in CHAPTERS if reads[c] & {"cell:identitas.alamat", "table:identitas"}}
    assert readers == {"bab1_pendahuluan"}
    assert {c for c in CHAPTERS if "cell:identitas.nama_satker" in reads[c]} > readers
    path = proyek.root / "data" / str(TAHUN) / "identitas.csv"
    edit_csv(path, "Jl. Surapati No.82", "Jl. Surapati No.82 (alamat diuji)")
    result = proyek.build()
    assert proyek.executed() == sorted(readers)
    shown = {
        name
        for name, page in html_files(result.out_dir).items()
        if name.endswith(".html") and b"Jl. Surapati No.82 (alamat diuji)" in page
    }
    # BAB I, and the table's data page, which the build writes itself (not a chapter)
    assert shown == {"notebooks/bab1_pendahuluan.html", "kertas_kerja/data/identitas.html"}


def _executed(cache: Path) -> dict[str, bytes]:
    return {c: (cache / c / "bab.ipynb").read_bytes() for c in CHAPTERS}


def test_deleting_the_cache_gives_the_same_book(proyek: Project) -> None:
    """After all the edits above, every chapter the cache kept is what a cold build makes:
    byte for byte, its executed notebook and the HTML."""
    book = proyek.root / "_build" / str(TAHUN)
    before_notebooks = _executed(proyek.root / "_build" / ".cache" / str(TAHUN))
    before_html = html_files(book)
    before_ledger = (book / "ledger.csv").read_bytes()
    before_reviu = (book / "reviu.csv").read_bytes()
    shutil.rmtree(proyek.root / "_build" / ".cache")
    (proyek.root / "_build" / str(TAHUN) / "build-key.txt").unlink()
    result = proyek.build()
    assert proyek.executed() == sorted(CHAPTERS)
    stale = _executed(proyek.root / "_build" / ".cache" / str(TAHUN))
    assert [c for c in CHAPTERS if stale[c] != before_notebooks[c]] == []
    assert result.ledger_csv.read_bytes() == before_ledger
    assert (result.out_dir / "reviu.csv").read_bytes() == before_reviu
    after_html = html_files(result.out_dir)
    assert after_html.keys() == before_html.keys()
    assert [name for name in after_html if after_html[name] != before_html[name]] == []
