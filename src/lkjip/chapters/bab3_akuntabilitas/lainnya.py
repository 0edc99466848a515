"""BAB III D: other achievements (e-Performance, TARJA, services, law enforcement, awards).

Same conventions as :mod:`lkjip.chapters.bab3_akuntabilitas.kinerja`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lkjip.chapters import uraian
from lkjip.chapters.bab3_akuntabilitas._common import TANPA_RINCIAN, label_jumlah
from lkjip.chapters.gambar import tampilkan_gambar
from lkjip.chapters.kernel.context import Bab
from lkjip.domain import formatting as fmt
from lkjip.errors import IncompleteData
from lkjip.figures import ids
from lkjip.figures._common import undetailed_rows
from lkjip.render import charts as g
from lkjip.render.chart_text import ekstrem, semua_sama
from lkjip.render.myst import escape_md


def tabel_emonev(ctx: Bab) -> pd.DataFrame:
    """The e-monev dashboard values as the report prints them: one row, one column each."""
    emonev = ctx.ds.table("emonev")
    return pd.DataFrame(
        [{str(k).capitalize(): ctx.link(ids.emonev(k)) for k in emonev["komponen"]}]
    )


def e_performance(ctx: Bab) -> None:
    """The office's account of e-Performance, its screenshots, and the e-monev dashboard."""
    uraian.tampilkan_narasi(ctx, "bab3.e_performance")
    tampilkan_gambar(ctx, "bab3.e_performance")
    tabel = tabel_emonev(ctx)
    ctx.tabel(
        tabel,
        f"Nilai dasbor rencana kinerja pada aplikasi e-monev Bappenas tahun {ctx.tahun}",
        "tbl-bab3-emonev",
        kanan=list(tabel.columns),
    )


def pengantar_tarja(ctx: Bab) -> None:
    """What the TARJA are and how they are scored (the office's text)."""
    uraian.tampilkan_narasi(ctx, "bab3.tarja")


def uraian_tarja(ctx: Bab) -> None:
    """Each TARJA with its narrative (background, problems, follow-up), then the images."""
    plans = ctx.ds.table("tarja_rencana_aksi").sort_values("no_tarja")
    parts = []
    for row in plans.itertuples():
        text = uraian.narasi_tarja(ctx, int(row.no_tarja))
        if text:
            parts.append(f"**TARJA {int(row.no_tarja)}: {escape_md(row.judul)}**\n\n{text}")
    if parts:
        ctx.tampilkan("\n".join(parts))
    tampilkan_gambar(ctx, "bab3.tarja")


def tabel_tarja(ctx: Bab) -> pd.DataFrame:
    frame = ctx.ds.table("tarja")
    plans = ctx.ds.table("tarja_rencana_aksi").set_index("no_tarja")
    months = sorted(frame["bulan"].unique())
    rows = []
    for no, group in frame.groupby("no_tarja", sort=True):
        values = group.set_index("bulan")["nilai"]
        row = {"Target kinerja": f"TARJA {no} {plans.loc[no, 'judul']}"}
        for m in months:
            row[f"B{int(m):02d}"] = fmt.angka(values[m], 0) if m in values.index else ""
        row["Rerata"] = ctx.link(ids.tarja(no, "rerata"))
        rows.append(row)
    return pd.DataFrame(rows)


def grafik_tarja(ctx: Bab) -> tuple[alt.Chart | str, pd.DataFrame]:
    """TARJA values per assessment month, or a sentence when they are all equal."""
    frame = ctx.ds.table("tarja").sort_values(["no_tarja", "bulan"])
    data = pd.DataFrame(
        {
            "TARJA": "TARJA " + frame["no_tarja"].astype(str),
            "Bulan": frame["bulan"].map(lambda b: f"B{int(b):02d}"),
            "Nilai": frame["nilai"].astype(float),
        }
    )
    shown = data.assign(Nilai=data["Nilai"].map(lambda v: fmt.angka(v, 0)))
    tarja = list(dict.fromkeys(data["TARJA"]))
    nomor = [str(n) for n in dict.fromkeys(frame["no_tarja"])]
    months = [fmt.nama_bulan(int(b)) for b in sorted(frame["bulan"].unique())]
    if semua_sama(list(data["Nilai"])):
        return (
            f"Seluruh {fmt.angka(len(tarja))} TARJA (nomor {_daftar(nomor)}) memperoleh nilai "
            f"{fmt.angka(data['Nilai'].iloc[0])} pada setiap bulan penilaian "
            f"({_daftar(months)}), sehingga nilai per bulan tidak disajikan dalam grafik.",
            shown,
        )
    chart = g.batang_kelompok(
        data, "Bulan", "Nilai", "TARJA", judul_x="Bulan penilaian", judul_y="Nilai", places=0
    )
    alt_text = (
        f"Nilai {len(tarja)} TARJA pada bulan penilaian {_daftar(months)}: "
        f"{ekstrem(list(data['TARJA'] + ' ' + data['Bulan']), list(data['Nilai']), 0)}."
    )
    return chart.properties(width=420, height=220, description=alt_text), shown


def _daftar(items: list[str]) -> str:
    """``A, B dan C``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}"


def tabel_rencana_aksi(ctx: Bab) -> pd.DataFrame:
    plans = ctx.ds.table("tarja_rencana_aksi").sort_values("no_tarja")
    return pd.DataFrame(
        {
            "TARJA": plans["no_tarja"].astype(str),
            "Rencana aksi": plans["rencana_aksi"],
            "Target": plans["target"],
            "Realisasi (%)": plans["realisasi"].map(fmt.angka),
            f"Capaian {ctx.tahun - 1}": plans["capaian_sebelumnya"],
            f"Capaian {ctx.tahun}": plans["capaian"].map(fmt.angka),
        }
    )


def tabel_layanan(
    ctx: Bab, table: str, prefix: str, columns: tuple[str, ...], header: str
) -> pd.DataFrame:
    """Counts per category (rows) and year (columns) with a total row."""
    frame = ctx.ds.table(table)
    years = sorted(int(t) for t in frame["tahun"].unique())
    frame = frame.drop(undetailed_rows(ctx.ds, table, frame).index)
    keys = list(dict.fromkeys(tuple(getattr(r, c) for c in columns) for r in frame.itertuples()))
    rows = []
    for key in keys:
        row = {header: " ".join(str(v) for v in key)}
        for tahun in years:
            fid = ids.rincian(prefix, key, ctx.tahun - tahun)
            row[str(tahun)] = ctx.link(fid) if fid in ctx.reg else ""
        rows.append(row)
    total = {header: label_jumlah(ctx, table)}
    for tahun in years:
        total[str(tahun)] = ctx.link(ids.rincian(prefix, ("total",), ctx.tahun - tahun))
    rows.append(total)
    return pd.DataFrame(rows)


def grafik_layanan(
    ctx: Bab, table: str, columns: tuple[str, ...], judul: str
) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table(table)
    category = frame[list(columns)].astype(str).agg(" ".join, axis=1)
    category[undetailed_rows(ctx.ds, table, frame).index] = TANPA_RINCIAN
    data = pd.DataFrame(
        {
            "Kategori": category,
            "Tahun": frame["tahun"].astype(str),
            "Jumlah": frame["jumlah"].astype(int),
        }
    )
    order = list(dict.fromkeys(data["Kategori"]))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("Kategori:N", sort=order, title=None),
            yOffset=alt.YOffset("Tahun:N"),
            x=alt.X("Jumlah:Q", title=judul, axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "Tahun:N",
                title="Tahun",
                scale=alt.Scale(range=[g.WARNA["ketiga"], g.WARNA["utama"]]),
            ),
            tooltip=["Kategori", "Tahun", alt.Tooltip("Jumlah:Q", format=",.0f")],
        )
        .properties(width=460, height=max(140, 34 * len(order)))
    )
    shown = data.pivot(index="Kategori", columns="Tahun", values="Jumlah").reindex(order)
    return chart, shown.map(lambda v: "" if pd.isna(v) else fmt.angka(v)).reset_index()


def tampilkan_layanan(
    ctx: Bab, table: str, columns: tuple[str, ...], header: str, judul: str, key: str, sumbu: str
) -> None:
    """Table (linked counts per year, total row) and grouped chart of one count table."""
    tabel = tabel_layanan(ctx, table, table, columns, header)
    ctx.tabel(tabel, judul, f"tbl-{key}", kanan=list(tabel.columns[1:]), tebal_terakhir=True)
    chart, data = grafik_layanan(ctx, table, columns, sumbu)
    ctx.grafik(chart, key, data, f"Data: {judul.lower()}")


def perlintasan(ctx: Bab) -> None:
    """Border crossings of the year, by nationality when the office gave the breakdown."""
    rincian = (
        f" ({ctx.link('perlintasan.wni')} WNI dan {ctx.link('perlintasan.wna')} WNA)"
        if "perlintasan.wni" in ctx.reg
        else " (rincian menurut kewarganegaraan tidak tersedia)"
    )
    ctx.tampilkan(
        "**Perlintasan.** Pemeriksaan keimigrasian di Tempat Pemeriksaan Imigrasi mencatat "
        f"{ctx.link('perlintasan.total')} perlintasan tahun ini{rincian}, dibanding "
        f"{ctx.link('perlintasan.total.t-1')} pada tahun sebelumnya."
    )


def tampilkan_projustitia(ctx: Bab) -> None:
    """The cases of the report year and the years before; earlier years alone (rows a new
    year's folder carried) are not this year's table: a draft shows what to fill."""
    pro = ctx.ds.table("projustitia").sort_values(["tahun", "no"])
    if pro.empty:  # declared nihil (an undeclared empty table is missing)
        ctx.tampilkan(f"Tidak ada penindakan projustitia pada tahun {ctx.tahun}.")
        return
    if not (pro["tahun"] == ctx.tahun).any():  # refused by validation (current_year_present)
        raise IncompleteData(f"projustitia belum memuat baris tahun {ctx.tahun}")
    ctx.tabel(
        pd.DataFrame(
            {
                "Tahun": pro["tahun"].astype(str),
                "Jumlah": pro["jumlah"].map(fmt.angka),
                "Negara": pro["negara"],
                "Pasal": pro["pasal"],
            }
        ),
        "Penindakan projustitia",
        "tbl-bab3-projustitia",
        kanan=["Jumlah"],
    )


def daftar_penghargaan(ctx: Bab) -> None:
    """The awards of the year with who gave them, numbered; none for a year declared nihil
    (the sentence before the list, ``narasi.penghargaan.bab``, says so)."""
    hadiah = ctx.ds.table("penghargaan").sort_values("no")
    if hadiah.empty:  # declared nihil (an undeclared empty table is missing)
        return
    ctx.daftar(
        [f"{p} (dari {q})" for p, q in zip(hadiah["penghargaan"], hadiah["pemberi"], strict=True)],
        bernomor=True,
    )


def gambar_penghargaan(ctx: Bab) -> None:
    """Photos of the awards or their certificates, when the office provides them."""
    tampilkan_gambar(ctx, "bab3.penghargaan")
