"""BAB III C: official values of other institutions' systems beside our recomputation.

The report prints the official value (SMART DJA, IKPA); the working paper shows
the recomputation and the difference as a check (:mod:`lkjip.figures.nilai_resmi`).
"""

from __future__ import annotations

from lkjip.chapters.konteks import Bab
from lkjip.figures.nilai_resmi import related


def hitung_ulang(ctx: Bab, base: str) -> list[str]:
    """Ids of the recomputation of the official figure ``base`` (report year) and its difference.

    The report prints the official value; these show our recomputation as a
    check beside its calculation. The reason is listed only when the office
    recorded one (in a draft the missing ids show as not yet available).
    """
    recomputed, difference, reason = related(base)
    return [recomputed, difference] + ([reason] if reason in ctx.reg else [])


def total_ikpa(ctx: Bab) -> list[str]:
    """The IKPA total: the application's value and its check when the office recorded it,
    else our recomputation only (the total is not an indicator of its own)."""
    base = "ikpa.nilai_total"
    if base in ctx.reg:
        return [base, *hitung_ulang(ctx, base)]
    return [related(base)[0]]
