"""What a chapter reads, recorded while it runs (for the chapter cache).

The dataset records every table it hands out (``table:<name>``), the registry
every figure (``figure:<id>``, or ``figure:*`` when a chapter walks all of them),
and other inputs are recorded as ``file:<path>``. In a chapter kernel started
by ``lkjip build`` the records go to the file named by ``$LKJIP_READS`` as they
happen; inside the build process :func:`collect` collects them in memory.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from lkjip import config

ALL_FIGURES = "figure:*"

_collectors: list[set[str]] = []
_written: set[str] = set()
_quiet = [0]


def record(kind: str, name: str) -> None:
    """Record that ``name`` (a table, figure or file) was read."""
    key = f"{kind}:{name}"
    for collector in _collectors:
        collector.add(key)
    target = os.environ.get(config.READS)
    if target and not _quiet[0] and key not in _written:
        _written.add(key)
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(key + "\n")


@contextlib.contextmanager
def collect() -> Iterator[set[str]]:
    """Collect the reads made inside the block (in this process)."""
    found: set[str] = set()
    _collectors.append(found)
    try:
        yield found
    finally:  # by identity: nested collectors may hold equal sets
        del _collectors[next(i for i, c in enumerate(_collectors) if c is found)]


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Do not write reads to the chapter's record inside the block.

    Used while a chapter loads, validates and computes the whole year: the
    validation reads every table, but the chapter depends only on the tables
    and figures it then uses (the build validates everything itself).
    """
    _quiet[0] += 1
    try:
        yield
    finally:
        _quiet[0] -= 1


def read_records(path: Path) -> set[str]:
    """The records a chapter kernel wrote (empty when it read nothing)."""
    if not path.exists():
        return set()
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line}


class RecordingDict(dict):
    """A dict of tables that records every table looked up or walked through."""

    def __init__(self, *args: object, kind: str = "table", **kwargs: object):
        super().__init__(*args, **kwargs)
        self._kind = kind

    def __getitem__(self, key: str):  # noqa: ANN204
        record(self._kind, key)
        return super().__getitem__(key)

    def get(self, key: str, default: object = None):  # noqa: ANN201
        record(self._kind, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        record(self._kind, str(key))
        return super().__contains__(key)

    def _all(self) -> None:
        for key in super().keys():
            record(self._kind, key)

    def __iter__(self):  # noqa: ANN204
        self._all()
        return super().__iter__()

    def keys(self):  # noqa: ANN201
        self._all()
        return super().keys()

    def values(self):  # noqa: ANN201
        self._all()
        return super().values()

    def items(self):  # noqa: ANN201
        self._all()
        return super().items()

    def __reduce__(self):  # noqa: ANN204
        return (_rebuild, (self._kind, dict(super().items())))


class RecordingList(list):
    """Findings about the whole dataset (``warnings``, ``problems``): reading them is
    recorded as ``dataset:<name>``."""

    def __init__(self, items: object = (), name: str = "warnings"):
        super().__init__(items)
        self._name = name

    def _all(self) -> None:
        record("dataset", self._name)

    def __iter__(self):  # noqa: ANN204
        self._all()
        return super().__iter__()

    def __len__(self) -> int:
        self._all()
        return super().__len__()

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        self._all()
        return super().__getitem__(index)

    def __reduce__(self):  # noqa: ANN204
        return (RecordingList, (list(super().__iter__()), self._name))


def _rebuild(kind: str, content: dict) -> RecordingDict:
    return RecordingDict(content, kind=kind)
