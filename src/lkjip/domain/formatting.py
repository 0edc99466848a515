"""Indonesian display text for numbers, percentages, Rupiah and dates.

Separators come from Babel's ``id`` locale. Values are rounded half-up by
:mod:`lkjip.domain.rounding` first; Babel then only lays out digits that are already
exact, so its own half-even rounding never applies.
"""

from __future__ import annotations

import datetime as _dt

from babel.dates import format_date, get_day_names, get_month_names
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
)

from lkjip.domain.rounding import Number, round_half_up, to_decimal

LOCALE = "id"
#: what is printed where a value is missing (draft books, the PDF cover, the ledger)
BELUM_TERSEDIA = "data belum tersedia"

#: month names and their abbreviations, in calendar order (Babel's ``id`` locale)
BULAN: tuple[str, ...] = tuple(get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13))
BULAN_SINGKAT: tuple[str, ...] = tuple(
    get_month_names("abbreviated", locale=LOCALE)[m] for m in range(1, 13)
)
#: day names from Sunday (Babel numbers Monday 0 ... Sunday 6), and their abbreviations
_SUNDAY_FIRST = (6, 0, 1, 2, 3, 4, 5)
HARI: tuple[str, ...] = tuple(get_day_names("wide", locale=LOCALE)[d] for d in _SUNDAY_FIRST)
HARI_SINGKAT: tuple[str, ...] = tuple(
    get_day_names("abbreviated", locale=LOCALE)[d] for d in _SUNDAY_FIRST
)
#: number symbols
DESIMAL = get_decimal_symbol(LOCALE)
RIBUAN = get_group_symbol(LOCALE)


def _pattern(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places > 0 else "")


def angka(value: Number, places: int = 0) -> str:
    """``1674.59`` -> ``1.674,59``; ``150474`` -> ``150.474``."""
    rounded = round_half_up(value, places)
    return format_decimal(rounded, format=_pattern(places), locale=LOCALE)


def indeks(value: Number, places: int = 2) -> str:
    """An index on the 1-4 scale: ``3.99`` -> ``3,99``."""
    return angka(value, places)


def persen(value: Number, places: int = 2) -> str:
    """A percentage given in percent units: ``122.77`` -> ``122,77%``."""
    rounded = round_half_up(value, places)
    return format_percent(rounded / 100, format=_pattern(places) + "%", locale=LOCALE)


def rupiah(value: Number) -> str:
    """Whole Rupiah: ``20372405794`` -> ``Rp20.372.405.794``."""
    rounded = round_half_up(value, 0)
    return format_currency(rounded, "IDR", format="¤#,##0", locale=LOCALE, currency_digits=False)


def tanggal(value: _dt.date | str) -> str:
    """``2024-01-05`` -> ``5 Januari 2024``."""
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value)
    return format_date(value, format="d MMMM y", locale=LOCALE)


def nama_bulan(bulan: int) -> str:
    """``1`` -> ``Januari``."""
    if not 1 <= int(bulan) <= 12:
        raise ValueError(f"bulan harus 1-12, bukan {bulan}")
    return BULAN[int(bulan) - 1]


def bertanda(value: Number, places: int = 2) -> str:
    """A signed difference: ``0.01`` -> ``+0,01``, ``-4.55`` -> ``-4,55``."""
    text = angka(abs(to_decimal(value)), places)
    sign = "-" if to_decimal(value) < 0 else "+"
    return text if round_half_up(value, places) == 0 else sign + text


def target(nilai: Number, satuan: str) -> str:
    """A PK target as printed: indices with 2 decimals (``3,25``, also ``4,00``), whole
    numbers plain (``87``), other numbers with 2 decimals."""
    value = to_decimal(nilai)
    if str(satuan).strip().lower() == "indeks":
        return indeks(value, 2)
    if value == value.to_integral_value():
        return angka(value, 0)
    return angka(value, 2)
