"""BAB III A charts: the survey indices IKM, IPK and IKI.

Honest by construction: every index axis runs over the index's scale as the
metadata states it (``min``/``max`` of the column the values come from), so a
bar starts at the scale's floor; a reference line sits at the value the text
prints (rounded), and bars are compared with it at that precision; a chart
whose values are all equal is replaced by a sentence. Each chart carries an
Indonesian alt sentence (its Vega-Lite ``description``).

Each ``grafik_*`` returns ``(chart or sentence, data)`` for
:meth:`~lkjip.chapters.kernel.context.Bab.grafik`.
"""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd

from lkjip.chapters.bab3_akuntabilitas._common import bulan, skala, teks_skala, years_with
from lkjip.chapters.kernel.context import Bab
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import NAMA
from lkjip.domain.rounding import INDEX_PLACES, round_index
from lkjip.figures import ids
from lkjip.render import charts as g
from lkjip.render.chart_text import ekstrem, semua_sama
from lkjip.render.myst import link_markdown

#: where the values of each item series come from (table, column): their scale
SUMBER_BUTIR = {
    "ikm.unsur": ("skm_unsur_bulanan", "nilai"),
    "iki.variabel": ("iio_bulanan", "nilai"),
}
#: the yearly target and realisasi of every indicator
SUMBER_TREN = ("kinerja_historis", "realisasi")


def grafik_bulanan(
    ctx: Bab, monthly: str, value_col: str, value_label: str
) -> tuple[alt.VConcatChart, pd.DataFrame]:
    """Monthly index (line, on its whole scale) above monthly respondents (bars)."""
    frame = ctx.ds.table(monthly).sort_values("bulan")
    data = pd.DataFrame(
        {
            "Bulan": [bulan(b) for b in frame["bulan"]],
            value_label: frame[value_col].astype(float),
            "Responden": frame["responden"].astype(int),
        }
    )
    order = list(data["Bulan"])
    rentang = skala(ctx, monthly, value_col)
    line = g.garis(
        data,
        "Bulan",
        value_label,
        judul_x="Bulan",
        judul_y=f"{value_label} ({teks_skala(rentang)})",
        urutan_x=order,
        domain_y=rentang,
    ).properties(width=560, height=180)
    bars = g.batang(
        data,
        "Bulan",
        "Responden",
        judul_x="Bulan",
        judul_y="Responden (orang)",
        urutan=order,
        warna=g.WARNA["ketiga"],
    ).properties(width=560, height=140)
    alt_text = (
        f"{value_label} per bulan pada {teks_skala(rentang)}: "
        f"{ekstrem(order, list(data[value_label]), INDEX_PLACES, 'bulan')}. Responden per "
        f"bulan: {ekstrem(order, list(data['Responden']), 0, 'bulan')}."
    )
    shown = data.assign(
        **{
            value_label: data[value_label].map(fmt.indeks),
            "Responden": data["Responden"].map(fmt.angka),
        }
    )
    return alt.vconcat(line, bars).properties(description=alt_text), shown


def grafik_unsur_bulanan(
    ctx: Bab, values: str, item: str, order: str
) -> tuple[alt.FacetChart, pd.DataFrame]:
    """Small multiples: one panel per unsur, each on the whole scale."""
    frame = ctx.ds.table(values).sort_values(["bulan"])
    data = pd.DataFrame(
        {
            "Bulan": [bulan(b) for b in frame["bulan"]],
            "Unsur": frame[item],
            "Nilai": frame["nilai"].astype(float),
        }
    )
    names = list(ctx.ds.table(order).sort_values("urutan")[item])
    rentang = skala(ctx, values, "nilai")
    months = [b for b in fmt.BULAN_SINGKAT if b in set(data["Bulan"])]
    chart = (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=18), color=g.WARNA["utama"])
        .encode(
            x=alt.X("Bulan:O", sort=months, title=None, axis=alt.Axis(labelAngle=-90)),
            y=alt.Y(
                "Nilai:Q",
                scale=alt.Scale(domain=list(rentang)),
                title=f"Nilai ({teks_skala(rentang)})",
                axis=alt.Axis(format=",.0f", tickCount=len(range(*map(int, rentang))) + 1),
            ),
            tooltip=["Bulan", "Unsur", alt.Tooltip("Nilai:Q", format=",.2f")],
        )
        .properties(width=150, height=90)
        .facet(
            facet=alt.Facet("Unsur:N", sort=names, title=None, header=alt.Header(labelFontSize=11)),
            columns=4,
        )
    )
    labels = [f"{u} {b}" for u, b in zip(data["Unsur"], data["Bulan"], strict=True)]
    alt_text = (
        f"Nilai {len(names)} unsur per bulan, satu panel per unsur, pada {teks_skala(rentang)}: "
        f"{ekstrem(labels, list(data['Nilai']), INDEX_PLACES, 'nilai bulanan')}."
    )
    wide = data.pivot(index="Unsur", columns="Bulan", values="Nilai").reindex(names)
    wide = wide[months].map(fmt.indeks)
    return chart.properties(description=alt_text), wide.reset_index()


def grafik_per_unsur(
    ctx: Bab, prefix: str, order: str, item: str, k: str
) -> tuple[alt.LayerChart | str, pd.DataFrame]:
    """Annual value per unsur as printed (rounded) against the printed overall index.

    Bars below the index are coloured; when every unsur has the same printed value
    there is nothing to compare and a sentence replaces the chart.
    """
    names = list(ctx.ds.table(order).sort_values("urutan")[item])
    values = [float(round_index(ctx.v(ids.rincian(prefix, (n,))))) for n in names]
    overall = float(ctx.v(ids.indikator(k, "realisasi")))  # rounded, as the text prints it
    below = [v < overall for v in values]
    shown = pd.DataFrame(
        {
            "Unsur/Variabel": names + [f"Nilai {NAMA[k]} keseluruhan"],
            "Nilai": [fmt.indeks(v) for v in values + [overall]],
        }
    )
    benda = "unsur" if prefix.endswith("unsur") else "variabel"
    if semua_sama(values):
        sama = "sama dengan" if values[0] == overall else "dibandingkan dengan"
        return (
            f"Seluruh {len(names)} {benda} bernilai {fmt.indeks(values[0])} (dibulatkan dua "
            f"desimal), {sama} nilai {NAMA[k]} keseluruhan "
            f"{link_markdown(ctx.reg[ids.indikator(k, 'realisasi')])}; karena itu nilai per "
            f"{benda} tidak disajikan dalam grafik.",
            shown,
        )
    table, column = SUMBER_BUTIR[prefix]
    rentang = skala(ctx, table, column)
    status_below = f"Di bawah nilai {NAMA[k]}"
    status_other = f"Sama dengan atau di atas nilai {NAMA[k]}"
    data = pd.DataFrame(
        {
            "Unsur": names,
            "Nilai": values,
            "Keterangan": [status_below if b else status_other for b in below],
        }
    )
    y = alt.Y("Unsur:N", sort=names, title=None, axis=alt.Axis(labelLimit=320))
    x = alt.X(
        "Nilai:Q",
        scale=alt.Scale(domain=list(rentang)),
        title=f"Nilai tahunan, dibulatkan dua desimal ({teks_skala(rentang)})",
        axis=alt.Axis(format=",.0f", tickCount=len(range(*map(int, rentang))) + 1),
    )
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        y=y,
        x=x,
        x2=alt.datum(rentang[0]),  # bars start at the scale's floor
        color=alt.Color(
            "Keterangan:N",
            title=None,
            legend=alt.Legend(labelLimit=400),
            scale=alt.Scale(
                domain=[status_other, status_below], range=[g.WARNA["utama"], g.WARNA["negatif"]]
            ),
        ),
        tooltip=["Unsur", alt.Tooltip("Nilai:Q", format=",.2f"), "Keterangan"],
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(
        y=y, x=x, text=alt.Text("Nilai:Q", format=",.2f")
    )
    rule = (
        alt.Chart(pd.DataFrame({"Rujukan": [overall]}))
        .mark_rule(color=g.WARNA["kedua"], strokeWidth=2, strokeDash=[6, 3])
        .encode(x=alt.X("Rujukan:Q", scale=alt.Scale(domain=list(rentang))))
    )
    nama_below = [n for n, b in zip(names, below, strict=True) if b]
    alt_text = (
        f"Nilai tahunan {len(names)} {benda} pada {teks_skala(rentang)} dengan garis nilai "
        f"{NAMA[k]} {fmt.indeks(overall)}: {ekstrem(names, values, INDEX_PLACES, benda)}; "
        + (
            f"di bawah nilai {NAMA[k]}: {', '.join(nama_below)}."
            if nama_below
            else f"tidak ada {benda} di bawah nilai {NAMA[k]}."
        )
    )
    height = max(160, 22 * len(names))
    chart = (bars + text + rule).properties(width=480, height=height, description=alt_text)
    return chart, shown


def grafik_tren(ctx: Bab, k: str) -> tuple[alt.Chart, pd.DataFrame]:
    """Realisasi against target over the years, bars from the scale's floor."""
    rows = []
    for tahun in years_with(ctx, partial(ids.indikator, k, "realisasi")):
        for seri, ukuran in (("Target", "target"), ("Realisasi", "realisasi")):
            rows.append(
                {
                    "Tahun": str(tahun),
                    "Seri": seri,
                    "Nilai": float(ctx.v(ids.indikator(k, ukuran, ctx.tahun - tahun))),
                }
            )
    data = pd.DataFrame(rows)
    rentang = skala(ctx, *SUMBER_TREN)
    chart = g.batang_kelompok(
        data,
        "Tahun",
        "Nilai",
        "Seri",
        judul_x="Tahun",
        judul_y=f"{NAMA[k]} ({teks_skala(rentang)})",
        places=2,
        warna={"Target": g.WARNA["kedua"], "Realisasi": g.WARNA["utama"]},
        rentang=rentang,
    )
    real = data[data["Seri"] == "Realisasi"]
    alt_text = (
        f"Target dan realisasi {NAMA[k]} per tahun {real['Tahun'].iloc[0]}–"
        f"{real['Tahun'].iloc[-1]} pada {teks_skala(rentang)}; realisasi "
        f"{ekstrem(list(real['Tahun']), list(real['Nilai']), INDEX_PLACES)}."
    )
    shown = data.pivot(index="Tahun", columns="Seri", values="Nilai").reset_index()
    shown = shown[["Tahun", "Target", "Realisasi"]]
    for col in ("Target", "Realisasi"):
        shown[col] = shown[col].map(fmt.indeks)
    return chart.properties(width=360, height=220, description=alt_text), shown


def grafik_ipk(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    """IPK unsur per pihak, bars from the scale's floor."""
    frame = ctx.ds.table("ipk_unsur").sort_values(["pihak", "no"])
    data = pd.DataFrame(
        {
            "Unsur": frame["unsur"],
            "Pihak": frame["pihak"].str.capitalize(),
            "Nilai": frame["nilai"].astype(float),
        }
    )
    rentang = skala(ctx, "ipk_unsur", "nilai")
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("Unsur:N", title=None, sort=list(dict.fromkeys(frame["unsur"]))),
            yOffset=alt.YOffset("Pihak:N"),
            x2=alt.datum(rentang[0]),  # bars start at the scale's floor
            x=alt.X(
                "Nilai:Q",
                scale=alt.Scale(domain=list(rentang)),
                title=f"Nilai unsur ({teks_skala(rentang)})",
                axis=alt.Axis(format=",.0f", tickCount=len(range(*map(int, rentang))) + 1),
            ),
            color=alt.Color(
                "Pihak:N",
                title=None,
                scale=alt.Scale(
                    domain=["Internal", "Eksternal"], range=[g.WARNA["utama"], g.WARNA["kedua"]]
                ),
            ),
            tooltip=["Pihak", "Unsur", alt.Tooltip("Nilai:Q", format=",.2f")],
        )
    )
    labels = [f"{u} ({p.lower()})" for u, p in zip(data["Unsur"], data["Pihak"], strict=True)]
    alt_text = (
        f"Nilai unsur IPK pihak internal dan eksternal pada {teks_skala(rentang)}: "
        f"{ekstrem(labels, list(data['Nilai']), INDEX_PLACES)}."
    )
    shown = data.assign(Nilai=data["Nilai"].map(fmt.indeks))
    return chart.properties(width=520, height=240, description=alt_text), shown
