"""Read one year's CSV tables and validate them against their metadata.

Types, ranges, allowed values, nullability, primary keys and the year rule
are checked by pandera schemas generated from ``data/metadata/*.yaml``; the
table-level rules (complete months, sums) and references between tables are
checked here on the typed frames. Every problem is collected, none stops the
run: the caller gets the complete list at once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from lkjip.data.metadata import ColumnSpec, TableSpec
from lkjip.errors import Problem
from lkjip.paths import display_path

#: name of the column carrying the CSV line number of each row
LINE = "baris_sumber"

_DTYPES = {"integer": "Int64", "number": "float64", "string": str, "date": str}


@dataclass
class RawTable:
    """A CSV file read as text: one string per cell, plus the line numbers."""

    spec: TableSpec
    path: Path
    frame: pd.DataFrame  # all columns str/None, plus LINE

    @property
    def display(self) -> str:
        return display_path(self.path)


#: characters that have no place in a table cell (control characters, line breaks)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CANONICAL = {
    "integer": re.compile(r"[+-]?\d+"),
    "number": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"),
}
_INDONESIAN_NUMBER = re.compile(
    r"(?:Rp\.?\s*)?[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?\s*%?|[+-]?\d+,\d+\s*%?"
)


def _decode(data: bytes, shown: str, header_hint: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a CSV file (a UTF-8 byte order mark is dropped), or the problem."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        line_end = data.find(b"\n", exc.start)
        line_bytes = data[line_start : line_end if line_end >= 0 else len(data)]
        text = line_bytes.decode("cp1252", "replace")
        before = data[line_start : exc.start].decode("cp1252", "replace")
        index = before.count(",")
        header = next(csv.reader([header_hint])) if header_hint else []
        column = header[index].strip() if index < len(header) else None
        cell = next(csv.reader([text]), [""])
        value = cell[index].strip() if index < len(cell) else None
        return None, [
            Problem(
                shown,
                line,
                column,
                value,
                f"berkas bukan UTF-8: byte 0x{data[exc.start]:02X} tidak valid (kemungkinan "
                "Windows-1252/ANSI dari Excel); simpan ulang sebagai 'CSV UTF-8'",
            )
        ]


def read_csv(spec: TableSpec, path: Path) -> tuple[RawTable | None, list[Problem]]:
    """Read ``path`` as text. Structural problems (encoding, header, ragged rows) are returned.

    Normalised silently (documented in README): a UTF-8 byte order mark, Windows line
    endings, blank lines, spaces around cells and header names.
    """
    shown = display_path(path)
    data = path.read_bytes()
    first_line = data.split(b"\n", 1)[0].decode("utf-8-sig", "replace")
    text, problems = _decode(data, shown, first_line)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, None, None, None, "berkas kosong (tidak ada baris judul)")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    header: list[str] | None = None
    end = 0  # last physical line of the previous record (a quoted cell may span lines)
    try:
        for record in reader:
            line, end = end + 1, reader.line_num
            if header is None:
                header = [h.strip() for h in record]
                delimiter = _foreign_delimiter(header, spec)
                if delimiter:
                    return None, [
                        Problem(
                            shown,
                            1,
                            None,
                            None,
                            f"pemisah kolom harus koma (,), berkas ini memakai {delimiter}; "
                            "simpan ulang sebagai CSV dengan pemisah koma",
                        )
                    ]
                continue
            if not record or all(not cell.strip() for cell in record):
                continue  # blank line
            if len(record) != len(header):
                hint = (
                    " (angka berkoma desimal? tulis angka dengan titik, mis. 3.98, dan apit "
                    'teks yang memuat koma dengan tanda kutip ")'
                    if len(record) > len(header)
                    else " (baris terpotong?)"
                )
                problems.append(
                    Problem(
                        shown,
                        line,
                        None,
                        None,
                        f"baris berisi {len(record)} kolom, seharusnya {len(header)} "
                        f"sesuai baris judul{hint}",
                    )
                )
                continue
            rows.append([*record, line])
    except csv.Error as exc:
        problems.append(
            Problem(
                shown,
                end + 1,
                None,
                None,
                f"baris tidak dapat dibaca sebagai CSV: {_csv_error_text(str(exc))}",
            )
        )
        return None, problems
    assert header is not None
    expected = spec.column_names
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    for col in missing:
        problems.append(Problem(shown, 1, col, None, "kolom wajib tidak ada di baris judul"))
    for col in unknown:
        problems.append(
            Problem(
                shown,
                1,
                col,
                None,
                "kolom tidak dikenal (tidak ada di metadata tabel " + spec.name + ")",
            )
        )
    if len(set(header)) != len(header):
        problems.append(Problem(shown, 1, None, None, "nama kolom ganda di baris judul"))
    if missing or len(set(header)) != len(header):
        return None, problems
    frame = pd.DataFrame(rows, columns=[*header, LINE], dtype=object)
    frame = frame[[*expected, LINE]]
    for col in expected:
        frame[col] = frame[col].map(
            lambda v: None if v is None or not str(v).strip() else str(v).strip()
        )
    frame[LINE] = frame[LINE].astype(int)
    frame.index = pd.RangeIndex(len(frame))
    problems += _check_cells(spec, shown, frame)
    return RawTable(spec, path, frame), problems


def _csv_error_text(message: str) -> str:
    if "unexpected end of data" in message:
        return "berkas berakhir di dalam tanda kutip (berkas terpotong atau kutip tidak ditutup)"
    if "expected after" in message:
        return (
            "setelah tanda kutip penutup harus ada koma; tanda kutip di dalam teks "
            'ditulis ganda ("")'
        )
    return message


def _foreign_delimiter(header: list[str], spec: TableSpec) -> str | None:
    """The delimiter of a header written with ``;`` or tab instead of commas."""
    if len(header) != 1 or len(spec.columns) == 1:
        return None
    for sign, name in ((";", "titik koma (;)"), ("\t", "tab")):
        if sign in header[0]:
            return name
    return None


def _check_cells(spec: TableSpec, shown: str, frame: pd.DataFrame) -> list[Problem]:
    """Cell text rules: no control characters, strings not too long."""
    problems: list[Problem] = []
    for col in spec.columns:
        for value, line in zip(frame[col.name], frame[LINE], strict=True):
            if not isinstance(value, str):
                continue  # empty cell
            bad = _CONTROL.search(value)
            if bad:
                problems.append(
                    Problem(
                        shown,
                        int(line),
                        col.name,
                        value.encode("unicode_escape").decode("ascii"),
                        f"karakter kendali U+{ord(bad.group()):04X} tidak boleh ada dalam sel "
                        "(termasuk baris baru di dalam sel)",
                    )
                )
            elif col.type == "string" and len(value) > col.max_length:
                problems.append(
                    Problem(
                        shown,
                        int(line),
                        col.name,
                        value,
                        f"teks terlalu panjang ({len(value)} karakter, paling banyak "
                        f"{col.max_length})",
                    )
                )
    return problems


def number_problem(col: ColumnSpec, value: str) -> str | None:
    """Why ``value`` is not a number in canonical CSV form (None when it is)."""
    pattern = _CANONICAL.get(col.type)
    if pattern is None or pattern.fullmatch(value):
        return None
    text = _TYPE_TEXT[col.type]
    if _INDONESIAN_NUMBER.fullmatch(value.strip()):
        digits = re.sub(r"^Rp\.?\s*|\s*%$", "", value.strip()).replace(".", "").replace(",", ".")
        return f"{text}; format angka Indonesia tidak diterima, tulis {digits}"
    return text


def _range_text(col: ColumnSpec) -> str:
    if col.min is not None and col.max is not None:
        return f"harus antara {_num(col.min)} dan {_num(col.max)}"
    if col.min is not None:
        return f"tidak boleh kurang dari {_num(col.min)}"
    return f"tidak boleh lebih dari {_num(col.max)}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


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


def build_schema(spec: TableSpec, tahun: int) -> pa.DataFrameSchema:
    """The pandera schema of one table for the report year ``tahun``."""
    columns = {}
    for col in spec.columns:
        checks = []
        if col.exclusive_min and col.min is not None:
            checks.append(
                pa.Check.gt(
                    col.min, error=f"harus lebih dari {_num(col.min)} (nilai ini menjadi pembagi)"
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
            _DTYPES[col.type], checks=checks, nullable=col.nullable, coerce=True
        )
    columns[LINE] = pa.Column(int)
    return pa.DataFrameSchema(
        columns,
        unique=list(spec.primary_key) or None,
        report_duplicates="all",
        strict=True,
    )


_TYPE_TEXT = {
    "integer": "harus bilangan bulat (tanpa pemisah ribuan)",
    "number": "harus angka dengan titik sebagai pemisah desimal, tanpa pemisah ribuan, Rp atau %",
    "string": "harus teks",
    "date": "harus tanggal dengan format YYYY-MM-DD",
}


def _failure_text(spec: TableSpec, column: str | None, check: str) -> str:
    if check.startswith("coerce_dtype") or check.startswith("dtype("):
        return _TYPE_TEXT[spec.column(column).type] if column in spec.column_names else check
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
        if col.type not in _CANONICAL:
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
                cell = raw.frame.at[int(index), column]
                value = None if cell is None else str(cell)
        if column is None or column not in spec.column_names:
            column = None
            if check in ("field_uniqueness", "multiple_fields_uniqueness", "unique"):
                column = ", ".join(spec.primary_key)
        if value is None and check != "not_nullable" and row.failure_case is not None:
            value = None if pd.isna(row.failure_case) else str(row.failure_case)
        unique = check in ("field_uniqueness", "multiple_fields_uniqueness", "unique")
        if unique:
            column = ", ".join(spec.primary_key)
            value = ", ".join(str(raw.frame.at[int(index), c]) for c in spec.primary_key)
        key = (line, column, check)
        if key in seen:
            continue
        seen.add(key)
        problems.append(
            Problem(raw.display, line, column, value, _failure_text(spec, column, check))
        )
    return problems


def check_table_rules(
    raw: RawTable, typed: pd.DataFrame, tahun: int | None = None
) -> list[Problem]:
    """Table-level rules from the metadata ``checks`` list."""
    problems: list[Problem] = []
    for rule in raw.spec.checks:
        if rule.rule == "current_year_present":
            if tahun is not None and not typed.empty and not (typed["tahun"] == tahun).any():
                problems.append(
                    Problem(
                        raw.display,
                        None,
                        "tahun",
                        None,
                        f"belum ada baris untuk tahun laporan {tahun}",
                    )
                )
            continue
        groups = typed.groupby(list(rule.group_by), sort=True) if rule.group_by else [((), typed)]
        for key, group in groups:
            label = _group_label(rule.group_by, key)
            if rule.rule == "complete_months":
                months = sorted(int(m) for m in group["bulan"])
                missing = sorted(set(range(1, 13)) - set(months))
                if missing:
                    problems.append(
                        Problem(
                            raw.display,
                            None,
                            "bulan",
                            None,
                            f"{label}: bulan {', '.join(map(str, missing))} tidak ada "
                            "(dibutuhkan 12 bulan lengkap)",
                        )
                    )
            elif rule.rule == "sum_equals":
                total = group[rule.column].sum()
                if abs(float(total) - float(rule.value)) > 1e-9:
                    problems.append(
                        Problem(
                            raw.display,
                            None,
                            rule.column,
                            _num(float(total)),
                            f"{label}: jumlah kolom {rule.column} harus {_num(float(rule.value))}",
                        )
                    )
            else:  # pragma: no cover - metadata error
                raise ValueError(f"unknown table rule {rule.rule!r} in {raw.spec.name}")
    return problems


def _group_label(columns: tuple[str, ...], key) -> str:
    if not columns:
        return "seluruh tabel"
    values = key if isinstance(key, tuple) else (key,)
    return ", ".join(f"{c}={v}" for c, v in zip(columns, values, strict=True))


def check_references(
    tables: dict[str, tuple[RawTable, pd.DataFrame]],
) -> list[Problem]:
    """Every ``references: table.column`` value exists in the referenced table."""
    problems: list[Problem] = []
    for raw, typed in tables.values():
        for col in raw.spec.columns:
            if not col.references:
                continue
            target = tables.get(col.reference_table)
            if target is None:
                problems.append(
                    Problem(
                        raw.display,
                        None,
                        col.name,
                        None,
                        f"tabel rujukan {col.reference_table} tidak tersedia",
                    )
                )
                continue
            known = set(target[1][col.reference_column].dropna().astype(str))
            for value, line in zip(typed[col.name], typed[LINE], strict=True):
                if value is None or pd.isna(value):
                    continue
                if str(value) not in known:
                    problems.append(
                        Problem(
                            raw.display,
                            int(line),
                            col.name,
                            str(value),
                            f"tidak ada di tabel {col.reference_table} "
                            f"kolom {col.reference_column}",
                        )
                    )
    return problems
