"""BAB III A: the indicators IKM, IPK and IKI (survey tables, trends, comparisons).

Each ``tabel_*`` returns a DataFrame ready for :meth:`~lkjip.chapters.kernel.context.Bab.tabel`
(Indonesian headers; number cells are links to their calculations). The charts
(``grafik_*``) live in :mod:`.grafik_kinerja` and are re-exported here, the
module the chapter notebook calls.
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from lkjip.chapters.bab3_akuntabilitas._common import bulan, years_with
from lkjip.chapters.bab3_akuntabilitas.grafik_kinerja import (
    grafik_bulanan,
    grafik_ipk,
    grafik_per_unsur,
    grafik_tren,
    grafik_unsur_bulanan,
)
from lkjip.chapters.kernel.context import Bab
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import NAMA
from lkjip.figures import ids

#: the chapter notebook's calls (the charts are re-exported)
__all__ = [
    "grafik_bulanan",
    "grafik_ipk",
    "grafik_per_unsur",
    "grafik_tren",
    "grafik_unsur_bulanan",
    "tabel_bulanan",
    "tabel_ipk",
    "tabel_kelompok_iio",
    "tabel_pembanding",
    "tabel_per_unsur",
    "tabel_tren",
    "tampilkan_inovasi",
    "tampilkan_mutu",
    "tampilkan_rekomendasi_ikm",
]


def tabel_bulanan(
    ctx: Bab, values: str, item: str, order: str, monthly: str, value_col: str, value_label: str
) -> pd.DataFrame:
    """Items × months as printed in the report, with the monthly index and respondents."""
    frame = ctx.ds.table(values)
    names = ctx.ds.table(order).sort_values("urutan")[item]
    months = sorted(frame["bulan"].unique())
    rows = []
    for name in names:
        one = frame[frame[item] == name].set_index("bulan")["nilai"]
        rows.append({"Unsur/Variabel": name, **{bulan(m): fmt.indeks(one[m]) for m in months}})
    per_month = ctx.ds.table(monthly).set_index("bulan")
    rows.append(
        {
            "Unsur/Variabel": value_label,
            **{bulan(m): fmt.indeks(per_month.loc[m, value_col]) for m in months},
        }
    )
    rows.append(
        {
            "Unsur/Variabel": "Responden",
            **{bulan(m): fmt.angka(per_month.loc[m, "responden"]) for m in months},
        }
    )
    return pd.DataFrame(rows)


def tabel_per_unsur(ctx: Bab, prefix: str, order: str, item: str, k: str) -> pd.DataFrame:
    names = ctx.ds.table(order).sort_values("urutan")[item]
    rows = [{"Unsur/Variabel": n, "Nilai": ctx.link(ids.rincian(prefix, (n,)))} for n in names]
    rows.append(
        {"Unsur/Variabel": f"Nilai {NAMA[k]}", "Nilai": ctx.link(ids.indikator(k, "realisasi"))}
    )
    return pd.DataFrame(rows)


def tabel_tren(ctx: Bab, k: str) -> pd.DataFrame:
    rows = []
    for tahun in years_with(ctx, partial(ids.indikator, k, "realisasi")):
        lalu = ctx.tahun - tahun
        rows.append(
            {
                "Tahun": str(tahun),
                "Target": ctx.link(ids.indikator(k, "target", lalu)),
                "Realisasi": ctx.link(ids.indikator(k, "realisasi", lalu)),
                "Capaian": ctx.link(ids.indikator(k, "capaian", lalu)),
            }
        )
    return pd.DataFrame(rows)


def tabel_pembanding(ctx: Bab, k: str) -> pd.DataFrame:
    frame = ctx.ds.table("pembanding")
    rows = []
    for row in frame[frame["indikator_id"] == k].sort_values("unit").itertuples():
        rows.append(
            {
                "Unit pembanding": row.nama_unit,
                f"{NAMA[k]} unit pembanding": ctx.link(ids.pembanding(k, row.unit, "nilai")),
                f"{NAMA[k]} satker": ctx.link(ids.indikator(k, "realisasi")),
                "Selisih (poin)": ctx.link(ids.pembanding(k, row.unit, "selisih")),
                "Capaian": ctx.link(ids.pembanding(k, row.unit, "capaian")),
            }
        )
    return pd.DataFrame(rows)


def tabel_ipk(ctx: Bab, pihak: str) -> pd.DataFrame:
    frame = ctx.ds.table("ipk_unsur")
    rows = frame[frame["pihak"] == pihak].sort_values("no")
    out = pd.DataFrame(
        {
            "No": rows["no"].astype(int).astype(str),
            "Unsur": rows["unsur"],
            "Bobot (%)": rows["bobot"].map(lambda b: fmt.angka(b, 0)),
            "Nilai": rows["nilai"].map(fmt.indeks),
        }
    )
    total = pd.DataFrame(
        [
            {
                "No": "",
                "Unsur": f"Nilai pihak {pihak}",
                "Bobot (%)": fmt.angka(rows["bobot"].sum(), 0),
                "Nilai": ctx.link(ids.ipk(pihak)),
            }
        ]
    )
    return pd.concat([out, total], ignore_index=True)


def tabel_kelompok_iio(ctx: Bab) -> pd.DataFrame:
    """The 22 IIO variables with their group and annual value."""
    variables = ctx.ds.table("variabel_iio").sort_values("urutan")
    groups = ctx.ds.table("kelompok_iio").set_index("kelompok")["nama"]
    rows = [
        {
            "Kelompok": f"{v.kelompok}. {groups[v.kelompok]}",
            "Variabel": v.variabel,
            "Nilai": ctx.link(ids.rincian("iki.variabel", (v.variabel,))),
        }
        for v in variables.itertuples()
    ]
    rows.append(
        {
            "Kelompok": "",
            "Variabel": "Nilai Indeks Integritas Organisasi",
            "Nilai": ctx.link("iki.realisasi"),
        }
    )
    return pd.DataFrame(rows)


def tampilkan_mutu(ctx: Bab) -> None:
    """The SKM scale: perceived value, IKM interval, quality of service, unit performance."""
    mutu = ctx.ds.table("mutu_pelayanan").sort_values("nilai_persepsi")
    ctx.tabel(
        pd.DataFrame(
            {
                "Nilai persepsi": mutu["nilai_persepsi"].astype(str),
                "Interval nilai IKM": [
                    f"{fmt.angka(a, 4)} – {fmt.angka(b, 4)}"
                    for a, b in zip(mutu["batas_bawah"], mutu["batas_atas"], strict=True)
                ],
                "Mutu pelayanan": mutu["mutu"],
                "Kinerja unit pelayanan": mutu["kinerja"],
            }
        ),
        "Nilai persepsi, interval IKM, mutu pelayanan dan kinerja unit pelayanan",
        "tbl-bab3-mutu",
        kanan=["Nilai persepsi"],
    )


def tampilkan_inovasi(ctx: Bab) -> None:
    """The year's innovations; none for a year declared nihil (the sentence before the
    table, ``narasi.inovasi.bab``, says so)."""
    inovasi = ctx.ds.table("inovasi")
    if inovasi.empty:  # declared nihil (an undeclared empty table is missing)
        return
    ctx.tabel(
        pd.DataFrame({"Inovasi": inovasi["nama"], "Uraian": inovasi["uraian"]}),
        "Inovasi layanan keimigrasian",
        "tbl-bab3-inovasi",
    )


def tampilkan_rekomendasi_ikm(ctx: Bab) -> None:
    """The IKM recommendations per unsur."""
    rekomendasi = ctx.ds.table("rekomendasi")
    ikm = rekomendasi[rekomendasi["indikator_id"] == "ikm"].sort_values("no")
    ctx.tabel(
        pd.DataFrame({"Unsur": ikm["unsur"].fillna("-"), "Rekomendasi": ikm["uraian"]}),
        "Rekomendasi peningkatan unsur IKM",
        "tbl-bab3-ikm-rekomendasi",
    )
