"""An office's notes on its tables (table ``catatan_tabel``).

Table metadata describes a table for every office and every year: what one row
is, what is computed rather than transcribed. What holds for one office's
published report only (where in that report a table was read, what it printed
and what was left out, the counts and figures it stated) is that office's data:
a row of ``catatan_tabel`` for the year, printed under the table's description
on its page of the working paper (:func:`teks`). A new office or a new
year starts without notes.
"""

from __future__ import annotations

import pandas as pd

from lkjip.data import tidak_tersedia
from lkjip.data.dataset import Dataset
from lkjip.data.metadata import TableSpec
from lkjip.data.reading import LINE, RawTable
from lkjip.errors import Problem

#: the notes table
CATATAN = "catatan_tabel"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def problems(
    typed: dict[str, pd.DataFrame], raws: dict[str, RawTable], specs: dict[str, TableSpec]
) -> list[Problem]:
    """Each note names a table of the catalog and says something (a note that names no
    table would never be printed)."""
    if CATATAN not in typed:
        return []
    found = []
    display = raws[CATATAN].display
    for row in typed[CATATAN].itertuples():
        line = int(getattr(row, LINE))
        if str(row.tabel) not in specs:
            found.append(
                Problem(
                    display, line, "tabel", str(row.tabel), "bukan nama tabel data (lihat metadata)"
                )
            )
        if not _text(row.letak) and not _text(row.catatan):
            found.append(
                Problem(display, line, "catatan", None, "letak dan catatan keduanya kosong")
            )
    return found


def catatan(ds: Dataset, table: str) -> tuple[str, str]:
    """``(letak, catatan)`` of ``table`` for the report year (empty strings: none)."""
    if not ds.has(CATATAN):
        return "", ""
    notes = ds.table(CATATAN)
    rows = notes[(notes["tahun"] == ds.tahun) & (notes["tabel"] == table)]
    if rows.empty:
        return "", ""
    row = rows.iloc[0]
    return _text(row["letak"]), _text(row["catatan"])


def teks(ds: Dataset, table: str) -> str:
    """The text of a table's data page: its description, then the office's notes on it
    for the year, then its declaration as not available (:mod:`lkjip.data.tidak_tersedia`),
    as plain paragraphs."""
    letak, isi = catatan(ds, table)
    parts = [ds.specs[table].description]
    if letak:
        parts.append(f"Letak dalam laporan tahun {ds.tahun} yang dipublikasikan: {letak}")
    if isi:
        parts.append(f"Catatan kantor tahun {ds.tahun} (tabel {CATATAN}): {isi}")
    if declared := tidak_tersedia.catatan_kertas_kerja(ds, table):
        parts.append(declared)
    return "\n\n".join(parts)
