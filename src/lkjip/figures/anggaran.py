"""BAB II B and BAB III B: pagu, PK budget, realisasi anggaran and PNBP (SMART and IKPA:
:mod:`lkjip.figures.kinerja_anggaran`)."""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain.capaian import arah, selisih
from lkjip.domain.teks import slug
from lkjip.figures._common import (
    add_capaian,
    add_status,
    add_undetailed_total,
    id_program,
    suffix,
    sum_of,
    undetailed_rows,
)
from lkjip.figures.kinerja_anggaran import ikpa, smart
from lkjip.figures.registry import Registry


def register(reg: Registry, ds: Dataset) -> None:
    for step in (
        _pagu_komposisi,
        _program,
        _annual,
        _jenis_belanja,
        _pk_target,
        _pk_anggaran,
        _pnbp,
        smart,
        ikpa,
    ):
        reg.step(step.__name__.strip("_"), step, reg, ds)


def _persen(reg: Registry, base: str, label: str, realisasi: str, pagu: str) -> None:
    add_capaian(reg, base, realisasi, pagu, label, formula="realisasi / pagu × 100%")


def _sum(reg: Registry, fid: str, label: str, parts: list[str], unit: str = "rupiah") -> None:
    reg.add(
        fid,
        sum_of(reg, parts, label),
        unit,
        label,
        formula="Σ rincian",
        substituted=" + ".join(reg.d(p) for p in parts),
        inputs=tuple(parts),
    )


def _pagu_komposisi(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("pagu_komposisi")
    for dimensi, group in frame.groupby("dimensi", sort=True):
        ids = []
        for row in group.itertuples():
            fid = f"pagu.{dimensi}.{slug(row.kategori)}"
            reg.add(
                fid,
                int(row.pagu),
                "rupiah",
                f"Pagu {row.kategori}",
                sources=ds.refs("pagu_komposisi", group[group["kategori"] == row.kategori]),
            )
            ids.append(fid)
        _sum(reg, f"pagu.{dimensi}.jumlah", f"Jumlah pagu menurut {dimensi.replace('_', ' ')}", ids)


def _program(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("realisasi_program")
    total = undetailed_rows(ds, "realisasi_program", frame)
    if not total.empty:
        for column in ("pagu", "realisasi"):
            add_undetailed_total(
                reg,
                ds,
                "realisasi_program",
                f"anggaran.{column}",
                total,
                column,
                f"Total {column} anggaran tahun {ds.tahun}",
            )
        frame = frame.iloc[0:0]
    pagu_ids, real_ids = [], []
    for program, group in frame.groupby("program", sort=False):
        p_ids, r_ids = [], []
        for row in group.itertuples():
            base = f"anggaran.kegiatan.{slug(row.kegiatan)}"
            refs = ds.refs("realisasi_program", group[group["kegiatan"] == row.kegiatan])
            reg.add(f"{base}.pagu", int(row.pagu), "rupiah", f"Pagu {row.kegiatan}", sources=refs)
            reg.add(
                f"{base}.realisasi",
                int(row.realisasi),
                "rupiah",
                f"Realisasi {row.kegiatan}",
                sources=refs,
            )
            _persen(
                reg,
                f"{base}.persen",
                f"Persentase realisasi {row.kegiatan}",
                f"{base}.realisasi",
                f"{base}.pagu",
            )
            p_ids.append(f"{base}.pagu")
            r_ids.append(f"{base}.realisasi")
        base = id_program(ds, program)
        _sum(reg, f"{base}.pagu", f"Pagu {program}", p_ids)
        _sum(reg, f"{base}.realisasi", f"Realisasi {program}", r_ids)
        _persen(
            reg,
            f"{base}.persen",
            f"Persentase realisasi {program}",
            f"{base}.realisasi",
            f"{base}.pagu",
        )
        pagu_ids.append(f"{base}.pagu")
        real_ids.append(f"{base}.realisasi")
    if total.empty:
        _sum(reg, "anggaran.pagu", f"Total pagu anggaran tahun {ds.tahun}", pagu_ids)
        _sum(reg, "anggaran.realisasi", f"Total realisasi anggaran tahun {ds.tahun}", real_ids)
    _persen(
        reg,
        "anggaran.persen",
        f"Persentase realisasi anggaran tahun {ds.tahun}",
        "anggaran.realisasi",
        "anggaran.pagu",
    )
    reg.add(
        "anggaran.sisa",
        int(reg.v("anggaran.pagu") - reg.v("anggaran.realisasi")),
        "rupiah",
        "Sisa anggaran (pagu − realisasi)",
        formula="pagu − realisasi",
        substituted=f"{reg.d('anggaran.pagu')} − {reg.d('anggaran.realisasi')}",
        inputs=("anggaran.pagu", "anggaran.realisasi"),
    )


def _annual(reg: Registry, ds: Dataset) -> None:
    """Previous years' totals (the current year comes from the program table)."""
    frame = ds.table("realisasi_tahunan")
    for row in frame[frame["tahun"] < ds.tahun].sort_values("tahun").itertuples():
        sfx = suffix(ds.tahun - int(row.tahun))
        refs = ds.refs("realisasi_tahunan", frame[frame["tahun"] == row.tahun])
        reg.add(
            f"anggaran.pagu{sfx}",
            int(row.pagu),
            "rupiah",
            f"Total pagu tahun {row.tahun}",
            sources=refs,
        )
        reg.add(
            f"anggaran.realisasi{sfx}",
            int(row.realisasi),
            "rupiah",
            f"Total realisasi tahun {row.tahun}",
            sources=refs,
        )
        _persen(
            reg,
            f"anggaran.persen{sfx}",
            f"Persentase realisasi tahun {row.tahun}",
            f"anggaran.realisasi{sfx}",
            f"anggaran.pagu{sfx}",
        )
    prev = suffix(1)
    if f"anggaran.persen{prev}" in reg:
        reg.add(
            "anggaran.arah_persen",
            arah(reg.v("anggaran.persen"), reg.v(f"anggaran.persen{prev}")),
            "teks",
            "Arah perubahan persentase realisasi anggaran",
            formula="naik / turun / sama menurut persentase tahun ini − tahun lalu",
            substituted=f"{reg.d('anggaran.persen')} − {reg.d(f'anggaran.persen{prev}')}",
            inputs=("anggaran.persen", f"anggaran.persen{prev}"),
        )


def _jenis_belanja(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("realisasi_jenis_belanja")
    for tahun, group in frame.groupby("tahun", sort=True):
        sfx = suffix(ds.tahun - int(tahun))
        p_ids, r_ids = [], []
        for row in group.itertuples():
            base = f"belanja.{slug(row.jenis_belanja)}"
            refs = ds.refs(
                "realisasi_jenis_belanja", group[group["jenis_belanja"] == row.jenis_belanja]
            )
            reg.add(
                f"{base}.pagu{sfx}",
                int(row.pagu),
                "rupiah",
                f"Pagu {row.jenis_belanja} tahun {tahun}",
                sources=refs,
            )
            reg.add(
                f"{base}.realisasi{sfx}",
                int(row.realisasi),
                "rupiah",
                f"Realisasi {row.jenis_belanja} tahun {tahun}",
                sources=refs,
            )
            _persen(
                reg,
                f"{base}.persen{sfx}",
                f"Persentase realisasi {row.jenis_belanja} tahun {tahun}",
                f"{base}.realisasi{sfx}",
                f"{base}.pagu{sfx}",
            )
            p_ids.append(f"{base}.pagu{sfx}")
            r_ids.append(f"{base}.realisasi{sfx}")
        _sum(reg, f"belanja.jumlah.pagu{sfx}", f"Jumlah pagu belanja tahun {tahun}", p_ids)
        _sum(
            reg, f"belanja.jumlah.realisasi{sfx}", f"Jumlah realisasi belanja tahun {tahun}", r_ids
        )
        _persen(
            reg,
            f"belanja.jumlah.persen{sfx}",
            f"Persentase realisasi belanja tahun {tahun}",
            f"belanja.jumlah.realisasi{sfx}",
            f"belanja.jumlah.pagu{sfx}",
        )


def _pk_target(reg: Registry, ds: Dataset) -> None:
    """Targets of every Perjanjian Kinerja indicator (this year's and the next)."""
    frame = ds.table("pk_indikator")
    for row in frame.sort_values(["tahun", "tingkat", "no_sasaran"]).itertuples():
        offset = int(row.tahun) - ds.tahun
        sfx = "" if offset == 0 else f".t+{offset}"
        one = frame[(frame["tahun"] == row.tahun) & (frame["indikator_id"] == row.indikator_id)]
        reg.add(
            f"pk.target.{row.indikator_id}{sfx}",
            row.target,
            "angka2",
            f"Target PK {row.tahun}: {row.indikator} ({row.satuan})",
            sources=ds.refs("pk_indikator", one),
        )


def _pk_anggaran(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("pk_anggaran")
    for (tahun, versi), group in frame.groupby(["tahun", "versi"], sort=True):
        offset = int(tahun) - ds.tahun
        sfx = "" if offset == 0 else f".t+{offset}"
        ids = []
        for row in group.itertuples():
            fid = f"pk.anggaran.{versi}.{slug(row.kegiatan)}{sfx}"
            reg.add(
                fid,
                int(row.anggaran),
                "rupiah",
                f"Anggaran PK {tahun} ({versi}) {row.kegiatan}",
                sources=ds.refs("pk_anggaran", group[group["kegiatan"] == row.kegiatan]),
            )
            ids.append(fid)
        _sum(reg, f"pk.anggaran.{versi}.jumlah{sfx}", f"Jumlah anggaran PK {tahun} ({versi})", ids)


def _pnbp(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("pnbp")
    for tahun, group in frame.groupby("tahun", sort=True):
        sfx = suffix(ds.tahun - int(tahun))
        total = undetailed_rows(ds, "pnbp", group)
        if not total.empty:
            add_undetailed_total(
                reg,
                ds,
                "pnbp",
                f"pnbp.realisasi{sfx}",
                total,
                "realisasi",
                f"Realisasi PNBP tahun {tahun}",
            )
            continue
        ids = []
        for row in group.itertuples():
            fid = f"pnbp.akun.{row.kode_akun}{sfx}"
            reg.add(
                fid,
                int(row.realisasi),
                "rupiah",
                f"PNBP {row.jenis_pendapatan} tahun {tahun}",
                sources=ds.refs("pnbp", group[group["kode_akun"] == row.kode_akun]),
            )
            ids.append(fid)
        _sum(reg, f"pnbp.realisasi{sfx}", f"Realisasi PNBP tahun {tahun}", ids)
    targets = ds.table("pnbp_target")
    for row in targets.sort_values("tahun").itertuples():
        sfx = suffix(ds.tahun - int(row.tahun))
        reg.add(
            f"pnbp.target{sfx}",
            int(row.target),
            "rupiah",
            f"Target PNBP tahun {row.tahun}",
            sources=ds.refs("pnbp_target", targets[targets["tahun"] == row.tahun]),
        )
        if f"pnbp.realisasi{sfx}" in reg:
            add_capaian(
                reg,
                f"pnbp.capaian{sfx}",
                f"pnbp.realisasi{sfx}",
                f"pnbp.target{sfx}",
                f"Capaian PNBP tahun {row.tahun}",
                formula="realisasi PNBP / target PNBP × 100%",
            )
    if "pnbp.capaian" in reg:
        add_status(reg, "pnbp.status", "pnbp.realisasi", "pnbp.target", "Status target PNBP")
    prev = suffix(1)
    if f"pnbp.realisasi{prev}" in reg:
        reg.add(
            "pnbp.selisih",
            int(selisih(reg.v("pnbp.realisasi"), reg.v(f"pnbp.realisasi{prev}"))),
            "rupiah",
            "Kenaikan realisasi PNBP dari tahun sebelumnya",
            formula="realisasi tahun ini − realisasi tahun lalu",
            substituted=f"{reg.d('pnbp.realisasi')} − {reg.d(f'pnbp.realisasi{prev}')}",
            inputs=("pnbp.realisasi", f"pnbp.realisasi{prev}"),
        )
        reg.add(
            "pnbp.arah",
            arah(reg.v("pnbp.realisasi"), reg.v(f"pnbp.realisasi{prev}")),
            "teks",
            "Arah perubahan realisasi PNBP",
            formula="tanda selisih realisasi",
            substituted=reg.d("pnbp.selisih"),
            inputs=("pnbp.selisih",),
        )
