"""Why a capaian changed: the change split into the part of the realisation and of the target.

Capaian is ``realisasi / target × 100``, rounded half-up to two decimals
(:func:`lkjip.domain.capaian.capaian`), and its change from last year is the
difference of the two printed capaian. This module splits that change into two
parts, one caused by the realisation and one by the target, with the symmetric
(Shapley) decomposition: each part is the mean of the effect of changing that factor
first and of changing it last::

    C(r, t)      = capaian(r, t)                      (rounded, as printed)
    bagian_r     = ½ × [(C(r1, t0) − C(r0, t0)) + (C(r1, t1) − C(r0, t1))]
    bagian_t     = ½ × [(C(r0, t1) − C(r0, t0)) + (C(r1, t1) − C(r1, t0))]
    bagian_r + bagian_t = C(r1, t1) − C(r0, t0)       (exactly: the terms telescope)

The two crossed capaian are the report's own kind of number: this year's realisation
against last year's target, ``C(r1, t0)``, and last year's realisation against this
year's target, ``C(r0, t1)``. All terms are decimals with two places, so each part has
at most three (a half of a hundredth) and their sum is the printed change exactly, with
no residual. A factor that did not change has a part of exactly zero. The order of the
factors does not matter (the method is symmetric). Documented in ``docs/metodologi.md``
("Penyebab perubahan capaian").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lkjip.domain.capaian import capaian
from lkjip.domain.rounding import Number, to_decimal

#: a part at least this large (in capaian points) is named in the sentence beside the
#: larger one; a smaller one is left out ("terutama karena ...")
MATERIAL = Decimal("0.10")


@dataclass(frozen=True)
class UraianCapaian:
    """The change of a capaian and its two parts (all in capaian points)."""

    #: capaian last year and this year, C(r0, t0) and C(r1, t1)
    capaian_lalu: Decimal
    capaian_kini: Decimal
    #: the crossed capaian: this year's realisation against last year's target, C(r1, t0),
    #: and last year's realisation against this year's target, C(r0, t1)
    realisasi_kini_target_lalu: Decimal
    realisasi_lalu_target_kini: Decimal
    #: the part due to the realisation and the part due to the target
    bagian_realisasi: Decimal
    bagian_target: Decimal

    @property
    def perubahan(self) -> Decimal:
        """The change of the printed capaian (equals the sum of the two parts)."""
        return self.capaian_kini - self.capaian_lalu

    def penyebab_utama(self) -> str:
        """``"realisasi"`` or ``"target"``: the part larger in size (a tie: the realisation)."""
        return "target" if abs(self.bagian_target) > abs(self.bagian_realisasi) else "realisasi"


def urai(r0: Number, t0: Number, r1: Number, t1: Number) -> UraianCapaian:
    """Split the change of capaian from ``(r0, t0)`` (last year) to ``(r1, t1)`` (this year).

    >>> u = urai("3.88", "3.12", "3.75", "3.13")
    >>> u.perubahan, u.bagian_realisasi, u.bagian_target
    (Decimal('-4.55'), Decimal('-4.16'), Decimal('-0.39'))
    """
    r0, t0, r1, t1 = (to_decimal(x) for x in (r0, t0, r1, t1))
    c00, c11 = capaian(r0, t0), capaian(r1, t1)
    c10, c01 = capaian(r1, t0), capaian(r0, t1)
    half = Decimal("0.5")
    bagian_r = half * ((c10 - c00) + (c11 - c01))
    bagian_t = half * ((c01 - c00) + (c11 - c10))
    if bagian_r + bagian_t != c11 - c00:  # cannot happen: the terms telescope exactly
        raise ArithmeticError("uraian capaian tidak berjumlah sama dengan perubahannya")
    return UraianCapaian(
        capaian_lalu=c00,
        capaian_kini=c11,
        realisasi_kini_target_lalu=c10,
        realisasi_lalu_target_kini=c01,
        bagian_realisasi=_tidy(bagian_r),
        bagian_target=_tidy(bagian_t),
    )


def _tidy(value: Decimal) -> Decimal:
    """Two decimals, or three when the part is a half of a hundredth (exact either way)."""
    value = value + 0  # never a negative zero
    return value.quantize(Decimal("0.01")) if value == value.quantize(Decimal("0.01")) else value
