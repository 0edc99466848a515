"""What a workbook holds, checked before it is loaded: its sheet names and each sheet's
real extent, in bounded memory.

openpyxl's full mode keeps every cell of the file and walks a sheet as a grid up to
its farthest cell: one stray cell at XFD1048576 is a grid of 17 billion cells
(MemoryError), a formatted blank cell at AZ60000 costs about 900 MB. So the workbook
is first streamed in read-only mode, row by row (a row is as wide as its own last
cell), and refused (:class:`DataInvalid`, nothing loaded, nothing written) when:

* a sheet is not ``README``, the hidden fingerprint sheet (:mod:`lkjip.newyear.fingerprint`)
  or a table's sheet (a renamed or copied sheet, ``tpi (2)``: its edits would be lost
  silently);
* a cell, even a blank formatted one, lies beyond row :data:`MAX_ROWS` or more than
  :data:`SPARE_COLUMNS` columns right of its table's columns;
* the workbook holds more than :data:`MAX_CELLS` cells.

The scan stops at the first cell beyond a limit, so it reads at most about
``MAX_ROWS`` rows of at most the allowed width. It returns each table sheet's
extent of values, the part the import then reads (:func:`lkjip.newyear.sheets.read_sheet`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.chartsheet import Chartsheet
from openpyxl.utils import get_column_letter

from lkjip.data.metadata import TableSpec
from lkjip.domain.formatting import angka
from lkjip.errors import DataInvalid, Problem
from lkjip.newyear import fingerprint
from lkjip.newyear.sheets import UNREADABLE, open_workbook, unreadable

README = "README"
#: rows a sheet may use: far more than any table (the largest, publikasi, has ~1,250)
MAX_ROWS = 10_000
#: blank columns allowed right of a table (an analyst's notes, formatting)
SPARE_COLUMNS = 26
#: width of the README sheet (its columns: tabel, judul, ... keterangan kolom)
README_COLUMNS = 8
#: width of the fingerprint sheet's first row (its table rows grow by a cell per 2,000 rows)
FINGERPRINT_COLUMNS = 5
#: cells (blank ones included) a workbook may hold: a year's data is some 30,000
MAX_CELLS = 500_000


@dataclass(frozen=True)
class Extent:
    """The part of a sheet that holds values: its last row and last column (0: none)."""

    rows: int
    columns: int


def sheet_name(table: str) -> str:
    """The sheet of a table (Excel allows 31 characters)."""
    return table[:31]


def check(path: Path, specs: dict[str, TableSpec]) -> dict[str, Extent]:
    """The extent of values of each table sheet in the workbook at ``path``, by sheet.

    Raises DataInvalid (unknown sheets, a sheet reaching too far) or UserError (not a
    readable workbook).
    """
    widths = {sheet_name(name): len(spec.columns) for name, spec in specs.items()}
    widths[README] = README_COLUMNS
    widths[fingerprint.SHEET] = FINGERPRINT_COLUMNS
    book = open_workbook(path, read_only=True)
    try:
        problems = [_unknown(path, name, widths) for name in book.sheetnames if name not in widths]
        extents: dict[str, Extent] = {}
        budget = [MAX_CELLS]
        for name in book.sheetnames:
            sheet = book[name]
            if name not in widths or isinstance(sheet, Chartsheet):
                continue
            extent, problem = _scan(sheet, widths[name] + SPARE_COLUMNS, budget, path)
            if problem is not None:
                problems.append(problem)
                break  # the file is refused: reading further costs time for nothing
            extents[name] = extent
    except UNREADABLE as exc:
        raise unreadable(path, exc) from None
    finally:
        book.close()
    if problems:
        raise DataInvalid(problems)
    return extents


def _unknown(path: Path, name: str, widths: dict[str, int]) -> Problem:
    """An unknown sheet: named, with the table it seems to be a copy or rename of."""
    base = re.sub(r"\s*\(\d+\)$", "", name).strip().lower().replace(" ", "_")
    guess = next((known for known in widths if known.lower() == base), None)
    hint = (
        f"tampaknya salinan atau ganti nama lembar '{guess}': pindahkan isinya ke lembar "
        f"'{guess}', lalu hapus lembar ini"
        if guess
        else "kembalikan namanya menjadi nama tabel (lihat lembar README) atau hapus lembar ini"
    )
    return Problem(
        f"{path.name}, lembar {name}",
        None,
        None,
        None,
        "lembar tidak dikenal: isinya tidak akan diimpor dan suntingannya hilang; " + hint,
    )


def _scan(
    sheet: object, width: int, budget: list[int], path: Path
) -> tuple[Extent, Problem | None]:
    """Stream ``sheet``; its extent of values, or the first cell beyond the limits."""
    sheet.reset_dimensions()  # type: ignore[attr-defined]  # (the declared size may lie)
    last_row = last_column = 0
    where = f"{path.name}, lembar {sheet.title}"  # type: ignore[attr-defined]
    # with no declared size, each row is only as wide as its own last cell
    for number, row in enumerate(sheet.iter_rows(), start=1):  # type: ignore[attr-defined]
        if not row:  # a row missing from the file (nothing in it)
            continue
        for cell in row:
            if not isinstance(cell, ReadOnlyCell):
                continue
            if number > MAX_ROWS or cell.column > width:
                return Extent(last_row, last_column), _far(where, cell, width)
            budget[0] -= 1
            if budget[0] < 0:
                rule = (
                    f"buku kerja memuat lebih dari {angka(MAX_CELLS)} sel (termasuk sel kosong "
                    "berformat); data LKjIP jauh lebih kecil: hapus baris dan kolom di luar "
                    "tabel, lalu simpan ulang"
                )
                return Extent(last_row, last_column), Problem(where, number, None, None, rule)
            if cell.value is not None and str(cell.value).strip():
                last_row, last_column = number, max(last_column, cell.column)
    return Extent(last_row, last_column), None


def _far(where: str, cell: ReadOnlyCell, width: int) -> Problem:
    return Problem(
        where,
        cell.row,
        cell.column_letter,
        None,
        f"sel {cell.coordinate} jauh di luar tabel (lembar data hanya boleh memakai "
        f"kolom A sampai {get_column_letter(width)} dan baris 1 sampai {angka(MAX_ROWS)}); "
        "hapus baris dan kolom di luar tabel (pilih, klik kanan, Hapus), lalu simpan ulang",
    )
