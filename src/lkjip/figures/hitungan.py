"""Worked calculations made from the operands their value is computed from.

Each function takes the operands once and returns a :class:`Hitungan`: the value and
the substituted text (the formula with the operands written in), every operand laid
out by :mod:`lkjip.domain.formatting` through the unit of the figure it is
(:data:`~lkjip.figures.registry.UNITS`). The text therefore cannot print a Python
number (``100.0``, ``1248``) nor drift from the value. ``Registry.add`` appends
``= <display>`` to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass
from decimal import Decimal

from lkjip.domain.rounding import Number
from lkjip.domain.survei import mean
from lkjip.figures.registry import UNITS, Value


@dataclass(frozen=True)
class Hitungan:
    """A value and its worked calculation (``substituted`` of a figure)."""

    nilai: Value
    teks: str


def teks(value: Value, unit: str) -> str:
    """An operand as the report prints a figure of ``unit``."""
    return UNITS[unit](value)


def banyaknya(items: Sized) -> Hitungan:
    """How many ``items`` there are (rows, indicators, TARJA): ``1.248``."""
    n = len(items)
    return Hitungan(n, teks(n, "jumlah"))


def nilai(value: Value, unit: str) -> Hitungan:
    """A value read from data, shown as its unit prints it (a bound of a category)."""
    return Hitungan(value, teks(value, unit))


def rerata(values: Sequence[Number], unit: str, bulatkan: Callable[[Number], Decimal]) -> Hitungan:
    """The mean of ``values`` rounded by ``bulatkan``: ``(100,00 + 100,00) / 2``."""
    parts = " + ".join(teks(v, unit) for v in values)
    return Hitungan(bulatkan(mean(list(values))), f"({parts}) / {len(values)}")
