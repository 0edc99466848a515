"""The Excel route: a workbook template per year, and importing it back to CSV.

One sheet per table (header row, then the rows), a ``README`` sheet in
Indonesian with every table's description and column rules, and drop-down
lists where a column has allowed values. Cells are written as text so that
exporting a year and importing it back gives byte-identical CSVs; numbers an
analyst types are read back in the CSV rules' machine format.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lkjip import paths
from lkjip.data.metadata import ColumnSpec, TableSpec, load_catalog
from lkjip.data.reading import read_csv
from lkjip.data.rules import check_table_rules, identifier_problem
from lkjip.data.schema import validate_types
from lkjip.errors import DataInvalid, Problem

README = "README"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
#: rows prepared for data validation below the header
VALIDATION_ROWS = 2000
#: tables kept as printed, misprints included (corrected through koreksi): the form of
#: their identifiers is checked after corrections by ``lkjip validate``, not on import
PRINTED_AS_IS = frozenset({"pk_penandatangan"})


def _rule(col: ColumnSpec) -> str:
    parts = [
        {
            "integer": "bilangan bulat",
            "number": "angka (titik desimal)",
            "string": "teks",
            "date": "tanggal YYYY-MM-DD",
        }[col.type]
    ]
    if col.min is not None or col.max is not None:
        parts.append(
            f"rentang {col.min if col.min is not None else '…'} sampai "
            f"{col.max if col.max is not None else '…'}"
        )
    if col.allowed:
        parts.append("salah satu dari: " + ", ".join(col.allowed))
    if col.references:
        parts.append(f"harus ada di {col.references}")
    parts.append("boleh kosong" if col.nullable else "wajib diisi")
    return "; ".join(parts)


def _readme(sheet, specs: dict[str, TableSpec], tahun: int) -> None:
    sheet.append([f"Buku kerja data LKjIP tahun {tahun}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        "Isi satu lembar per tabel. Baris 1 adalah judul kolom: jangan diubah.",
        "Angka ditulis dengan titik sebagai pemisah desimal dan tanpa pemisah ribuan "
        "(3.99; 1250000). Rupiah tanpa 'Rp'. Persentase tanpa '%'.",
        "Impor: lkjip import <berkas.xlsx> --tahun <tahun>. Setiap lembar diperiksa; "
        "semua kesalahan dilaporkan sekaligus dengan nama lembar, baris dan kolom.",
        "",
    ):
        sheet.append([line])
    sheet.append(
        [
            "Tabel",
            "Judul",
            "Keterangan",
            "Sumber dalam laporan",
            "Kolom",
            "Satuan",
            "Aturan",
            "Keterangan kolom",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for spec in specs.values():
        for i, col in enumerate(spec.columns):
            sheet.append(
                [
                    spec.name if i == 0 else "",
                    spec.title if i == 0 else "",
                    spec.description if i == 0 else "",
                    spec.source if i == 0 else "",
                    col.name,
                    col.unit or "",
                    _rule(col),
                    col.description,
                ]
            )
    for letter, width in zip("ABCDEFGH", (24, 34, 60, 40, 22, 16, 50, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _table_sheet(sheet, spec: TableSpec, csv_path: Path | None) -> None:
    sheet.append(spec.column_names)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    if csv_path is not None and csv_path.exists():
        raw, _ = read_csv(spec, csv_path)
        if raw is not None:
            for record in raw.frame[spec.column_names].itertuples(index=False):
                sheet.append(["" if v is None or pd.isna(v) else str(v) for v in record])
    for index, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(50, len(col.name) + 4))
        for row in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            for cell in row:
                cell.number_format = "@"
        if col.identifier is not None:
            # an identifier typed into an empty row stays text (a NIP is no number)
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(sheet.max_row + 1, VALIDATION_ROWS + 1):
                sheet.cell(row=row, column=index).number_format = "@"
        if col.allowed:
            formula = '"' + ",".join(col.allowed) + '"'
            if len(formula) <= 255:
                rule = DataValidation(
                    type="list",
                    formula1=formula,
                    allow_blank=col.nullable,
                    showErrorMessage=True,
                    errorTitle="Nilai tidak diizinkan",
                    error="Pilih salah satu nilai dari daftar.",
                )
                rule.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
                sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def export(tahun: int, out: Path, data_dir: Path | None = None) -> Path:
    """Write the workbook of ``tahun`` (its current CSVs, or headers only)."""
    data_dir = data_dir or paths.data_dir()
    specs = load_catalog(paths.metadata_dir(data_dir))
    folder = paths.year_dir(data_dir, tahun)
    book = Workbook()
    _readme(book.active, specs, tahun)
    book.active.title = README
    for name, spec in specs.items():
        _table_sheet(book.create_sheet(name[:31]), spec, folder / spec.file_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def _text(value: object, col: ColumnSpec) -> str:
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
    return str(value).strip()


def import_(workbook: Path, tahun: int, data_dir: Path | None = None) -> list[str]:
    """Write the workbook's sheets as the CSVs of ``tahun`` after checking every sheet.

    Raises DataInvalid (all problems, named by sheet, row and column) and then
    writes nothing. Returns the tables written.
    """
    data_dir = data_dir or paths.data_dir()
    specs = load_catalog(paths.metadata_dir(data_dir))
    book = load_workbook(workbook, read_only=True, data_only=True)
    problems: list[Problem] = []
    staged = Path(tempfile.mkdtemp(prefix=".tmp-import-", dir=data_dir))
    written = []
    try:
        for name, spec in specs.items():
            if name[:31] not in book.sheetnames:
                continue
            rows = list(book[name[:31]].iter_rows(values_only=True))
            if not rows or all(h is None for h in rows[0]):
                rows = [tuple(spec.column_names)]  # an empty sheet is an empty table
            header = [str(h).strip() if h is not None else "" for h in rows[0]]
            path = staged / spec.file_name
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow([h for h in header if h])
                for number, record in enumerate(rows[1:], start=2):
                    cells = list(record[: len(header)])
                    if all(c is None or str(c).strip() == "" for c in cells):
                        continue
                    problems.extend(_identifier_problems(workbook, spec, header, cells, number))
                    writer.writerow(
                        [
                            _text(c, _column(spec, h))
                            for h, c in zip(header, cells, strict=False)
                            if h
                        ]
                    )
            raw, read_problems = read_csv(spec, path)
            problems.extend(_sheet_problems(read_problems, name))
            if raw is None:
                continue
            typed, type_problems = validate_types(raw, tahun)
            problems.extend(_sheet_problems(type_problems, name))
            if typed is not None:
                # a workbook filled in part imports; completeness is for validation
                rules = check_table_rules(raw, typed, tahun, complete=False)
                problems.extend(_sheet_problems(rules, name))
            written.append(name)
        if problems:
            raise DataInvalid(problems)
        folder = paths.year_dir(data_dir, tahun)
        folder.mkdir(parents=True, exist_ok=True)
        for name in written:
            shutil.copyfile(staged / specs[name].file_name, folder / specs[name].file_name)
        return written
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _identifier_problems(
    workbook: Path, spec: TableSpec, header: list[str], cells: list[object], row: int
) -> list[Problem]:
    """Identifier cells must be text cells of the right form (a NIP: 18 digits).

    A number cell has lost its identity already: Excel keeps 15 significant digits, so
    an 18-digit NIP typed as a number comes back as another NIP. It is refused, never
    converted.
    """
    problems = []
    for name, value in zip(header, cells, strict=False):
        if name not in spec.column_names or value is None:
            continue
        col = spec.column(name)
        if col.identifier is None:
            continue
        where = f"{workbook.name}, lembar {spec.name[:31]}"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            problems.append(
                Problem(
                    where,
                    row,
                    name,
                    _text(value, col),
                    f"{name} diketik sebagai angka; format sel sebagai Teks lalu ketik ulang "
                    "(angka panjang berubah di Excel)",
                )
            )
            continue
        rule = identifier_problem(str(value).strip(), col.identifier)
        if rule is not None and not _corrected(spec, name):
            problems.append(Problem(where, row, name, str(value), rule))
    return problems


def _corrected(spec: TableSpec, column: str) -> bool:
    """Printed identifiers may be misprints recorded in koreksi: checked after corrections
    by ``lkjip validate``; the import checks the form only of tables printing no
    signatures (identity and PK signatories keep what was printed)."""
    return spec.name in PRINTED_AS_IS


def _column(spec: TableSpec, name: str) -> ColumnSpec:
    return spec.column(name) if name in spec.column_names else ColumnSpec(name, "string")


def _sheet_problems(problems: list[Problem], sheet: str) -> list[Problem]:
    """Name the workbook sheet instead of the temporary CSV file."""
    return [
        Problem(f"lembar {sheet}", p.line, p.column, p.value, p.rule, p.severity) for p in problems
    ]
