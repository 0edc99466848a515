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
import re
from collections import Counter
from dataclasses import asdict
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pandas as pd

from lkjip.audit.baris import Baris
from lkjip.audit.printed import (
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
from lkjip.figures.nilai_resmi import BATAS, related
from lkjip.figures.registry import Figure, Registry

#: outcomes of a row, in the order the summaries list them
STATUS = ("cocok", "selisih", "kontradiksi", "masukan", "nilai resmi", "tidak dapat diperiksa")
#: what a printed value was compared with
DIHITUNG_ULANG = "dihitung ulang"
MASUKAN = "masukan"
NILAI_RESMI = "nilai resmi"
TIDAK_DAPAT = "tidak dapat diperiksa"
DASAR = (DIHITUNG_ULANG, MASUKAN, NILAI_RESMI, TIDAK_DAPAT)
#: the statuses that are findings of the reviu
TEMUAN = ("selisih", "kontradiksi")
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


# --- other rounding conventions (shown, never accepted) -----------------------------------


def konvensi(reg: Registry) -> dict[str, tuple[Decimal, str]]:
    """Values under another rounding convention, with a description (Indonesian).

    A printed value equal only to one of these is a difference (the report's rule is
    half-up on the final value); the other convention is named in the reason.
    """
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


def _exact(reg: Registry, figure_id: str) -> Decimal | None:
    """The unrounded value of a rounded ratio figure (for comparisons at finer precision)."""
    figure = reg[figure_id]
    if figure.unit == "persen" and len(figure.inputs) == 2 and "× 100%" in figure.formula:
        return ratio_percent(reg.v(figure.inputs[0]), reg.v(figure.inputs[1]))
    if figure.id.endswith(".realisasi") and f"{figure.id.rsplit('.', 1)[0]}.indeks" in reg:
        return reg.v(f"{figure.id.rsplit('.', 1)[0]}.indeks")
    return None


# --- word claims and years ---------------------------------------------------------------

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


def _split_year(figure_id: str) -> tuple[str, str]:
    """``ikpa.nilai_akhir.t-1`` -> (``ikpa.nilai_akhir``, ``.t-1``)."""
    match = re.search(r"\.t[+-]\d+$", figure_id)
    return (figure_id[: match.start()], match.group(0)) if match else (figure_id, "")


# --- what the book knows of a figure --------------------------------------------------------


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


class _Context:
    """What every row's reconciliation needs, computed once per year."""

    def __init__(self, ds: Dataset, reg: Registry) -> None:
        self.reg = reg
        self.alternatives = konvensi(reg)
        self.raw = _raw_values(ds, reg)
        self.same = same_quantity(reg)
        #: figures equal to a published total because a correction made them so
        self.by_construction = {
            c.konstruksi: c.source for c in ds.corrections if c.konstruksi and c.changes_value
        }

    def dasar(self, figure: Figure) -> tuple[str, str]:
        """What a printing of ``figure`` is compared with, and a note on it."""
        reg = self.reg
        if figure.jenis == "resmi":
            base, sfx = _split_year(figure.id)
            if related(base, sfx)[0] in reg:
                return DIHITUNG_ULANG, ""
            return NILAI_RESMI, ""
        if figure.id in self.by_construction:
            partner = next(
                (a for a, b in self.same.items() if b == figure.id and a in reg),
                "",
            )
            source = self.by_construction[figure.id]
            if partner:
                return DIHITUNG_ULANG, (
                    f"dihitung ulang sebagai {reg[partner].label.lower()}; rincian lain "
                    f"dibuat sama dengan total ini oleh koreksi {source}"
                )
            return MASUKAN, f"sama dengan total yang dicetak karena koreksi {source}"
        if figure.formula == "data":
            return MASUKAN, ""
        return DIHITUNG_ULANG, ""


def _show(value: Decimal, places: int, unit: str) -> str:
    if unit == "tahun":
        return str(int(value))
    if unit == "rupiah":
        return fmt.rupiah(value)
    if unit == "persen":
        return fmt.persen(value, places)
    return fmt.angka(value, places)


def _catatan(row) -> str:  # noqa: ANN001 - a publikasi row
    return row.catatan if isinstance(row.catatan, str) else ""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


# --- reconciliation -----------------------------------------------------------------------


def rekonsiliasi(ds: Dataset, reg: Registry) -> list[Baris]:
    """Every published figure against the book (empty without ``publikasi``)."""
    if not ds.has("publikasi"):
        return []
    pub = ds.table("publikasi").sort_values("no")
    context = _Context(ds, reg)
    rows = [_one(row, context) for row in pub.itertuples()]
    return _contradictions(rows, context.same)


def _one(row, ctx: _Context) -> Baris:  # noqa: ANN001 - a publikasi row
    reg = ctx.reg
    fid = row.figure_id if isinstance(row.figure_id, str) else ""
    base = dict(
        no=int(row.no), lokasi=row.lokasi, jenis=row.jenis, figure_id=fid, dipublikasikan=row.teks
    )
    if not fid or fid not in reg:
        reason = _catatan(row)
        if fid:
            reason = _join(f"pengenal {fid} tidak dihitung untuk tahun ini.", reason)
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
        ok = _claim_matches(row.kata, str(figure.value))
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
        return _official(base, row, figure, printed, places, ctx)
    computed = _exact(reg, fid) if places > 2 else None
    if computed is None:
        try:
            computed = to_decimal(figure.value)  # also a year or a count held as text
        except ArithmeticError:
            ok = _claim_matches(str(row.teks), str(figure.value))
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
    dihitung = _show(shown, places, figure.unit)
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
    row,  # noqa: ANN001 - a publikasi row
    figure: Figure,
    dasar: str,
    note: str,
    dihitung: str,
    places: int,
    ctx: _Context,
) -> Baris:
    reg = ctx.reg
    year = row.tahun_teks
    if not pd.isna(year) and int(year) != _year_of(reg, figure.id):
        return Baris(
            **base,
            dihitung=dihitung,
            status="selisih",
            selisih="label tahun",
            alasan=f"angka sama dengan nilai tahun {_year_of(reg, figure.id)}, tetapi teks "
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
            notes.append(f"dengan konvensi lain ({why}) hasilnya {_show(alt, places, figure.unit)}")
    notes.append(_only_with_correction(figure, to_decimal(row.nilai), places, ctx))
    if dasar == MASUKAN and not note:
        notes.append(f"angka masukan ({', '.join(figure.sources[:2])}); tidak dihitung ulang")
    return _equal_or_not(base, dasar, True, dihitung=dihitung, selisih="", alasan=_join(*notes))


def _only_with_correction(figure: Figure, printed: Decimal, places: int, ctx: _Context) -> str:
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
        f"sesuai hanya dengan {reg[num].label.lower()} sesudah {source}; dengan nilai yang "
        f"dicetak ({_show(raw_value, 0, reg[num].unit)}) hasilnya "
        f"{_show(with_raw, places, figure.unit)}"
    )


def _different(
    base: dict,
    row,  # noqa: ANN001 - a publikasi row
    figure: Figure,
    dasar: str,
    printed: Decimal,
    shown: Decimal,
    dihitung: str,
    places: int,
    ctx: _Context,
) -> Baris:
    reg = ctx.reg
    fid = figure.id

    def finding(selisih: str, alasan: str, kategori: str = "perhitungan") -> Baris:
        if dasar == MASUKAN and kategori == "perhitungan":
            kategori = "kontradiksi"  # an input printed otherwise where it was transcribed
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
            _join(
                f"tertulis tahun {int(printed)}, seharusnya tahun {dihitung} "
                f"({figure.label.lower()}).",
                _catatan(row),
            ),
            "label",
        )
    difference = _show(printed - shown, places, figure.unit)
    within = within_printed_inputs(reg, figure, printed, places)
    if within:
        return finding(
            difference,
            f"{_sentence(_rule(figure))} adalah {dihitung}. Nilai masukannya sendiri dicetak "
            f"dibulatkan: {within}; nilai yang dicetak mungkin berasal dari nilai masukan "
            "sebelum dibulatkan, yang tidak tercetak.",
            "pembulatan",
        )
    if fid in ctx.alternatives:
        alt_value, why = ctx.alternatives[fid]
        if round_half_up(alt_value, places) == printed:
            return finding(
                difference,
                f"{_sentence(_rule(figure))} adalah {dihitung}; yang dicetak sama dengan "
                f"hasil bila {why}, yang bukan aturan laporan",
                "pembulatan",
            )
    if fid in ctx.raw and round_half_up(ctx.raw[fid][0], places) == printed:
        return finding(
            difference,
            _join(
                f"sama dengan nilai tercetak sebelum {ctx.raw[fid][1]}; buku memakai nilai "
                "yang dinyatakan di sana.",
                _catatan(row),
            ),
            "data_sumber",
        )
    if fid.endswith(".rerata_realisasi"):
        period = fid.replace("rerata_realisasi", "periode_tren")
        means = other_means(reg, fid, _year_of)
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
    if dasar == MASUKAN:
        return finding(
            difference,
            _join(
                f"berbeda {difference} dari angka yang sama pada data sumber "
                f"({', '.join(figure.sources[:2])}), yang disalin dari tempat lain laporan.",
                _catatan(row),
            ),
        )
    return finding(
        difference,
        _join(f"berbeda {difference} dari {_rule(figure)}.", _catatan(row)),
    )


def _rule(figure: Figure) -> str:
    """How the comparison value was obtained, in words."""
    what = figure.formula if figure.formula != "data" else "data sumber"
    return f"hasil perhitungan ulang ({what}) yang {ATURAN}"


def _official(
    base: dict,
    row,  # noqa: ANN001 - a publikasi row
    figure: Figure,
    printed: Decimal,
    places: int,
    ctx: _Context,
) -> Baris:
    """An official value whose printed components the book recomputes it from."""
    reg = ctx.reg
    stem, sfx = _split_year(figure.id)
    hitung_ulang, _, alasan_id = related(stem, sfx)
    official = round_half_up(figure.number, places)
    recomputed = round_half_up(reg.v(hitung_ulang), places)
    shown = _show(recomputed, places, figure.unit)
    if official != printed:
        return Baris(
            **base,
            dihitung=figure.display,
            status="selisih",
            selisih=_show(printed - official, places, figure.unit),
            alasan=f"nilai resmi yang tercatat ({', '.join(figure.sources[:1])}) adalah "
            f"{figure.display}",
            dasar=NILAI_RESMI,
            kategori="kontradiksi",
        )
    if recomputed == printed:
        return Baris(
            **base,
            dihitung=shown,
            status="cocok",
            selisih="",
            alasan=f"nilai resmi; dihitung ulang dari komponennya yang dicetak "
            f"({reg[hitung_ulang].formula})",
            dasar=DIHITUNG_ULANG,
        )
    gap = printed - recomputed
    bound_id = f"{stem}{BATAS}{sfx}"
    bound = ""
    if bound_id in reg:
        limit = reg.v(bound_id)
        bound = (
            f"Pembulatan komponen yang dicetak hanya dapat menggeser hasil paling banyak "
            f"{fmt.angka(limit, 4).rstrip('0').rstrip(',')}, "
            + (
                "sehingga selisih ini tidak dapat dijelaskan oleh pembulatan."
                if abs(gap) > limit
                else "sehingga selisih ini masih dalam batas pembulatan komponen."
            )
        )
    office = reg.d(alasan_id) if alasan_id in reg else ""
    return Baris(
        **base,
        dihitung=shown,
        status="selisih",
        selisih=_show(gap, places, figure.unit),
        alasan=_join(
            f"nilai resmi aplikasi {row.teks} tidak dihasilkan oleh komponennya yang dicetak: "
            f"{reg[hitung_ulang].formula} = {shown}.",
            bound,
            f"Keterangan kantor: {office}" if office else "",
        ),
        dasar=DIHITUNG_ULANG,
        kategori="nilai_resmi",
    )


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
