"""Consistency checks a reviu runs on any year, on the data and the computed figures alone.

Sums against their parts across tables, the PK budget against the pagu, formula
terms, monthly values against their parts, official values against their
recomputation, and the corrections applied. Each check says ``lulus`` or
``temuan`` with the numbers behind it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.figures.nilai_resmi import related
from lkjip.figures.registry import Registry


@dataclass(frozen=True)
class Pemeriksaan:
    """One consistency check and its outcome."""

    nama: str
    hasil: str  # "lulus" or "temuan"
    rincian: str


def _sum_check(name: str, parts: list[int], total: int, what: str) -> Pemeriksaan:
    got = sum(parts)
    ok = got == total
    detail = f"Σ {what} = {fmt.rupiah(got)}; pembanding = {fmt.rupiah(total)}" + (
        "" if ok else f"; selisih {fmt.rupiah(got - total)}"
    )
    return Pemeriksaan(name, "lulus" if ok else "temuan", detail)


def pemeriksaan(ds: Dataset, reg: Registry) -> list[Pemeriksaan]:
    """Checks a reviu runs on any year's data and figures (deterministic order)."""
    out: list[Pemeriksaan] = []
    pagu = int(reg.v("anggaran.pagu"))
    for dimensi in ("sumber_alokasi", "jenis_belanja", "sumber_dana"):
        fid = f"pagu.{dimensi}.jumlah"
        if fid in reg:
            parts = [int(reg.v(i)) for i in reg[fid].inputs]
            out.append(
                _sum_check(
                    f"Pagu menurut {dimensi.replace('_', ' ')} = total pagu", parts, pagu, "rincian"
                )
            )
    if "pk.anggaran.revisi.jumlah" in reg:
        out.append(
            _sum_check(
                "Anggaran Perjanjian Kinerja (revisi) = total pagu",
                [int(reg.v("pk.anggaran.revisi.jumlah"))],
                pagu,
                "anggaran PK",
            )
        )
    if "belanja.jumlah.realisasi" in reg:
        out.append(
            _sum_check(
                "Realisasi per jenis belanja = realisasi per program",
                [int(reg.v("belanja.jumlah.realisasi"))],
                int(reg.v("anggaran.realisasi")),
                "realisasi jenis belanja",
            )
        )
    for offset in (1, 2, 3):
        sfx = f".t-{offset}"
        if f"belanja.jumlah.realisasi{sfx}" in reg and f"anggaran.realisasi{sfx}" in reg:
            out.append(
                _sum_check(
                    f"Realisasi per jenis belanja tahun {reg.tahun - offset} = total tahunan",
                    [int(reg.v(f"belanja.jumlah.realisasi{sfx}"))],
                    int(reg.v(f"anggaran.realisasi{sfx}")),
                    "realisasi jenis belanja",
                )
            )
    for k, table in (("ikm", "skm_bulanan"), ("iki", "iio_responden")):
        if f"{k}.jumlah_bulan" in reg:
            months = int(reg.v(f"{k}.jumlah_bulan"))
            out.append(
                Pemeriksaan(
                    f"Rumus tahunan {k.upper()} memakai 12 bulan",
                    "lulus" if months == 12 else "temuan",
                    f"{months} suku (bulan) pada {table}",
                )
            )
    for warning in ds.warnings:
        out.append(Pemeriksaan("Nilai terbit vs rinciannya", "temuan", str(warning)))
    if not ds.warnings:
        out.append(
            Pemeriksaan(
                "Nilai bulanan sama dengan rata-rata rinciannya (dalam pembulatan)",
                "lulus",
                "Nilai SKM, Nilai Integritas dan nilai efisiensi SMART",
            )
        )
    out.extend(hitung_ulang(reg))
    out.extend(dokumen(ds))
    for corr in ds.corrections:
        out.append(
            Pemeriksaan(
                f"Koreksi {corr.tabel} kolom {corr.kolom}",
                "temuan",
                f"{corr.nilai_dipublikasikan} → {corr.nilai_koreksi} ({corr.source}): "
                f"{corr.alasan}",
            )
        )
    return out


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
                "lulus" if same else "temuan",
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
    try:  # the two identity cells these checks use (a chapter depends on those only)
        signed = ds.fact("identitas", "tanggal_pengesahan")
        program = ds.fact("identitas", "program")
    except (KeyError, IndexError):
        return out
    if ds.has("pk_penandatangan") and not pd.isna(signed):
        pk = ds.table("pk_penandatangan")
        later = pk[pk["tanggal"] > signed].drop_duplicates(["tahun", "tanggal"])
        out.append(
            Pemeriksaan(
                "Dokumen lampiran tidak bertanggal sesudah laporan ditandatangani",
                "temuan" if len(later) else "lulus",
                "; ".join(
                    f"Perjanjian Kinerja {r.tahun} bertanggal {fmt.tanggal(r.tanggal)}"
                    for r in later.itertuples()
                )
                + f" (Kata Pengantar ditandatangani {fmt.tanggal(signed)})"
                if len(later)
                else f"semua bertanggal paling lambat {fmt.tanggal(signed)}",
            )
        )
    if ds.has("isu_strategis"):
        isu = ds.table("isu_strategis")
        twice = isu[isu.duplicated("uraian", keep=False)]
        out.append(
            Pemeriksaan(
                "Uraian isu strategis tidak berulang kata demi kata",
                "temuan" if len(twice) else "lulus",
                "; ".join(f"{r.no}. {r.judul}" for r in twice.itertuples())
                + (" memuat uraian yang sama" if len(twice) else "")
                or f"{len(isu)} uraian berbeda",
            )
        )
    for table in ("realisasi_program", "pk_anggaran"):
        if not ds.has(table) or not isinstance(program, str):
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
                    "temuan" if wrong else "lulus",
                    f"program Renstra: {program}; tercetak: {', '.join(same_words)}",
                )
            )
    return out


def _program_words(name: str) -> list[str]:
    """The words of a program's name, in order, without the word "Program"."""
    return [w for w in re.findall(r"\w+", name.lower()) if w != "program"]
