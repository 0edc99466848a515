"""Small helpers shared by the figure modules."""

from __future__ import annotations

from lkjip.domain import formatting as fmt
from lkjip.domain.capaian import capaian, tercapai
from lkjip.domain.rounding import round_index
from lkjip.figures.registry import Registry

__all__ = ["add_capaian", "add_rounded_index", "add_status", "suffix"]


def suffix(offset: int) -> str:
    """Relative year suffix of figure ids: 0 -> ``""``, 1 -> ``".t-1"``."""
    return "" if offset == 0 else f".t-{offset}"


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
