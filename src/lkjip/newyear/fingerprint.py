"""What a workbook was exported from: a fingerprint of each table, kept in the workbook.

``lkjip export`` (and the workbook ``lkjip init`` makes) adds a hidden, protected
sheet :data:`SHEET` holding, for every table sheet, a hash of the table's content
as exported (its canonical CSV bytes) and one short hash per row. Excel and
LibreOffice keep a hidden sheet and its text cells when they save, so the import
can tell which sheets the analyst changed since the export and which CSV rows
changed since then (:mod:`lkjip.newyear.threeway`). No table's content is stored,
only hashes.

The sheet's layout (all cells text; format :data:`FORMAT`):

* row 1: ``lkjip``, a note, the format, the year, a checksum of the rows below;
* row 2: column titles;
* one row per table: name, row count, ``sha256:`` table hash, then the row hashes
  (:data:`ROW_HASH_CHARS` hex digits each) in cells of :data:`HASHES_PER_CELL`.

A sheet that does not parse, whose checksum does not match (edited by hand) or whose
year is not the import's is no fingerprint: :func:`read` says why, and the import
then decides as for a workbook of an older version (conservatively).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from lkjip.data.metadata import TableSpec
from lkjip.data.reading import LINE, read_csv
from lkjip.errors import Problem

#: the hidden sheet's name (a table name never starts with "_")
SHEET = "_lkjip"
FORMAT = "sidik-1"
#: hex digits of a row's hash: 48 bits, ample to tell the rows of one table apart
ROW_HASH_CHARS = 12
#: row hashes per cell (24,000 characters; Excel keeps at most 32,767 in a cell)
HASHES_PER_CELL = 2000
NOTE = "sidik isi tabel saat ekspor; jangan diubah"

Row = tuple[str, ...]


@dataclass(frozen=True)
class Content:
    """A table's content as the import compares it: each row's texts in the metadata's
    column order (an empty cell is ``""``), where each row is (CSV line or Excel row),
    and what could not be read (a whole file, or lines the reader drops)."""

    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    #: whether the file exists (a missing CSV has no rows)
    exists: bool = True

    def row_hashes(self) -> list[str]:
        return [row_hash(row) for row in self.rows]

    def table_hash(self) -> str:
        return table_hash(self.columns, self.rows)


def content(
    spec: TableSpec,
    path: Path,
    lines: Mapping[int, int] | None = None,
    shown: str | None = None,
) -> Content:
    """The content of the CSV at ``path`` (a missing file: no rows). ``lines``: the CSV
    line -> the line to name (the Excel row of a sheet's staged CSV); ``shown``: the
    file its problems name (a staged copy's file: the year folder's)."""
    columns = tuple(spec.column_names)
    if not path.exists() and not path.is_symlink():
        return Content(columns, exists=False)
    raw, problems = read_csv(spec, path)
    if shown is not None:
        problems = [dataclasses.replace(p, file=shown) for p in problems]
    if raw is None:
        fallback = Problem(shown or str(path), None, None, None, "berkas tidak dapat dibaca")
        return Content(columns, unreadable=problems or [fallback])
    kept = set(raw.frame[LINE])
    # what the workbook cannot hold: a ragged line (reported without a column, left out
    # of the frame) and a column the metadata does not know (reported on the header)
    dropped = [
        p
        for p in problems
        if (p.column is None and p.line and p.line not in kept)
        or (p.line == 1 and p.column is not None and p.column not in columns)
    ]
    rows = [
        tuple("" if v is None or pd.isna(v) else str(v) for v in record)
        for record in raw.frame[list(columns)].itertuples(index=False)
    ]
    found = [int(n) for n in raw.frame[LINE]]
    named = [lines.get(n, n) for n in found] if lines is not None else found
    return Content(columns, rows, named, dropped)


def row_hash(row: Row) -> str:
    text = json.dumps(list(row), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ROW_HASH_CHARS]


def table_hash(columns: tuple[str, ...], rows: list[Row]) -> str:
    """The hash of a table's canonical CSV bytes (header, then rows; ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return "sha256:" + hashlib.sha256(out.getvalue().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Mark:
    """One table's fingerprint: its table hash and its rows' hashes, in order."""

    table_hash: str
    row_hashes: tuple[str, ...]


@dataclass(frozen=True)
class Fingerprint:
    tahun: int
    tables: dict[str, Mark]


def attach(
    book: Workbook,
    specs: Mapping[str, TableSpec],
    tahun: int,
    folder: Path,
    sheet_of: Callable[[str], str],
) -> None:
    """Add the hidden fingerprint sheet for every table that has a sheet in ``book``
    (``sheet_of``: table -> sheet name), from the CSVs in ``folder`` the sheets were
    written from."""
    marks = {}
    for name, spec in specs.items():
        if sheet_of(name) not in book.sheetnames:
            continue
        found = content(spec, folder / spec.file_name)
        # an unreadable CSV was exported as an empty sheet: its fingerprint is that
        marks[name] = Mark(found.table_hash(), tuple(found.row_hashes()))
    rows = _rows(marks)
    sheet = book.create_sheet(SHEET)
    sheet.append(["lkjip", NOTE, FORMAT, str(tahun), _checksum(tahun, rows)])
    for row in rows:
        sheet.append(row)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True  # no password: a guard against typing, not a lock


def _rows(marks: Mapping[str, Mark]) -> list[list[str]]:
    rows = [["tabel", "baris", "sidik_tabel", "sidik_baris"]]
    for name, mark in marks.items():
        joined = [
            "".join(mark.row_hashes[i : i + HASHES_PER_CELL])
            for i in range(0, len(mark.row_hashes), HASHES_PER_CELL)
        ]
        rows.append([name, str(len(mark.row_hashes)), mark.table_hash, *("r:" + j for j in joined)])
    return rows


def _checksum(tahun: int, rows: list[list[str]]) -> str:
    text = json.dumps([FORMAT, str(tahun), rows], ensure_ascii=False)
    return "c:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read(book: Workbook, tahun: int) -> tuple[Fingerprint | None, str | None]:
    """The workbook's fingerprint, or None and why there is none (Indonesian)."""
    if SHEET not in book.sheetnames:
        return None, (
            "buku kerja ini tidak memuat sidik ekspor (lembar tersembunyi "
            f"{SHEET}): dibuat versi lkjip lama, dengan tangan, atau lembar itu dihapus"
        )
    sheet = book[SHEET]
    grid = (
        [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
        if isinstance(sheet, Worksheet)
        else []
    )
    grid = [_trimmed(row) for row in grid]
    broken = (
        None,
        f"lembar {SHEET} (sidik ekspor) rusak atau telah diubah, jadi tidak dipakai",
    )
    if len(grid) < 2 or len(grid[0]) < 5 or grid[0][0] != "lkjip" or grid[0][2] != FORMAT:
        return broken
    rows = grid[1:]
    if grid[0][4] != _checksum(_int(grid[0][3]) or 0, rows):
        return broken
    exported = _int(grid[0][3])
    if exported != tahun:
        return None, (
            f"buku kerja ini diekspor untuk tahun {exported}, bukan {tahun}: sidik ekspornya "
            "tidak berlaku untuk tahun ini"
        )
    tables = {}
    for row in rows[1:]:
        mark = _mark(row)
        if mark is None:
            return broken
        tables[row[0]] = mark
    return Fingerprint(tahun, tables), None


def _trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _mark(row: list[str]) -> Mark | None:
    if len(row) < 3 or _int(row[1]) is None or not row[2].startswith("sha256:"):
        return None
    chunks = row[3:]
    if any(not c.startswith("r:") for c in chunks):
        return None
    joined = "".join(c[2:] for c in chunks)
    count = _int(row[1]) or 0
    if len(joined) != count * ROW_HASH_CHARS:
        return None
    hashes = tuple(joined[i : i + ROW_HASH_CHARS] for i in range(0, len(joined), ROW_HASH_CHARS))
    return Mark(row[2], hashes)
