"""The chapter cache sees the data: a changed value shows up, nothing stale is served.

One project copy goes through: a cold build; a rebuild without changes; a rebuild
after changing a table only one chapter reads; a rebuild after changing a value
many chapters use; and a rebuild of the same inputs with the cache deleted,
which must give the same book byte for byte.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lkjip.assemble.cache import ChapterCache
from lkjip.assemble.pipeline import BuildResult, build
from lkjip.chapters.protocol import CHAPTERS

from .helpers import TAHUN, copy_project, html_files, project_root_env

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
def proyek(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    project = Project(copy_project(tmp_path_factory.mktemp("cache")))
    project.build()
    assert project.executed() == sorted(CHAPTERS)  # cold: every chapter runs
    yield project


def ledger_value(result: BuildResult, figure_id: str) -> str:
    with result.ledger_csv.open(encoding="utf-8") as handle:
        return next(row["display"] for row in csv.DictReader(handle) if row["id"] == figure_id)


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
    """sejarah.csv is read by BAB I only (and by the Reviu's stamp, which lists the
    hash of every input file)."""
    path = proyek.root / "data" / str(TAHUN) / "sejarah.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Dinas Imigrasi", "Dinas Imigrasi (diuji)", 1), encoding="utf-8")
    result = proyek.build()
    assert proyek.executed() == ["bab1_pendahuluan", "reviu"]
    page = (result.out_dir / "html" / "notebooks" / "bab1_pendahuluan.html").read_text("utf-8")
    assert "Dinas Imigrasi (diuji)" in page


def test_a_changed_value_appears_in_html_and_ledger(proyek: Project) -> None:
    path = proyek.root / "data" / str(TAHUN) / "pnbp_target.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("33775450000", "40000000000"), encoding="utf-8"
    )
    chapter_cache = ChapterCache(proyek.root / "_build" / ".cache" / str(TAHUN), proyek.root)
    readers = [c for c in CHAPTERS if f"data/{TAHUN}/pnbp_target.csv" in chapter_cache.reads(c)]
    result = proyek.build()
    # exactly the chapters that read the table (as recorded), and the Reviu's stamp
    assert proyek.executed() == sorted({*readers, "reviu"})
    assert "bab3_akuntabilitas" in readers
    assert "sampul" not in readers and "kata_pengantar" not in readers
    assert ledger_value(result, "pnbp.target") == "Rp40.000.000.000"
    pages = html_files(result.out_dir)
    assert b"Rp40.000.000.000" in pages["notebooks/bab3_akuntabilitas.html"]
    assert b"Rp33.775.450.000" not in pages["notebooks/bab3_akuntabilitas.html"]
    assert b"Rp40.000.000.000" in pages["notebooks/ikhtisar.html"]


def test_deleting_the_cache_gives_the_same_book(proyek: Project) -> None:
    book = proyek.root / "_build" / str(TAHUN)
    before_html = html_files(book)
    before_ledger = (book / "ledger.csv").read_bytes()
    before_reviu = (book / "reviu.csv").read_bytes()
    shutil.rmtree(proyek.root / "_build" / ".cache")
    (proyek.root / "_build" / str(TAHUN) / "build-key.txt").unlink()
    result = proyek.build()
    assert proyek.executed() == sorted(CHAPTERS)
    assert result.ledger_csv.read_bytes() == before_ledger
    assert (result.out_dir / "reviu.csv").read_bytes() == before_reviu
    after_html = html_files(result.out_dir)
    assert after_html.keys() == before_html.keys()
    assert [name for name in after_html if after_html[name] != before_html[name]] == []
