"""Category lookups: mutu pelayanan (SKM/IKM) and score categories."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lkjip.domain.rounding import Number, to_decimal


@dataclass(frozen=True)
class Kategori:
    mutu: str
    kinerja: str
    batas_bawah: float
    batas_atas: float


def mutu_pelayanan(nilai: Number, intervals: pd.DataFrame) -> Kategori:
    """The interval of the mutu pelayanan table that ``nilai`` (1-4) falls in.

    The published intervals leave tiny gaps (e.g. 3,064 - 3,0644); a value in
    a gap belongs to the highest interval whose lower bound it reaches.
    """
    value = to_decimal(nilai)
    ordered = intervals.sort_values("batas_bawah")
    chosen = None
    for row in ordered.itertuples():
        if value >= to_decimal(row.batas_bawah):
            chosen = row
    if chosen is None or value > to_decimal(ordered["batas_atas"].max()):
        raise ValueError(f"nilai {nilai} di luar tabel interval mutu pelayanan")
    return Kategori(chosen.mutu, chosen.kinerja, chosen.batas_bawah, chosen.batas_atas)
