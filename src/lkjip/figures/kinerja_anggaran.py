"""BAB III C: capaian kinerja anggaran, SMART DJA and IKPA, with their categories.

The SMART nilai kinerja and the IKPA nilai akhir are official values
(:mod:`lkjip.figures.nilai_resmi`): the ids the prose uses hold the published
value, and the recomputation from the components is ``<id>.hitung_ulang``. The
components (SMART komponen, IKPA indicator values) are also published by those
systems and are of kind ``resmi``. Categories follow the official value.
"""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.domain.ikpa import (
    batas_nilai_akhir,
    nilai_akhir,
    nilai_aspek,
    nilai_tertimbang,
    nilai_total,
)
from lkjip.domain.ikpa import batas_pembulatan as batas_ikpa
from lkjip.domain.rounding import SCORE_PLACES, round_score
from lkjip.domain.smart import SKOR_KOMPONEN, nilai_efisiensi, nilai_kinerja
from lkjip.domain.smart import batas_pembulatan as batas_smart
from lkjip.domain.teks import slug
from lkjip.figures import ids
from lkjip.figures._common import suffix
from lkjip.figures.nilai_resmi import BATAS, HITUNG_ULANG, add_official
from lkjip.figures.registry import Registry


def _kategori(reg: Registry, ds: Dataset, fid: str, skema: str, score: str) -> None:
    if not ds.has("kategori_nilai") or score not in reg:
        return
    table = ds.table("kategori_nilai")
    rows = table[table["skema"] == skema]
    value = reg.v(score)
    hit = rows[(rows["batas_bawah"] <= float(value)) & (float(value) <= rows["batas_atas"])]
    hit = hit.sort_values("batas_bawah").tail(1)
    if hit.empty:
        return
    row = hit.iloc[0]
    reg.add(
        fid,
        str(row["kategori"]),
        "teks",
        f"Kategori nilai {skema.upper()}",
        formula=f"rentang nilai kategori {skema.upper()} ({row['dasar']})",
        substituted=f"{fmt.angka(row['batas_bawah'], 2)} ≤ {reg.d(score)} ≤ "
        f"{fmt.angka(row['batas_atas'], 2)}",
        inputs=(score,),
        sources=ds.refs("kategori_nilai", hit),
    )


def smart(reg: Registry, ds: Dataset) -> None:
    bobot_frame = ds.table("smart_bobot")
    bobot = dict(zip(bobot_frame["komponen"], bobot_frame["bobot"], strict=True))
    for komponen in SKOR_KOMPONEN:
        reg.add(
            ids.smart_bobot(komponen),
            bobot[komponen],
            "bobot",
            f"Bobot SMART {komponen}",
            sources=ds.refs("smart_bobot", bobot_frame[bobot_frame["komponen"] == komponen]),
        )
    frame = ds.table("smart_komponen")
    for tahun, group in frame.groupby("tahun", sort=True):
        lalu = ds.tahun - int(tahun)
        komponen = {}
        for row in group.itertuples():
            reg.add(
                ids.smart(row.komponen, lalu),
                row.nilai,
                "skor",
                f"SMART {row.komponen} tahun {tahun}",
                sources=ds.refs("smart_komponen", group[group["komponen"] == row.komponen]),
                jenis="resmi",
            )
            komponen[row.komponen] = row.nilai
        if "efisiensi" in komponen:
            reg.add(
                ids.smart("nilai_efisiensi_hitung", lalu),
                round_score(nilai_efisiensi(komponen["efisiensi"])),
                "skor",
                f"Nilai efisiensi SMART tahun {tahun} menurut rumus",
                formula="50 + 50 × efisiensi / 20 (dibatasi 0–100)",
                substituted=f"50 + 50 × {reg.d(ids.smart('efisiensi', lalu))} / 20",
                inputs=(ids.smart("efisiensi", lalu),),
            )
        terms = [(ids.smart_bobot(k), ids.smart(src, lalu)) for k, src in SKOR_KOMPONEN.items()]
        reg.add(
            ids.smart(f"nilai_kinerja{HITUNG_ULANG}", lalu),
            round_score(nilai_kinerja(komponen, bobot)),
            "skor",
            f"Nilai kinerja SMART tahun {tahun} menurut perhitungan ulang",
            formula="Σ(bobot × komponen) / 100 untuk penyerapan, konsistensi, capaian RO, "
            "nilai efisiensi",
            substituted=" + ".join(f"{reg.d(b)}% × {reg.d(c)}" for b, c in terms),
            inputs=tuple(i for pair in terms for i in pair),
        )
        reg.add(
            ids.smart(f"nilai_kinerja{BATAS}", lalu),
            batas_smart(SCORE_PLACES),
            "batas",
            f"Batas pengaruh pembulatan komponen SMART tahun {tahun} pada nilai kinerja",
            formula="setengah satuan desimal terakhir komponen (rata-rata tertimbang)",
            substituted=f"0,5 × 10^-{SCORE_PLACES}",
            sources=ds.refs("smart_komponen", group),
        )
    official = add_official(
        reg,
        ds,
        "SMART DJA",
        "nilai_kinerja",
        "smart.nilai_kinerja",
        "Nilai kinerja SMART tahun {tahun}",
    )
    for fid in official:
        _kategori(reg, ds, fid.replace("nilai_kinerja", "kategori"), "smart", fid)


def ikpa(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("ikpa_indikator")
    konversi = ds.table("ikpa_konversi")
    for tahun, group in frame.groupby("tahun", sort=True):
        lalu = ds.tahun - int(tahun)
        sfx = suffix(lalu)
        group = group.sort_values("no")
        refs = ds.refs("ikpa_indikator", group)
        for item in group.itertuples():
            one = group[group["no"] == item.no]
            base = f"ikpa.indikator.{int(item.no)}"
            reg.add(
                f"{base}.nilai{sfx}",
                item.nilai,
                "skor",
                f"Nilai IKPA {item.indikator} tahun {tahun}",
                sources=ds.refs("ikpa_indikator", one),
                jenis="resmi",
            )
            reg.add(
                f"{base}.bobot{sfx}",
                item.bobot,
                "bobot",
                f"Bobot IKPA {item.indikator} tahun {tahun} (%)",
                sources=ds.refs("ikpa_indikator", one),
            )
            reg.add(
                f"{base}.tertimbang{sfx}",
                nilai_tertimbang(item.nilai, item.bobot),
                "skor",
                f"Nilai akhir (tertimbang) IKPA {item.indikator} tahun {tahun}",
                formula="nilai × bobot / 100",
                substituted=f"{reg.d(f'{base}.nilai{sfx}')} × {reg.d(f'{base}.bobot{sfx}')}%",
                inputs=(f"{base}.nilai{sfx}", f"{base}.bobot{sfx}"),
            )
        total = ids.ikpa(f"nilai_total{HITUNG_ULANG}", lalu)
        # unrounded for the nilai akhir, rounded as the application prints its total
        raw_total = nilai_total(list(group["nilai"]), list(group["bobot"]))
        reg.add(
            total,
            round_score(raw_total),
            "skor",
            f"Nilai total IKPA tahun {tahun} menurut perhitungan ulang",
            formula="Σ(nilai indikator × bobot / 100)",
            substituted=" + ".join(
                f"({fmt.angka(n, 2)} × {fmt.angka(b, 0)}%)"
                for n, b in zip(group["nilai"], group["bobot"], strict=True)
            ),
            sources=refs,
        )
        bound = ids.ikpa(f"nilai_total{BATAS}", lalu)
        reg.add(
            bound,
            batas_ikpa(list(group["bobot"]), SCORE_PLACES),
            "batas",
            f"Batas pengaruh pembulatan nilai indikator IKPA tahun {tahun} pada nilai total",
            formula="setengah satuan desimal terakhir × Σ bobot / 100",
            substituted=f"0,5 × 10^-{SCORE_PLACES} × {fmt.angka(group['bobot'].sum(), 0)} / 100",
            sources=refs,
        )
        row = konversi[konversi["tahun"] == tahun]
        if len(row) == 1:
            konversi_id = ids.ikpa("konversi", lalu)
            reg.add(
                konversi_id,
                row["konversi_bobot"].iloc[0],
                "bobot",
                f"Konversi bobot IKPA tahun {tahun}",
                sources=ds.refs("ikpa_konversi", row),
            )
            reg.add(
                ids.ikpa(f"nilai_akhir{HITUNG_ULANG}", lalu),
                round_score(nilai_akhir(reg.v(total), reg.v(konversi_id))),
                "skor",
                f"Nilai akhir IKPA tahun {tahun} menurut perhitungan ulang",
                formula="nilai total / konversi bobot",
                substituted=f"{fmt.angka(reg.v(total), 3)} / {reg.d(konversi_id)}%",
                inputs=(total, konversi_id),
            )
            reg.add(
                ids.ikpa(f"nilai_akhir{BATAS}", lalu),
                batas_nilai_akhir(reg.v(bound), reg.v(konversi_id)),
                "batas",
                f"Batas pengaruh pembulatan nilai indikator IKPA tahun {tahun} pada nilai akhir",
                formula="batas nilai total / konversi bobot, dibulatkan ke atas ke 4 desimal",
                substituted=f"{reg.d(bound)} / {reg.d(konversi_id)}%",
                inputs=(bound, konversi_id),
            )
        for aspek, rows in group.dropna(subset=["aspek"]).groupby("aspek", sort=False):
            reg.add(
                f"ikpa.aspek.{slug(aspek)}{sfx}",
                round_score(nilai_aspek(list(rows["nilai"]), list(rows["bobot"]))),
                "skor",
                f"Nilai aspek {aspek} tahun {tahun}",
                formula="Σ(nilai × bobot) / Σ bobot indikator pada aspek",
                substituted=f"({' + '.join(f'{fmt.angka(n, 2)} × {fmt.angka(b, 0)}' for n, b in zip(rows['nilai'], rows['bobot'], strict=True))}) / {fmt.angka(rows['bobot'].sum(), 0)}",  # noqa: E501
                sources=ds.refs("ikpa_indikator", rows),
            )
    # the application's total where the office recorded it (a printed total may be unusable)
    add_official(
        reg, ds, "IKPA", "nilai_total", "ikpa.nilai_total", "Nilai total IKPA tahun {tahun}"
    )
    official = add_official(
        reg, ds, "IKPA", "nilai_akhir", "ikpa.nilai_akhir", "Nilai akhir IKPA tahun {tahun}"
    )
    for fid in official:
        _kategori(reg, ds, fid.replace("nilai_akhir", "kategori"), "ikpa", fid)
