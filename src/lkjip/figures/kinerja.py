"""BAB III A: the indikator kinerja kegiatan (IKM, IPK, IKI) and their analysis."""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import INDIKATOR, TINGKAT_KANTOR
from lkjip.domain.kategori import mutu_pelayanan
from lkjip.domain.rounding import round_percent
from lkjip.domain.survei import mean, weighted_mean
from lkjip.domain.teks import slug
from lkjip.figures import ids
from lkjip.figures._common import add_capaian, add_rounded_index, add_status
from lkjip.figures.hitungan import banyaknya
from lkjip.figures.ipk import add_ipk
from lkjip.figures.perbandingan import add_below_average, add_history, add_pembanding, add_renstra
from lkjip.figures.registry import Registry

#: the indicators whose realisasi this package computes, in report order


def register(reg: Registry, ds: Dataset) -> None:
    with reg.bab("bab3_akuntabilitas"):
        _register(reg, ds)


def _register(reg: Registry, ds: Dataset) -> None:
    targets = reg.step("target", _targets, reg, ds) or {}
    reg.step("ikm", _annual_index, reg, ds, "ikm", "skm_bulanan", "nilai_skm", "Nilai SKM")
    reg.step(
        "ikm.unsur",
        _per_item,
        reg,
        ds,
        "ikm.unsur",
        "skm_unsur_bulanan",
        "unsur",
        "unsur_skm",
        "skm_bulanan",
    )
    reg.step("ipk", add_ipk, reg, ds)
    reg.step(
        "iki",
        _annual_index,
        reg,
        ds,
        "iki",
        "iio_responden",
        "nilai_integritas",
        "Nilai Integritas",
    )
    reg.step(
        "iki.variabel",
        _per_item,
        reg,
        ds,
        "iki.variabel",
        "iio_bulanan",
        "variabel",
        "variabel_iio",
        "iio_responden",
    )
    reg.step(
        "ikm.jumlah_unsur",
        _count,
        reg,
        ds,
        "ikm.jumlah_unsur",
        "unsur_skm",
        "Jumlah unsur layanan SKM",
    )
    reg.step(
        "iki.jumlah_variabel",
        _count,
        reg,
        ds,
        "iki.jumlah_variabel",
        "variabel_iio",
        "Jumlah variabel survei IIO",
    )
    reg.step(
        "iki.jumlah_kelompok",
        _count,
        reg,
        ds,
        "iki.jumlah_kelompok",
        "kelompok_iio",
        "Jumlah kelompok variabel IIO",
    )
    for k in INDIKATOR:
        reg.step(f"{k}.capaian", lambda k=k: _capaian(reg, k, targets[k]))
        reg.step(f"{k}.historis", add_history, reg, ds, k)
        reg.step(f"{k}.renstra", add_renstra, reg, ds, k)
        reg.step(f"{k}.pembanding", add_pembanding, reg, ds, k)
    reg.step(
        "ikm.unsur_di_bawah_rerata",
        add_below_average,
        reg,
        ds,
        "ikm.unsur",
        "unsur_skm",
        "unsur",
        "ikm",
    )
    reg.step(
        "iki.variabel_di_bawah_rerata",
        add_below_average,
        reg,
        ds,
        "iki.variabel",
        "variabel_iio",
        "variabel",
        "iki",
    )
    reg.step("ikm.mutu", _mutu, reg, ds)
    with reg.bab("ikhtisar"):  # the Ikhtisar sums up the indicators
        reg.step("kinerja", _summary, reg)


def _count(reg: Registry, ds: Dataset, fid: str, table: str, label: str) -> None:
    frame = ds.table(table)
    n = banyaknya(frame)
    reg.add(
        fid,
        n.nilai,
        "jumlah",
        label,
        formula=f"hitung(baris {table})",
        substituted=n.teks,
        sources=ds.refs(table),
    )


def _targets(reg: Registry, ds: Dataset) -> dict[str, str]:
    pk = ds.table("pk_indikator")
    rows = pk[(pk["tahun"] == ds.tahun) & (pk["tingkat"] == TINGKAT_KANTOR)]
    names = {}
    for k in INDIKATOR:
        row = rows[rows["indikator_id"] == k]
        if len(row) != 1:
            raise ValueError(f"target {k} tahun {ds.tahun} tidak ada di pk_indikator")
        names[k] = str(row["indikator"].iloc[0])
        reg.add(
            f"{k}.target",
            row["target"].iloc[0],
            "indeks",
            f"Target {names[k]} tahun {ds.tahun}",
            sources=ds.refs("pk_indikator", row),
        )
        reg.add(
            f"{k}.indikator",
            names[k],
            "teks",
            f"Nama indikator {k.upper()}",
            sources=ds.refs("pk_indikator", row),
        )
        reg.add(
            f"{k}.sasaran",
            str(row["sasaran"].iloc[0]),
            "teks",
            f"Sasaran kegiatan indikator {k.upper()}",
            sources=ds.refs("pk_indikator", row),
        )
    n = banyaknya(rows["no_sasaran"].dropna().unique())
    with reg.bab("ikhtisar"):  # the Ikhtisar states the count
        reg.add(
            "kinerja.jumlah_sasaran",
            n.nilai,
            "jumlah",
            "Jumlah sasaran kegiatan dalam Perjanjian Kinerja",
            formula="hitung(sasaran kegiatan berbeda)",
            substituted=n.teks,
            sources=ds.refs("pk_indikator", rows),
        )
    return names


def _annual_index(reg: Registry, ds: Dataset, k: str, table: str, column: str, name: str) -> None:
    """Annual index = Σ(monthly value × respondents) / Σ respondents, then rounded."""
    frame = ds.table(table).sort_values("bulan")
    wm = weighted_mean(list(frame[column]), list(frame["responden"]))
    refs = ds.refs(table)
    for row in frame.itertuples():
        one = frame[frame["bulan"] == row.bulan]
        month = f"{int(row.bulan):02d}"
        reg.add(
            f"{k}.bulan.{month}.nilai",
            getattr(row, column),
            "indeks",
            f"{name} bulan {fmt.nama_bulan(row.bulan)}",
            sources=ds.refs(table, one),
        )
        reg.add(
            f"{k}.bulan.{month}.responden",
            int(row.responden),
            "orang",
            f"Responden bulan {fmt.nama_bulan(row.bulan)}",
            sources=ds.refs(table, one),
        )
    reg.add(
        f"{k}.responden",
        int(wm.denominator),
        "orang",
        f"Jumlah responden {name} setahun",
        formula="Σ Respondenᵢ (i = bulan 1..12)",
        substituted=" + ".join(fmt.angka(w) for _, w in wm.terms),
        sources=refs,
    )
    reg.add(
        f"{k}.pembilang",
        wm.numerator,
        "angka2",
        f"Jumlah {name} × responden setahun",
        formula=f"Σ({name}ᵢ × Respondenᵢ)",
        substituted=" + ".join(f"({fmt.angka(x, 2)} × {fmt.angka(w)})" for x, w in wm.terms),
        sources=refs,
    )
    n = banyaknya(wm.terms)
    reg.add(
        f"{k}.jumlah_bulan",
        n.nilai,
        "jumlah",
        f"Banyaknya bulan survei {name}",
        formula="hitung(bulan)",
        substituted=n.teks,
        sources=refs,
    )
    reg.add(
        f"{k}.indeks",
        wm.value,
        "indeks",
        f"Indeks {k.upper()} tahunan (presisi penuh)",
        formula=f"Σ({name}ᵢ × Respondenᵢ) / Σ Respondenᵢ",
        substituted=f"{reg.d(f'{k}.pembilang')} / {reg.d(f'{k}.responden')}",
        inputs=(f"{k}.pembilang", f"{k}.responden"),
    )
    add_rounded_index(reg, k)


def _per_item(
    reg: Registry,
    ds: Dataset,
    prefix: str,
    table: str,
    item: str,
    order_table: str,
    responden_table: str,
) -> None:
    """Per-unsur (per-variabel) annual index weighted by the month's respondents."""
    values = ds.table(table)
    responden = ds.table(responden_table)[["bulan", "responden", "baris_sumber"]]
    order = ds.table(order_table).sort_values("urutan")
    for name in order[item]:
        rows = values[values[item] == name].merge(responden, on="bulan", suffixes=("", "_r"))
        rows = rows.sort_values("bulan")
        wm = weighted_mean(list(rows["nilai"]), list(rows["responden"]))
        for row in rows.itertuples():
            reg.add(
                f"{prefix}.{slug(name)}.bulan.{int(row.bulan):02d}",
                row.nilai,
                "indeks",
                f"Nilai {name} bulan {fmt.nama_bulan(row.bulan)}",
                sources=ds.refs(
                    table, values[(values[item] == name) & (values["bulan"] == row.bulan)]
                ),
            )
        reg.add(
            ids.rincian(prefix, (name,)),
            wm.value,
            "indeks",
            f"Nilai {name} tahunan",
            formula=f"Σ(nilai {name}ᵢ × Respondenᵢ) / Σ Respondenᵢ",
            substituted=f"{fmt.angka(wm.numerator, 2)} / {fmt.angka(wm.denominator)}",
            sources=ds.refs(table, values[values[item] == name]) + ds.refs(responden_table),
        )
    _monthly_mean_of_parts(reg, prefix, order[item], sorted(set(values["bulan"])))


def _monthly_mean_of_parts(reg: Registry, prefix: str, names, months) -> None:
    """Each month's plain mean of its unsur (variabel): what the month's index should be.

    The month's published value must be this mean rounded half-up (the reconciliation says
    in the row that the parts themselves are printed rounded).
    """
    k = prefix.split(".")[0]
    for month in months:
        parts = [f"{prefix}.{slug(n)}.bulan.{int(month):02d}" for n in names]
        parts = [i for i in parts if i in reg]
        if not parts:
            continue
        reg.add(
            f"{k}.bulan.{int(month):02d}.rata_rincian",
            mean([reg.v(i) for i in parts]),
            "indeks",
            f"Rata-rata rincian bulan {fmt.nama_bulan(month)}",
            formula=f"(Σ nilai {prefix.split('.')[1]}) / jumlah {prefix.split('.')[1]}",
            substituted=f"({' + '.join(reg.d(i) for i in parts)}) / {len(parts)}",
            inputs=tuple(parts),
        )


def _capaian(reg: Registry, k: str, name: str) -> None:
    add_capaian(reg, f"{k}.capaian", f"{k}.realisasi", f"{k}.target", f"Capaian {name}")
    add_status(reg, f"{k}.status", f"{k}.realisasi", f"{k}.target", f"Status target {k.upper()}")


def _mutu(reg: Registry, ds: Dataset) -> None:
    intervals = ds.table("mutu_pelayanan")
    for row in intervals.itertuples():
        one = intervals[intervals["nilai_persepsi"] == row.nilai_persepsi]
        for bound, name in (("batas_bawah", "bawah"), ("batas_atas", "atas")):
            reg.add(
                f"ikm.interval.{int(row.nilai_persepsi)}.{bound}",
                getattr(row, bound),
                "batas",
                f"Batas {name} interval IKM mutu {row.mutu}",
                sources=ds.refs("mutu_pelayanan", one),
            )
    for which, value in (
        ("min", intervals["nilai_persepsi"].min()),
        ("max", intervals["nilai_persepsi"].max()),
    ):
        reg.add(
            f"ikm.skala.{which}",
            int(value),
            "jumlah",
            f"Skor persepsi {'terendah' if which == 'min' else 'tertinggi'} skala SKM",
            formula=f"{which}(nilai persepsi)",
            substituted=", ".join(str(int(v)) for v in intervals["nilai_persepsi"]),
            sources=ds.refs("mutu_pelayanan"),
        )
    kategori = mutu_pelayanan(reg.v("ikm.realisasi"), intervals)
    row = intervals[intervals["mutu"] == kategori.mutu]
    common = dict(
        formula="interval nilai IKM pada tabel mutu pelayanan (PermenPAN-RB 14/2017)",
        substituted=f"{fmt.angka(kategori.batas_bawah, 4)} ≤ {reg.d('ikm.realisasi')} ≤ "
        f"{fmt.angka(kategori.batas_atas, 4)}",
        inputs=("ikm.realisasi",),
        sources=ds.refs("mutu_pelayanan", row),
    )
    reg.add("ikm.mutu", kategori.mutu, "teks", "Mutu pelayanan", **common)
    reg.add("ikm.kinerja_unit", kategori.kinerja, "teks", "Kinerja unit pelayanan", **common)


def _summary(reg: Registry) -> None:
    parts = [f"{k}.capaian" for k in INDIKATOR]
    reg.add(
        "kinerja.rerata_capaian",
        round_percent(mean([reg.v(i) for i in parts])),
        "persen",
        "Rata-rata capaian indikator kinerja kegiatan",
        formula="(Σ capaian indikator) / jumlah indikator",
        substituted=f"({' + '.join(reg.d(i) for i in parts)}) / {len(parts)}",
        inputs=tuple(parts),
    )
    n = banyaknya(INDIKATOR)
    reg.add(
        "kinerja.jumlah_indikator",
        n.nilai,
        "jumlah",
        "Jumlah indikator kinerja kegiatan",
        formula="hitung(indikator)",
        substituted=n.teks,
        inputs=tuple(parts),
    )
    met = [k for k in INDIKATOR if reg[f"{k}.status"].value == "tercapai"]
    reg.add(
        "kinerja.jumlah_tercapai",
        len(met),
        "jumlah",
        "Jumlah indikator yang targetnya tercapai",
        formula="hitung(indikator dengan status tercapai)",
        substituted=", ".join(m.upper() for m in met) or "-",
        inputs=tuple(f"{k}.status" for k in INDIKATOR),
    )
