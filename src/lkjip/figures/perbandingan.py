"""The indicators IKM, IPK and IKI against earlier years, the Renstra target and the units above.

Also which unsur or variables fall below the overall index.
"""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain.capaian import arah, selisih
from lkjip.domain.rounding import round_index
from lkjip.domain.survei import mean
from lkjip.figures import ids
from lkjip.figures._common import add_capaian, add_status, suffix
from lkjip.figures.hitungan import banyaknya
from lkjip.figures.registry import Registry
from lkjip.figures.uraian_capaian import add_uraian


def add_history(reg: Registry, ds: Dataset, k: str) -> None:
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
    add_uraian(reg, k, prev)
    parts = [f"{k}.realisasi{suffix(ds.tahun - y)}" for y in sorted(years)]
    reg.add(
        f"{k}.rerata_realisasi",
        round_index(mean([reg.v(i) for i in parts])),
        "indeks",
        f"Rata-rata realisasi {k.upper()} {min(years)}–{max(years)}",
        formula="(Σ realisasi tahunan) / jumlah tahun",
        substituted=f"({' + '.join(reg.d(i) for i in parts)}) / {len(parts)}",
        inputs=tuple(parts),
    )
    reg.add(
        f"{k}.periode_tren",
        f"{min(years)}–{max(years)}",
        "teks",
        f"Periode tren {k.upper()}",
        formula="tahun pertama – tahun terakhir yang ada realisasinya",
        substituted=", ".join(str(y) for y in sorted(years)),
        inputs=tuple(parts),
    )


def add_renstra(reg: Registry, ds: Dataset, k: str) -> None:
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


def add_pembanding(reg: Registry, ds: Dataset, k: str) -> None:
    frame = ds.table("pembanding")
    for row in frame[frame["indikator_id"] == k].sort_values("unit").itertuples():
        one = frame[(frame["indikator_id"] == k) & (frame["unit"] == row.unit)]
        nilai = ids.pembanding(k, row.unit, "nilai")
        reg.add(
            nilai,
            row.nilai,
            "indeks",
            f"{k.upper()} {row.nama_unit}",
            sources=ds.refs("pembanding", one),
        )
        reg.add(
            ids.pembanding(k, row.unit, "nama"),
            row.nama_unit,
            "teks",
            "Nama unit pembanding",
            sources=ds.refs("pembanding", one),
        )
        reg.add(
            ids.pembanding(k, row.unit, "selisih"),
            selisih(reg.v(f"{k}.realisasi"), row.nilai),
            "poin",
            f"Selisih {k.upper()} satker dengan {row.nama_unit}",
            formula="realisasi satker − nilai unit pembanding",
            substituted=f"{reg.d(f'{k}.realisasi')} − {reg.d(nilai)}",
            inputs=(f"{k}.realisasi", nilai),
        )
        add_capaian(
            reg,
            ids.pembanding(k, row.unit, "capaian"),
            f"{k}.realisasi",
            nilai,
            f"Capaian {k.upper()} satker dibanding {row.nama_unit}",
            formula="realisasi satker / nilai unit pembanding × 100%",
        )


def add_below_average(
    reg: Registry, ds: Dataset, prefix: str, order_table: str, item: str, k: str
) -> None:
    """Items whose rounded annual value is below the rounded overall index."""
    order = ds.table(order_table).sort_values("urutan")
    parts = [ids.rincian(prefix, (name,)) for name in order[item]]
    below = [
        name
        for name, fid in zip(order[item], parts, strict=True)
        if round_index(reg.v(fid)) < reg.v(f"{k}.realisasi")
    ]
    reg.add(
        f"{prefix}_di_bawah_rerata",
        ", ".join(below) or "-",
        "teks",
        f"{item.capitalize()} dengan nilai di bawah nilai {k.upper()} keseluruhan",
        formula=f"{item} dengan bulatkan(nilai, 2) < realisasi {k.upper()}",
        substituted=f"realisasi {reg.d(f'{k}.realisasi')}",
        inputs=(*parts, f"{k}.realisasi"),
    )
    n = banyaknya(below)
    reg.add(
        f"{prefix}_di_bawah_rerata.jumlah",
        n.nilai,
        "jumlah",
        f"Banyaknya {item} di bawah nilai {k.upper()}",
        formula=f"hitung({item} di bawah rata-rata)",
        substituted=n.teks,
        inputs=(f"{prefix}_di_bawah_rerata",),
    )
