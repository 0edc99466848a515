"""How a printed value relates to its computation at the printed precision.

Rules the reconciliation (:mod:`lkjip.audit.reconciliation`) applies beyond "equal
once rounded": a value printed next to its rounded parts, a printed mean of another
period, one rounding rule per printed table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from decimal import Decimal

from lkjip.audit.baris import Baris
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import round_half_up
from lkjip.figures.registry import Registry


def other_means(
    reg: Registry, fid: str, year_of: Callable[[Registry, str], int]
) -> list[tuple[str, Decimal]]:
    """Means of the realisasi over each run of consecutive years other than the whole period."""
    k = fid.split(".")[0]
    series = [
        (year_of(reg, i), reg.v(i))
        for i in (f"{k}.realisasi.t-2", f"{k}.realisasi.t-1", f"{k}.realisasi")
        if i in reg
    ]
    out = []
    for length in range(len(series) - 1, 0, -1):
        for start in range(len(series) - length + 1):
            run = series[start : start + length]
            years = f"{run[0][0]}" if length == 1 else f"{run[0][0]}–{run[-1][0]}"
            out.append((years, sum((v for _, v in run), Decimal(0)) / length))
    return out


def mean_of_rounded_parts(base: dict, figure, printed: Decimal, places: int) -> Baris:  # noqa: ANN001
    """A value printed next to its rounded parts follows from them within half a unit.

    The parts are themselves rounded to ``places`` decimals, so their plain mean can
    differ from the mean of the unrounded parts by up to half a unit of that decimal.
    """
    tolerance = Decimal("0.5").scaleb(-places)
    mean = figure.number
    dihitung = fmt.angka(mean, places + 3).rstrip("0")
    if abs(printed - mean) <= tolerance:
        return Baris(**base, dihitung=dihitung, status="cocok", selisih="", alasan="")
    return Baris(
        **base,
        dihitung=dihitung,
        status="selisih",
        selisih=fmt.angka(printed - round_half_up(mean, places), places),
        alasan=f"tidak mengikuti rinciannya: rata-rata rincian {dihitung}, sedangkan nilai "
        f"yang dicetak boleh berbeda paling banyak {fmt.angka(tolerance, places + 1)} "
        "(setengah satuan pembulatan rincian)",
    )


def _table_of(lokasi: str) -> str:
    """``BAB III C, Tabel IKPA Tahun 2022, baris …`` -> ``BAB III C, Tabel IKPA Tahun 2022``."""
    return lokasi.split(", baris", 1)[0]


def conventions_of_a_table(rows: list[Baris]) -> list[Baris]:
    """Another convention explains a row only if its table does not print the book's elsewhere.

    A row that matches only under the other convention (truncation, say) while rows of the
    same printed table match only under the book's convention is a difference, not a
    convention: a table has one rounding rule.
    """
    ours: dict[str, list[Baris]] = {}
    for row in rows:
        if row.status == "konvensi" and not row.selisih:
            ours.setdefault(_table_of(row.lokasi), []).append(row)
    out = []
    for row in rows:
        others = ours.get(_table_of(row.lokasi), [])
        if row.status == "konvensi" and row.selisih and others:
            where = "; ".join(
                f"{r.lokasi.rsplit(', ', 1)[-1]} ({r.dipublikasikan})" for r in others[:3]
            )
            row = Baris(
                **{
                    **asdict(row),
                    "status": "selisih",
                    "dihitung": row.dihitung.split(" (konvensi lain")[0],
                    "alasan": f"hanya cocok dengan konvensi lain, padahal tabel yang sama mencetak "
                    f"dengan konvensi buku: {where}",
                }
            )
        out.append(row)
    return out


def within_printed_inputs(reg: Registry, figure, printed: Decimal, places: int) -> str:  # noqa: ANN001
    """Why ``printed`` follows from the printed inputs of a product (or "" if it does not).

    A product of a value printed with ``places`` decimals and an exact weight can round
    either way when the true value is anywhere inside the printed value's rounding interval.
    """
    values = [i for i in figure.inputs if reg[i].unit != "bobot"]
    weights = [i for i in figure.inputs if reg[i].unit == "bobot"]
    if len(values) != 1 or len(weights) != 1:
        return ""
    value, weight = reg.v(values[0]), reg.v(weights[0]) / 100
    half = Decimal("0.5").scaleb(-places)
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
    for sfx in ("", ".t-1", ".t-2", ".t-3"):
        pairs = (
            (f"belanja.jumlah.realisasi{sfx}", f"anggaran.realisasi{sfx}"),
            (f"belanja.jumlah.pagu{sfx}", f"anggaran.pagu{sfx}"),
        )
        for a, b in pairs:
            if a in reg and b in reg and reg[a].value == reg[b].value:
                out[a] = b
    return out
