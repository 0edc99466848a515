"""Reconcile every figure the published report prints with what the book knows of it.

``rekonsiliasi`` compares every published figure (table ``publikasi``) with the
figure it should equal, and says exactly what was done (:data:`DASAR`):

* ``dihitung ulang``: the figure is recomputed from finer data (a sum, an index,
  a capaian, an official total from its printed components);
* ``masukan``: the figure is an input of the book, read from a table that was
  transcribed from the report; nothing is recomputed, the printing is only
  compared with the input (a printing of the same input elsewhere may differ);
* ``nilai resmi``: an official value of another application (SMART DJA, IKPA)
  with no printed components to recompute it from;
* ``tidak dapat diperiksa``: the data cannot give the number, with the reason.

and what came out (:data:`STATUS`):

* ``cocok``: recomputed, and equal once rounded half-up to the printed precision
  (no tolerance);
* ``selisih``: recomputed (or compared with an input) and different, with both
  values, the difference and the rule;
* ``kontradiksi``: different here while the same figure is printed right elsewhere;
* ``masukan`` / ``nilai resmi``: printed as the input or the official value
  holds it (no recomputation, so never called ``cocok``);
* ``tidak dapat diperiksa``.

The consistency checks are in :mod:`lkjip.audit.checks`.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

import pandas as pd

from lkjip.audit.baris import (
    DASAR,
    DIHITUNG_ULANG,
    MASUKAN,
    NILAI_RESMI,
    STATUS,
    TIDAK_DAPAT,
    Baris,
)
from lkjip.audit.basis import Comparison, exact
from lkjip.audit.official import official_row
from lkjip.audit.printed import (
    claim_matches,
    join,
    mean_of_rounded_parts,
    other_means,
    sentence,
    show,
    within_printed_inputs,
    year_of,
)
from lkjip.data.dataset import Dataset
from lkjip.data.writing import atomic_text
from lkjip.domain.capaian import ratio_percent
from lkjip.domain.rounding import round_half_up, to_decimal
from lkjip.figures.registry import Figure, Registry

CSV_COLUMNS = (
    "no",
    "lokasi",
    "jenis",
    "figure_id",
    "dipublikasikan",
    "dihitung",
    "dasar",
    "status",
    "kategori",
    "selisih",
    "alasan",
)

#: the rounding rule every printed value is checked by (docs/metodologi.md, "Pembulatan")
ATURAN = "dibulatkan setengah ke atas ke ketelitian yang dicetak"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _catatan(row) -> str:  # a publikasi row
    return row.catatan if isinstance(row.catatan, str) else ""


# --- reconciliation -----------------------------------------------------------------------


def rows(ds: Dataset, reg: Registry) -> list[Baris]:
    """The year's reconciliation: the rows ``compute_all`` computed once
    (``reg.rekonsiliasi``, shared with the chapters in the registry), else, in a draft or
    for a registry made without the audit step, computed here."""
    found = reg.rekonsiliasi
    return found if found is not None else rekonsiliasi(ds, reg)


def rekonsiliasi(ds: Dataset, reg: Registry) -> list[Baris]:
    """Every published figure against the book (empty without ``publikasi``); computed
    once per build, by the audit step (:func:`rows` reads it)."""
    if not ds.has("publikasi"):
        return []
    pub = ds.table("publikasi").sort_values("no")
    context = Comparison(ds, reg)
    rows = [_one(row, context) for row in pub.itertuples()]
    return _contradictions(rows, context.same)


def _one(row, ctx: Comparison) -> Baris:  # a publikasi row
    reg = ctx.reg
    fid = row.figure_id if isinstance(row.figure_id, str) else ""
    base = dict(
        no=int(row.no), lokasi=row.lokasi, jenis=row.jenis, figure_id=fid, dipublikasikan=row.teks
    )
    if not fid or fid not in reg:
        reason = _catatan(row)
        if fid:
            reason = join(f"pengenal {fid} tidak dihitung untuk tahun ini.", reason)
        return Baris(
            **base,
            dihitung="",
            status=TIDAK_DAPAT,
            selisih="",
            alasan=reason or "angka ini tidak dapat dihitung ulang dari data",
            dasar=TIDAK_DAPAT,
        )
    figure = reg[fid]
    dasar, note = ctx.dasar(figure)
    if isinstance(row.kata, str) and row.kata.strip():
        ok = claim_matches(row.kata, str(figure.value))
        return _equal_or_not(
            base,
            dasar,
            ok,
            dihitung=figure.display,
            selisih="" if ok else "klaim berbeda",
            alasan=note
            if ok
            else f"teks menyatakan '{row.kata}', perhitungan menghasilkan '{figure.display}'",
        )
    places = int(row.desimal) if not pd.isna(row.desimal) else 2
    printed = to_decimal(row.nilai)
    if figure.jenis == "resmi" and dasar == DIHITUNG_ULANG:
        return official_row(base, row, figure, printed, places, reg)
    computed = exact(reg, fid) if places > 2 else None
    if computed is None:
        try:
            computed = to_decimal(figure.value)  # also a year or a count held as text
        except ArithmeticError:
            ok = claim_matches(str(row.teks), str(figure.value))
            return _equal_or_not(
                base,
                dasar,
                ok,
                dihitung=figure.display,
                selisih="" if ok else "teks berbeda",
                alasan=note if ok else f"perhitungan menghasilkan '{figure.display}'",
            )
    if fid.endswith(".rata_rincian"):
        return mean_of_rounded_parts(base, figure, printed, places)
    magnitude = _catatan(row).startswith("besaran")
    target = abs(computed) if magnitude else computed
    shown = round_half_up(target, places)
    dihitung = show(shown, places, figure.unit)
    if shown == printed:
        return _printed_as_computed(base, row, figure, dasar, note, dihitung, places, ctx)
    return _different(base, row, figure, dasar, printed, shown, dihitung, places, ctx)


def _equal_or_not(base: dict, dasar: str, ok: bool, **fields: str) -> Baris:
    """A row that is equal (status by what it was compared with) or a difference."""
    if not ok:
        kind = "klaim" if fields.get("selisih") == "klaim berbeda" else "label"
        return Baris(**base, status="selisih", dasar=dasar, kategori=kind, **fields)
    status = {DIHITUNG_ULANG: "cocok", MASUKAN: MASUKAN, NILAI_RESMI: NILAI_RESMI}[dasar]
    return Baris(**base, status=status, dasar=dasar, **fields)


def _printed_as_computed(
    base: dict,
    row,  # a publikasi row
    figure: Figure,
    dasar: str,
    note: str,
    dihitung: str,
    places: int,
    ctx: Comparison,
) -> Baris:
    reg = ctx.reg
    year = row.tahun_teks
    if not pd.isna(year) and int(year) != year_of(reg, figure.id):
        return Baris(
            **base,
            dihitung=dihitung,
            status="selisih",
            selisih="label tahun",
            alasan=f"angka sama dengan nilai tahun {year_of(reg, figure.id)}, tetapi teks "
            f"menyebutnya tahun {int(year)}",
            dasar=dasar,
            kategori="label",
        )
    if figure.unit == "poin" and "%" in str(row.teks):
        return Baris(
            **base,
            dihitung=f"{dihitung} poin",
            status="selisih",
            selisih="satuan",
            alasan="selisih dua persentase adalah poin persentase, tetapi dicetak dengan "
            f"tanda % ({figure.formula})",
            dasar=dasar,
            kategori="label",
        )
    notes = [note]
    if figure.id in ctx.alternatives:
        alt_value, why = ctx.alternatives[figure.id]
        alt = round_half_up(alt_value, places)
        if alt != round_half_up(to_decimal(row.nilai), places):
            notes.append(f"dengan konvensi lain ({why}) hasilnya {show(alt, places, figure.unit)}")
    notes.append(_only_with_correction(figure, to_decimal(row.nilai), places, ctx))
    notes.append(_reading(figure, ctx))
    if dasar == MASUKAN and not note:
        notes.append(f"angka masukan ({', '.join(figure.sources[:2])}); tidak dihitung ulang")
    return _equal_or_not(base, dasar, True, dihitung=dihitung, selisih="", alasan=join(*notes))


def _reading(figure: Figure, ctx: Comparison) -> str:
    """Says so when a data row behind the figure holds a declared reading (tafsiran).

    Sources are rows, not cells: the reading may be in a column this figure does not use.
    """
    sources = ctx.readings_of(figure.id)
    return f"baris data yang dipakai memuat tafsiran ({', '.join(sources)})" if sources else ""


def _only_with_correction(figure: Figure, printed: Decimal, places: int, ctx: Comparison) -> str:
    """A percentage printed right only because an input was corrected says so."""
    reg = ctx.reg
    if not (figure.unit == "persen" and len(figure.inputs) == 2 and "× 100%" in figure.formula):
        return ""
    num, den = figure.inputs
    if num not in ctx.raw:
        return ""
    raw_value, source = ctx.raw[num]
    with_raw = round_half_up(ratio_percent(raw_value, reg.v(den)), places)
    if with_raw == printed:
        return ""
    return (
        f"sesuai hanya dengan {_lower_first(reg[num].label)} sesudah {source}; dengan nilai yang "
        f"dicetak ({show(raw_value, 0, reg[num].unit)}) hasilnya "
        f"{show(with_raw, places, figure.unit)}"
    )


def _different(
    base: dict,
    row,  # a publikasi row
    figure: Figure,
    dasar: str,
    printed: Decimal,
    shown: Decimal,
    dihitung: str,
    places: int,
    ctx: Comparison,
) -> Baris:
    reg = ctx.reg
    fid = figure.id

    def finding(selisih: str, alasan: str, kategori: str = "perhitungan") -> Baris:
        if dasar != DIHITUNG_ULANG and kategori == "perhitungan":
            kategori = "kontradiksi"  # an input printed otherwise where it was transcribed
        alasan = join(alasan, _reading(figure, ctx))
        return Baris(
            **base,
            dihitung=dihitung,
            status="selisih",
            selisih=selisih,
            alasan=alasan,
            dasar=dasar,
            kategori=kategori,
        )

    if figure.unit == "tahun":
        return finding(
            "label tahun",
            join(
                f"tertulis tahun {int(printed)}, seharusnya tahun {dihitung} "
                f"({figure.label.lower()}).",
                _catatan(row),
            ),
            "label",
        )
    difference = show(printed - shown, places, figure.unit)
    within = within_printed_inputs(reg, figure, printed, places)
    if within:
        return finding(
            difference,
            f"{sentence(_rule(figure))} adalah {dihitung}. Nilai masukannya sendiri dicetak "
            f"dibulatkan: {within}; nilai yang dicetak mungkin berasal dari nilai masukan "
            "sebelum dibulatkan, yang tidak tercetak.",
            "pembulatan",
        )
    if fid in ctx.alternatives:
        alt_value, why = ctx.alternatives[fid]
        if round_half_up(alt_value, places) == printed:
            return finding(
                difference,
                f"{sentence(_rule(figure))} adalah {dihitung}; yang dicetak sama dengan "
                f"hasil bila {why}, yang bukan aturan laporan",
                "pembulatan",
            )
    if fid in ctx.raw and round_half_up(ctx.raw[fid][0], places) == printed:
        return finding(
            difference,
            join(
                f"sama dengan nilai tercetak sebelum {ctx.raw[fid][1]}; buku memakai nilai "
                "yang dinyatakan di sana.",
                _catatan(row),
            ),
            "data_sumber",
        )
    if fid.endswith(".rerata_realisasi"):
        period = fid.replace("rerata_realisasi", "periode_tren")
        means = other_means(reg, fid, year_of)
        readings = [y for y, m in means if round_half_up(m, places) == printed]
        if readings:
            years = " atau ".join(
                f"rata-rata tahun {y}" if "–" in y else f"nilai tahun {y} saja" for y in readings
            )
            return finding(
                difference,
                f"disebut rata-rata periode {reg.d(period)} ({dihitung}), tetapi yang "
                f"tercetak ({row.teks}) sama dengan {years}",
                "klaim",
            )
    if dasar in (MASUKAN, NILAI_RESMI):
        return finding(
            difference,
            join(
                f"berbeda {difference} dari angka yang sama pada data sumber "
                f"({', '.join(figure.sources[:2])}), yang disalin dari tempat lain laporan.",
                _catatan(row),
            ),
        )
    return finding(
        difference,
        join(f"berbeda {difference} dari {_rule(figure)}.", _catatan(row)),
    )


def _rule(figure: Figure) -> str:
    """How the comparison value was obtained, in words."""
    what = figure.formula if figure.formula != "data" else "data sumber"
    return f"hasil perhitungan ulang ({what}) yang {ATURAN}"


def _contradictions(rows: list[Baris], same: dict[str, str]) -> list[Baris]:
    """A wrong printing of a figure that is printed right elsewhere is a contradiction."""
    by_figure: dict[str, list[Baris]] = {}
    for row in rows:
        if row.figure_id and row.status != TIDAK_DAPAT:
            by_figure.setdefault(same.get(row.figure_id, row.figure_id), []).append(row)
    out = []
    for row in rows:
        group = by_figure.get(same.get(row.figure_id, row.figure_id), [])
        right = [r for r in group if r.status in ("cocok", MASUKAN, NILAI_RESMI)]
        if row.status == "selisih" and right and row.selisih != "label tahun":
            where = "; ".join(f"{r.lokasi} ({r.dipublikasikan})" for r in right[:3])
            row = Baris(
                **{
                    **asdict(row),
                    "status": "kontradiksi",
                    "kategori": "kontradiksi",
                    "alasan": f"yang sama dicetak benar di: {where}. {row.alasan}",
                }
            )
        out.append(row)
    return out


def ringkasan(rows: list[Baris]) -> dict[str, int]:
    """Rows per status (every status present, zero where none)."""
    counts = Counter(row.status for row in rows)
    return {status: counts.get(status, 0) for status in STATUS}


def per_dasar(rows: list[Baris]) -> dict[str, dict[str, int]]:
    """Rows per basis, and within each basis per status."""
    out: dict[str, dict[str, int]] = {d: {} for d in DASAR}
    for row in rows:
        out[row.dasar][row.status] = out[row.dasar].get(row.status, 0) + 1
    return out


def write_csv(rows: list[Baris], path: Path) -> Path:
    with atomic_text(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: getattr(row, k) for k in CSV_COLUMNS})
    return path
