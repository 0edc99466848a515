"""What is missing of a year's tables, in words for a draft (which table, which sheet, why).

A draft shows a box where a section cannot be written. The box names the table
to fill, the sheet of the year's Excel workbook that holds it, and the reason
(the first problem the validation found, or that it has no rows yet), so the
analyst knows what to enter. No exception text reaches the book.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lkjip.data.dataset import Dataset

#: Excel limits a sheet name to 31 characters (the workbook cuts table names there)
SHEET_NAME_MAX = 31


def sheet_name(table: str) -> str:
    """The workbook sheet that holds ``table``."""
    return table[:SHEET_NAME_MAX]


def workbook_name(tahun: int) -> str:
    """The file name of the year's workbook (``lkjip init`` and ``lkjip export``)."""
    return f"lkjip-{tahun}.xlsx"


@dataclass(frozen=True)
class Gap:
    """One table a draft section needs and does not have."""

    table: str
    title: str
    sheet: str
    reason: str


def table_gap(ds: Dataset, table: str) -> Gap | None:
    """What is missing of ``table`` (``None`` when it has rows and no problem)."""
    if table not in ds.specs:
        return None
    spec = ds.specs[table]
    problems = ds.problems_of(table)
    if ds.has(table) and not ds.frames[table].empty and (not problems or spec.fill_by_cell):
        return None  # (a cell of a table filled cell by cell is marked where it prints)
    if problems:
        first = problems[0]
        reason = first.rule
        if first.column and first.line is not None:
            reason = f"baris {first.line}, kolom '{first.column}': {reason}"
        elif first.column:
            reason = f"kolom '{first.column}': {reason}"
        if len(problems) > 1:
            reason += f" (dan {len(problems) - 1} masalah lain)"
    else:
        reason = f"belum ada baris untuk tahun {ds.tahun}"
    return Gap(table=table, title=spec.title, sheet=sheet_name(table), reason=reason)


def cells_gap(ds: Dataset, table: str, columns: Iterable[str]) -> Gap:
    """The ``columns`` of a table filled cell by cell (``identitas``) not known yet."""
    reason = "kolom belum diisi: " + ", ".join(columns)
    return Gap(table=table, title=ds.specs[table].title, sheet=sheet_name(table), reason=reason)


def gaps(ds: Dataset, tables: Iterable[str]) -> list[Gap]:
    """The gaps among ``tables``, sorted by table name.

    An empty table the metadata allows to be empty is a gap only when nothing
    else is missing (it is then the likely cause).
    """
    found = [g for t in sorted(set(tables)) if (g := table_gap(ds, t)) is not None]
    strong = [g for g in found if not _allowed_empty(ds, g.table)]
    return strong or found


def incomplete(ds: Dataset, tables: Iterable[str]) -> list[Gap]:
    """``tables`` that have rows, yet not the rows a section needs (e.g. the revised
    budget when only the initial one is entered), as gaps."""
    return [
        Gap(
            table=t,
            title=ds.specs[t].title,
            sheet=sheet_name(t),
            reason=f"belum memuat data yang diperlukan bagian ini untuk tahun {ds.tahun}",
        )
        for t in sorted(set(tables))
        if t in ds.specs
    ]


def _allowed_empty(ds: Dataset, table: str) -> bool:
    return bool(ds.specs[table].allow_empty) and ds.has(table)
