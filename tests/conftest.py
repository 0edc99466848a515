"""Shared fixtures: the real 2023 data, and writable copies of it for breaking."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

# imported now, not at the first validation: its first import runs a subprocess
# (ctypes.util.find_library, through hypothesis and trio), which the unit-tier check
# (_unit_tier_is_unit) would lay on whichever unit test validates data first
import pandera.backends.pandas.builtin_checks  # noqa: F401
import pytest
from openpyxl import Workbook
from openpyxl.reader.excel import ExcelReader

from lkjip import config, paths
from lkjip.audit.figures import compute_all
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.figures.registry import Registry
from lkjip.newyear.workbook import export

from .helpers import (
    BUILT_BOOK_OUTPUT,
    DATA,
    ROOT,
    TAHUN,
    copy_built_project,
    copy_project,
    project_root_env,
)


@pytest.fixture(scope="session")
def ds2023() -> Dataset:
    return load_dataset(TAHUN, DATA)


@pytest.fixture(scope="session")
def reg2023(ds2023: Dataset) -> Registry:
    return compute_all(ds2023)


@pytest.fixture()
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of data/ (metadata and the 2023 folder), in a project of its own
    (``LKJIP_ROOT``; a data folder must be inside the project)."""
    monkeypatch.setenv(config.ROOT, str(tmp_path))
    shutil.copy2(ROOT / "parameters.yml", tmp_path / "parameters.yml")
    target = tmp_path / "data"
    shutil.copytree(DATA / "metadata", target / "metadata")
    shutil.copytree(DATA / str(TAHUN), target / str(TAHUN))
    return target


@pytest.fixture()
def rujukan_copy(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the package's national reference tables (``lkjip/rujukan``),
    outside the project as in an installed package, used in place of the package's."""
    target = tmp_path_factory.mktemp("site-packages") / "lkjip" / paths.RUJUKAN
    shutil.copytree(paths.rujukan_dir(), target)
    monkeypatch.setattr(paths, "rujukan_dir", lambda: target)
    return target


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workbook of the project's 2023 data, exported once per session. Only read:
    a test that edits a workbook copies it first."""
    return export(TAHUN, tmp_path_factory.mktemp("ekspor") / "buku.xlsx", DATA)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory):
    """The 2023 book built once (HTML, both PDFs, ledger) in a copy of the project."""
    from lkjip.assemble.pipeline import build

    root = copy_project(tmp_path_factory.mktemp("proyek"))
    with project_root_env(root):
        result = build(TAHUN, progress=BUILT_BOOK_OUTPUT.append)
    return result


@pytest.fixture()
def built_project(built_book, tmp_path: Path) -> Path:
    """A copy of the project of ``built_book``, its build and caches included, for tests
    that change a built Bandung project (no cold build of their own)."""
    return copy_built_project(built_book.out_dir, tmp_path / "proyek")


#: the test tiers (pyproject.toml markers), fastest first; every test is in exactly one
TIERS = ("unit", "integration", "book")
#: fixtures of whole copies of data (or of the exported workbook): a test that uses one
#: is in the integration tier, marked or not
INTEGRATION_FIXTURES = frozenset({"data_copy", "rujukan_copy", "exported"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put every test in one tier, the book tier first.

    Tiers: ``book``: marked so, or uses the built book. ``integration``: marked so (a
    module's ``pytestmark`` or the test's own mark), or uses a copy of the data
    (:data:`INTEGRATION_FIXTURES`), and not ``book``. ``unit``: every other test (marked
    here; a unit test must not say so itself). Select one with ``-m unit``,
    ``-m "integration and not book"`` or ``-m book``.

    Order: ``make test`` runs ``pytest -n N --dist loadfile``: a test file goes to one
    xdist worker, so its module fixtures build once and its tests run in order (with
    pytest 9.2 and pytest-xdist 3.8, ``--dist loadgroup`` did not keep an
    ``xdist_group`` on one worker: a module's tests were split and ran out of order).
    The book tier is put first, the users of the shared book before the rest: xdist
    hands out files in this order, so the longest start at once and the short tests
    fill the workers' ends."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "built_book" in fixtures:
            item.add_marker(pytest.mark.book)
        elif fixtures & INTEGRATION_FIXTURES:
            item.add_marker(pytest.mark.integration)
        marks = {mark.name for mark in item.iter_markers()}
        if "unit" in marks:
            raise pytest.UsageError(
                f"{item.nodeid}: the unit tier is every test not marked integration or book; "
                "do not mark it"
            )
        if not marks & set(TIERS):
            item.add_marker(pytest.mark.unit)
    items.sort(
        key=lambda item: (
            item.get_closest_marker("book") is None,
            "built_book" not in getattr(item, "fixturenames", ()),
        )
    )


@pytest.fixture(autouse=True)
def _unit_tier_is_unit(request: pytest.FixtureRequest) -> Iterator[None]:
    """A unit test runs no subprocess (so no build) and reads or writes no workbook: it
    fails if it does, with a message that says to mark it ``integration``."""
    if request.node.get_closest_marker("unit") is None:
        yield
        return

    def refuse(what: str) -> Callable[..., None]:
        def refused(*_args: object, **_kwargs: object) -> None:
            raise AssertionError(
                f"a unit test {what}: mark it (or its module) pytest.mark.integration "
                "(tiers: tests/conftest.py)"
            )

        return refused

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "_execute_child", refuse("runs a subprocess"))
        patch.setattr(Workbook, "save", refuse("writes a workbook"))
        patch.setattr(ExcelReader, "read", refuse("reads a workbook"))
        yield
