"""BAB II B and BAB III B: pagu, PK budget, realisasi anggaran and PNBP (SMART and IKPA:
:mod:`lkjip.figures.kinerja_anggaran`)."""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain.capaian import arah, selisih
from lkjip.figures import ids
from lkjip.figures._common import (
    add_capaian,
    add_status,
    add_undetailed_total,
    sum_of,
    undetailed_rows,
)
from lkjip.figures.kinerja_anggaran import ikpa, smart
from lkjip.figures.registry import Registry


def register(reg: Registry, ds: Dataset) -> None:
    for step, bab in (
        (_pagu_komposisi, "bab2_perencanaan"),
        (_program, "bab3_akuntabilitas"),
        (_annual, "bab3_akuntabilitas"),
        (_jenis_belanja, "bab3_akuntabilitas"),
        (_pk_target, "bab2_perencanaan"),
        (_pk_anggaran, "bab2_perencanaan"),
        (_pnbp, "bab3_akuntabilitas"),
        (smart, "bab3_akuntabilitas"),
        (ikpa, "bab3_akuntabilitas"),
    ):
        with reg.bab(bab):
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
        parts = []
        for row in group.itertuples():
            fid = ids.pagu(dimensi, row.kategori)
            reg.add(
                fid,
                int(row.pagu),
                "rupiah",
                f"Pagu {row.kategori}",
                sources=ds.refs("pagu_komposisi", group[group["kategori"] == row.kategori]),
            )
            parts.append(fid)
        label = f"Jumlah pagu menurut {dimensi.replace('_', ' ')}"
        _sum(reg, ids.pagu(dimensi, "jumlah"), label, parts)


def _program(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("realisasi_program")
    total = undetailed_rows(ds, "realisasi_program", frame)
    if not total.empty:
        for column in ("pagu", "realisasi"):
            add_undetailed_total(
                reg,
                ds,
                "realisasi_program",
                ids.anggaran(column),
                total,
                column,
                f"Total {column} anggaran tahun {ds.tahun}",
            )
        frame = frame.iloc[0:0]
    pagu_ids, real_ids = [], []
    for program, group in frame.groupby("program", sort=False):
        p_ids, r_ids = [], []
        for row in group.itertuples():
            k = row.kegiatan
            refs = ds.refs("realisasi_program", group[group["kegiatan"] == k])
            reg.add(ids.kegiatan(k, "pagu"), int(row.pagu), "rupiah", f"Pagu {k}", sources=refs)
            reg.add(
                ids.kegiatan(k, "realisasi"),
                int(row.realisasi),
                "rupiah",
                f"Realisasi {k}",
                sources=refs,
            )
            _persen(
                reg,
                ids.kegiatan(k, "persen"),
                f"Persentase realisasi {k}",
                ids.kegiatan(k, "realisasi"),
                ids.kegiatan(k, "pagu"),
            )
            p_ids.append(ids.kegiatan(k, "pagu"))
            r_ids.append(ids.kegiatan(k, "realisasi"))
        pagu, realisasi = ids.program(ds, program, "pagu"), ids.program(ds, program, "realisasi")
        _sum(reg, pagu, f"Pagu {program}", p_ids)
        _sum(reg, realisasi, f"Realisasi {program}", r_ids)
        _persen(
            reg,
            ids.program(ds, program, "persen"),
            f"Persentase realisasi {program}",
            realisasi,
            pagu,
        )
        pagu_ids.append(pagu)
        real_ids.append(realisasi)
    if total.empty:
        _sum(reg, ids.anggaran("pagu"), f"Total pagu anggaran tahun {ds.tahun}", pagu_ids)
        _sum(reg, ids.anggaran("realisasi"), f"Total realisasi anggaran tahun {ds.tahun}", real_ids)
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
        offset = ds.tahun - int(row.tahun)
        refs = ds.refs("realisasi_tahunan", frame[frame["tahun"] == row.tahun])
        reg.add(
            ids.anggaran("pagu", offset),
            int(row.pagu),
            "rupiah",
            f"Total pagu tahun {row.tahun}",
            sources=refs,
        )
        reg.add(
            ids.anggaran("realisasi", offset),
            int(row.realisasi),
            "rupiah",
            f"Total realisasi tahun {row.tahun}",
            sources=refs,
        )
        _persen(
            reg,
            ids.anggaran("persen", offset),
            f"Persentase realisasi tahun {row.tahun}",
            ids.anggaran("realisasi", offset),
            ids.anggaran("pagu", offset),
        )
    lalu = ids.anggaran("persen", 1)
    if lalu in reg:
        reg.add(
            "anggaran.arah_persen",
            arah(reg.v("anggaran.persen"), reg.v(lalu)),
            "teks",
            "Arah perubahan persentase realisasi anggaran",
            formula="naik / turun / sama menurut persentase tahun ini − tahun lalu",
            substituted=f"{reg.d('anggaran.persen')} − {reg.d(lalu)}",
            inputs=("anggaran.persen", lalu),
        )


def _jenis_belanja(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("realisasi_jenis_belanja")
    for tahun, group in frame.groupby("tahun", sort=True):
        offset = ds.tahun - int(tahun)
        p_ids, r_ids = [], []
        for row in group.itertuples():
            jenis = row.jenis_belanja
            refs = ds.refs("realisasi_jenis_belanja", group[group["jenis_belanja"] == jenis])
            reg.add(
                ids.belanja(jenis, "pagu", offset),
                int(row.pagu),
                "rupiah",
                f"Pagu {jenis} tahun {tahun}",
                sources=refs,
            )
            reg.add(
                ids.belanja(jenis, "realisasi", offset),
                int(row.realisasi),
                "rupiah",
                f"Realisasi {jenis} tahun {tahun}",
                sources=refs,
            )
            _persen(
                reg,
                ids.belanja(jenis, "persen", offset),
                f"Persentase realisasi {jenis} tahun {tahun}",
                ids.belanja(jenis, "realisasi", offset),
                ids.belanja(jenis, "pagu", offset),
            )
            p_ids.append(ids.belanja(jenis, "pagu", offset))
            r_ids.append(ids.belanja(jenis, "realisasi", offset))
        pagu = ids.belanja("jumlah", "pagu", offset)
        realisasi = ids.belanja("jumlah", "realisasi", offset)
        _sum(reg, pagu, f"Jumlah pagu belanja tahun {tahun}", p_ids)
        _sum(reg, realisasi, f"Jumlah realisasi belanja tahun {tahun}", r_ids)
        _persen(
            reg,
            ids.belanja("jumlah", "persen", offset),
            f"Persentase realisasi belanja tahun {tahun}",
            realisasi,
            pagu,
        )


def _pk_target(reg: Registry, ds: Dataset) -> None:
    """Targets of every Perjanjian Kinerja indicator (this year's and the next)."""
    frame = ds.table("pk_indikator")
    for row in frame.sort_values(["tahun", "tingkat", "no_sasaran"]).itertuples():
        one = frame[(frame["tahun"] == row.tahun) & (frame["indikator_id"] == row.indikator_id)]
        reg.add(
            ids.pk_target(row.indikator_id, ds.tahun - int(row.tahun)),
            row.target,
            "angka2",
            f"Target PK {row.tahun}: {row.indikator} ({row.satuan})",
            sources=ds.refs("pk_indikator", one),
        )


def _pk_anggaran(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("pk_anggaran")
    for (tahun, versi), group in frame.groupby(["tahun", "versi"], sort=True):
        offset = ds.tahun - int(tahun)
        parts = []
        for row in group.itertuples():
            fid = ids.pk_anggaran(versi, row.kegiatan, offset)
            reg.add(
                fid,
                int(row.anggaran),
                "rupiah",
                f"Anggaran PK {tahun} ({versi}) {row.kegiatan}",
                sources=ds.refs("pk_anggaran", group[group["kegiatan"] == row.kegiatan]),
            )
            parts.append(fid)
        jumlah = ids.pk_anggaran(versi, "jumlah", offset)
        _sum(reg, jumlah, f"Jumlah anggaran PK {tahun} ({versi})", parts)


def _pnbp(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("pnbp")
    for tahun, group in frame.groupby("tahun", sort=True):
        offset = ds.tahun - int(tahun)
        total = undetailed_rows(ds, "pnbp", group)
        if not total.empty:
            add_undetailed_total(
                reg,
                ds,
                "pnbp",
                ids.pnbp("realisasi", offset),
                total,
                "realisasi",
                f"Realisasi PNBP tahun {tahun}",
            )
            continue
        parts = []
        for row in group.itertuples():
            fid = ids.pnbp_akun(row.kode_akun, offset)
            reg.add(
                fid,
                int(row.realisasi),
                "rupiah",
                f"PNBP {row.jenis_pendapatan} tahun {tahun}",
                sources=ds.refs("pnbp", group[group["kode_akun"] == row.kode_akun]),
            )
            parts.append(fid)
        _sum(reg, ids.pnbp("realisasi", offset), f"Realisasi PNBP tahun {tahun}", parts)
    targets = ds.table("pnbp_target")
    for row in targets.sort_values("tahun").itertuples():
        offset = ds.tahun - int(row.tahun)
        reg.add(
            ids.pnbp("target", offset),
            int(row.target),
            "rupiah",
            f"Target PNBP tahun {row.tahun}",
            sources=ds.refs("pnbp_target", targets[targets["tahun"] == row.tahun]),
        )
        if ids.pnbp("realisasi", offset) in reg:
            add_capaian(
                reg,
                ids.pnbp("capaian", offset),
                ids.pnbp("realisasi", offset),
                ids.pnbp("target", offset),
                f"Capaian PNBP tahun {row.tahun}",
                formula="realisasi PNBP / target PNBP × 100%",
            )
    if "pnbp.capaian" in reg:
        add_status(reg, "pnbp.status", "pnbp.realisasi", "pnbp.target", "Status target PNBP")
    lalu = ids.pnbp("realisasi", 1)
    if lalu in reg:
        reg.add(
            "pnbp.selisih",
            int(selisih(reg.v("pnbp.realisasi"), reg.v(lalu))),
            "rupiah",
            "Kenaikan realisasi PNBP dari tahun sebelumnya",
            formula="realisasi tahun ini − realisasi tahun lalu",
            substituted=f"{reg.d('pnbp.realisasi')} − {reg.d(lalu)}",
            inputs=("pnbp.realisasi", lalu),
        )
        reg.add(
            "pnbp.arah",
            arah(reg.v("pnbp.realisasi"), reg.v(lalu)),
            "teks",
            "Arah perubahan realisasi PNBP",
            formula="tanda selisih realisasi",
            substituted=reg.d("pnbp.selisih"),
            inputs=("pnbp.selisih",),
        )
