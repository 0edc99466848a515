"""Shared by the sections of BAB III: month labels and the years a figure exists for."""

from __future__ import annotations

from lkjip.chapters.konteks import Bab
from lkjip.domain import formatting as fmt
from lkjip.figures._common import suffix


def bulan(b: int) -> str:
    return fmt.BULAN_SINGKAT[int(b) - 1]


def years_with(ctx: Bab, base: str) -> list[int]:
    """Years (oldest first) for which ``base`` + suffix exists in the registry."""
    out = []
    for offset in range(10, -1, -1):
        if f"{base}{suffix(offset)}" in ctx.reg:
            out.append(ctx.tahun - offset)
    return out


def year_id(base: str, ctx: Bab, tahun: int) -> str:
    return f"{base}{suffix(ctx.tahun - tahun)}"
