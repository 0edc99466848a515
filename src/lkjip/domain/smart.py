"""SMART DJA nilai kinerja anggaran (PMK 22/PMK.02/2021).

Nilai kinerja = Σ bobotₖ × komponenₖ / Σ bobot over penyerapan, konsistensi,
capaian RO and *nilai* efisiensi. The weights live in data (smart_bobot.csv);
they are the ones that reproduce the published 2021 and 2022 scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from lkjip.domain.rounding import Number, half_unit, to_decimal

#: the efficiency percentage at which nilai efisiensi reaches 100 (and -X gives 0)
EFISIENSI_BATAS = Decimal(20)

#: score components and the komponen row each one reads
SKOR_KOMPONEN = {
    "penyerapan": "penyerapan",
    "konsistensi": "konsistensi",
    "capaian_ro": "capaian_ro",
    "efisiensi": "nilai_efisiensi",
}


def nilai_efisiensi(efisiensi: Number) -> Decimal:
    """Nilai efisiensi = 50 + 50 × E / 20, bounded to 0..100."""
    value = Decimal(50) + Decimal(50) * to_decimal(efisiensi) / EFISIENSI_BATAS
    return min(Decimal(100), max(Decimal(0), value))


def nilai_kinerja(komponen: Mapping[str, Number], bobot: Mapping[str, Number]) -> Decimal:
    """Weighted score of the four components; ``komponen`` keyed as in smart_komponen."""
    missing = [k for k in SKOR_KOMPONEN if k not in bobot]
    if missing:
        raise KeyError(f"bobot SMART tidak lengkap: {', '.join(missing)}")
    total_bobot = sum((to_decimal(bobot[k]) for k in SKOR_KOMPONEN), Decimal(0))
    total = sum(
        (to_decimal(bobot[k]) * to_decimal(komponen[src]) for k, src in SKOR_KOMPONEN.items()),
        Decimal(0),
    )
    return total / total_bobot


def batas_pembulatan(places: int) -> Decimal:
    """The most the nilai kinerja can move when each component is printed rounded to
    ``places``: a weighted mean moves by at most the largest move of its parts."""
    return half_unit(places)
