"""What a chapter reads, recorded while it runs (for the chapter cache).

A chapter's cache entry is only as good as this record, so recording is built into
the objects a chapter reads from, never left to the chapter:

* the dataset records every table it hands out (``table:<name>``: the table, its
  metadata, its problems, whether it is nihil, its corrections), and every other
  field read as a whole (``dataset:<field>``, :class:`RecordsFields`: a field added
  later is recorded without anyone remembering to);
* the registry records every figure (``figure:<id>``, or ``figure:*`` when a chapter
  walks all of them) and its own bookkeeping as a whole (``registry:<field>``);
* every file read through :mod:`lkjip.data.snapshot` is recorded as ``file:<path>``
  (its bytes, or that it is absent) and every folder listed as ``dir:<path>``.

In a chapter kernel started by ``lkjip build`` the records go, as they happen, to the
file the build names in the chapter's ``build`` parameter
(:class:`lkjip.chapters.kernel.protocol.KernelBuild`; the chapter's ``mulai`` calls
:func:`write_to`); inside the build process :func:`collect` collects them in memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

ALL_FIGURES = "figure:*"

_collectors: list[set[str]] = []
_written: set[str] = set()
_quiet = [0]
#: the chapter kernel's record file (:func:`write_to`); None: records are not written
_target: list[str | None] = [None]


def write_to(path: str | Path | None) -> None:
    """Write this process's records to ``path`` from now on (a chapter kernel of a build;
    None: write none)."""
    _target[0] = str(path) if path else None
    _written.clear()


def listening() -> bool:
    """Whether a record would go anywhere (callers skip building a costly key otherwise)."""
    return bool(_collectors) or (bool(_target[0]) and not _quiet[0])


def record(kind: str, name: str) -> None:
    """Record that ``name`` (a table, figure or file) was read."""
    key = f"{kind}:{name}"
    for collector in _collectors:
        collector.add(key)
    target = _target[0]
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

    def __getitem__(self, key: str):
        record(self._kind, key)
        return super().__getitem__(key)

    def get(self, key: str, default: object = None):
        record(self._kind, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        record(self._kind, str(key))
        return super().__contains__(key)

    def _all(self) -> None:
        record(self._kind, "*")  # which keys there are (a walk sees a key added later)
        for key in super().keys():
            record(self._kind, key)

    def __iter__(self):
        self._all()
        return super().__iter__()

    def keys(self):
        self._all()
        return super().keys()

    def values(self):
        self._all()
        return super().values()

    def items(self):
        self._all()
        return super().items()

    def __len__(self) -> int:
        self._all()
        return super().__len__()

    def copy(self):  # a copy reads every table, and still records
        self._all()
        return RecordingDict(super().items(), kind=self._kind)

    def pop(self, key: str, *default: object):
        record(self._kind, key)
        return super().pop(key, *default)

    def setdefault(self, key: str, default: object = None):
        record(self._kind, key)
        return super().setdefault(key, default)

    def __reduce__(self):
        return (_rebuild, (self._kind, dict(super().items())))


class RecordsFields:
    """Reading one of the instance fields named in ``_recorded_fields`` records
    ``<_record_kind>:<field>`` (the field as a whole).

    A class lists the fields that are *not* recorded this way (parameters of the
    chapter key, and fields that record each key themselves); every other field is
    recorded, so a field added later cannot be read unrecorded. The class's own methods
    read a field without recording it through :func:`unrecorded` when they record a
    finer key themselves (one table instead of every problem of the year).
    """

    _recorded_fields: frozenset[str] = frozenset()
    _record_kind = "dataset"

    def __getattribute__(self, name: str):
        cls = type(self)
        if name in cls._recorded_fields:
            record(cls._record_kind, name)
        return object.__getattribute__(self, name)


def recorded_fields(cls: type, exempt: set[str]) -> frozenset[str]:
    """The dataclass fields of ``cls`` reading records, all but ``exempt``."""
    import dataclasses

    names = {f.name for f in dataclasses.fields(cls)}
    unknown = exempt - names
    if unknown:
        raise TypeError(f"{cls.__name__}: no such fields {sorted(unknown)}")
    return frozenset(names - exempt)


def unrecorded(obj: object, name: str):
    """``obj.<name>`` without recording it (the caller records what it uses)."""
    return object.__getattribute__(obj, name)


def _rebuild(kind: str, content: dict) -> RecordingDict:
    return RecordingDict(content, kind=kind)
