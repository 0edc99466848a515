"""BAB III A: the indikator kinerja kegiatan (IKM, IPK, IKI) and their analysis."""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.domain.capaian import arah, selisih
from lkjip.domain.indikator import INDIKATOR, TINGKAT_KANTOR
from lkjip.domain.kategori import mutu_pelayanan
from lkjip.domain.rounding import round_index, round_percent
from lkjip.domain.survei import bobot_index, ipk_composite, mean, weighted_mean
from lkjip.domain.teks import slug
from lkjip.figures._common import add_capaian, add_status, suffix
from lkjip.figures.registry import Registry

#: the indicators whose realisasi this package computes, in report order


def register(reg: Registry, ds: Dataset) -> None:
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
    reg.step("ipk", _ipk, reg, ds)
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
        reg.step(f"{k}.historis", _history, reg, ds, k)
        reg.step(f"{k}.renstra", _renstra, reg, ds, k)
        reg.step(f"{k}.pembanding", _pembanding, reg, ds, k)
    reg.step(
        "ikm.unsur_di_bawah_rerata",
        _below_average,
        reg,
        ds,
        "ikm.unsur",
        "unsur_skm",
        "unsur",
        "ikm",
    )
    reg.step(
        "iki.variabel_di_bawah_rerata",
        _below_average,
        reg,
        ds,
        "iki.variabel",
        "variabel_iio",
        "variabel",
        "iki",
    )
    reg.step("ikm.mutu", _mutu, reg, ds)
    reg.step("kinerja", _summary, reg)


def _count(reg: Registry, ds: Dataset, fid: str, table: str, label: str) -> None:
    frame = ds.table(table)
    reg.add(
        fid,
        len(frame),
        "jumlah",
        label,
        formula=f"hitung(baris {table})",
        substituted=str(len(frame)),
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
        "kinerja.jumlah_sasaran",
        int(rows["no_sasaran"].nunique()),
        "jumlah",
        "Jumlah sasaran kegiatan dalam Perjanjian Kinerja",
        formula="hitung(sasaran kegiatan berbeda)",
        substituted=str(int(rows["no_sasaran"].nunique())),
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
    reg.add(
        f"{k}.jumlah_bulan",
        len(wm.terms),
        "jumlah",
        f"Banyaknya bulan survei {name}",
        formula="hitung(bulan)",
        substituted=str(len(wm.terms)),
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
    _rounded(reg, k)


def _rounded(reg: Registry, k: str) -> None:
    reg.add(
        f"{k}.realisasi",
        round_index(reg.v(f"{k}.indeks")),
        "indeks",
        f"Realisasi {k.upper()} (dibulatkan 2 desimal)",
        formula="bulatkan(indeks, 2 desimal, setengah ke atas)",
        substituted=f"bulatkan({fmt.angka(reg.v(f'{k}.indeks'), 4)})",
        inputs=(f"{k}.indeks",),
    )


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
        reg.add(
            f"{prefix}.{slug(name)}",
            wm.value,
            "indeks",
            f"Nilai {name} tahunan",
            formula=f"Σ(nilai {name}ᵢ × Respondenᵢ) / Σ Respondenᵢ",
            substituted=f"{fmt.angka(wm.numerator, 2)} / {fmt.angka(wm.denominator)}",
            sources=ds.refs(table, values[values[item] == name]) + ds.refs(responden_table),
        )


def _ipk(reg: Registry, ds: Dataset) -> None:
    unsur = ds.table("ipk_unsur")
    responden = ds.table("ipk_responden")
    parts = []
    for pihak in ("internal", "eksternal"):
        rows = unsur[unsur["pihak"] == pihak].sort_values("no")
        for item in rows.itertuples():
            one = rows[rows["no"] == item.no]
            reg.add(
                f"ipk.{pihak}.unsur.{slug(item.unsur)}",
                item.nilai,
                "indeks",
                f"Nilai unsur {item.unsur} pihak {pihak}",
                sources=ds.refs("ipk_unsur", one),
            )
            reg.add(
                f"ipk.{pihak}.bobot.{slug(item.unsur)}",
                item.bobot,
                "bobot",
                f"Bobot unsur {item.unsur} pihak {pihak} (%)",
                sources=ds.refs("ipk_unsur", one),
            )
        value = bobot_index(list(rows["nilai"]), list(rows["bobot"]))
        terms = " + ".join(
            f"({fmt.angka(b, 0)}% × {fmt.angka(n, 2)})"
            for b, n in zip(rows["bobot"], rows["nilai"], strict=True)
        )
        reg.add(
            f"ipk.{pihak}",
            value,
            "indeks",
            f"Nilai IPK pihak {pihak}",
            formula="Σ(bobot unsur × nilai unsur) / Σ bobot",
            substituted=f"({terms}) / {fmt.angka(rows['bobot'].sum(), 0)}%",
            sources=ds.refs("ipk_unsur", rows),
        )
        row = responden[responden["pihak"] == pihak]
        reg.add(
            f"ipk.responden.{pihak}",
            int(row["responden"].iloc[0]),
            "orang",
            f"Responden IPK pihak {pihak}",
            sources=ds.refs("ipk_responden", row),
        )
        parts.append(pihak)
        lowest = rows[rows["nilai"] == rows["nilai"].min()]
        reg.add(
            f"ipk.{pihak}.unsur_terendah",
            ", ".join(lowest["unsur"]),
            "teks",
            f"Unsur IPK pihak {pihak} dengan nilai terendah",
            formula="unsur dengan nilai minimum",
            inputs=(f"ipk.{pihak}",),
            substituted=", ".join(
                f"{u} {fmt.angka(n, 2)}"
                for u, n in zip(lowest["unsur"], lowest["nilai"], strict=True)
            ),
            sources=ds.refs("ipk_unsur", lowest),
        )
        below = rows[rows["nilai"] < float(value)]
        reg.add(
            f"ipk.{pihak}.unsur_di_bawah_rerata",
            ", ".join(below["unsur"]) or "-",
            "teks",
            f"Unsur IPK pihak {pihak} di bawah nilai pihak tersebut",
            formula=f"unsur dengan nilai < nilai IPK {pihak}",
            substituted=f"nilai {pihak} {fmt.angka(value, 3)}",
            inputs=(f"ipk.{pihak}",),
            sources=ds.refs("ipk_unsur", below) if len(below) else (),
        )
    reg.add(
        "ipk.responden",
        int(responden["responden"].sum()),
        "orang",
        "Jumlah responden IPK",
        formula="responden internal + responden eksternal",
        substituted=" + ".join(reg.d(f"ipk.responden.{p}") for p in parts),
        inputs=tuple(f"ipk.responden.{p}" for p in parts),
    )
    reg.add(
        "ipk.pembilang",
        reg.v("ipk.internal") * reg.v("ipk.responden.internal")
        + reg.v("ipk.eksternal") * reg.v("ipk.responden.eksternal"),
        "angka2",
        "Pembilang IPK gabungan",
        formula="nilai internal × responden internal + nilai eksternal × responden eksternal",
        substituted=f"{fmt.angka(reg.v('ipk.internal'), 3)} × {reg.d('ipk.responden.internal')}"
        f" + {fmt.angka(reg.v('ipk.eksternal'), 3)} × {reg.d('ipk.responden.eksternal')}",
        inputs=(
            "ipk.internal",
            "ipk.responden.internal",
            "ipk.eksternal",
            "ipk.responden.eksternal",
        ),
    )
    wm = ipk_composite(
        reg.v("ipk.internal"),
        reg.v("ipk.responden.internal"),
        reg.v("ipk.eksternal"),
        reg.v("ipk.responden.eksternal"),
    )
    reg.add(
        "ipk.indeks",
        wm.value,
        "indeks",
        "Indeks IPK gabungan (presisi penuh)",
        formula="(nilai internal × responden internal + nilai eksternal × responden "
        "eksternal) / jumlah responden",
        substituted=f"({fmt.angka(reg.v('ipk.internal'), 3)} × {reg.d('ipk.responden.internal')}"
        f" + {fmt.angka(reg.v('ipk.eksternal'), 3)} × "
        f"{reg.d('ipk.responden.eksternal')}) / {reg.d('ipk.responden')}",
        inputs=(
            "ipk.internal",
            "ipk.responden.internal",
            "ipk.eksternal",
            "ipk.responden.eksternal",
            "ipk.responden",
        ),
    )
    _rounded(reg, "ipk")


def _capaian(reg: Registry, k: str, name: str) -> None:
    add_capaian(reg, f"{k}.capaian", f"{k}.realisasi", f"{k}.target", f"Capaian {name}")
    add_status(reg, f"{k}.status", f"{k}.realisasi", f"{k}.target", f"Status target {k.upper()}")


def _history(reg: Registry, ds: Dataset, k: str) -> None:
    hist = ds.table("kinerja_historis")
    hist = hist[(hist["indikator_id"] == k) & (hist["tahun"] < ds.tahun)].sort_values("tahun")
    years = [ds.tahun]
    for row in hist.itertuples():
        sfx = suffix(ds.tahun - int(row.tahun))
        one = hist[hist["tahun"] == row.tahun]
        refs = ds.refs("kinerja_historis", one)
        reg.add(
            f"{k}.target{sfx}",
            row.target,
            "indeks",
            f"Target {k.upper()} tahun {row.tahun}",
            sources=refs,
        )
        reg.add(
            f"{k}.realisasi{sfx}",
            row.realisasi,
            "indeks",
            f"Realisasi {k.upper()} tahun {row.tahun}",
            sources=refs,
        )
        add_capaian(
            reg,
            f"{k}.capaian{sfx}",
            f"{k}.realisasi{sfx}",
            f"{k}.target{sfx}",
            f"Capaian {k.upper()} tahun {row.tahun}",
        )
        years.append(int(row.tahun))
    prev = suffix(1)
    if f"{k}.realisasi{prev}" not in reg:
        return
    for what, unit in (("realisasi", "poin"), ("capaian", "poin"), ("target", "poin")):
        reg.add(
            f"{k}.selisih_{what}",
            selisih(reg.v(f"{k}.{what}"), reg.v(f"{k}.{what}{prev}")),
            unit,
            f"Perubahan {what} {k.upper()} dari tahun sebelumnya",
            formula=f"{what} tahun ini − {what} tahun lalu",
            substituted=f"{reg.d(f'{k}.{what}')} − {reg.d(f'{k}.{what}{prev}')}",
            inputs=(f"{k}.{what}", f"{k}.{what}{prev}"),
        )
        reg.add(
            f"{k}.arah_{what}",
            arah(reg.v(f"{k}.{what}"), reg.v(f"{k}.{what}{prev}")),
            "teks",
            f"Arah perubahan {what} {k.upper()}",
            formula=f"naik / turun / sama menurut tanda perubahan {what}",
            substituted=reg.d(f"{k}.selisih_{what}"),
            inputs=(f"{k}.selisih_{what}",),
        )
    ids = [f"{k}.realisasi{suffix(ds.tahun - y)}" for y in sorted(years)]
    reg.add(
        f"{k}.rerata_realisasi",
        round_index(mean([reg.v(i) for i in ids])),
        "indeks",
        f"Rata-rata realisasi {k.upper()} {min(years)}–{max(years)}",
        formula="(Σ realisasi tahunan) / jumlah tahun",
        substituted=f"({' + '.join(reg.d(i) for i in ids)}) / {len(ids)}",
        inputs=tuple(ids),
    )
    reg.add(
        f"{k}.periode_tren",
        f"{min(years)}–{max(years)}",
        "teks",
        f"Periode tren {k.upper()}",
        formula="tahun pertama – tahun terakhir yang ada realisasinya",
        substituted=", ".join(str(y) for y in sorted(years)),
        inputs=tuple(ids),
    )


def _renstra(reg: Registry, ds: Dataset, k: str) -> None:
    renstra = ds.table("renstra_target")
    period = renstra[(renstra["periode_awal"] <= ds.tahun) & (renstra["periode_akhir"] >= ds.tahun)]
    row = period[(period["indikator_id"] == k) & (period["tahun"] == period["periode_akhir"])]
    if len(row) != 1:
        return
    akhir = int(row["tahun"].iloc[0])
    reg.add(
        f"{k}.target_renstra",
        row["target"].iloc[0],
        "indeks",
        f"Target jangka menengah (Renstra) {k.upper()} tahun {akhir}",
        sources=ds.refs("renstra_target", row),
    )
    reg.add(
        f"{k}.renstra_tahun",
        str(akhir),
        "tahun",
        "Tahun akhir Renstra",
        sources=ds.refs("renstra_target", row),
    )
    add_capaian(
        reg,
        f"{k}.capaian_renstra",
        f"{k}.realisasi",
        f"{k}.target_renstra",
        f"Capaian {k.upper()} terhadap target Renstra {akhir}",
        formula="realisasi tahun ini / target tahun akhir Renstra × 100%",
    )
    add_status(
        reg,
        f"{k}.status_renstra",
        f"{k}.realisasi",
        f"{k}.target_renstra",
        f"Status {k.upper()} terhadap target akhir Renstra",
        formula="tercapai jika realisasi tahun ini ≥ target tahun akhir Renstra",
    )


def _pembanding(reg: Registry, ds: Dataset, k: str) -> None:
    frame = ds.table("pembanding")
    for row in frame[frame["indikator_id"] == k].sort_values("unit").itertuples():
        base = f"{k}.pembanding.{row.unit}"
        one = frame[(frame["indikator_id"] == k) & (frame["unit"] == row.unit)]
        reg.add(
            f"{base}.nilai",
            row.nilai,
            "indeks",
            f"{k.upper()} {row.nama_unit}",
            sources=ds.refs("pembanding", one),
        )
        reg.add(
            f"{base}.nama",
            row.nama_unit,
            "teks",
            "Nama unit pembanding",
            sources=ds.refs("pembanding", one),
        )
        reg.add(
            f"{base}.selisih",
            selisih(reg.v(f"{k}.realisasi"), row.nilai),
            "poin",
            f"Selisih {k.upper()} satker dengan {row.nama_unit}",
            formula="realisasi satker − nilai unit pembanding",
            substituted=f"{reg.d(f'{k}.realisasi')} − {reg.d(f'{base}.nilai')}",
            inputs=(f"{k}.realisasi", f"{base}.nilai"),
        )
        add_capaian(
            reg,
            f"{base}.capaian",
            f"{k}.realisasi",
            f"{base}.nilai",
            f"Capaian {k.upper()} satker dibanding {row.nama_unit}",
            formula="realisasi satker / nilai unit pembanding × 100%",
        )


def _below_average(
    reg: Registry, ds: Dataset, prefix: str, order_table: str, item: str, k: str
) -> None:
    """Items whose rounded annual value is below the rounded overall index."""
    order = ds.table(order_table).sort_values("urutan")
    ids = [f"{prefix}.{slug(name)}" for name in order[item]]
    below = [
        name
        for name, fid in zip(order[item], ids, strict=True)
        if round_index(reg.v(fid)) < reg.v(f"{k}.realisasi")
    ]
    reg.add(
        f"{prefix}_di_bawah_rerata",
        ", ".join(below) or "-",
        "teks",
        f"{item.capitalize()} dengan nilai di bawah nilai {k.upper()} keseluruhan",
        formula=f"{item} dengan bulatkan(nilai, 2) < realisasi {k.upper()}",
        substituted=f"realisasi {reg.d(f'{k}.realisasi')}",
        inputs=(*ids, f"{k}.realisasi"),
    )
    reg.add(
        f"{prefix}_di_bawah_rerata.jumlah",
        len(below),
        "jumlah",
        f"Banyaknya {item} di bawah nilai {k.upper()}",
        formula=f"hitung({item} di bawah rata-rata)",
        substituted=str(len(below)),
        inputs=(f"{prefix}_di_bawah_rerata",),
    )


def _mutu(reg: Registry, ds: Dataset) -> None:
    intervals = ds.table("mutu_pelayanan")
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
    ids = [f"{k}.capaian" for k in INDIKATOR]
    reg.add(
        "kinerja.rerata_capaian",
        round_percent(mean([reg.v(i) for i in ids])),
        "persen",
        "Rata-rata capaian indikator kinerja kegiatan",
        formula="(Σ capaian indikator) / jumlah indikator",
        substituted=f"({' + '.join(reg.d(i) for i in ids)}) / {len(ids)}",
        inputs=tuple(ids),
    )
    reg.add(
        "kinerja.jumlah_indikator",
        len(INDIKATOR),
        "jumlah",
        "Jumlah indikator kinerja kegiatan",
        formula="hitung(indikator)",
        substituted=str(len(INDIKATOR)),
        inputs=tuple(ids),
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
