"""The 2023 ledger.csv and reviu.csv equal their golden snapshots (tests/golden/).

A difference fails with every changed figure and column, old -> new. When the change is
intended, ``make golden`` (``python -m tests.golden --rewrite``) rewrites the snapshots
and prints the diff it accepts, for the commit.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lkjip.audit.figures import compute_all
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.figures.registry import Registry

from . import golden
from .helpers import TAHUN

if TYPE_CHECKING:
    from lkjip.assemble.pipeline import BuildResult

REWRITE = "if the change is intended: make golden (python -m tests.golden --rewrite)"


def _fail_on(lines: list[str]) -> None:
    if lines:
        pytest.fail("\n".join([*lines, REWRITE]), pytrace=False)


def test_ledger_and_reviu_equal_their_snapshots(ds2023: Dataset, reg2023: Registry) -> None:
    _fail_on(golden.compare(ds2023, reg2023))


def _set(path: Path, key: str, name: str, values: dict[str, str]) -> None:
    """Write ``values`` into the one row of a CSV whose ``key`` column is ``name``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    [row] = [r for r in rows if r[key] == name]
    row.update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_one_changed_figure_is_reported_alone_with_old_and_new_values(data_copy: Path) -> None:
    """The hall's area is an input no other figure uses, printed once in the report. Changed
    in the data and in its transcription alike (so the reconciliation's counts stay), it is
    the one figure the ledger's comparison names, and its row the one reviu.csv names."""
    before = golden.read(golden.FOLDER / golden.LEDGER)["fasilitas.aula"]["value"]
    after = str(int(before) + 1)
    year = data_copy / str(TAHUN)
    _set(year / "fasilitas.csv", "fasilitas", "Aula", {"luas_m2": after})
    _set(
        year / "publikasi.csv",
        "figure_id",
        "fasilitas.aula",
        {"teks": f"{after} M2", "nilai": after},
    )
    ds = load_dataset(TAHUN, data_copy)
    lines = golden.compare(ds, compute_all(ds))
    [row] = [
        r
        for r in golden.read(golden.FOLDER / golden.REVIU).values()
        if r["figure_id"] == "fasilitas.aula"
    ]
    assert lines == [
        "ledger.csv: Berubah: 1, baru: 0, hilang: 0.",
        f"  ~ fasilitas.aula (display): {before} -> {after}",
        f"  ~ fasilitas.aula (value): {before} -> {after}",
        "reviu.csv: Berubah: 1, baru: 0, hilang: 0.",
        f"  ~ no {row['no']} fasilitas.aula (dihitung): {before} -> {after}",
        f"  ~ no {row['no']} fasilitas.aula (dipublikasikan): {before} M2 -> {after} M2",
    ]


def test_a_snapshot_never_written_shows_every_row_as_new(tmp_path: Path) -> None:
    now = {"a.b": {"id": "a.b", "value": "1", "display": "1"}}
    assert golden.differences(golden.LEDGER, golden.read(tmp_path / "ledger.csv"), now) == [
        "ledger.csv: Berubah: 0, baru: 1, hilang: 0.",
        "  + a.b: 1",
    ]


def test_the_built_book_writes_the_snapshots(built_book: BuildResult) -> None:
    """The build's ledger.csv and reviu.csv are the in-process snapshots, and the columns
    only a build fills (notebook, cell, url) equal ledger_cells.csv."""
    built = golden.read(built_book.ledger_csv)
    without_cells = {
        fid: {**row, **dict.fromkeys(golden.BUILD_COLUMNS, "")} for fid, row in built.items()
    }
    snapshot = golden.read(golden.FOLDER / golden.LEDGER)
    lines = golden.differences(golden.LEDGER, snapshot, without_cells)
    lines += golden.differences(
        golden.CELLS, golden.read(golden.FOLDER / golden.CELLS), golden.cells(built_book.ledger_csv)
    )
    lines += golden.differences(
        golden.REVIU,
        golden.read(golden.FOLDER / golden.REVIU),
        golden.read(built_book.out_dir / golden.REVIU),
    )
    _fail_on(lines)
