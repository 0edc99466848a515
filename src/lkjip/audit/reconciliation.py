"""Reconcile every figure the published report prints with the recomputation.

``rekonsiliasi`` compares every published figure (table ``publikasi``) with the
figure it should equal:

* ``cocok``: equal at the precision it was printed with;
* ``konvensi``: differs, but equals the value under another rounding
  convention (both are shown);
* ``kontradiksi``: the same figure is printed elsewhere with the value the
  computation gives, here with another;
* ``selisih``: differs beyond its printed precision (or a year label or a
  claim is wrong);
* ``tanpa padanan``: the report prints a number the data cannot recompute.

The consistency checks are in :mod:`lkjip.audit.checks`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pandas as pd

from lkjip.audit.baris import Baris
from lkjip.audit.printed import (
    conventions_of_a_table,
    mean_of_rounded_parts,
    other_means,
    same_quantity,
    within_printed_inputs,
)
from lkjip.data.dataset import Dataset
from lkjip.data.writing import atomic_text
from lkjip.domain import formatting as fmt
from lkjip.domain.capaian import capaian, ratio_percent
from lkjip.domain.indikator import INDIKATOR
from lkjip.domain.rounding import round_half_up, round_index, to_decimal
from lkjip.figures.registry import Registry

STATUS = ("cocok", "konvensi", "kontradiksi", "selisih", "tanpa padanan")
CSV_COLUMNS = (
    "no",
    "lokasi",
    "jenis",
    "figure_id",
    "dipublikasikan",
    "dihitung",
    "status",
    "selisih",
    "alasan",
)


# --- alternative conventions ------------------------------------------------------------


def _exact(reg: Registry, figure_id: str) -> Decimal | None:
    """The unrounded value of a rounded ratio figure (for comparisons at finer precision)."""
    figure = reg[figure_id]
    if figure.unit == "persen" and len(figure.inputs) == 2 and "× 100%" in figure.formula:
        return ratio_percent(reg.v(figure.inputs[0]), reg.v(figure.inputs[1]))
    if figure.id.endswith(".realisasi") and f"{figure.id.rsplit('.', 1)[0]}.indeks" in reg:
        return reg.v(f"{figure.id.rsplit('.', 1)[0]}.indeks")
    return None


def konvensi(reg: Registry) -> dict[str, tuple[Decimal, str]]:
    """Values under the other rounding convention, with a description (Indonesian)."""
    out: dict[str, tuple[Decimal, str]] = {}
    if {"ipk.internal", "ipk.eksternal", "ipk.responden"} <= set(reg.ids("ipk.")):
        parts = round_index(reg.v("ipk.internal")) * reg.v("ipk.responden.internal") + round_index(
            reg.v("ipk.eksternal")
        ) * reg.v("ipk.responden.eksternal")
        value = round_index(parts / reg.v("ipk.responden"))
        why = "nilai internal dan eksternal dibulatkan 2 desimal sebelum digabung"
        out["ipk.realisasi"] = (value, why)
        out["ipk.indeks"] = (value, why)
        out["ipk.capaian"] = (capaian(value, reg.v("ipk.target")), why)
    for figure in reg:
        if ".tertimbang" in figure.id and figure.id.startswith("ikpa.indikator."):
            out[figure.id] = (
                figure.number.quantize(Decimal("0.01"), rounding=ROUND_DOWN),
                "nilai × bobot dipotong, bukan dibulatkan, ke 2 desimal",
            )
    for k in INDIKATOR:
        if f"{k}.indeks" in reg and f"{k}.capaian" in reg and f"{k}.capaian" not in out:
            out[f"{k}.capaian"] = (
                capaian(reg.v(f"{k}.indeks"), reg.v(f"{k}.target")),
                "indeks tahunan tidak dibulatkan sebelum dibagi target",
            )
    return out


# --- reconciliation -----------------------------------------------------------------------

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


def _claim_matches(claim: str, value: str) -> bool:
    claim_n, value_n = _norm_words(claim), _norm_words(value)
    if claim_n == value_n:
        return True
    if _TREND.get(claim.strip().lower()) == value.strip().lower():
        return True
    if "," in value or "," in claim or " dan " in claim:
        return _as_set(claim) == _as_set(value)
    return False


def _year_of(reg: Registry, figure_id: str) -> int:
    """The year a figure is about (report year, an earlier year, or the Renstra's last)."""
    base = figure_id.split(".")[0]
    if re.search(r"\.(target_renstra|renstra_tahun)$", figure_id) and (
        f"{base}.renstra_tahun" in reg
    ):
        return int(reg[f"{base}.renstra_tahun"].value)
    match = re.search(r"\.t([+-])(\d+)$", figure_id)
    if not match:
        return reg.tahun
    offset = int(match.group(2))
    return reg.tahun + offset if match.group(1) == "+" else reg.tahun - offset


def _raw_values(ds: Dataset, reg: Registry) -> dict[str, tuple[Decimal, str]]:
    """figure id -> (published value before a correction, correction source)."""
    out: dict[str, tuple[Decimal, str]] = {}
    for corr in ds.corrections:
        if ds.specs[corr.tabel].column(corr.kolom).type not in ("integer", "number"):
            continue  # a corrected name or NIP changes no figure
        try:
            to_decimal(corr.nilai_dipublikasikan)
        except ArithmeticError:
            continue  # a reading of a garbled print described in words
        for figure in reg:
            if figure.formula == "data" and corr.target_source in figure.sources:
                out[figure.id] = (
                    to_decimal(corr.nilai_dipublikasikan),
                    f"{corr.jenis} ({corr.source})",
                )
    # sums over a corrected value: what they were before the correction
    for figure in reg:
        if figure.formula == "Σ rincian" and any(i in out for i in figure.inputs):
            delta = sum((out[i][0] - reg.v(i) for i in figure.inputs if i in out), Decimal(0))
            source = ", ".join(out[i][1] for i in figure.inputs if i in out)
            out[figure.id] = (figure.number + delta, source)
    return out


def _show(value: Decimal, places: int, unit: str) -> str:
    if unit == "tahun":
        return str(int(value))
    if unit == "rupiah":
        return fmt.rupiah(value)
    if unit == "persen":
        return fmt.persen(value, places)
    return fmt.angka(value, places)


def rekonsiliasi(ds: Dataset, reg: Registry) -> list[Baris]:
    """Every published figure against the recomputation (empty without ``publikasi``)."""
    if not ds.has("publikasi"):
        return []
    pub = ds.table("publikasi").sort_values("no")
    alternatives = konvensi(reg)
    raw = _raw_values(ds, reg)
    rows: list[Baris] = []
    for row in pub.itertuples():
        rows.append(_one(row, reg, alternatives, raw))
    return conventions_of_a_table(_contradictions(rows, pub, same_quantity(reg)))


def _one(row, reg: Registry, alternatives, raw) -> Baris:  # noqa: ANN001
    fid = row.figure_id if isinstance(row.figure_id, str) else ""
    base = dict(
        no=int(row.no), lokasi=row.lokasi, jenis=row.jenis, figure_id=fid, dipublikasikan=row.teks
    )
    if not fid or fid not in reg:
        reason = row.catatan if isinstance(row.catatan, str) else ""
        if fid:
            reason = f"pengenal {fid} tidak dihitung untuk tahun ini. {reason}".strip()
        return Baris(
            **base,
            dihitung="",
            status="tanpa padanan",
            selisih="",
            alasan=reason or "angka ini tidak dapat dihitung ulang dari data",
        )
    figure = reg[fid]
    if isinstance(row.kata, str) and row.kata.strip():
        ok = _claim_matches(row.kata, str(figure.value))
        return Baris(
            **base,
            dihitung=figure.display,
            status="cocok" if ok else "selisih",
            selisih="" if ok else "klaim berbeda",
            alasan=""
            if ok
            else f"teks menyatakan '{row.kata}', perhitungan menghasilkan '{figure.display}'",
        )
    places = int(row.desimal) if not pd.isna(row.desimal) else 2
    printed = to_decimal(row.nilai)
    computed = _exact(reg, fid) if places > 2 else None
    if computed is None:
        try:
            computed = to_decimal(figure.value)  # also a year or a count held as text
        except ArithmeticError:
            ok = _claim_matches(str(row.teks), str(figure.value))
            return Baris(
                **base,
                dihitung=figure.display,
                status="cocok" if ok else "selisih",
                selisih="" if ok else "teks berbeda",
                alasan="" if ok else f"perhitungan menghasilkan '{figure.display}'",
            )
    if fid.endswith(".rata_rincian"):
        return mean_of_rounded_parts(base, figure, printed, places)
    magnitude = isinstance(row.catatan, str) and row.catatan.startswith("besaran")
    target = abs(computed) if magnitude else computed
    shown = round_half_up(target, places)
    dihitung = _show(shown, places, figure.unit)
    if shown == printed and fid in alternatives:
        alt_value, why = alternatives[fid]
        if round_half_up(alt_value, places) != printed:
            alt = _show(round_half_up(alt_value, places), places, figure.unit)
            return Baris(
                **base,
                dihitung=f"{dihitung} (konvensi lain: {alt})",
                status="konvensi",
                selisih="",
                alasan=f"dicetak sesuai konvensi buku; dengan konvensi lain ({why}) hasilnya {alt}",
            )
    if shown == printed:
        year = row.tahun_teks
        if not pd.isna(year) and int(year) != _year_of(reg, fid):
            return Baris(
                **base,
                dihitung=dihitung,
                status="selisih",
                selisih="label tahun",
                alasan=f"angka cocok dengan tahun {_year_of(reg, fid)}, tetapi teks "
                f"menyebutnya tahun {int(year)}",
            )
        if figure.unit == "poin" and "%" in str(row.teks):
            return Baris(
                **base,
                dihitung=f"{dihitung} poin",
                status="selisih",
                selisih="satuan",
                alasan="selisih dua persentase adalah poin persentase, tetapi dicetak dengan "
                f"tanda % ({figure.formula})",
            )
        return Baris(**base, dihitung=dihitung, status="cocok", selisih="", alasan="")
    within = within_printed_inputs(reg, figure, printed, places)
    if within:  # a printed value times a weight: any value its rounding allows
        return Baris(
            **base,
            dihitung=dihitung,
            status="cocok",
            selisih="",
            alasan=f"dalam ketelitian nilai yang dicetak: {within}",
        )
    if figure.unit == "tahun":
        return Baris(
            **base,
            dihitung=dihitung,
            status="selisih",
            selisih="label tahun",
            alasan=f"tertulis tahun {int(printed)}, seharusnya tahun {dihitung} "
            f"({figure.label.lower()}). {_catatan(row)}".strip(),
        )
    diff = printed - shown
    difference = _show(diff, places, figure.unit)
    if fid in alternatives:
        alt_value, why = alternatives[fid]
        if round_half_up(alt_value, places) == printed:
            return Baris(
                **base,
                dihitung=f"{dihitung} (konvensi lain: {_show(alt_value, places, figure.unit)})",
                status="konvensi",
                selisih=difference,
                alasan=f"cocok bila {why}; buku membulatkan hanya hasil akhir",
            )
    if fid in raw and round_half_up(raw[fid][0], places) == printed:
        return Baris(
            **base,
            dihitung=dihitung,
            status="selisih",
            selisih=difference,
            alasan=f"sama dengan nilai tercetak sebelum {raw[fid][1]}; buku memakai nilai "
            f"yang dinyatakan di sana. {_catatan(row)}".strip(),
        )
    if fid.endswith(".rerata_realisasi"):
        period = fid.replace("rerata_realisasi", "periode_tren")
        means = other_means(reg, fid, _year_of)
        readings = [y for y, m in means if round_half_up(m, places) == printed]
        if readings:
            years = " atau ".join(
                f"rata-rata tahun {y}" if "–" in y else f"nilai tahun {y} saja" for y in readings
            )
            return Baris(
                **base,
                dihitung=dihitung,
                status="selisih",
                selisih=difference,
                alasan=f"disebut rata-rata periode {reg.d(period)} ({dihitung}), tetapi yang "
                f"tercetak ({row.teks}) sama dengan {years}",
            )
    reason = row.catatan if isinstance(row.catatan, str) else ""
    return Baris(
        **base,
        dihitung=dihitung,
        status="selisih",
        selisih=difference,
        alasan=(
            f"berbeda {difference} dari hasil perhitungan ulang "
            f"({figure.formula if figure.formula != 'data' else 'data sumber'}). "
            f"{reason}"
        ).strip(),
    )


def _catatan(row) -> str:  # noqa: ANN001 - a publikasi row
    return row.catatan if isinstance(row.catatan, str) else ""


def _contradictions(rows: list[Baris], pub: pd.DataFrame, same: dict[str, str]) -> list[Baris]:
    """A wrong printing of a figure that is printed right elsewhere is a contradiction."""
    by_figure: dict[str, list[Baris]] = {}
    for row in rows:
        if row.figure_id and row.status in ("cocok", "konvensi", "selisih"):
            by_figure.setdefault(same.get(row.figure_id, row.figure_id), []).append(row)
    out = []
    for row in rows:
        group = by_figure.get(same.get(row.figure_id, row.figure_id), [])
        right = [r for r in group if r.status in ("cocok", "konvensi")]
        if row.status == "selisih" and right and row.selisih != "label tahun":
            where = "; ".join(f"{r.lokasi} ({r.dipublikasikan})" for r in right[:3])
            row = Baris(
                **{
                    **asdict(row),
                    "status": "kontradiksi",
                    "alasan": f"yang sama dicetak benar di: {where}. {row.alasan}",
                }
            )
        out.append(row)
    return out


def ringkasan(rows: list[Baris]) -> dict[str, int]:
    counts = {status: 0 for status in STATUS}
    for row in rows:
        counts[row.status] += 1
    return counts


def write_csv(rows: list[Baris], path: Path) -> Path:
    with atomic_text(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(asdict(row))
    return path
