"""Capaian (achievement) and comparisons between values."""

from __future__ import annotations

from decimal import Decimal

from lkjip.domain.rounding import Number, round_percent, to_decimal


def ratio_percent(realisasi: Number, target: Number) -> Decimal:
    """realisasi / target × 100, full precision."""
    target_d = to_decimal(target)
    if target_d == 0:
        raise ZeroDivisionError("target nol: capaian tidak dapat dihitung")
    return to_decimal(realisasi) / target_d * 100


def capaian(realisasi: Number, target: Number) -> Decimal:
    """Capaian in percent, rounded half-up to two decimals (``3.99, 3.25`` -> ``122.77``)."""
    return round_percent(ratio_percent(realisasi, target))


def selisih(baru: Number, lama: Number) -> Decimal:
    """baru − lama."""
    return to_decimal(baru) - to_decimal(lama)


def arah(baru: Number, lama: Number) -> str:
    """Trend word for a change from ``lama`` to ``baru``: ``naik``, ``turun`` or ``sama``."""
    diff = selisih(baru, lama)
    if diff > 0:
        return "naik"
    if diff < 0:
        return "turun"
    return "sama"


def tercapai(realisasi: Number, target: Number) -> bool:
    """A target is met when realisasi ≥ target (higher is better for every indicator here)."""
    return to_decimal(realisasi) >= to_decimal(target)
