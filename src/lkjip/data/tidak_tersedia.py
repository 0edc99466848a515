"""Parts of the report whose data the office does not have (table ``tidak_tersedia``).

Empty is not zero, and missing is not a placeholder: a strict build never prints "data
belum tersedia" in the official edition. A table whose metadata says
``tidak_tersedia: true`` (a breakdown the report prints when the office has it, such as
the staff by golongan) is, for the report year, either filled, or declared here with the
reason the office gives (``alasan``); the chapter then prints that reason as a note in
place of the table (:func:`alasan`), and the working paper lists the declaration on the
table's data page (:mod:`lkjip.data.catatan`). Neither filled nor declared, the table is
missing: validation and a strict build refuse it (:func:`problems`), a draft shows the
box naming it.

A declaration is not ``nihil``: ``nihil`` says nothing happened (zero, "tidak ada");
``tidak_tersedia`` says the figures exist but are not in the report's data. A table is
one or the other, never both.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lkjip import paths
from lkjip.data import national
from lkjip.data.dataset import Dataset
from lkjip.data.metadata import TableSpec
from lkjip.data.reading import LINE, RawTable
from lkjip.data.snapshot import DISK, Snapshot
from lkjip.errors import Problem

#: the declarations table
TIDAK_TERSEDIA = "tidak_tersedia"
#: the table declaring which tables are empty because nothing happened
NIHIL = "nihil"


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def refusal(spec: TableSpec) -> str | None:
    """Why ``spec`` may not be declared not available (``None``: it may)."""
    if spec.tidak_tersedia:
        return None
    return (
        f"tabel {spec.name} ({spec.title}) tidak dapat dinyatakan tidak tersedia: laporan "
        "tidak punya catatan pengganti untuk bagian ini; isi tabel itu dan hapus baris ini"
    )


def missing_rule(spec: TableSpec, tahun: int) -> str:
    """What a strict build says of a table that is neither filled nor declared."""
    return (
        f"tabel '{spec.title}' belum berisi data tahun {tahun}; isi tabel {spec.name}, atau "
        f"bila datanya memang tidak tersedia nyatakan di tabel {TIDAK_TERSEDIA} "
        f"(tahun={tahun}, tabel={spec.name}, alasan=mengapa tidak disajikan); laporan resmi "
        "tidak mencetak tanda data belum tersedia"
    )


def _of_year(frame: pd.DataFrame | None, tahun: int) -> pd.DataFrame:
    """The rows of ``frame`` for the report year (no rows when there is no table)."""
    if frame is None:
        return pd.DataFrame(columns=["tahun", "tabel"])
    if "tahun" not in frame.columns:
        return frame
    return frame[frame["tahun"] == tahun]


def problems(
    typed: dict[str, pd.DataFrame],
    raws: dict[str, RawTable],
    specs: dict[str, TableSpec],
    nihil: frozenset[str],
    folder: Path,
    tahun: int,
    wanted: set[str] | None = None,
    snap: Snapshot = DISK,
) -> list[Problem]:
    """Every contradiction of the declarations (an empty ``alasan`` is refused by the
    schema: the column is not nullable), and every table that may be declared but is
    neither filled nor declared (named by its file, as ``snap`` holds the files; of the
    ``wanted`` tables, when the load reads only some)."""
    found: list[Problem] = []
    declared: set[str] = set()
    # every table the nihil table names for the year (also one refused there: a declaration
    # contradicting it is named here too)
    named_nihil = set(_of_year(typed.get(NIHIL), tahun)["tabel"].astype(str))
    if TIDAK_TERSEDIA in typed:
        display = raws[TIDAK_TERSEDIA].display
        for row in typed[TIDAK_TERSEDIA].itertuples():
            line = int(getattr(row, LINE))
            name = str(row.tabel)
            if name not in specs or name in (TIDAK_TERSEDIA, NIHIL):
                found.append(
                    Problem(display, line, "tabel", name, "bukan nama tabel data (lihat metadata)")
                )
                continue
            if (why := refusal(specs[name])) is not None:
                found.append(Problem(display, line, "tabel", name, why))
                continue
            if rows := len(_of_year(typed.get(name), tahun)):
                found.append(
                    Problem(
                        display,
                        line,
                        "tabel",
                        name,
                        f"tabel {name} dinyatakan tidak tersedia tetapi berisi {rows} baris "
                        f"tahun {tahun}; hapus baris ini (datanya tersedia) atau kosongkan "
                        "tabel itu",
                    )
                )
            if name in named_nihil:
                found.append(
                    Problem(
                        display,
                        line,
                        "tabel",
                        name,
                        f"tabel {name} dinyatakan nihil dan sekaligus tidak tersedia; pilih "
                        "salah satu: nihil bila tidak ada kejadian, tidak tersedia bila datanya "
                        "ada tetapi tidak disajikan",
                    )
                )
            declared.add(name)
    for name, spec in sorted(specs.items()):
        if not spec.tidak_tersedia or name in declared or name in nihil:
            continue
        if wanted is not None and name not in wanted:
            continue
        if len(_of_year(typed.get(name), tahun)):
            continue
        if name in raws:
            shown = raws[name].display
        else:
            shown = paths.display_path(national.table_path(spec, folder, tahun, snap))
        found.append(Problem(shown, None, None, None, missing_rule(spec, tahun)))
    return found


def alasan(ds: Dataset, table: str) -> str | None:
    """The office's reason why ``table`` is not given for the report year (``None``: it is
    not declared)."""
    if not ds.has(TIDAK_TERSEDIA):
        return None
    rows = _of_year(ds.table(TIDAK_TERSEDIA), ds.tahun)
    rows = rows[rows["tabel"] == table]
    if rows.empty:
        return None
    return _text(rows.iloc[0]["alasan"]).strip() or None


def catatan_kertas_kerja(ds: Dataset, table: str) -> str:
    """The working paper's line on a declared table (empty: not declared)."""
    why = alasan(ds, table)
    if why is None:
        return ""
    return (
        f"Dinyatakan tidak tersedia untuk tahun {ds.tahun} (tabel {TIDAK_TERSEDIA}); laporan "
        f"resmi mencetak alasannya sebagai pengganti tabel: {why}"
    )
