"""Shared by the sections of BAB III: month labels and the years a figure exists for."""

from __future__ import annotations

from collections.abc import Callable

from lkjip.chapters.kernel.context import Bab
from lkjip.domain import formatting as fmt
from lkjip.figures._common import undetailed_rows

#: the category label of a total given without its breakdown (charts, tables)
TANPA_RINCIAN = "Jumlah (tidak dirinci)"


def bulan(b: int) -> str:
    return fmt.BULAN_SINGKAT[int(b) - 1]


def years_with(ctx: Bab, family: Callable[[int], str]) -> list[int]:
    """Years (oldest first) for which the id ``family(offset)`` exists in the registry
    (``family``: a function of :mod:`lkjip.figures.ids` of the years before the report's)."""
    out = []
    for offset in range(10, -1, -1):
        if family(offset) in ctx.reg:
            out.append(ctx.tahun - offset)
    return out


def skala(ctx: Bab, table: str, column: str) -> tuple[float, float]:
    """An index's scale (floor, ceiling) from the column's metadata (``min``/``max``),
    so an index chart's value axis starts at the scale's floor."""
    spec = ctx.ds.specs[table].column(column)
    if spec.min is None or spec.max is None:
        raise ValueError(f"kolom {table}.{column} tidak mencantumkan skala (min dan max)")
    return float(spec.min), float(spec.max)


def teks_skala(rentang: tuple[float, float]) -> str:
    """``skala 1–4`` for axis titles."""
    return f"skala {fmt.angka(rentang[0])}–{fmt.angka(rentang[1])}"


def tahun_tanpa_rincian(ctx: Bab, table: str) -> list[int]:
    """Years of ``table`` given as a total only ("tidak dirinci"), oldest first."""
    frame = ctx.ds.table(table)
    return sorted({int(t) for t in undetailed_rows(ctx.ds, table, frame)["tahun"]})


def label_jumlah(ctx: Bab, table: str, label: str = "Jumlah") -> str:
    """The total row's label; it says which years have no breakdown."""
    years = tahun_tanpa_rincian(ctx, table)
    if not years:
        return label
    shown = [str(t) for t in years]
    text = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} dan {shown[-1]}"
    return f"{label} (rincian tahun {text} tidak tersedia)"
