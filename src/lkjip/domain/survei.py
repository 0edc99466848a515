"""Survey indices: SKM/IKM, IPK and IIO/IKI.

All functions work on exact decimals and return full precision; rounding to
the published two decimals is the caller's choice (see :mod:`lkjip.domain.rounding`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lkjip.domain.rounding import Number, to_decimal


@dataclass(frozen=True)
class WeightedMean:
    """Σ(xᵢ·wᵢ) / Σwᵢ with its parts, so the worked formula can be printed."""

    numerator: Decimal
    denominator: Decimal
    terms: tuple[tuple[Decimal, Decimal], ...]

    @property
    def value(self) -> Decimal:
        return self.numerator / self.denominator


def weighted_mean(values: Sequence[Number], weights: Sequence[Number]) -> WeightedMean:
    """Weighted mean of ``values`` by ``weights`` (e.g. monthly index by respondents)."""
    if len(values) != len(weights):
        raise ValueError("values and weights differ in length")
    if not values:
        raise ValueError("no values to average")
    terms = tuple((to_decimal(v), to_decimal(w)) for v, w in zip(values, weights, strict=True))
    if any(w < 0 for _, w in terms):
        raise ValueError("weights must not be negative")
    denominator = sum((w for _, w in terms), Decimal(0))
    if denominator == 0:
        raise ValueError("the weights add up to zero")
    numerator = sum((v * w for v, w in terms), Decimal(0))
    return WeightedMean(numerator, denominator, terms)


def mean(values: Sequence[Number]) -> Decimal:
    """Plain arithmetic mean."""
    if not values:
        raise ValueError("no values to average")
    return sum((to_decimal(v) for v in values), Decimal(0)) / len(values)


def bobot_index(nilai: Sequence[Number], bobot: Sequence[Number]) -> Decimal:
    """An IPK party index: unsur values weighted by their bobot (percent)."""
    return weighted_mean(nilai, bobot).value


def ipk_composite(
    internal: Number, responden_internal: Number, eksternal: Number, responden_eksternal: Number
) -> WeightedMean:
    """IPK = (internal × responden internal + eksternal × responden eksternal) / Σ responden."""
    return weighted_mean([internal, eksternal], [responden_internal, responden_eksternal])
