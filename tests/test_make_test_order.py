"""``make test`` hands the test files to the xdist workers in the order of
``tests/conftest.py`` (the book files first, so the longest start at once and the short
files fill the workers' ends), not in xdist's default order (the files with the most
tests first, which sends the book files, with few long tests each, last)."""

from __future__ import annotations

import argparse
import shlex
from types import SimpleNamespace

from xdist import plugin
from xdist.scheduler import LoadFileScheduling

from .helpers import ROOT


def _make_test_args() -> list[str]:
    """The pytest arguments of the ``make test`` recipe."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    recipe = lines[lines.index("test: lint system-deps") + 1]
    return shlex.split(recipe.split("-m pytest", 1)[1])


def _xdist_options(args: list[str]) -> argparse.Namespace:
    """``args`` parsed with xdist's own options (defaults included)."""
    parser = argparse.ArgumentParser()
    group = SimpleNamespace(addoption=parser.add_argument, _addoption=parser.add_argument)
    shim = SimpleNamespace(getgroup=lambda *_a, **_k: group, addini=lambda *_a, **_k: None)
    plugin.pytest_addoption(shim)
    return parser.parse_known_args(args)[0]


class _Worker:
    """A stand-in xdist worker that runs what it is sent, one test at a time."""

    def __init__(self, name: str, handed: list[str], collection: list[str]) -> None:
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.queue: list[int] = []
        self._handed = handed
        self._collection = collection

    def send_runtest_some(self, indexes: list[int]) -> None:
        self._handed.append(self._collection[indexes[0]].split("::")[0])
        self.queue += indexes

    def shutdown(self) -> None:
        self.shutting_down = True


def test_make_test_hands_out_files_in_the_conftest_order() -> None:
    options = _xdist_options(_make_test_args())
    assert options.dist == "loadfile"
    # as conftest orders them: book files of few (long) tests, then files of many
    files = {"book_a.py": 2, "book_b.py": 3, "book_c.py": 1, "unit_a.py": 40, "unit_b.py": 90}
    collection = [f"tests/{name}::t{i}" for name, n in files.items() for i in range(n)]
    config = SimpleNamespace(option=options, getvalue=lambda name: ["popen"] * 2)
    scheduler = LoadFileScheduling(config)
    handed: list[str] = []
    workers = [_Worker(name, handed, collection) for name in ("gw0", "gw1")]
    for worker in workers:
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, collection)
    scheduler.schedule()
    while any(w.queue for w in workers):  # the workers take turns finishing a test
        for worker in workers:
            if worker.queue:
                scheduler.mark_test_complete(worker, worker.queue.pop(0))
    assert handed == [f"tests/{name}" for name in files], handed
