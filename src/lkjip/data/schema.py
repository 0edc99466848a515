"""Types, ranges, allowed values and keys of a table: pandera schemas from the metadata."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from lkjip.data.metadata import ColumnSpec, TableSpec
from lkjip.data.reading import (
    CANONICAL,
    LINE,
    TYPE_TEXT,
    RawTable,
    number_problem,
    number_text,
)
from lkjip.errors import Problem


def _range_text(col: ColumnSpec) -> str:
    if col.min is not None and col.max is not None:
        return f"harus antara {number_text(col.min)} dan {number_text(col.max)}"
    if col.min is not None:
        return f"tidak boleh kurang dari {number_text(col.min)}"
    return f"tidak boleh lebih dari {number_text(col.max)}"


def _is_iso_date(series: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(series, format="%Y-%m-%d", errors="coerce")
    return parsed.notna() | series.isna()


def _year_check(spec: TableSpec, tahun: int) -> pa.Check | None:
    if spec.year_scope == "current":
        return pa.Check.eq(tahun, error=f"tahun harus {tahun} (data tahun laporan)")
    if spec.year_scope == "history":
        return pa.Check.le(tahun, error=f"tahun tidak boleh lebih dari tahun laporan {tahun}")
    if spec.year_scope == "plan":
        return pa.Check.isin(
            [tahun, tahun + 1], error=f"tahun harus {tahun} atau {tahun + 1} (perjanjian kinerja)"
        )
    return None


def may_be_empty(spec: TableSpec, col: ColumnSpec) -> bool:
    """Whether the schema accepts an empty cell in ``col``: a nullable column, or a fact
    of a table filled cell by cell (``fill_by_cell``, outside its key), whose empty
    required cells are missing facts reported by :func:`lkjip.data.rules.missing_cells`
    (validation, strict build) and accepted by the workbook import."""
    return col.nullable or (spec.fill_by_cell and col.name not in spec.primary_key)


def build_schema(spec: TableSpec, tahun: int) -> pa.DataFrameSchema:
    """The pandera schema of one table for the report year ``tahun``."""
    columns = {}
    for col in spec.columns:
        checks = []
        if col.exclusive_min and col.min is not None:
            checks.append(
                pa.Check.gt(
                    col.min,
                    error=f"harus lebih dari {number_text(col.min)} (nilai ini menjadi pembagi)",
                )
            )
            if col.max is not None:
                checks.append(pa.Check.le(col.max, error=_range_text(col)))
        elif col.min is not None or col.max is not None:
            low = col.min if col.min is not None else float("-inf")
            high = col.max if col.max is not None else float("inf")
            checks.append(pa.Check.in_range(low, high, error=_range_text(col)))
        if col.allowed is not None:
            checks.append(
                pa.Check.isin(
                    list(col.allowed), error="harus salah satu dari: " + ", ".join(col.allowed)
                )
            )
        if col.type == "date":
            checks.append(pa.Check(_is_iso_date, error="harus tanggal dengan format YYYY-MM-DD"))
        if col.name == "tahun":
            year_check = _year_check(spec, tahun)
            if year_check is not None:
                checks.append(year_check)
        columns[col.name] = pa.Column(
            _DTYPES[col.type], checks=checks, nullable=may_be_empty(spec, col), coerce=True
        )
    columns[LINE] = pa.Column(int)
    return pa.DataFrameSchema(
        columns,
        unique=list(spec.primary_key) or None,
        report_duplicates="all",
        strict=True,
    )


def _failure_text(spec: TableSpec, column: str | None, check: str) -> str:
    if check.startswith("coerce_dtype") or check.startswith("dtype("):
        return TYPE_TEXT[spec.column(column).type] if column in spec.column_names else check
    if check == "not_nullable":
        return "tidak boleh kosong"
    if check in ("field_uniqueness", "multiple_fields_uniqueness", "unique"):
        return "kunci ganda: kombinasi " + ", ".join(spec.primary_key) + " sudah ada di baris lain"
    return check


def validate_types(raw: RawTable, tahun: int) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Coerce and check ``raw`` with pandera. Returns the typed frame when clean.

    Numbers must be in canonical CSV form (``3.99``, ``20578348000``); Indonesian
    forms (``3,99``, ``Rp.20.578.348.000``, ``99,00%``) are reported with the value
    to write instead, and the cell is not checked again by the schema.
    """
    spec = raw.spec
    frame = raw.frame.copy()
    problems: list[Problem] = []
    rejected: set[tuple[str, int]] = set()
    for col in spec.columns:
        if col.type not in CANONICAL:
            continue
        for index, value in frame[col.name].items():
            reason = number_problem(col, value) if isinstance(value, str) else None
            if reason:
                problems.append(
                    Problem(raw.display, int(frame.at[index, LINE]), col.name, value, reason)
                )
                rejected.add((col.name, int(index)))
                frame.at[index, col.name] = None
    schema = build_schema(spec, tahun)
    try:
        typed = schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        found = _problems_from_failures(raw, exc.failure_cases, rejected)
        return None, problems + found
    if problems:
        return None, problems
    return typed, []


def _problems_from_failures(
    raw: RawTable, cases: pd.DataFrame, rejected: set[tuple[str, int]] = frozenset()
) -> list[Problem]:
    spec = raw.spec
    problems: list[Problem] = []
    seen: set[tuple] = set()
    coerce_failed = {
        (row.column, row.index)
        for row in cases.itertuples()
        if str(row.check).startswith("coerce_dtype")
    }
    unconverted = {col for col, _ in coerce_failed}
    for row in cases.itertuples():
        check = str(row.check)
        column = row.column if isinstance(row.column, str) else None
        index = row.index
        if check.startswith("dtype(") and (column, index) in coerce_failed:
            continue  # already reported as a failed conversion
        if column in unconverted and (index is None or pd.isna(index)):
            continue  # a check that could not run on a column that failed to convert
        if column == LINE:
            continue
        if index is not None and not pd.isna(index) and (column, int(index)) in rejected:
            continue  # already reported as a number in the wrong format
        line = None
        value = None
        if index is not None and not pd.isna(index) and int(index) in raw.frame.index:
            line = int(raw.frame.at[int(index), LINE])
            if column in spec.column_names:
                value = _text(raw.frame.at[int(index), column])
        if column is None or column not in spec.column_names:
            column = None
            if check in ("field_uniqueness", "multiple_fields_uniqueness", "unique"):
                column = ", ".join(spec.primary_key)
        if value is None and check != "not_nullable" and row.failure_case is not None:
            value = None if pd.isna(row.failure_case) else str(row.failure_case)
        unique = check in ("field_uniqueness", "multiple_fields_uniqueness", "unique")
        if unique:
            column = ", ".join(spec.primary_key)
            value = ", ".join(_text(raw.frame.at[int(index), c]) or "" for c in spec.primary_key)
        key = (line, column, check)
        if key in seen:
            continue
        seen.add(key)
        problems.append(
            Problem(raw.display, line, column, value, _failure_text(spec, column, check))
        )
    return problems


def _text(cell: object) -> str | None:
    """A cell as a message shows it: an empty cell is no value (never ``nan``)."""
    return None if cell is None or (not isinstance(cell, str) and pd.isna(cell)) else str(cell)


_DTYPES = {"integer": "Int64", "number": "float64", "string": str, "date": str}
