"""BAB III A: the indicators IKM, IPK and IKI (survey tables, trends, comparisons).

Each ``tabel_*`` returns a DataFrame ready for :meth:`~lkjip.chapters.konteks.Bab.tabel`
(Indonesian headers; number cells are links to their calculations). Each
``grafik_*`` returns ``(chart, data)``: an Altair chart and the table of its
numbers in Indonesian format for the chart's data dropdown.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lkjip.chapters.bab3_akuntabilitas._common import bulan, year_id, years_with
from lkjip.chapters.konteks import Bab
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import NAMA
from lkjip.domain.teks import slug
from lkjip.render import charts as g


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


def grafik_bulanan(
    ctx: Bab, monthly: str, value_col: str, value_label: str
) -> tuple[alt.VConcatChart, pd.DataFrame]:
    """Monthly index (line) above monthly respondents (bars)."""
    frame = ctx.ds.table(monthly).sort_values("bulan")
    data = pd.DataFrame(
        {
            "Bulan": [bulan(b) for b in frame["bulan"]],
            value_label: frame[value_col].astype(float),
            "Responden": frame["responden"].astype(int),
        }
    )
    order = list(data["Bulan"])
    low = float(data[value_label].min())
    line = g.garis(
        data,
        "Bulan",
        value_label,
        judul_x="Bulan",
        judul_y=value_label,
        urutan_x=order,
        domain_y=(min(3.5, low - 0.05), 4.0),
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
    shown = data.assign(
        **{
            value_label: data[value_label].map(fmt.indeks),
            "Responden": data["Responden"].map(fmt.angka),
        }
    )
    return alt.vconcat(line, bars), shown


def grafik_unsur_bulanan(
    ctx: Bab, values: str, item: str, order: str
) -> tuple[alt.Chart, pd.DataFrame]:
    """One line per unsur across the months."""
    frame = ctx.ds.table(values).sort_values(["bulan"])
    data = pd.DataFrame(
        {
            "Bulan": [bulan(b) for b in frame["bulan"]],
            "Unsur": frame[item],
            "Nilai": frame["nilai"].astype(float),
        }
    )
    names = list(ctx.ds.table(order).sort_values("urutan")[item])
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "Bulan:O", sort=list(fmt.BULAN_SINGKAT), title="Bulan", axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y(
                "Nilai:Q",
                scale=alt.Scale(zero=False),
                title="Nilai unsur (skala 1–4)",
                axis=alt.Axis(format=",.2f"),
            ),
            color=alt.Color("Unsur:N", sort=names, title=None),
            tooltip=["Bulan", "Unsur", alt.Tooltip("Nilai:Q", format=",.2f")],
        )
        .properties(width=560, height=260)
    )
    wide = data.pivot(index="Unsur", columns="Bulan", values="Nilai").reindex(names)
    wide = wide[[b for b in fmt.BULAN_SINGKAT if b in wide.columns]].map(fmt.indeks)
    return chart, wide.reset_index()


def tabel_per_unsur(ctx: Bab, prefix: str, order: str, item: str, k: str) -> pd.DataFrame:
    names = ctx.ds.table(order).sort_values("urutan")[item]
    rows = [{"Unsur/Variabel": n, "Nilai": ctx.link(f"{prefix}.{slug(n)}")} for n in names]
    rows.append({"Unsur/Variabel": f"Nilai {NAMA[k]}", "Nilai": ctx.link(f"{k}.realisasi")})
    return pd.DataFrame(rows)


def grafik_per_unsur(
    ctx: Bab, prefix: str, order: str, item: str, k: str
) -> tuple[alt.LayerChart, pd.DataFrame]:
    """Annual value per unsur (bars) against the overall index (rule)."""
    names = list(ctx.ds.table(order).sort_values("urutan")[item])
    values = [float(ctx.v(f"{prefix}.{slug(n)}")) for n in names]
    overall = float(ctx.v(f"{k}.indeks"))  # full precision, like the bars
    data = pd.DataFrame({"Unsur": names, "Nilai": values})
    low = min(values + [overall])
    bars = (
        alt.Chart(data)
        .mark_bar(color=g.WARNA["utama"], clip=True)
        .encode(
            y=alt.Y("Unsur:N", sort=names, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X(
                "Nilai:Q",
                scale=alt.Scale(domain=[round(low - 0.05, 2), 4.0]),
                title="Nilai tahunan (skala 1–4)",
                axis=alt.Axis(format=",.2f", tickMinStep=0.01),
            ),
            tooltip=["Unsur", alt.Tooltip("Nilai:Q", format=",.3f")],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"x": [overall]}))
        .mark_rule(color=g.WARNA["kedua"], strokeWidth=2, strokeDash=[6, 3])
        .encode(x="x:Q")
    )
    shown = pd.DataFrame(
        {
            "Unsur/Variabel": names + [f"Nilai {NAMA[k]} keseluruhan"],
            "Nilai": [fmt.angka(v, 3) for v in values] + [fmt.angka(overall, 3)],
        }
    )
    height = max(160, 22 * len(names))
    return (bars + rule).properties(width=520, height=height), shown


def tabel_tren(ctx: Bab, k: str) -> pd.DataFrame:
    rows = []
    for tahun in years_with(ctx, f"{k}.realisasi"):
        rows.append(
            {
                "Tahun": str(tahun),
                "Target": ctx.link(year_id(f"{k}.target", ctx, tahun)),
                "Realisasi": ctx.link(year_id(f"{k}.realisasi", ctx, tahun)),
                "Capaian": ctx.link(year_id(f"{k}.capaian", ctx, tahun)),
            }
        )
    return pd.DataFrame(rows)


def grafik_tren(ctx: Bab, k: str) -> tuple[alt.LayerChart, pd.DataFrame]:
    """Realisasi against target over the years."""
    rows = []
    for tahun in years_with(ctx, f"{k}.realisasi"):
        for seri, base in (("Target", f"{k}.target"), ("Realisasi", f"{k}.realisasi")):
            rows.append(
                {
                    "Tahun": str(tahun),
                    "Seri": seri,
                    "Nilai": float(ctx.v(year_id(base, ctx, tahun))),
                }
            )
    data = pd.DataFrame(rows)
    chart = g.batang_kelompok(
        data,
        "Tahun",
        "Nilai",
        "Seri",
        judul_x="Tahun",
        judul_y=f"{NAMA[k]} (skala 1–4)",
        places=2,
        warna={"Target": g.WARNA["kedua"], "Realisasi": g.WARNA["utama"]},
    )
    shown = data.pivot(index="Tahun", columns="Seri", values="Nilai").reset_index()
    shown = shown[["Tahun", "Target", "Realisasi"]]
    for col in ("Target", "Realisasi"):
        shown[col] = shown[col].map(fmt.indeks)
    return chart.properties(width=360, height=220), shown


def tabel_pembanding(ctx: Bab, k: str) -> pd.DataFrame:
    frame = ctx.ds.table("pembanding")
    rows = []
    for row in frame[frame["indikator_id"] == k].sort_values("unit").itertuples():
        base = f"{k}.pembanding.{row.unit}"
        rows.append(
            {
                "Unit pembanding": row.nama_unit,
                f"{NAMA[k]} unit pembanding": ctx.link(f"{base}.nilai"),
                f"{NAMA[k]} satker": ctx.link(f"{k}.realisasi"),
                "Selisih (poin)": ctx.link(f"{base}.selisih"),
                "Capaian": ctx.link(f"{base}.capaian"),
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
                "Nilai": ctx.link(f"ipk.{pihak}"),
            }
        ]
    )
    return pd.concat([out, total], ignore_index=True)


def grafik_ipk(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table("ipk_unsur").sort_values(["pihak", "no"])
    data = pd.DataFrame(
        {
            "Unsur": frame["unsur"],
            "Pihak": frame["pihak"].str.capitalize(),
            "Nilai": frame["nilai"].astype(float),
        }
    )
    chart = (
        alt.Chart(data)
        .mark_bar(clip=True)
        .encode(
            y=alt.Y("Unsur:N", title=None, sort=list(dict.fromkeys(frame["unsur"]))),
            yOffset=alt.YOffset("Pihak:N"),
            x=alt.X(
                "Nilai:Q",
                scale=alt.Scale(domain=[3.0, 4.0]),
                title="Nilai unsur (skala 1–4)",
                axis=alt.Axis(format=",.2f"),
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
        .properties(width=520, height=240)
    )
    shown = data.assign(Nilai=data["Nilai"].map(fmt.indeks))
    return chart, shown


def tabel_kelompok_iio(ctx: Bab) -> pd.DataFrame:
    """The 22 IIO variables with their group and annual value."""
    variables = ctx.ds.table("variabel_iio").sort_values("urutan")
    groups = ctx.ds.table("kelompok_iio").set_index("kelompok")["nama"]
    rows = [
        {
            "Kelompok": f"{v.kelompok}. {groups[v.kelompok]}",
            "Variabel": v.variabel,
            "Nilai": ctx.link(f"iki.variabel.{slug(v.variabel)}"),
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


def tabel_mutu(ctx: Bab) -> None:
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


def tabel_inovasi(ctx: Bab) -> None:
    inovasi = ctx.ds.table("inovasi")
    ctx.tabel(
        pd.DataFrame({"Inovasi": inovasi["nama"], "Uraian": inovasi["uraian"]}),
        "Inovasi layanan keimigrasian",
        "tbl-bab3-inovasi",
    )


def tabel_rekomendasi_ikm(ctx: Bab) -> None:
    """The IKM recommendations per unsur."""
    rekomendasi = ctx.ds.table("rekomendasi")
    ikm = rekomendasi[rekomendasi["indikator_id"] == "ikm"].sort_values("no")
    ctx.tabel(
        pd.DataFrame({"Unsur": ikm["unsur"].fillna("-"), "Rekomendasi": ikm["uraian"]}),
        "Rekomendasi peningkatan unsur IKM",
        "tbl-bab3-ikm-rekomendasi",
    )
