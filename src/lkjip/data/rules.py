"""Table rules (complete months, bobot sums, ...), references between tables, files named."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from lkjip.data.metadata import IDENTIFIERS, TIDAK_DIRINCI, TableCheck, TableSpec
from lkjip.data.reading import (
    LINE,
    RawTable,
    number_text,
)
from lkjip.data.snapshot import DISK, Snapshot
from lkjip.errors import Problem

#: file types a ``file_in`` column may name (images the book can print)
FILE_TYPES = (".png", ".jpg", ".jpeg")


#: rules about a table being complete (not about its values being right)
COMPLETENESS = ("current_year_present", "every_allowed_present", "complete_months")


def check_table_rules(
    raw: RawTable, typed: pd.DataFrame, tahun: int | None = None, *, complete: bool = True
) -> list[Problem]:
    """Table-level rules from the metadata ``checks`` list.

    ``complete=False``: skip the completeness rules (a workbook filled in part is
    imported; validation and a strict build still require a complete year).
    """
    problems: list[Problem] = _undetailed(raw, typed)
    for rule in raw.spec.checks:
        if not complete and rule.rule in COMPLETENESS:
            continue
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
        if rule.rule == "every_allowed_present":
            problems.extend(_every_allowed_present(raw, typed, rule, tahun))
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
                            number_text(float(total)),
                            f"{label}: jumlah kolom {rule.column} harus "
                            f"{number_text(float(rule.value))}",
                        )
                    )
            else:  # pragma: no cover - metadata error
                raise ValueError(f"unknown table rule {rule.rule!r} in {raw.spec.name}")
    return problems


def missing_cells(raw: RawTable) -> list[Problem]:
    """The empty required cells of a table filled cell by cell (``fill_by_cell``): each a
    missing fact, named by line and column. Validation and a strict build refuse them; a
    draft prints the row's other cells and marks these as not yet available; the workbook
    import accepts them (a workbook filled in part)."""
    spec = raw.spec
    if not spec.fill_by_cell:
        return []
    problems = []
    for col in spec.columns:
        if col.nullable or col.name in spec.primary_key:
            continue  # an empty key cell is refused by the schema
        for value, line in zip(raw.frame[col.name], raw.frame[LINE], strict=True):
            if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
                problems.append(
                    Problem(raw.display, int(line), col.name, None, "tidak boleh kosong")
                )
    return problems


def nihil_refusal(spec: TableSpec) -> str | None:
    """Why ``spec`` may not be declared nihil (``None``: it may).

    The one rule deciding which tables "nothing happened this year" can describe: not a
    table the metadata marks ``nihil: false`` (the office and its report, such as
    ``identitas``: they always exist), not a reference table (no ``tahun``: not an event
    of a year).
    """
    if not spec.nihil:
        return (
            f"tabel {spec.name} ({spec.title}) tidak dapat dinyatakan nihil: isinya selalu "
            "ada setiap tahun, bukan kejadian yang bisa tidak terjadi; isi tabel itu dan "
            "hapus baris nihil ini"
        )
    if spec.year_scope == "none":
        return (
            f"tabel {spec.name} ({spec.title}) tidak dapat dinyatakan nihil: tabel rujukan, "
            "bukan kejadian tahun laporan; isi tabel itu dan hapus baris nihil ini"
        )
    return None


def _every_allowed_present(
    raw: RawTable, typed: pd.DataFrame, rule: TableCheck, tahun: int | None
) -> list[Problem]:
    """Each allowed value of ``rule.column`` has a row (for the report year): the sections
    of the report whose text only the office can write."""
    column = str(rule.column)
    rows = typed if tahun is None or "tahun" not in typed else typed[typed["tahun"] == tahun]
    present = set(rows[column].astype(str)) if column in rows else set()
    allowed = raw.spec.column(column).allowed or ()
    year = f" tahun {tahun}" if tahun is not None else ""
    return [
        Problem(
            raw.display,
            None,
            column,
            value,
            f"{column} '{value}' belum berisi teks{year}; uraian kantor untuk bagian laporan "
            "ini wajib diisi",
        )
        for value in allowed
        if value not in present
    ]


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


def check_files(
    raw: RawTable, typed: pd.DataFrame, year_folder: Path, snap: Snapshot = DISK
) -> list[Problem]:
    """Every ``file_in`` value names an existing image file in that subfolder of the year
    (as ``snap`` holds it)."""
    problems: list[Problem] = []
    for col in raw.spec.columns:
        if not col.file_in:
            continue
        folder = year_folder / col.file_in
        for value, line in zip(typed[col.name], typed[LINE], strict=True):
            if value is None or pd.isna(value):
                continue
            name = str(value)
            message = None
            if Path(name).name != name or name in {".", ".."}:
                message = f"tulis nama berkas saja, tanpa folder (berkas ada di {col.file_in}/)"
            elif Path(name).suffix.lower() not in FILE_TYPES:
                message = f"jenis berkas tidak didukung (hanya {', '.join(FILE_TYPES)})"
            elif not snap.is_file(folder / name):
                message = f"berkas tidak ada di folder {col.file_in}/ tahun ini"
            if message:
                problems.append(Problem(raw.display, int(line), col.name, name, message))
    return problems


def undetailed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """Rows that carry a total without its breakdown (a column says "tidak dirinci")."""
    mask = pd.Series(False, index=frame.index)
    for column in columns:
        mask |= frame[column].astype(str).str.strip().str.lower() == TIDAK_DIRINCI
    return mask


def _undetailed(raw: RawTable, typed: pd.DataFrame) -> list[Problem]:
    """A "tidak dirinci" row is the only row of its year, in every breakdown column."""
    columns = raw.spec.tidak_dirinci
    if not columns or typed.empty:
        return []
    problems = []
    mask = undetailed(typed, columns)
    by_year = typed["tahun"] if "tahun" in typed.columns else pd.Series(0, index=typed.index)
    for line, tahun in zip(typed.loc[mask, LINE], by_year[mask], strict=True):
        row = typed[typed[LINE] == line].iloc[0]
        partial = [c for c in columns if str(row[c]).strip().lower() != TIDAK_DIRINCI]
        if partial:
            problems.append(
                Problem(
                    raw.display,
                    int(line),
                    partial[0],
                    str(row[partial[0]]),
                    f"baris total tanpa rincian: semua kolom rincian ({', '.join(columns)}) "
                    f"harus '{TIDAK_DIRINCI}'",
                )
            )
        if int((by_year == tahun).sum()) > 1:
            problems.append(
                Problem(
                    raw.display,
                    int(line),
                    columns[0],
                    TIDAK_DIRINCI,
                    f"baris '{TIDAK_DIRINCI}' harus satu-satunya baris tahun {tahun} "
                    "(total tanpa rincian, atau rincian tanpa baris ini)",
                )
            )
    return problems


#: the form of a code (``kode`` identifiers: akun, satker, unit)
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def identifier_problem(value: object, kind: str) -> str | None:
    """What is wrong with an identifier value (``None``: nothing)."""
    digits, rule = IDENTIFIERS[kind]
    if value is None or pd.isna(value) or value == TIDAK_DIRINCI:
        return None
    if digits is None:  # a code: one word of letters, digits and . _ / -
        if _CODE.fullmatch(str(value)):
            return None
        return (
            "kode hanya boleh berisi huruf, angka, titik, garis bawah, garis miring atau "
            "tanda hubung, tanpa spasi"
        )
    text = str(value).replace(" ", "")
    if not (text.isdigit() and len(text) == digits):
        return f"{rule} (spasi boleh); tertulis {len(text)} karakter"
    return None


def check_identifiers(frame: pd.DataFrame, spec: TableSpec, display: str) -> list[Problem]:
    """Identifier columns (metadata ``identifier``) hold well-formed values (a NIP: 18 digits).

    Checked on the corrected table: a misprint recorded in ``koreksi`` is not a problem.
    """
    problems = []
    for col in spec.columns:
        if col.identifier is None or col.name not in frame.columns:
            continue
        for line, value in zip(frame[LINE], frame[col.name], strict=True):
            rule = identifier_problem(value, col.identifier)
            if rule is not None:
                problems.append(Problem(display, int(line), col.name, str(value), rule))
    return problems
