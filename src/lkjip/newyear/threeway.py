"""Which sheets an import writes: each table's sheet, its CSV and the fingerprint the
workbook was exported with (:mod:`lkjip.newyear.fingerprint`), compared three ways.

* sheet and CSV hold the same rows: nothing to do (:data:`SAME`);
* the sheet is as exported, or as last imported into this table: the CSV is kept,
  whatever happened to it since (:data:`KEEP`; the CSV changed when it differs from
  the sheet; a missing CSV stays missing);
* the sheet changed since the export: it is written (:data:`WRITE`) unless that would
  undo a change made to the CSV since the export (:data:`CONFLICT`): a CSV row added or
  changed since the export that the sheet does not hold, a row removed from the CSV
  since the export that the sheet still holds, or CSV lines that cannot be read. A CSV
  change the sheet holds too (the same workbook imported, edited again and imported
  again) is no conflict, and a sheet last imported as it is keeps a CSV changed since
  that import, so repeated edit-import cycles on one workbook, with CSV edits between
  them, need no new export. Rows are compared as multisets of row hashes: the
  fingerprint holds hashes, never content; what a conflict names comes from the CSV
  or the sheet.
* no fingerprint for the table (an older version's workbook, one made by hand, a
  fingerprint edited or of another year): the sheet is written only over a CSV
  without rows (or none); over a CSV that has rows it is a conflict.

A conflict is written only when the import is told to overwrite (``--overwrite``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lkjip.errors import Problem
from lkjip.newyear.fingerprint import Content, Mark, Row

SAME = "sama"
KEEP = "tetap"
WRITE = "tulis"
CONFLICT = "bentrok"


@dataclass(frozen=True)
class Lost:
    """A CSV change since the export that writing the sheet would undo."""

    #: "csv": a CSV row (line ``line``) added or changed since the export, not in the sheet;
    #: "kembali": a row removed from the CSV since the export, still in the sheet (row ``line``)
    kind: str
    line: int
    row: Row


@dataclass
class Decision:
    table: str
    action: str
    sheet: Content
    csv: Content
    #: whether the workbook had a fingerprint of this table
    fingerprinted: bool
    lost: list[Lost] = field(default_factory=list)

    @property
    def unreadable(self) -> list[Problem]:
        return self.csv.unreadable


def decide(
    table: str, sheet: Content, csv: Content, mark: Mark | None, last: str | None = None
) -> Decision:
    """What the import does with one table's sheet (``last``: the content hash of the
    sheet last imported into this table, :mod:`lkjip.newyear.imported`)."""
    if csv.exists and not csv.unreadable and sheet.rows == csv.rows:
        return Decision(table, SAME, sheet, csv, mark is not None)
    if sheet.table_hash() in {mark.table_hash if mark else None, last} - {None}:
        return Decision(table, KEEP, sheet, csv, mark is not None)
    if mark is None:
        empty = not csv.rows and not csv.unreadable
        return Decision(table, WRITE if empty else CONFLICT, sheet, csv, False)
    lost = lost_rows(list(mark.row_hashes), sheet, csv)
    action = CONFLICT if lost or csv.unreadable else WRITE
    return Decision(table, action, sheet, csv, True, lost)


def lost_rows(base: list[str], sheet: Content, csv: Content) -> list[Lost]:
    """The CSV's changes since the export (``base``: row hashes then) that the sheet does
    not hold: rows the CSV gained that the sheet lacks, rows the CSV lost that the sheet
    still has."""
    before = Counter(base)
    sheet_hashes, csv_hashes = sheet.row_hashes(), csv.row_hashes()
    now, kept = Counter(csv_hashes), Counter(sheet_hashes)
    gone: Counter[str] = Counter()  # per hash: CSV rows the sheet would drop
    back: Counter[str] = Counter()  # per hash: removed rows the sheet would restore
    for digest in before.keys() | now.keys():
        if now[digest] == before[digest] or kept[digest] == now[digest]:
            continue
        if now[digest] > before[digest] and kept[digest] < now[digest]:
            gone[digest] = min(now[digest] - before[digest], now[digest] - kept[digest])
        elif now[digest] < before[digest] and kept[digest] > now[digest]:
            back[digest] = min(before[digest] - now[digest], kept[digest] - now[digest])
    lost = []
    for index in reversed(range(len(csv.rows))):  # the last copies are the new ones
        digest = csv_hashes[index]
        if gone[digest] > 0:
            gone[digest] -= 1
            lost.append(Lost("csv", csv.lines[index], csv.rows[index]))
    for index in reversed(range(len(sheet.rows))):
        digest = sheet_hashes[index]
        if back[digest] > 0:
            back[digest] -= 1
            lost.append(Lost("kembali", sheet.lines[index], sheet.rows[index]))
    return sorted(lost, key=lambda item: (item.kind, item.line))
