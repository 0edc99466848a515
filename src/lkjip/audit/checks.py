"""Consistency checks a reviu runs on any year, on the data and the computed figures alone.

Sums against their parts across tables, the PK budget against the pagu, formula
terms, monthly values against their parts, official values against their
recomputation, and the corrections applied. Each check says ``lulus`` or
``temuan`` with the numbers behind it, or ``tidak dapat diperiksa`` when it has nothing
to check (a required table not filled in yet: a draft): a check over no rows never passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lkjip.audit.baris import TIDAK_DAPAT
from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.figures import ids
from lkjip.figures.nilai_resmi import related
from lkjip.figures.registry import Registry


@dataclass(frozen=True)
class Pemeriksaan:
    """One consistency check and its outcome."""

    nama: str
    hasil: str  # LULUS, TEMUAN or TIDAK_DAPAT (nothing to check)
    rincian: str

    @property
    def diperiksa(self) -> bool:
        """The check had something to check (its result is evidence)."""
        return self.hasil != TIDAK_DAPAT


LULUS = "lulus"
TEMUAN = "temuan"


def _missing(ds: Dataset, *tables: str) -> list[str]:
    """The tables among ``tables`` that are not there or have no rows (a draft)."""
    return [t for t in tables if not ds.has(t) or ds.table(t).empty]


def _identity_cell(ds: Dataset, column: str) -> tuple[bool, object]:
    """Whether the identity row is there, and its cell ``column``, read as that cell
    alone (a chapter that shows these checks depends on the cells they use only)."""
    try:
        return True, ds.fact("identitas", column)
    except (KeyError, IndexError):
        return False, None


def _belum(name: str, tables: list[str], what: str = "") -> Pemeriksaan:
    """A check with nothing to check: not passed, with what is missing."""
    missing = what or "tabel " + ", ".join(tables)
    return Pemeriksaan(name, TIDAK_DAPAT, f"data belum tersedia: {missing}")


def _sum_check(name: str, parts: list[int], total: int, what: str) -> Pemeriksaan:
    got = sum(parts)
    ok = got == total
    detail = f"Σ {what} = {fmt.rupiah(got)}; pembanding = {fmt.rupiah(total)}" + (
        "" if ok else f"; selisih {fmt.rupiah(got - total)}"
    )
    return Pemeriksaan(name, LULUS if ok else TEMUAN, detail)


def pemeriksaan(ds: Dataset, reg: Registry) -> list[Pemeriksaan]:
    """Checks a reviu runs on any year's data and figures (deterministic order)."""
    out: list[Pemeriksaan] = []
    for dimensi in ("sumber_alokasi", "jenis_belanja", "sumber_dana"):
        fid = ids.pagu(dimensi, "jumlah")
        name = f"Pagu menurut {dimensi.replace('_', ' ')} = total pagu"
        if fid in reg and "anggaran.pagu" in reg:
            parts = [int(reg.v(i)) for i in reg[fid].inputs]
            out.append(_sum_check(name, parts, int(reg.v("anggaran.pagu")), "rincian"))
        elif missing := _missing(ds, "pagu_komposisi", "realisasi_program"):
            out.append(_belum(name, missing))
    pairs = (
        (
            "Anggaran Perjanjian Kinerja (revisi) = total pagu",
            "pk.anggaran.revisi.jumlah",
            "anggaran.pagu",
            "anggaran PK",
            ("pk_anggaran", "realisasi_program"),
        ),
        (
            "Realisasi per jenis belanja = realisasi per program",
            "belanja.jumlah.realisasi",
            "anggaran.realisasi",
            "realisasi jenis belanja",
            ("realisasi_jenis_belanja", "realisasi_program"),
        ),
    )
    for name, part, total, what, tables in pairs:
        if part in reg and total in reg:
            out.append(_sum_check(name, [int(reg.v(part))], int(reg.v(total)), what))
        elif missing := _missing(ds, *tables):
            out.append(_belum(name, missing))
    for offset in (1, 2, 3):
        belanja, anggaran = (
            ids.belanja("jumlah", "realisasi", offset),
            ids.anggaran("realisasi", offset),
        )
        if belanja in reg and anggaran in reg:
            out.append(
                _sum_check(
                    f"Realisasi per jenis belanja tahun {reg.tahun - offset} = total tahunan",
                    [int(reg.v(belanja))],
                    int(reg.v(anggaran)),
                    "realisasi jenis belanja",
                )
            )
    for k, table in (("ikm", "skm_bulanan"), ("iki", "iio_responden")):
        name = f"Rumus tahunan {k.upper()} memakai 12 bulan"
        months = (
            int(reg.v(ids.indikator(k, "jumlah_bulan")))
            if ids.indikator(k, "jumlah_bulan") in reg
            else 0
        )
        if months:
            out.append(
                Pemeriksaan(
                    name,
                    LULUS if months == 12 else TEMUAN,
                    f"{months} suku (bulan) pada {table}",
                )
            )
        elif missing := _missing(ds, table):
            out.append(_belum(name, missing))
    for warning in ds.warnings:
        out.append(Pemeriksaan("Nilai terbit vs rinciannya", TEMUAN, str(warning)))
    if not ds.warnings:
        out.append(_rata_rincian(ds))
    out.extend(hitung_ulang(reg))
    out.extend(dokumen(ds))
    for corr in ds.corrections:
        out.append(
            Pemeriksaan(
                f"Koreksi {corr.tabel} kolom {corr.kolom}",
                TEMUAN,
                f"{corr.nilai_dipublikasikan} → {corr.nilai_koreksi} ({corr.source}): "
                f"{corr.alasan}",
            )
        )
    return out


#: the published values the soft checks compare with the mean of their parts
RATA_RINCIAN = {
    "skm": "Nilai SKM",
    "iio": "Nilai Integritas",
    "smart": "nilai efisiensi SMART",
}


def soft_compared(ds: Dataset) -> dict[str, int]:
    """How many published values the soft checks of :mod:`lkjip.data.consistency` compared
    with their parts (``skm``, ``iio``: months; ``smart``: years); zero: nothing compared."""

    def months(table: str, parts_table: str) -> int:
        if _missing(ds, table, parts_table):
            return 0
        with_parts = set(ds.table(parts_table)["bulan"])
        return sum(1 for b in ds.table(table)["bulan"] if b in with_parts)

    years = 0
    if not _missing(ds, "smart_komponen"):
        for _, group in ds.table("smart_komponen").groupby("tahun", sort=True):
            years += {"efisiensi", "nilai_efisiensi"} <= set(group["komponen"])
    return {
        "skm": months("skm_bulanan", "skm_unsur_bulanan"),
        "iio": months("iio_responden", "iio_bulanan"),
        "smart": years,
    }


def _rata_rincian(ds: Dataset) -> Pemeriksaan:
    """No published value differs from the mean of its parts: passed only for what was
    compared (no survey data: nothing compared, nothing passed)."""
    name = "Nilai bulanan sama dengan rata-rata rinciannya (dalam pembulatan)"
    compared = soft_compared(ds)
    names = [RATA_RINCIAN[k] for k in RATA_RINCIAN if compared.get(k)]
    if not names:
        return _belum(
            name,
            [],
            "nilai bulanan beserta rinciannya (skm_bulanan dan skm_unsur_bulanan, "
            "iio_responden dan iio_bulanan) dan komponen SMART (smart_komponen)",
        )
    shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
    return Pemeriksaan(name, LULUS, shown)


def hitung_ulang(reg: Registry) -> list[Pemeriksaan]:
    """Each official value against our recomputation of it, with the office's reason.

    A difference is a finding of the check, not an error of the report: the
    report prints the official value.
    """
    out = []
    for figure in sorted(reg, key=lambda f: f.label):
        if figure.jenis != "resmi":
            continue
        match = re.fullmatch(r"(.+?)((?:\.t[+-]\d+)?)", figure.id)
        base, sfx = (match.group(1), match.group(2)) if match else (figure.id, "")
        recomputed, difference, reason = related(base, sfx)
        if difference not in reg:
            continue
        same = reg.v(difference) == 0
        detail = (
            f"nilai resmi {figure.display}; perhitungan ulang {reg.d(recomputed)}; "
            f"selisih {reg.d(difference)}"
        )
        if not same:
            why = reg.d(reason) if reason in reg else "alasan selisih belum dicatat"
            detail += f". {why}"
        out.append(
            Pemeriksaan(
                reg[difference].label,
                LULUS if same else TEMUAN,
                detail,
            )
        )
    return out


def dokumen(ds: Dataset) -> list[Pemeriksaan]:
    """Checks on the report's documents and names, from the data alone (any year).

    A document included in the report is not dated after the report is signed; a text is
    not repeated word for word under two headings; budget tables name the program as the
    report's identity does.
    """
    out: list[Pemeriksaan] = []
    # (each identity cell is read only where the result depends on it: the row's key says
    # whether the row is there; the date only when the documents are there to compare)
    there = _identity_cell(ds, "tahun")[0]
    name = "Dokumen lampiran tidak bertanggal sesudah laporan ditandatangani"
    if missing := ([] if there else ["identitas"]) + _missing(ds, "pk_penandatangan"):
        out.append(_belum(name, missing))
    elif (signed := _identity_cell(ds, "tanggal_pengesahan")[1]) is None or pd.isna(signed):
        out.append(_belum(name, [], "tanggal pengesahan laporan (identitas)"))
    else:
        pk = ds.table("pk_penandatangan")
        later = pk[pk["tanggal"] > signed].drop_duplicates(["tahun", "tanggal"])
        out.append(
            Pemeriksaan(
                name,
                TEMUAN if len(later) else LULUS,
                "; ".join(
                    f"Perjanjian Kinerja {r.tahun} bertanggal {fmt.tanggal(r.tanggal)}"
                    for r in later.itertuples()
                )
                + f" (Kata Pengantar ditandatangani {fmt.tanggal(signed)})"
                if len(later)
                else f"semua bertanggal paling lambat {fmt.tanggal(signed)}",
            )
        )
    name = "Uraian isu strategis tidak berulang kata demi kata"
    if missing := _missing(ds, "isu_strategis"):
        out.append(_belum(name, missing))
    else:
        isu = ds.table("isu_strategis")
        twice = isu[isu.duplicated("uraian", keep=False)]
        out.append(
            Pemeriksaan(
                name,
                TEMUAN if len(twice) else LULUS,
                "; ".join(f"{r.no}. {r.judul}" for r in twice.itertuples())
                + (" memuat uraian yang sama" if len(twice) else "")
                or f"{len(isu)} uraian berbeda",
            )
        )
    for table in ("realisasi_program", "pk_anggaran"):
        if not ds.has(table):
            continue
        program = _identity_cell(ds, "program")[1]
        if not isinstance(program, str):
            continue
        # the program's name with its words in another order (the same words, not the same name)
        names = sorted(set(ds.table(table)["program"]))
        same_words = [
            n for n in names if sorted(_program_words(n)) == sorted(_program_words(program))
        ]
        if same_words:
            wrong = [n for n in same_words if _program_words(n) != _program_words(program)]
            out.append(
                Pemeriksaan(
                    f"Nama program pada {table} sama dengan program Renstra",
                    TEMUAN if wrong else LULUS,
                    f"program Renstra: {program}; dipakai: {', '.join(same_words)}"
                    + _renamed(ds, table, same_words),
                )
            )
    return out


def _renamed(ds: Dataset, table: str, names: list[str]) -> str:
    """The published wording of ``names`` that a koreksi replaced, with its rows."""
    found = [
        c
        for c in ds.corrections_of(table)
        if c.kolom == "program" and c.changes_value and c.nilai_koreksi in names
    ]
    if not found:
        return ""
    printed = sorted({c.nilai_dipublikasikan for c in found})
    rows = ", ".join(c.source for c in found)
    return f"; tercetak di laporan: {', '.join(printed)} (dikoreksi, {rows})"


def _program_words(name: str) -> list[str]:
    """The words of a program's name, in order, without the word "Program"."""
    return [w for w in re.findall(r"\w+", name.lower()) if w != "program"]
