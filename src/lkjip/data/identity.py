"""The office's identity (table ``identitas``), read cell by cell.

A new office fills its identity one cell at a time. A draft prints every cell that is
known and marks only the missing ones (:data:`BELUM` inline, a box on the cover);
nothing of the identity is lost because one cell is empty. The names of files, the
book's title, author and footer need ``nama_satker`` alone, the year is the build's
``tahun``. A strict build never gets here with a missing cell: validation names it
(:func:`lkjip.data.rules.missing_cells`).
"""

from __future__ import annotations

import pandas as pd

from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt

#: the table of the office's identity
TABLE = "identitas"
#: what is printed, as plain text, where an identity cell is not known yet (a draft)
BELUM = f"[{fmt.BELUM_TERSEDIA}]"


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    return text if text.strip() else None


def cells(ds: Dataset) -> dict[str, str | None]:
    """Each column of the year's identity row as text; ``None`` where it is not known
    (an empty cell of a draft, or no row at all)."""
    spec = ds.specs.get(TABLE)
    columns = spec.column_names if spec is not None else []
    if not ds.has(TABLE) or ds.frames[TABLE].empty:
        return dict.fromkeys(columns)
    row = ds.table(TABLE).iloc[0]
    return {c: _text(row[c]) if c in row.index else None for c in columns}


def shown(ds: Dataset) -> dict[str, str]:
    """Each identity cell as printed: its text, or :data:`BELUM` when not known."""
    return {c: BELUM if v is None else v for c, v in cells(ds).items()}


def nama_satker(ds: Dataset) -> str | None:
    """The office's name, or ``None`` while it is not known."""
    return cells(ds).get("nama_satker")


def missing(ds: Dataset) -> list[str]:
    """The required identity columns not known yet (a draft), in the table's order."""
    spec = ds.specs.get(TABLE)
    if spec is None:
        return []
    known = cells(ds)
    return [c.name for c in spec.columns if not c.nullable and known.get(c.name) is None]
