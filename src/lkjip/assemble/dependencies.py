"""What a chapter depends on, judged by content.

A chapter records what it reads while it runs (:mod:`lkjip.data.reads`): figures,
tables, the dataset's other fields, files and folders. The cache stores a fingerprint
of each of those at the time the chapter ran; the chapter is reused while every
fingerprint is the same. A fingerprint is a hash of everything a chapter can print of
what it read, not of the file:

* ``figure:<id>``: the figure's value, display, label, formula, substitution, inputs,
  sources, notes and the tables it was computed from; a figure a draft could not
  compute: the tables of the failed step that would make it (a draft box names them);
* ``figure:<prefix>*``: every figure whose id starts with ``prefix`` (``*``: all);
* ``ids:*``: which figures exist (a chapter that selects the figures it owns);
* ``bab:<chapter>``: which figures the chapter shows the calculation of (their ids);
* ``table:<name>``: the table as parsed and corrected, with its line numbers, as
  published, its metadata, its problems (a draft box prints the first and counts the
  others), whether it is declared nihil and its corrections. A table a draft left out
  (missing, empty or invalid) is still its metadata and its problems, so filling one
  cell of it changes the fingerprint;
* ``table:*``: which tables there are (a chapter that walks them all);
* ``spec:<name>``: the table's metadata alone (a title or description printed);
  ``spec:*``: which tables the catalog has;
* ``cell:<table>.<column>``: one cell of a one-row table (the office's identity): its
  value, or that it is not there; ``known:identitas.<column>``: only whether the
  identity cell is known (the cover's box of missing cells);
* ``dataset:<field>`` / ``registry:<field>``: the field as a whole (the findings'
  text, the corrections, the nihil tables, the draft's failed steps ...);
* ``file:<path>``: the file's bytes (or that it is absent, a folder or refused);
  ``dir:<path>``: the names and kinds of the folder's entries.

So a file whose parsed content is unchanged (whitespace, line endings, quoting)
changes nothing, and a changed value changes exactly the figures computed from it.
A key of a kind not listed here cannot be fingerprinted: its fingerprint starts with
:data:`lkjip.assemble.cache.UNTRUSTED` and the entry is never reused. Fingerprints are
taken in the build process, where reading records nothing a chapter depends on (a
chapter's reads go to its own record, :mod:`lkjip.data.reads`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from lkjip import paths
from lkjip.assemble.cache import UNTRUSTED
from lkjip.data import identity
from lkjip.data.dataset import Dataset
from lkjip.data.reads import unrecorded
from lkjip.data.snapshot import Snapshot
from lkjip.figures.registry import Figure, Registry

#: filled after execution (where a figure is shown), so not part of what a chapter read
_PLACEMENT = ("notebook", "cell_id", "url")
ABSENT = "tidak ada"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: object) -> object:
    """``value`` as JSON-ready data in a stable order (sets sorted, dataclasses as dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda i: str(i[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _hash(value: object) -> str:
    return _sha(json.dumps(_canonical(value), sort_keys=True, ensure_ascii=False, default=str))


def _figure(reg: Registry, figure: Figure) -> str:
    record = {k: v for k, v in dataclasses.asdict(figure).items() if k not in _PLACEMENT}
    record["tables"] = unrecorded(reg, "figure_tables").get(figure.id, frozenset())
    return _hash(record)


def _absent_figure(reg: Registry, figure_id: str) -> str:
    """A figure not computed: which tables a draft names for it."""
    behind = [
        (f.step, f.tables)
        for f in unrecorded(reg, "failed")
        if figure_id == f.step or figure_id.startswith(f.step + ".")
    ]
    return f"{ABSENT} {_hash(behind)}" if behind else ABSENT


def _figures(reg: Registry, prefix: str) -> str:
    return _sha("\n".join(f"{i} {_figure(reg, reg[i])}" for i in reg.ids(prefix)))


def _frame(frame: object) -> str:
    return ABSENT if frame is None else frame.to_csv(index=False, lineterminator="\n")


def table(ds: Dataset, name: str) -> str:
    """Everything a chapter can print of table ``name`` (see the module docstring)."""
    spec = ds.specs.get(name)
    if spec is None and name not in ds.frames:
        return ABSENT
    return _hash(
        {
            "frame": _frame(ds.frames.get(name)),
            "raw": _frame(ds.raw_frames.get(name)),
            "spec": repr(spec),
            "problems": [str(p) for p in ds.problems_of(name)],
            "nihil": ds.is_nihil(name),
            "corrections": ds.corrections_of(name),
        }
    )


def cell(ds: Dataset, key: str) -> str:
    """One cell of a one-row table (:meth:`Dataset.fact`): its value, or that it is not
    there (the table left out of a draft: a chapter that then shows a box reads the
    table's problems, recorded as the table)."""
    name, _, column = key.partition(".")
    frame = ds.frames.get(name)
    if frame is None or column not in frame or frame.empty:
        return ABSENT
    return _hash(str(frame[column].iloc[0]))


def _tables(ds: Dataset) -> str:
    return _hash({kind: sorted(getattr(ds, kind)) for kind in ("paths", "frames", "raw_frames")})


def _field(owner: object, name: str) -> str:
    if name not in type(owner)._recorded_fields:
        return f"{UNTRUSTED} {name}"
    value = unrecorded(owner, name)
    if isinstance(value, Snapshot):  # every file it holds, by content
        value = {str(p): h for p, h in value.hashes().items()} | {
            str(p): reason for p, reason in value.refused().items()
        }
    elif name in ("problems", "warnings"):  # the findings' text
        value = [str(p) for p in value]
    return _hash(value)


def _file(path: Path, files: Snapshot) -> str:
    kind = files.kind(path)
    if kind == "file":
        return files.sha256(path)
    if kind == "refused":
        return f"ditolak: {files.refusal(path)}"
    return kind or ABSENT


def _dir(path: Path, files: Snapshot) -> str:
    if not files.is_dir(path):
        return _file(path, files)
    return _hash([(p.name, files.kind(p)) for p in files.listdir(path)])


def fingerprint(key: str, ds: Dataset, reg: Registry, root: Path) -> str:
    """The current fingerprint of one recorded read (a file as the dataset's snapshot
    holds it)."""
    kind, _, name = key.partition(":")
    if kind == "figure":
        if name.endswith("*"):
            return _figures(reg, name[:-1])
        return _figure(reg, reg[name]) if name in reg else _absent_figure(reg, name)
    if kind == "ids":  # which figures exist (not their values)
        return _sha("\n".join(reg.ids()))
    if kind == "bab":  # which figures a chapter has (not their values)
        return _sha("\n".join(reg.of_bab(name)))
    if kind == "table":
        return _tables(ds) if name == "*" else table(ds, name)
    if kind == "spec":  # a table's metadata (``*``: which tables the catalog has)
        return _hash(sorted(ds.specs) if name == "*" else repr(ds.specs.get(name, ABSENT)))
    if kind == "cell":
        return cell(ds, name)
    if kind == "known" and name.startswith(f"{identity.TABLE}."):
        return str(identity.cell(ds, name.split(".", 1)[1]) is not None)
    if kind == "dataset":
        return _field(ds, name)
    if kind == "registry":
        return _field(reg, name)
    if kind == "file":  # (a name as recorded: project-relative, or lkjip:rujukan/...)
        return _file(paths.source_file(name, root), ds.inputs())
    if kind == "dir":
        return _dir(paths.source_file(name, root), ds.inputs())
    return f"{UNTRUSTED} {key}"


def fingerprints(keys: Iterable[str], ds: Dataset, reg: Registry, root: Path) -> dict[str, str]:
    return {key: fingerprint(key, ds, reg, root) for key in sorted(set(keys))}
