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
from lkjip.data.reads import quiet, record
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


def cell(ds: Dataset, column: str) -> str | None:
    """One identity cell as text; ``None`` where it is not known (an empty cell of a
    draft, or no row at all). Read as that cell alone (:meth:`Dataset.fact`): a chapter
    that prints the office's name does not depend on its address."""
    try:
        return _text(ds.fact(TABLE, column))
    except (KeyError, IndexError):
        return None


def cells(ds: Dataset) -> dict[str, str | None]:
    """Each column of the year's identity row as text (:func:`cell`; reads them all)."""
    spec = ds.specs.get(TABLE)
    return {c: cell(ds, c) for c in (spec.column_names if spec is not None else [])}


def shown(ds: Dataset) -> dict[str, str]:
    """Each identity cell as printed: its text, or :data:`BELUM` when not known."""
    return {c: BELUM if v is None else v for c, v in cells(ds).items()}


def nama_satker(ds: Dataset) -> str | None:
    """The office's name, or ``None`` while it is not known."""
    return cell(ds, "nama_satker")


def known(ds: Dataset, column: str) -> bool:
    """Whether an identity cell is known, read as that alone (``known:identitas.<column>``):
    the cover's box of missing cells does not depend on what a known cell says."""
    record("known", f"{TABLE}.{column}")
    with quiet():
        return cell(ds, column) is not None


def missing(ds: Dataset) -> list[str]:
    """The required identity columns not known yet (a draft), in the table's order."""
    spec = ds.specs.get(TABLE)
    if spec is None:
        return []
    return [c.name for c in spec.columns if not c.nullable and not known(ds, c.name)]
