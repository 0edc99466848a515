"""Shared fixtures: the real 2023 data, and writable copies of it for breaking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkjip import config, paths
from lkjip.audit.figures import compute_all
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.figures.registry import Registry

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


#: modules whose tests share a session fixture that is slow to make (the wheel)
SHARED_IN_SESSION = {"test_wheel.py": "wheel"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the built book is in the slow tier, marked or not.

    Under ``pytest -n N --dist loadgroup`` (``make test``) each xdist worker makes its
    own session and module fixtures, so the tests sharing a build run in one worker
    (``xdist_group``): every user of ``built_book`` in group ``built_book``, every other
    book test with the tests of its module (their module fixtures build once, in
    order), the tests of a module in :data:`SHARED_IN_SESSION` in its group. Runs
    before xdist reads the groups (``tryfirst``). The book tier is put first, the
    shared book before the rest: xdist hands out work in this order, so the longest
    groups start at once and the short tests fill the workers' ends."""
    for item in items:
        group = SHARED_IN_SESSION.get(item.path.name)
        if "built_book" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.book)
            group = "built_book"
        elif group is None and item.get_closest_marker("book") is not None:
            group = item.path.name
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
    items.sort(
        key=lambda item: (
            item.get_closest_marker("book") is None,
            "built_book" not in getattr(item, "fixturenames", ()),
        )
    )
