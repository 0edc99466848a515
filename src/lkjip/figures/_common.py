"""Small helpers shared by the figure modules."""

from __future__ import annotations

import pandas as pd

from lkjip.data.dataset import Dataset
from lkjip.data.rules import undetailed
from lkjip.domain import formatting as fmt
from lkjip.domain.capaian import capaian, tercapai
from lkjip.domain.rounding import round_index
from lkjip.errors import IncompleteData
from lkjip.figures.ids import suffix
from lkjip.figures.registry import Registry

__all__ = [
    "add_capaian",
    "add_rounded_index",
    "add_status",
    "add_undetailed_total",
    "sum_of",
    "suffix",
    "undetailed_rows",
]


def sum_of(reg: Registry, ids: list[str], what: str) -> int:
    """The sum of registered figures; no parts is no sum (empty is not zero)."""
    if not ids:
        raise IncompleteData(f"{what}: belum ada rincian")
    return sum(int(reg.v(i)) for i in ids)


def undetailed_rows(ds: Dataset, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` carrying a total without its breakdown ("tidak dirinci")."""
    columns = ds.specs[table].tidak_dirinci
    if not columns:
        return frame.iloc[0:0]
    return frame[undetailed(frame, columns)]


def add_undetailed_total(
    reg: Registry, ds: Dataset, table: str, fid: str, row: pd.DataFrame, column: str, label: str
) -> None:
    """A total given without its breakdown: data from its one "tidak dirinci" row."""
    unit = "rupiah" if column in ("pagu", "realisasi") else "jumlah"
    reg.add(
        fid,
        int(row[column].iloc[0]),
        unit,
        f"{label} (tidak dirinci)",
        sources=ds.refs(table, row),
    )


def add_capaian(
    reg: Registry,
    fid: str,
    realisasi: str,
    target: str,
    label: str,
    formula: str = "realisasi / target × 100%",
) -> None:
    """A percentage of two registered figures: realisasi / target × 100, rounded."""
    reg.add(
        fid,
        capaian(reg.v(realisasi), reg.v(target)),
        "persen",
        label,
        formula=formula,
        substituted=f"{reg.d(realisasi)} / {reg.d(target)} × 100%",
        inputs=(realisasi, target),
    )


def add_status(
    reg: Registry,
    fid: str,
    realisasi: str,
    target: str,
    label: str,
    formula: str = "tercapai jika realisasi ≥ target",
) -> None:
    """Whether a target is met, as the computation says (realisasi ≥ target)."""
    met = tercapai(reg.v(realisasi), reg.v(target))
    reg.add(
        fid,
        "tercapai" if met else "tidak tercapai",
        "teks",
        label,
        formula=formula,
        substituted=f"{reg.d(realisasi)} ≥ {reg.d(target)}",
        inputs=(realisasi, target),
    )


def add_rounded_index(reg: Registry, k: str) -> None:
    """``<k>.realisasi``: the annual index ``<k>.indeks`` rounded half-up to 2 decimals."""
    reg.add(
        f"{k}.realisasi",
        round_index(reg.v(f"{k}.indeks")),
        "indeks",
        f"Realisasi {k.upper()} (dibulatkan 2 desimal)",
        formula="bulatkan(indeks, 2 desimal, setengah ke atas)",
        substituted=f"bulatkan({fmt.angka(reg.v(f'{k}.indeks'), 4)})",
        inputs=(f"{k}.indeks",),
    )
