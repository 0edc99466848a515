"""The one place where numbers are rounded.

Convention (documented in docs/metodologi.md, "Pembulatan"):

* All arithmetic is done on :class:`decimal.Decimal` built from the printed
  decimal text of the inputs, so ``3.99`` is exactly 3.99, never a binary float.
* Rounding is *half-up* (0.5 goes away from zero), as the office's
  spreadsheets do; Python's ``round`` and Babel use half-even and are never
  used for published figures.
* An annual index is rounded to :data:`INDEX_PLACES` decimals *before* it is
  divided by its target (the published report does so); a capaian
  (percentage) is rounded to :data:`PERCENT_PLACES` decimals.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, getcontext

Number = Decimal | int | float | str

#: decimals of an index on the 1-4 scale (IKM, IPK, IKI, SKM, IIO)
INDEX_PLACES = 2
#: decimals of a percentage (capaian, persentase realisasi)
PERCENT_PLACES = 2
#: decimals of a score on the 0-100 scale (SMART, IKPA)
SCORE_PLACES = 2

getcontext().prec = 34


def to_decimal(value: Number) -> Decimal:
    """Exact decimal of ``value``; floats go through their shortest repr."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):  # bool is an int; never a number here
        raise TypeError("bool is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # includes numpy.float64
        return Decimal(repr(float(value)))
    if hasattr(value, "item"):  # numpy integer scalars
        return to_decimal(value.item())
    return Decimal(str(value).strip())


def round_half_up(value: Number, places: int) -> Decimal:
    """Round ``value`` to ``places`` decimals, ties away from zero."""
    quantum = Decimal(1).scaleb(-places)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def round_index(value: Number) -> Decimal:
    return round_half_up(value, INDEX_PLACES)


def round_percent(value: Number) -> Decimal:
    return round_half_up(value, PERCENT_PLACES)


def round_score(value: Number) -> Decimal:
    return round_half_up(value, SCORE_PLACES)


def half_unit(places: int) -> Decimal:
    """The most rounding to ``places`` decimals can move a value: half of the last unit."""
    return Decimal("0.5").scaleb(-places)


def places_of(value: Number) -> int:
    """Number of decimals ``value`` is written with (``3.90`` -> 2)."""
    exponent = to_decimal(value).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
