"""Golden snapshots of the 2023 ``ledger.csv`` and ``reviu.csv``, and their comparison.

``ledger.csv`` and ``reviu.csv`` here are what ``lkjip ledger --tahun 2023`` and the
build write, computed in-process from ``data/`` (no notebook, no build). The ledger's
columns that only a build fills (:data:`BUILD_COLUMNS`: the notebook cell and the HTML
anchor of each figure) are empty there; ``ledger_cells.csv`` holds them, taken from a
built book and checked against the built book by a book-tier test.

``python -m tests.golden`` prints how the current output differs from the snapshots;
``python -m tests.golden --rewrite`` rewrites them on purpose, printing the diff it
accepts (``--book _build/2023`` also rewrites ``ledger_cells.csv`` from that build).
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from lkjip.audit import ledger
from lkjip.audit import reconciliation as reviu
from lkjip.audit.ledger import Keyed
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry

FOLDER = Path(__file__).resolve().parent
LEDGER = "ledger.csv"
REVIU = "reviu.csv"
CELLS = "ledger_cells.csv"
#: the ledger's columns only a book build fills (empty in ``lkjip ledger``'s output)
BUILD_COLUMNS = ("notebook", "cell_id", "url")
CELL_COLUMNS = ("id", *BUILD_COLUMNS)
#: the column that names a row's content in a line about a row added or gone
SHOWN = {LEDGER: "display", REVIU: "status", CELLS: "url"}


def keyed(name: str, rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """A snapshot's rows by key: a ledger by figure id, reviu.csv by its row number
    (zero-padded so the keys sort as numbers)."""
    if name == REVIU:
        return {f"{int(row['no']):05d}": row for row in rows}
    return {row["id"]: row for row in rows}


def read(path: Path) -> dict[str, dict[str, str]]:
    """A snapshot by key (empty when it was never written)."""
    return keyed(path.name, ledger.read_csv(path)) if path.is_file() else {}


def write(ds: Dataset, reg: Registry, folder: Path) -> None:
    """``ledger.csv`` and ``reviu.csv`` of ``ds`` into ``folder``, by the project's own
    writers (the bytes ``lkjip ledger`` and the build write)."""
    ledger.write_csv(reg, folder / LEDGER)
    reviu.write_csv(reviu.rekonsiliasi(ds, reg), folder / REVIU)


def current(ds: Dataset, reg: Registry) -> dict[str, dict[str, dict[str, str]]]:
    """What the snapshots would hold now, by file name."""
    with tempfile.TemporaryDirectory() as tmp:
        write(ds, reg, Path(tmp))
        return {name: read(Path(tmp) / name) for name in (LEDGER, REVIU)}


def differences(name: str, old: Keyed, new: Keyed) -> list[str]:
    """Every difference between two versions of a snapshot, one line per figure and
    column (``id (column): old -> new``; reviu rows named by number and figure id);
    empty when they are equal."""
    columns = sorted({c for rows in (old, new) for row in rows.values() for c in row})
    found = ledger.diff(old, new, columns)
    if not found:
        return []

    def label(key: str) -> str:
        if name != REVIU:
            return key
        row = new.get(key) or old[key]
        return f"no {int(key)} {row['figure_id'] or '(tanpa id)'}"

    lines = ledger.diff_lines(found, old, new, SHOWN[name], every_column=True, name=label)
    return [f"{name}: {lines[0]}", *lines[1:]]


def compare(ds: Dataset, reg: Registry, folder: Path = FOLDER) -> list[str]:
    """The differences of the current output from the snapshots in ``folder``."""
    now = current(ds, reg)
    return [
        line
        for name in (LEDGER, REVIU)
        for line in differences(name, read(folder / name), now[name])
    ]


def cells(built_ledger: Path) -> dict[str, dict[str, str]]:
    """The build-only columns of a built book's ledger.csv, by figure id."""
    return {fid: {c: row[c] for c in CELL_COLUMNS} for fid, row in read(built_ledger).items()}


def write_cells(rows: Keyed, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CELL_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[fid] for fid in sorted(rows))
