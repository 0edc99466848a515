"""How a printed value relates to its computation at the printed precision.

Rules the reconciliation (:mod:`lkjip.audit.reconciliation`) uses to explain a printed
value: a value printed next to its rounded parts, a printed mean of another period, a
product of a printed (rounded) value and a weight. None of them makes a difference equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from lkjip.audit.baris import Baris
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import half_unit, round_half_up
from lkjip.figures import ids
from lkjip.figures.registry import Registry


def other_means(
    reg: Registry, fid: str, year_of: Callable[[Registry, str], int]
) -> list[tuple[str, Decimal]]:
    """Means of the realisasi over each run of consecutive years other than the whole period."""
    k = fid.split(".")[0]
    series = [
        (year_of(reg, i), reg.v(i))
        for i in (
            ids.indikator(k, "realisasi", 2),
            ids.indikator(k, "realisasi", 1),
            ids.indikator(k, "realisasi"),
        )
        if i in reg
    ]
    out = []
    for length in range(len(series) - 1, 0, -1):
        for start in range(len(series) - length + 1):
            run = series[start : start + length]
            years = f"{run[0][0]}" if length == 1 else f"{run[0][0]}–{run[-1][0]}"
            out.append((years, sum((v for _, v in run), Decimal(0)) / length))
    return out


def mean_of_rounded_parts(base: dict, figure, printed: Decimal, places: int) -> Baris:
    """A value printed next to its parts is their mean, rounded half-up: no tolerance.

    The parts are themselves printed rounded to ``places`` decimals, so the mean of
    the unrounded parts may differ from the mean of the printed parts by up to half a
    unit; the report's rule is applied to what is printed and that is said in the row.
    """
    mean = figure.number
    shown = round_half_up(mean, places)
    exact = fmt.angka(mean, places + 3)
    while exact.endswith("0") and len(exact.rsplit(",", 1)[-1]) > places:
        exact = exact[:-1]
    dihitung = fmt.angka(shown, places)
    if shown == printed:
        return Baris(
            **base, dihitung=dihitung, status="cocok", selisih="", alasan="", dasar="dihitung ulang"
        )
    return Baris(
        **base,
        dihitung=dihitung,
        status="selisih",
        selisih=fmt.angka(printed - shown, places),
        alasan=f"rata-rata rincian yang dicetak = {exact}, dibulatkan setengah ke atas menjadi "
        f"{dihitung}, tetapi dicetak {fmt.angka(printed, places)}. Rinciannya sendiri dicetak "
        f"dibulatkan ke {places} desimal, sehingga rata-rata nilai sebelum pembulatan dapat "
        f"berbeda sampai {fmt.angka(half_unit(places), places + 1)} dari {exact}; nilai sebelum "
        "pembulatan tidak tercetak, sehingga yang diperiksa adalah yang tercetak.",
        dasar="dihitung ulang",
        kategori="pembulatan",
    )


def within_printed_inputs(reg: Registry, figure, printed: Decimal, places: int) -> str:
    """Why ``printed`` follows from the printed inputs of a product (or "" if it does not).

    A product of a value printed with ``places`` decimals and an exact weight can round
    either way when the true value is anywhere inside the printed value's rounding interval.
    """
    values = [i for i in figure.inputs if reg[i].unit != "bobot"]
    weights = [i for i in figure.inputs if reg[i].unit == "bobot"]
    if len(values) != 1 or len(weights) != 1:
        return ""
    value, weight = reg.v(values[0]), reg.v(weights[0]) / 100
    half = half_unit(places)
    low, high = (value - half) * weight, (value + half) * weight
    if round_half_up(low, places) <= printed <= round_half_up(high, places):
        return (
            f"{reg.d(values[0])} (antara {fmt.angka(value - half, places + 1)} dan "
            f"{fmt.angka(value + half, places + 1)}) × {reg.d(weights[0])}% = "
            f"{fmt.angka(low, places + 2)}–{fmt.angka(high, places + 2)}"
        )
    return ""


def same_quantity(reg: Registry) -> dict[str, str]:
    """Figures that are one quantity computed two ways, when they agree: id -> shared id.

    The consistency checks require these pairs to be equal (a total and the sum of another
    breakdown of it); printed right under one id and wrong under the other is a
    contradiction of the report.
    """
    out = {}
    for offset in (0, 1, 2, 3):
        pairs = (
            (ids.belanja("jumlah", "realisasi", offset), ids.anggaran("realisasi", offset)),
            (ids.belanja("jumlah", "pagu", offset), ids.anggaran("pagu", offset)),
        )
        for a, b in pairs:
            if a in reg and b in reg and reg[a].value == reg[b].value:
                out[a] = b
    return out


# --- display of a printed value -----------------------------------------------------


def show(value: Decimal, places: int, unit: str) -> str:
    """A value as the report prints it at ``places`` decimals in its unit."""
    if unit == "tahun":
        return str(int(value))
    if unit == "rupiah":
        return fmt.rupiah(value)
    if unit == "persen":
        return fmt.persen(value, places)
    return fmt.angka(value, places)


def sentence(text: str) -> str:
    """``text`` with a capital first letter (the rest unchanged)."""
    return text[:1].upper() + text[1:]


def join(*parts: str) -> str:
    """Sentences joined by a space, leaving out the empty ones."""
    return " ".join(p.strip() for p in parts if p and p.strip())


# --- word claims and years -------------------------------------------------------------


_TREND = {
    "peningkatan": "naik",
    "meningkat": "naik",
    "naik": "naik",
    "penurunan": "turun",
    "menurun": "turun",
    "turun": "turun",
    "sama": "sama",
    "tetap": "sama",
}


def _norm_words(text: str) -> str:
    return re.sub(r"\s+", "", str(text).lower())


def _as_set(text: str) -> set[str]:
    parts = re.split(r",|\bdan\b", str(text).lower())
    return {re.sub(r"[\s/]+", "", p) for p in parts if p.strip()}


def claim_matches(claim: str, value: str) -> bool:
    """A word claim (naik, turun, a list of names) says what the computed value is."""
    claim_n, value_n = _norm_words(claim), _norm_words(value)
    if claim_n == value_n:
        return True
    if _TREND.get(claim.strip().lower()) == value.strip().lower():
        return True
    if "," in value or "," in claim or " dan " in claim:
        return _as_set(claim) == _as_set(value)
    return False


def year_of(reg: Registry, figure_id: str) -> int:
    """The year a figure is about (report year, an earlier year, or the Renstra's last)."""
    renstra = ids.indikator(figure_id.split(".")[0], "renstra_tahun")
    if re.search(r"\.(target_renstra|renstra_tahun)$", figure_id) and renstra in reg:
        return int(reg[renstra].value)
    match = re.search(r"\.t([+-])(\d+)$", figure_id)
    if not match:
        return reg.tahun
    offset = int(match.group(2))
    return reg.tahun + offset if match.group(1) == "+" else reg.tahun - offset


def split_year(figure_id: str) -> tuple[str, str]:
    """``ikpa.nilai_akhir.t-1`` -> (``ikpa.nilai_akhir``, ``.t-1``)."""
    match = re.search(r"\.t[+-]\d+$", figure_id)
    return (figure_id[: match.start()], match.group(0)) if match else (figure_id, "")
