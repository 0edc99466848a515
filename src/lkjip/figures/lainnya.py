"""BAB III D: other achievements (e-monev, TARJA, services, law enforcement)."""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain.capaian import arah, selisih
from lkjip.domain.rounding import round_score
from lkjip.figures import ids
from lkjip.figures._common import add_undetailed_total, suffix, sum_of, undetailed_rows
from lkjip.figures.hitungan import banyaknya, rerata
from lkjip.figures.registry import Registry

#: yearly count tables: table -> (figure prefix, category columns, label)
COUNT_TABLES = {
    "paspor": ("paspor", ("jenis",), "Penerbitan paspor"),
    "izin_tinggal": ("izin_tinggal", ("jenis",), "Penerbitan izin tinggal"),
    "perlintasan": ("perlintasan", ("arah", "kewarganegaraan"), "Perlintasan"),
    "tak": ("tak", ("jenis",), "Tindakan Administratif Keimigrasian"),
    "projustitia": ("projustitia", ("no",), "Kasus projustitia"),
}


def register(reg: Registry, ds: Dataset) -> None:
    with reg.bab("bab3_akuntabilitas"):
        _register(reg, ds)


def _register(reg: Registry, ds: Dataset) -> None:
    reg.step("emonev", _emonev, reg, ds)
    reg.step("tarja", _tarja, reg, ds)
    for table, (prefix, columns, label) in COUNT_TABLES.items():
        reg.step(table, _counts, reg, ds, table, prefix, columns, label)
    reg.step("perlintasan.kelompok", _perlintasan_groups, reg, ds)
    for table in ("penghargaan", "inovasi"):
        if ds.has(table):
            n = banyaknya(ds.table(table))
            reg.add(
                f"{table}.jumlah",
                n.nilai,
                "jumlah",
                f"Jumlah {table} tahun {ds.tahun}",
                formula=f"hitung(baris {table})",
                substituted=n.teks,
                sources=ds.refs(table),
            )


def _emonev(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("emonev")
    for row in frame.itertuples():
        reg.add(
            ids.emonev(row.komponen),
            row.nilai,
            "angka2",
            f"Nilai e-monev {row.komponen}",
            sources=ds.refs("emonev", frame[frame["komponen"] == row.komponen]),
            jenis="resmi",  # published by the e-monev BAPPENAS dashboard
        )


def _tarja(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("tarja")
    parts = []
    for no, group in frame.groupby("no_tarja", sort=True):
        group = group.sort_values("bulan")
        for item in group.itertuples():
            reg.add(
                f"tarja.{no}.b{int(item.bulan):02d}",
                item.nilai,
                "angka2",
                f"Nilai TARJA {no} bulan penilaian {int(item.bulan)}",
                sources=ds.refs("tarja", group[group["bulan"] == item.bulan]),
                jenis="resmi",  # scored by the Kantor Wilayah in kinerja.kemenkumham.go.id
            )
        fid = ids.tarja(no, "rerata")
        rata = rerata(list(group["nilai"]), "angka2", round_score)
        reg.add(
            fid,
            rata.nilai,
            "angka2",
            f"Rata-rata nilai TARJA {no}",
            formula="Σ nilai bulan penilaian / jumlah penilaian",
            substituted=rata.teks,
            sources=ds.refs("tarja", group),
        )
        parts.append(fid)
    rata = rerata([reg.v(i) for i in parts], "angka2", round_score)
    reg.add(
        "tarja.rerata",
        rata.nilai,
        "angka2",
        "Rata-rata nilai seluruh TARJA",
        formula="Σ rata-rata TARJA / jumlah TARJA",
        substituted=rata.teks,
        inputs=tuple(parts),
    )
    n = banyaknya(parts)
    reg.add(
        "tarja.jumlah",
        n.nilai,
        "jumlah",
        "Jumlah target kinerja (TARJA)",
        formula="hitung(TARJA)",
        substituted=n.teks,
        inputs=tuple(parts),
    )


def _counts(
    reg: Registry, ds: Dataset, table: str, prefix: str, columns: tuple[str, ...], label: str
) -> None:
    frame = ds.table(table)
    value = "jumlah"
    if frame.empty and ds.is_nihil(table):
        reg.add(
            ids.rincian(prefix, ("total",)),
            0,
            "jumlah",
            f"{label} seluruhnya tahun {ds.tahun} (nihil)",
            formula="nihil (tidak ada kejadian)",
            substituted="0",
            sources=ds.refs(table),
        )
    for tahun, group in frame.groupby("tahun", sort=True):
        lalu = ds.tahun - int(tahun)
        total = undetailed_rows(ds, table, group)
        if not total.empty:
            add_undetailed_total(
                reg,
                ds,
                table,
                ids.rincian(prefix, ("total",), lalu),
                total,
                value,
                f"{label} tahun {tahun}",
            )
            continue
        parts = []
        for row in group.itertuples():
            fid = ids.rincian(prefix, tuple(getattr(row, c) for c in columns), lalu)
            mask = group[list(columns)].astype(str).apply(tuple, axis=1) == tuple(
                str(getattr(row, c)) for c in columns
            )
            reg.add(
                fid,
                int(getattr(row, value)),
                "jumlah",
                f"{label} {' '.join(str(getattr(row, c)) for c in columns)} tahun {tahun}",
                sources=ds.refs(table, group[mask]),
            )
            parts.append(fid)
        reg.add(
            ids.rincian(prefix, ("total",), lalu),
            sum_of(reg, parts, f"{label} tahun {tahun}"),
            "jumlah",
            f"{label} seluruhnya tahun {tahun}",
            formula="Σ rincian",
            substituted=" + ".join(reg.d(i) for i in parts),
            inputs=tuple(parts),
        )
    prev = suffix(1)
    if f"{prefix}.total" in reg and f"{prefix}.total{prev}" in reg:
        reg.add(
            f"{prefix}.selisih",
            int(selisih(reg.v(f"{prefix}.total"), reg.v(f"{prefix}.total{prev}"))),
            "jumlah",
            f"{label}: perubahan dari tahun sebelumnya",
            formula="total tahun ini − total tahun lalu",
            substituted=f"{reg.d(f'{prefix}.total')} − {reg.d(f'{prefix}.total{prev}')}",
            inputs=(f"{prefix}.total", f"{prefix}.total{prev}"),
        )
        reg.add(
            f"{prefix}.arah",
            arah(reg.v(f"{prefix}.total"), reg.v(f"{prefix}.total{prev}")),
            "teks",
            f"{label}: arah perubahan",
            formula="tanda perubahan total",
            substituted=reg.d(f"{prefix}.selisih"),
            inputs=(f"{prefix}.selisih",),
        )


def _perlintasan_groups(reg: Registry, ds: Dataset) -> None:
    """Subtotals per kewarganegaraan and per arah, as the published table prints them."""
    frame = ds.table("perlintasan")
    for tahun, group in frame.groupby("tahun", sort=True):
        lalu = ds.tahun - int(tahun)
        if not undetailed_rows(ds, "perlintasan", group).empty:
            continue  # a total without its breakdown has no subtotals
        for column in ("kewarganegaraan", "arah"):
            for value in sorted(group[column].unique()):
                rows = group[group[column] == value]
                parts = [
                    ids.rincian("perlintasan", (r.arah, r.kewarganegaraan), lalu)
                    for r in rows.itertuples()
                ]
                reg.add(
                    ids.rincian("perlintasan", (value,), lalu),
                    sum(int(reg.v(i)) for i in parts),
                    "jumlah",
                    f"Perlintasan {value} tahun {tahun}",
                    formula="Σ rincian",
                    substituted=" + ".join(reg.d(i) for i in parts),
                    inputs=tuple(parts),
                )
