"""What a chapter depends on, judged by content.

A chapter records what it reads while it runs (:mod:`lkjip.data.reads`): figures,
tables, the dataset's findings, files. The cache stores a fingerprint of each of
those at the time the chapter ran; the chapter is reused while every fingerprint is
the same. A fingerprint is a hash of the parsed content, not of the file:

* ``figure:<id>``: the figure's value, display, label, formula, substitution, inputs,
  sources and notes (everything a chapter can print of it);
* ``figure:<prefix>*``: every figure whose id starts with ``prefix`` (``*``: all);
* ``ids:*``: which figures exist (a chapter that selects the figures it owns);
* ``table:<name>``: the table as parsed and corrected, with its line numbers, and its
  metadata;
* ``dataset:warnings`` / ``dataset:problems``: the findings' text;
* ``file:<path>``: the file's bytes.

So a file whose parsed content is unchanged (whitespace, line endings, quoting)
changes nothing, and a changed value changes exactly the figures computed from it.
Fingerprints are taken in the build process, where reading records nothing a chapter
depends on (a chapter's reads go to its own record, :mod:`lkjip.data.reads`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from lkjip.data import snapshot
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Figure, Registry

#: filled after execution (where a figure is shown), so not part of what a chapter read
_PLACEMENT = ("notebook", "cell_id", "url")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _figure(figure: Figure) -> str:
    record = {k: v for k, v in asdict(figure).items() if k not in _PLACEMENT}
    return _sha(json.dumps(record, sort_keys=True, default=str, ensure_ascii=False))


def _figures(reg: Registry, prefix: str) -> str:
    return _sha("\n".join(f"{i} {_figure(reg[i])}" for i in reg.ids(prefix)))


def _table(ds: Dataset, name: str) -> str:
    frame = ds.frames.get(name)
    spec = ds.specs.get(name)
    if frame is None:
        return "tidak ada"
    return _sha(frame.to_csv(index=False, lineterminator="\n") + repr(spec))


def fingerprint(key: str, ds: Dataset, reg: Registry, root: Path) -> str:
    """The current fingerprint of one recorded read."""
    kind, _, name = key.partition(":")
    if kind == "figure":
        if name.endswith("*"):
            return _figures(reg, name[:-1])
        return _figure(reg[name]) if name in reg else "tidak ada"
    if kind == "ids":  # which figures exist (not their values)
        return _sha("\n".join(reg.ids()))
    if kind == "table":
        return _table(ds, name)
    if kind == "dataset":
        return _sha("\n".join(str(f) for f in getattr(ds, name, [])))
    if kind == "file":
        path = root / name
        return ds.sha256(path) if snapshot.is_file(path) else "tidak ada"
    return f"tidak dikenal: {key}"


def fingerprints(keys: Iterable[str], ds: Dataset, reg: Registry, root: Path) -> dict[str, str]:
    return {key: fingerprint(key, ds, reg, root) for key in sorted(set(keys))}
