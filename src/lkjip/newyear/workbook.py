"""The Excel route: a workbook template per year, and importing it back to CSV.

One sheet per table (header row, then the rows), a ``README`` sheet in
Indonesian with every table's description and column rules, and drop-down
lists where a column has allowed values. Every cell is written as a text cell
(a text starting with ``=`` is never a formula) and text columns are formatted
as Text down to the prepared rows, so that exporting a year and importing it
back gives byte-identical CSVs; numbers an analyst types are read back in the
CSV rules' machine format.

The import is all or nothing: the workbook's sheet names and each sheet's real
extent are checked first, streaming, before it is loaded (:mod:`lkjip.newyear.shape`:
an unknown or renamed sheet, a far stray cell), then every sheet is read and checked
(:mod:`lkjip.newyear.sheets`: formulas, merged cells, numbers in identifier
columns, then the CSV rules), and only when no sheet has a problem are the tables
written, into a staged copy of the year folder swapped in at once
(:mod:`lkjip.newyear.yearswap`). A table whose content is unchanged keeps its
file as it is.

No entered cell is lost: the export keeps a fingerprint of every table in a hidden
sheet (:mod:`lkjip.newyear.fingerprint`); the import writes only the sheets changed
since the export, keeps a CSV changed since the export whose sheet was not, and
refuses (naming tables and rows) a sheet that would undo a change made to its CSV
since the export, unless told to overwrite (:mod:`lkjip.newyear.threeway`). It
reports its changes row by row (:mod:`lkjip.newyear.report`).
"""

from __future__ import annotations

import contextlib
import csv
import gc
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lkjip import paths
from lkjip.data import national
from lkjip.data.metadata import ColumnSpec, TableSpec, load_catalog
from lkjip.data.reading import read_csv
from lkjip.data.rules import check_table_rules
from lkjip.data.schema import validate_types
from lkjip.errors import DataInvalid, Problem, UserError
from lkjip.newyear import apply, fingerprint, shape
from lkjip.newyear.report import ImportReport
from lkjip.newyear.sheets import Sheet, open_workbook, read_sheet

README = shape.README
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
#: rows prepared for data validation below the header
VALIDATION_ROWS = 2000


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
        "semua kesalahan dilaporkan sekaligus dengan nama lembar, baris dan kolom. "
        "Hanya lembar yang Anda ubah yang ditulis; CSV yang berubah sesudah buku kerja ini "
        "dibuat tidak pernah ditimpa tanpa --overwrite. Untuk itu lembar tersembunyi "
        f"{fingerprint.SHEET} "
        "menyimpan sidik isi setiap tabel saat ekspor: jangan dihapus atau diubah.",
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
    last = sheet.max_row
    for index, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(50, len(col.name) + 4))
        for row in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
            for cell in row:
                cell.number_format = "@"
        if col.type == "string" or col.identifier is not None:
            # what is typed into an empty row of a text column stays text
            sheet.column_dimensions[letter].number_format = "@"
        if col.identifier is not None:
            # and an identifier cell is text in every prepared row (a NIP is no number)
            for row in range(last + 1, VALIDATION_ROWS + 1):
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


def _as_text(book: Workbook) -> None:
    """Every text cell stays text: openpyxl would store a text starting with ``=`` as a
    formula (a ``HYPERLINK`` from the data would become a live link)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"


def export(tahun: int, out: Path, data_dir: Path | None = None) -> Path:
    """Write the workbook of ``tahun`` (its current CSVs, or headers only).

    Written to a temporary file beside ``out`` and renamed, so ``out`` is either the
    complete new workbook or what it was before; the temporary file never stays.
    """
    data_dir = data_dir or paths.data_dir()
    if out.is_dir():
        raise UserError(f"--out {out} adalah folder; sebutkan nama berkas .xlsx")
    catalog = load_catalog(paths.metadata_dir(data_dir))
    # national reference tables the package ships for the year are no sheets
    specs = national.sheet_tables(catalog, tahun)
    folder = paths.year_dir(data_dir, tahun)
    book = Workbook()
    _readme(book.active, specs, tahun)
    book.active.insert_rows(2)  # the README says so under its title
    book.active["A2"] = national.workbook_note(catalog, tahun)
    book.active.title = README
    for name, spec in specs.items():
        _table_sheet(book.create_sheet(name[:31]), spec, folder / spec.file_name)
    fingerprint.attach(book, specs, tahun, folder, shape.sheet_name)
    _as_text(book)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    failure: OSError | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        book.save(tmp)
        os.replace(tmp, out)
    except OSError as exc:
        # an environment failure (full disk, no permission): exit 1, naming the workbook
        failure = type(exc)(exc.errno, exc.strerror, str(out))
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    if failure is not None:
        del book  # (the failed writer is garbage only once the exception is gone)
        _collect_quietly()
        raise failure
    return out


def _collect_quietly() -> None:
    """openpyxl's writer leaves suspended generators after a failed save; collected at
    exit they retry the write and print "Exception ignored ... Traceback": collect
    them now, without that noise."""
    hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def import_(
    workbook: Path, tahun: int, data_dir: Path | None = None, overwrite: bool = False
) -> list[str]:
    """The tables :func:`import_report` wrote, sorted."""
    return import_report(workbook, tahun, data_dir, overwrite).changed


def import_report(
    workbook: Path, tahun: int, data_dir: Path | None = None, overwrite: bool = False
) -> ImportReport:
    """Write the sheets the workbook changed as the CSVs of ``tahun``, after checking
    every sheet, and say what changed.

    Raises DataInvalid (all problems, named by sheet, row and column; an unknown sheet;
    a sheet reaching far beyond its table, found before the workbook is loaded:
    :mod:`lkjip.newyear.shape`) and then writes nothing; ImportConflict (a UserError)
    when a changed sheet would undo changes made to its CSV since the export and
    ``overwrite`` is not set (:mod:`lkjip.newyear.threeway`), naming tables and rows,
    nothing written; UserError when the workbook cannot be read or the year folder
    cannot be written (then too nothing changes).
    """
    data_dir = data_dir or paths.data_dir()
    catalog = load_catalog(paths.metadata_dir(data_dir))
    extents = shape.check(workbook, catalog)
    book = open_workbook(workbook)
    # a sheet of a national table the package ships is refused (never an override)
    specs = national.sheet_tables(catalog, tahun)
    problems: list[Problem] = national.sheet_refusals(book.sheetnames, catalog, tahun, workbook)
    marks, why = fingerprint.read(book, tahun)
    checked = Path(tempfile.mkdtemp(prefix="lkjip-import-"))
    try:
        tables: dict[str, Path] = {}
        contents: dict[str, fingerprint.Content] = {}
        for name, spec in specs.items():
            title = shape.sheet_name(name)
            if title not in book.sheetnames:
                continue
            extent = extents.get(title, shape.Extent(0, 0))
            where = f"{workbook.name}, lembar {title}"
            sheet = read_sheet(book[title], spec, where, (extent.rows, extent.columns))
            problems.extend(sheet.problems)
            path = checked / spec.file_name
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(sheet.header)
                writer.writerows(texts for _, texts in sheet.rows)
            problems.extend(_table_problems(spec, path, sheet, tahun))
            tables[name] = path
            contents[name] = fingerprint.content(spec, path, _excel_rows(sheet))
        if problems:
            raise DataInvalid(problems)
        # (the file writer is looked up now: tests replace it)
        return apply.write_sheets(
            workbook, tahun, data_dir, specs, tables, contents, marks, why, overwrite, _replace_file
        )
    finally:
        shutil.rmtree(checked, ignore_errors=True)


def _excel_rows(sheet: Sheet) -> dict[int, int]:
    """The CSV line each Excel row of ``sheet`` starts on -> that Excel row."""
    lines, line = {}, 2
    for number, texts in sheet.rows:
        lines[line] = number
        line += 1 + sum(len(_BREAK.findall(text)) for text in texts)
    return lines


def _table_problems(spec: TableSpec, path: Path, sheet: Sheet, tahun: int) -> list[Problem]:
    """The CSV rules on the sheet's table, named by sheet and Excel row."""
    raw, problems = read_csv(spec, path)
    if raw is not None:
        typed, type_problems = validate_types(raw, tahun)
        problems = problems + type_problems
        if typed is not None:
            # a workbook filled in part imports; completeness is for validation
            problems += check_table_rules(raw, typed, tahun, complete=False)
    lines = _excel_rows(sheet)
    return [
        Problem(
            f"lembar {spec.name[:31]}",
            lines.get(p.line, p.line) if p.line is not None else None,
            p.column,
            p.value,
            p.rule,
            p.severity,
        )
        for p in problems
    ]


#: a line break as the CSV reader counts lines (a quoted cell may span lines)
_BREAK = re.compile(r"\r\n|\r|\n")


def _replace_file(source: Path, target: Path) -> None:
    """``target`` becomes a new file with the bytes of ``source`` (a hard link or a
    read-only file in the staged copy is replaced, never written through)."""
    if target.is_symlink() or target.exists():
        target.unlink()
    shutil.copyfile(source, target)
