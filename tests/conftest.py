"""Shared fixtures: the real 2023 data, and writable copies of it for breaking."""

from __future__ import annotations

import fcntl
import os
import pickle
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
    """The 2023 book built once per test run (HTML, both PDFs, ledger) in a copy of the
    project. Only read: a test that changes it takes a copy (``built_project``).

    The xdist workers of a run share it: the first that asks builds it while holding a
    lock in the run's base folder (above each worker's own), the others wait for the lock
    and read the build's result and what it printed (:data:`BUILT_BOOK_OUTPUT`). A failed
    build leaves no result, so the next worker that asks tries again."""
    from lkjip.assemble.pipeline import build

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder = shared / "built-book"
    saved = folder / "result.pickle"
    with (shared / "built-book.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not saved.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            root = copy_project(folder / "proyek")
            output: list[str] = []
            with project_root_env(root):
                result = build(TAHUN, progress=output.append)
            saved.write_bytes(pickle.dumps((result, output)))
        result, output = pickle.loads(saved.read_bytes())
    BUILT_BOOK_OUTPUT[:] = output
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

    Order: ``make test`` runs ``pytest -n N --dist loadfile --no-loadscope-reorder``: a
    test file goes to one xdist worker, so its module fixtures build once and its tests
    run in order (with pytest 9.2 and pytest-xdist 3.8, ``--dist loadgroup`` did not keep
    an ``xdist_group`` on one worker: a module's tests were split and ran out of order).
    Files are put in the order of :func:`_file_order`, the slowest tier first, and xdist
    hands them out in this order (``--no-loadscope-reorder``; by default it sends the
    files with the most tests first: ``tests/test_make_test_order.py``), so the longest
    start at once and the short tests fill the workers' ends."""
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
    items.sort(key=_file_order(items))


def _file_order(items: list[pytest.Item]) -> Callable[[pytest.Item], int]:
    """The order xdist hands out test files in: the book tier first, its files that read
    the shared book (``built_book``) alternating with those that build books of their own,
    then the files of integration tests, then the rest. xdist gives the 1st file to one
    worker and the 2nd to the other (then a worker its next file when at most two tests of
    its files are left), so while one worker builds the shared book the other builds its
    own instead of waiting for it."""
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    shared, own, integration, unit = [], [], [], []
    for name, in_file in files.items():
        if any("built_book" in getattr(i, "fixturenames", ()) for i in in_file):
            shared.append(name)
        elif any(i.get_closest_marker("book") for i in in_file):
            own.append(name)
        elif any(i.get_closest_marker("integration") for i in in_file):
            integration.append(name)
        else:
            unit.append(name)
    alternating = [n for pair in zip(shared, own, strict=False) for n in pair]
    order = alternating + shared[len(own) :] + own[len(shared) :] + integration + unit
    position = {name: index for index, name in enumerate(order)}
    return lambda item: position[item.nodeid.split("::", 1)[0]]


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
