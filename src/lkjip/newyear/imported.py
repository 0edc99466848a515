"""The sheet contents last imported, per table of a data folder and year.

A workbook's fingerprint (:mod:`lkjip.newyear.fingerprint`) says what its sheets held
at the export; it is never rewritten (the workbook is the analyst's file, perhaps open
in Excel). So after an import, a sheet that was imported differs from its fingerprint
for good, and a CSV change made after that import would look like a conflict the next
time the same workbook is imported. This record closes that gap: after a successful
import, the content hash of every sheet that the CSV now equals is kept, and a sheet
whose content is the one last imported carries no new edit: its CSV is kept
(:mod:`lkjip.newyear.threeway`).

The record is machinery, not data: a JSON file beside the data lock, in the build
folder of the data folder (``_build/.impor-<tahun>.json`` for ``data/``), never in
the data folder. Written only after the year folder was swapped in; a record that is
missing, unreadable or cannot be written only makes the import more cautious (a
conflict to resolve), never loses a cell.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path

from lkjip.data.locking import lock_file
from lkjip.data.writing import atomic_text

FORMAT = 1


def record_file(data_dir: Path, tahun: int) -> Path:
    lock = lock_file(data_dir, tahun)
    return lock.with_name(lock.name.replace(".lock-data-", ".impor-") + ".json")


def last_imported(data_dir: Path, tahun: int) -> dict[str, str]:
    """Table -> the content hash of the sheet last imported into it (none when unknown)."""
    path = record_file(data_dir, tahun)
    with contextlib.suppress(OSError, ValueError):
        found = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(found, dict) and found.get("format") == FORMAT:
            tables = found.get("tabel")
            if isinstance(tables, dict):
                return {str(k): str(v) for k, v in tables.items()}
    return {}


def remember(data_dir: Path, tahun: int, hashes: Mapping[str, str]) -> str | None:
    """Add ``hashes`` (table -> sheet content hash now in its CSV) to the record; why it
    could not be written (Indonesian), or None."""
    if not hashes:
        return None
    tables = {**last_imported(data_dir, tahun), **hashes}
    path = record_file(data_dir, tahun)
    try:
        with atomic_text(path) as handle:
            json.dump({"format": FORMAT, "tabel": dict(sorted(tables.items()))}, handle, indent=1)
            handle.write("\n")
    except OSError as exc:
        return f"catatan impor {path} tidak dapat ditulis ({exc.strerror or exc})"
    return None
