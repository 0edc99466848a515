"""IKPA (Indikator Kinerja Pelaksanaan Anggaran) nilai akhir and nilai aspek."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

from lkjip.domain.rounding import Number, half_unit, to_decimal


def nilai_tertimbang(nilai: Number, bobot: Number) -> Decimal:
    """An indicator's contribution: nilai × bobot / 100."""
    return to_decimal(nilai) * to_decimal(bobot) / 100


def nilai_total(nilai: Sequence[Number], bobot: Sequence[Number]) -> Decimal:
    return sum((nilai_tertimbang(n, b) for n, b in zip(nilai, bobot, strict=True)), Decimal(0))


def nilai_akhir(total: Number, konversi_bobot: Number) -> Decimal:
    """Nilai akhir = nilai total / konversi bobot (konversi in percent)."""
    konversi = to_decimal(konversi_bobot)
    if konversi <= 0:
        raise ZeroDivisionError("konversi bobot harus lebih dari 0")
    return to_decimal(total) / (konversi / 100)


def nilai_aspek(nilai: Sequence[Number], bobot: Sequence[Number]) -> Decimal:
    """An aspect's score: its indicators' nilai weighted by bobot."""
    total_bobot = sum((to_decimal(b) for b in bobot), Decimal(0))
    if total_bobot == 0:
        raise ZeroDivisionError("bobot aspek berjumlah nol")
    return nilai_total(nilai, bobot) * 100 / total_bobot


def batas_pembulatan(bobot: Sequence[Number], places: int) -> Decimal:
    """The most the nilai total can move when each nilai is printed rounded to ``places``.

    Each nilai may be off by half a unit; the total weighs it by bobot / 100.
    """
    return half_unit(places) * sum((to_decimal(b) for b in bobot), Decimal(0)) / 100


def batas_nilai_akhir(batas_total: Number, konversi_bobot: Number) -> Decimal:
    """The most the nilai akhir can move: the total's bound / konversi bobot, rounded up
    to 4 decimals (a bound is never understated)."""
    return nilai_akhir(batas_total, konversi_bobot).quantize(
        Decimal("0.0001"), rounding=ROUND_CEILING
    )
