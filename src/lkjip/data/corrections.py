"""Corrections: explicit, reasoned changes of published values (``koreksi.csv``).

The raw value stays as published; a correction names the table, the row key,
the column, the published and the corrected value and the reason. It is
applied after validation and refused when stale (the published value no longer
matches), so the book never silently picks between contradicting tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lkjip.data.metadata import TableSpec
from lkjip.data.reading import LINE, RawTable
from lkjip.errors import Problem

#: the corrections table (optional, same folder as the data)
KOREKSI = "koreksi"


@dataclass(frozen=True)
class Correction:
    """One explicit correction of a published value (a row of koreksi.csv)."""

    tabel: str
    kunci: str
    kolom: str
    nilai_dipublikasikan: str
    nilai_koreksi: str
    alasan: str
    source: str  # file:line of the correction itself
    target_source: str  # file:line of the corrected cell
    #: "koreksi": the published value is replaced; "tafsiran": a garbled or ambiguous print
    #: is read one way, the data holds that reading (declared, nothing replaced)
    jenis: str = "koreksi"
    #: a figure id equal to a published total by construction of this correction (or "")
    konstruksi: str = ""

    @property
    def changes_value(self) -> bool:
        return self.jenis == "koreksi"


def _parse_key(kunci: str) -> dict[str, str] | None:
    parts = {}
    for item in kunci.split(";"):
        if "=" not in item:
            return None
        name, value = item.split("=", 1)
        parts[name.strip()] = value.strip()
    return parts


def _same_value(cell: object, text: str) -> bool:
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return text == ""
    if isinstance(cell, str):
        return cell == text
    try:
        return float(cell) == float(text)
    except ValueError:
        return False


def apply_corrections(
    typed: dict[str, pd.DataFrame],
    raws: dict[str, RawTable],
    specs: dict[str, TableSpec],
) -> tuple[dict[str, pd.DataFrame], list[Correction], list[Problem]]:
    corrected = {name: frame.copy() for name, frame in typed.items()}
    corrections: list[Correction] = []
    problems: list[Problem] = []
    if KOREKSI not in typed:
        return corrected, corrections, problems
    shown = raws[KOREKSI].display
    for row in typed[KOREKSI].itertuples(index=False):
        line = int(getattr(row, LINE))
        table = row.tabel
        if table not in corrected or table == KOREKSI:
            problems.append(Problem(shown, line, "tabel", table, "tabel yang dikoreksi tidak ada"))
            continue
        spec = specs[table]
        if row.kolom not in spec.column_names:
            problems.append(
                Problem(shown, line, "kolom", row.kolom, f"kolom tidak ada di tabel {table}")
            )
            continue
        key = _parse_key(row.kunci)
        if key is None or any(k not in spec.column_names for k in key):
            problems.append(
                Problem(
                    shown, line, "kunci", row.kunci, "kunci harus berbentuk kolom=nilai;kolom=nilai"
                )
            )
            continue
        frame = corrected[table]
        mask = pd.Series(True, index=frame.index)
        for name, value in key.items():
            mask &= frame[name].astype(str) == value
        if int(mask.sum()) != 1:
            problems.append(
                Problem(
                    shown,
                    line,
                    "kunci",
                    row.kunci,
                    f"kunci harus menunjuk tepat satu baris tabel {table} "
                    f"(ditemukan {int(mask.sum())})",
                )
            )
            continue
        index = frame.index[mask][0]
        jenis = _jenis(row)
        problem = (
            _check_reading(frame, index, row, table)
            if jenis == "tafsiran"
            else _apply(frame, index, row, table, spec.column(row.kolom).type)
        )
        if problem is not None:
            column, value, message = problem
            problems.append(Problem(shown, line, column, value, message))
            continue
        corrections.append(
            Correction(
                tabel=table,
                kunci=row.kunci,
                kolom=row.kolom,
                nilai_dipublikasikan=str(row.nilai_dipublikasikan),
                nilai_koreksi=str(row.nilai_koreksi),
                alasan=row.alasan,
                source=f"{shown}:{line}",
                target_source=f"{raws[table].display}:{int(frame.at[index, LINE])}",
                jenis=jenis,
                konstruksi=_text(getattr(row, "konstruksi", None)),
            )
        )
    return corrected, corrections, problems


def _check_reading(frame: pd.DataFrame, index, row, table: str) -> tuple[str, str, str] | None:
    """A reading (tafsiran) is declared, not applied: the data must hold it."""
    if _same_value(frame.at[index, row.kolom], str(row.nilai_koreksi)):
        return None
    return (
        "nilai_koreksi",
        str(row.nilai_koreksi),
        f"tafsiran tidak sama dengan nilai di tabel {table} ({frame.at[index, row.kolom]}); "
        "tafsiran sudah usang",
    )


def _apply(
    frame: pd.DataFrame, index, row, table: str, col_type: str
) -> tuple[str, str, str] | None:
    """Replace the published value, refused when stale or of the wrong type."""
    if not _same_value(frame.at[index, row.kolom], str(row.nilai_dipublikasikan)):
        return (
            "nilai_dipublikasikan",
            str(row.nilai_dipublikasikan),
            f"tidak sama dengan nilai di tabel {table} ({frame.at[index, row.kolom]}); "
            "koreksi sudah usang",
        )
    try:
        frame.at[index, row.kolom] = _convert(str(row.nilai_koreksi), col_type)
    except ValueError:
        return ("nilai_koreksi", str(row.nilai_koreksi), f"bukan nilai bertipe {col_type}")
    return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _jenis(row: object) -> str:
    return _text(getattr(row, "jenis", None)) or "koreksi"


def _convert(text: str, col_type: str) -> object:
    if col_type == "integer":
        return int(text)
    if col_type == "number":
        return float(text)
    return text
