"""What ``lkjip init`` of a new year carries of the office itself, for review: its
identity (``identitas``) and its staff (``pegawai``).

Both are carried with the new year in ``tahun``. A column the metadata marks
``new_each_year`` (``identitas.tanggal_pengesahan``, the date the new report is
signed) is left empty: last year's value would be wrong, and an empty cell of a table
filled cell by cell is a missing fact that validation names and a draft marks, so it
is filled in, never printed stale. The other cells (the head of office, the address,
the Renstra) usually stay; the analyst reviews them.
"""

from __future__ import annotations

import pandas as pd

from lkjip.data.dataset import Dataset
from lkjip.data.metadata import TableSpec

#: the tables of the office itself carried to the new year for review
REVIEWED = ("identitas", "pegawai")


def emptied(spec: TableSpec) -> list[str]:
    """The columns a carried table gets empty in the new year (``new_each_year``)."""
    return [c.name for c in spec.columns if c.new_each_year]


def for_review(ds: Dataset, spec: TableSpec, tahun: int) -> pd.DataFrame | None:
    """The rows of a :data:`REVIEWED` table for ``tahun``: last year's, with the new year
    and its ``new_each_year`` columns empty (``None``: nothing to carry)."""
    if spec.name not in REVIEWED or not ds.has(spec.name) or ds.is_nihil(spec.name):
        return None
    frame = ds.table(spec.name)
    if frame.empty:
        return None
    frame = frame.assign(tahun=tahun)
    for column in emptied(spec):
        frame[column] = None
    return frame


def named_identity(
    satker: str, previous: Dataset | None, spec: TableSpec, tahun: int, fresh: pd.DataFrame
) -> tuple[pd.DataFrame, bool]:
    """The new year's identity when ``--satker`` is given: last year's carried when it is
    the same office (and whether it was), else ``fresh`` (the name alone)."""
    carried = for_review(previous, spec, tahun) if previous is not None else None
    if carried is None or list(carried["nama_satker"].astype(str)) != [satker]:
        return fresh, False
    return carried, True
