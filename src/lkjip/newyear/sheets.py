"""Reading an analyst's workbook safely: the file itself, then each sheet's cells.

The workbook is opened once, in full (not read-only) mode with formulas kept as
formulas, so that formulas, Excel errors and merged cells can be seen and refused;
openpyxl parses its XML with defusedxml (a dependency), so an entity bomb is
refused instead of expanded. Every cell problem is named by sheet, Excel row
number and column; none stops the reading, the caller reports them all at once.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from lkjip.data.metadata import ColumnSpec, TableSpec
from lkjip.data.rules import identifier_problem
from lkjip.errors import Problem, UserError

#: Excel keeps 15 significant digits: a longer number typed into a cell is already changed
EXCEL_DIGITS = 15
#: tables kept as printed, misprints included (corrected through koreksi): the form of
#: their identifiers is checked after corrections by ``lkjip validate``, not on import
PRINTED_AS_IS = frozenset({"pk_penandatangan"})

#: what a broken or hostile file raises inside openpyxl, zipfile and the XML parser
#: (defusedxml's refusals are ValueErrors)
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    EOFError,
)


def open_workbook(path: Path, read_only: bool = False) -> Workbook:
    """The workbook at ``path``, or a UserError saying in Indonesian why it cannot be read.
    ``read_only``: openpyxl's streaming mode (cells are parsed only when iterated)."""
    if path.is_dir():
        raise UserError(f"{path} adalah folder, bukan berkas buku kerja .xlsx")
    if not path.is_file():
        raise UserError(f"buku kerja tidak ditemukan: {path}")
    if not zipfile.is_zipfile(path):
        raise UserError(
            f"{path.name} bukan buku kerja Excel .xlsx (berkas rusak, terpotong, atau berformat "
            "lain); simpan ulang dari Excel sebagai 'Excel Workbook (*.xlsx)'"
        )
    try:
        return load_workbook(path, read_only=read_only, data_only=False)
    except UNREADABLE as exc:
        raise unreadable(path, exc) from None
    except OSError as exc:
        raise UserError(f"{path.name} tidak dapat dibaca: {exc.strerror or exc}") from None


def unreadable(path: Path, exc: BaseException) -> UserError:
    """Why the workbook at ``path`` could not be parsed (``exc``), in Indonesian."""
    if _forbidden_xml(exc):
        return UserError(
            f"{path.name} ditolak: memuat deklarasi entitas XML yang tidak diizinkan "
            "(bentuk serangan 'XML bomb'); buku kerja dari Excel tidak memuatnya"
        )
    return UserError(
        f"{path.name} tidak dapat dibaca sebagai buku kerja Excel .xlsx: berkas rusak, "
        "terpotong, atau berisi XML yang tidak sah; simpan ulang dari Excel sebagai "
        "'Excel Workbook (*.xlsx)'"
    )


def _forbidden_xml(exc: BaseException | None) -> bool:
    """Whether defusedxml refused the XML (somewhere in the chain of ``exc``)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DefusedXmlException):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


@dataclass
class Sheet:
    """A table sheet read as text: the header, the non-empty rows with their Excel row
    numbers, and the problems of its cells."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    problems: list[Problem]


def read_sheet(
    sheet: object, spec: TableSpec, where: str, extent: tuple[int, int] | None = None
) -> Sheet:
    """Header and rows of a table sheet, every cell checked (``where``: how messages name
    it). ``extent``: (rows, columns) holding values (:mod:`lkjip.newyear.shape`); only
    that part is read, never a grid up to a far blank cell."""
    if not isinstance(sheet, Worksheet):
        return Sheet(
            [], [], [Problem(where, None, None, None, "lembar ini bukan lembar data (grafik?)")]
        )
    height, width = extent if extent is not None else (sheet.max_row, sheet.max_column)
    region = sheet.iter_rows(max_row=height, max_col=width) if height and width else ()
    grid = [list(row) for row in region]
    if not grid or all(c.value is None for c in grid[0]):
        return Sheet(list(spec.column_names), [], _merged(sheet, [], where))
    header = [str(c.value).strip() if c.value is not None else "" for c in grid[0]]
    problems = _merged(sheet, header, where)
    rows = []
    for number, cells in enumerate(grid[1:], start=2):
        if all(c.value is None or str(c.value).strip() == "" for c in cells):
            continue
        texts = []
        for index, cell in enumerate(cells):
            name = header[index] if index < len(header) else ""
            if not name:
                if cell.value is not None and str(cell.value).strip():
                    problems.append(
                        Problem(
                            where,
                            number,
                            cell.column_letter,
                            _shown(cell.value),
                            "sel berisi nilai di kolom tanpa judul; hapus atau beri judul kolom",
                        )
                    )
                continue
            col = spec.column(name) if name in spec.column_names else ColumnSpec(name, "string")
            problem = _cell_problem(cell, col, spec, where, number)
            if problem is not None:
                problems.append(problem)
            texts.append(cell_text(cell.value, col))
        texts += [""] * (sum(1 for h in header if h) - len(texts))
        rows.append((number, texts))
    return Sheet([h for h in header if h], rows, problems)


def _merged(sheet: Worksheet, header: list[str], where: str) -> list[Problem]:
    problems = []
    for merged in sheet.merged_cells.ranges:
        index = merged.min_col - 1
        column = header[index] if index < len(header) and header[index] else None
        problems.append(
            Problem(
                where,
                merged.min_row,
                column,
                merged.coord,
                "sel digabung (merge); pisahkan sel gabungan: satu nilai per sel",
            )
        )
    return problems


def _shown(value: object) -> str:
    text = getattr(value, "text", None)  # an array formula
    return str(text if text is not None else value)


def _cell_problem(
    cell: object, col: ColumnSpec, spec: TableSpec, where: str, row: int
) -> Problem | None:
    value = cell.value  # type: ignore[attr-defined]
    kind = cell.data_type  # type: ignore[attr-defined]
    if value is None:
        return None
    if kind == "f":
        return Problem(
            where,
            row,
            col.name,
            _shown(value),
            "sel berisi rumus; ketik nilainya (buku kerja hanya menerima nilai, bukan rumus)",
        )
    if kind == "e":
        rule = "sel berisi galat Excel; ketik nilainya"
        return Problem(where, row, col.name, _shown(value), rule)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if col.identifier is not None:
            return Problem(
                where,
                row,
                col.name,
                cell_text(value, col),
                f"{col.name} diketik sebagai angka; ketik sebagai teks (format sel Teks, lalu "
                f"ketik ulang): Excel menyimpan paling banyak {EXCEL_DIGITS} angka penting, "
                "angka panjang berubah",
            )
        if abs(value) >= 10**EXCEL_DIGITS:
            return Problem(
                where,
                row,
                col.name,
                cell_text(value, col),
                f"angka lebih dari {EXCEL_DIGITS} digit tidak tersimpan utuh di Excel; ketik "
                "sebagai teks (format sel Teks, lalu ketik ulang)",
            )
        return None
    if col.identifier is not None and spec.name not in PRINTED_AS_IS:
        rule = identifier_problem(str(value).strip(), col.identifier)
        if rule is not None:
            return Problem(where, row, col.name, str(value), rule)
    return None


def cell_text(value: object, col: ColumnSpec) -> str:
    """A workbook cell as CSV text (typed numbers in machine format)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if col.decimals is not None:
            return f"{value:.{col.decimals}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return _shown(value).strip()
