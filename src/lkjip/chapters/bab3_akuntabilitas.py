"""Tables and charts of BAB III, built from the dataset and the figure registry.

Each ``tabel_*`` returns a DataFrame ready for :meth:`lkjip.bab.Bab.tabel`
(Indonesian headers; number cells are links to their calculations). Each
``grafik_*`` returns ``(chart, data)``: an Altair chart and the table of its
numbers in Indonesian format for the chart's data dropdown.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lkjip.chapters.konteks import Bab
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import NAMA
from lkjip.domain.teks import slug
from lkjip.figures._common import suffix
from lkjip.render import charts as g
from lkjip.render.myst import RawMarkdown


def _bulan(b: int) -> str:
    return fmt.BULAN_SINGKAT[int(b) - 1]


def _years(ctx: Bab, base: str) -> list[int]:
    """Years (oldest first) for which ``base`` + suffix exists in the registry."""
    out = []
    for offset in range(10, -1, -1):
        if f"{base}{suffix(offset)}" in ctx.reg:
            out.append(ctx.tahun - offset)
    return out


def _id(base: str, ctx: Bab, tahun: int) -> str:
    return f"{base}{suffix(ctx.tahun - tahun)}"


# --- surveys -------------------------------------------------------------------------


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
        rows.append({"Unsur/Variabel": name, **{_bulan(m): fmt.indeks(one[m]) for m in months}})
    per_month = ctx.ds.table(monthly).set_index("bulan")
    rows.append(
        {
            "Unsur/Variabel": value_label,
            **{_bulan(m): fmt.indeks(per_month.loc[m, value_col]) for m in months},
        }
    )
    rows.append(
        {
            "Unsur/Variabel": "Responden",
            **{_bulan(m): fmt.angka(per_month.loc[m, "responden"]) for m in months},
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
            "Bulan": [_bulan(b) for b in frame["bulan"]],
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
            "Bulan": [_bulan(b) for b in frame["bulan"]],
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
    for tahun in _years(ctx, f"{k}.realisasi"):
        rows.append(
            {
                "Tahun": str(tahun),
                "Target": ctx.link(_id(f"{k}.target", ctx, tahun)),
                "Realisasi": ctx.link(_id(f"{k}.realisasi", ctx, tahun)),
                "Capaian": ctx.link(_id(f"{k}.capaian", ctx, tahun)),
            }
        )
    return pd.DataFrame(rows)


def grafik_tren(ctx: Bab, k: str) -> tuple[alt.LayerChart, pd.DataFrame]:
    """Realisasi against target over the years."""
    rows = []
    for tahun in _years(ctx, f"{k}.realisasi"):
        for seri, base in (("Target", f"{k}.target"), ("Realisasi", f"{k}.realisasi")):
            rows.append(
                {"Tahun": str(tahun), "Seri": seri, "Nilai": float(ctx.v(_id(base, ctx, tahun)))}
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


# --- budget ------------------------------------------------------------------------


def tabel_program(ctx: Bab) -> pd.DataFrame:
    frame = ctx.ds.table("realisasi_program")
    rows = []
    for program, group in frame.groupby("program", sort=False):
        base = f"anggaran.program.{slug(program)}"
        rows.append(
            {
                "Program/Kegiatan": RawMarkdown(f"**{program}**"),
                "Pagu": ctx.link(f"{base}.pagu"),
                "Realisasi": ctx.link(f"{base}.realisasi"),
                "Persentase": ctx.link(f"{base}.persen"),
            }
        )
        for row in group.itertuples():
            k = f"anggaran.kegiatan.{slug(row.kegiatan)}"
            rows.append(
                {
                    "Program/Kegiatan": row.kegiatan,
                    "Pagu": ctx.link(f"{k}.pagu"),
                    "Realisasi": ctx.link(f"{k}.realisasi"),
                    "Persentase": ctx.link(f"{k}.persen"),
                }
            )
    rows.append(
        {
            "Program/Kegiatan": "Total",
            "Pagu": ctx.link("anggaran.pagu"),
            "Realisasi": ctx.link("anggaran.realisasi"),
            "Persentase": ctx.link("anggaran.persen"),
        }
    )
    return pd.DataFrame(rows)


def _pagu_realisasi_chart(data: pd.DataFrame, x: str, judul_x: str) -> alt.Chart:
    return g.batang_kelompok(
        data,
        x,
        "Rupiah (miliar)",
        "Seri",
        judul_x=judul_x,
        judul_y="Rupiah (miliar)",
        places=2,
        warna={"Pagu": g.WARNA["kedua"], "Realisasi": g.WARNA["utama"]},
        urutan=list(dict.fromkeys(data[x])),
    )


def grafik_program(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table("realisasi_program")
    rows, shown = [], []
    for program in frame["program"].unique():
        base = f"anggaran.program.{slug(program)}"
        for seri in ("pagu", "realisasi"):
            rows.append(
                {
                    "Program": program.replace("Program ", ""),
                    "Seri": seri.capitalize(),
                    "Rupiah (miliar)": float(ctx.v(f"{base}.{seri}")) / 1e9,
                }
            )
        shown.append(
            {
                "Program": program,
                "Pagu": ctx.d(f"{base}.pagu"),
                "Realisasi": ctx.d(f"{base}.realisasi"),
                "Persentase": ctx.d(f"{base}.persen"),
            }
        )
    chart = _pagu_realisasi_chart(pd.DataFrame(rows), "Program", "Program")
    return chart.properties(width=420, height=240), pd.DataFrame(shown)


def tabel_anggaran_tahunan(ctx: Bab) -> pd.DataFrame:
    rows = []
    for tahun in _years(ctx, "anggaran.persen"):
        rows.append(
            {
                "Tahun": str(tahun),
                "Pagu": ctx.link(_id("anggaran.pagu", ctx, tahun)),
                "Realisasi": ctx.link(_id("anggaran.realisasi", ctx, tahun)),
                "Persentase": ctx.link(_id("anggaran.persen", ctx, tahun)),
            }
        )
    return pd.DataFrame(rows)


def _jenis(ctx: Bab) -> list[str]:
    frame = ctx.ds.table("realisasi_jenis_belanja")
    return list(dict.fromkeys(frame["jenis_belanja"]))


def tabel_jenis_belanja(ctx: Bab) -> pd.DataFrame:
    rows = []
    years = _years(ctx, "belanja.jumlah.persen")
    for jenis in [*_jenis(ctx), "Jumlah"]:
        base = f"belanja.{slug(jenis)}"
        for tahun in years:
            rows.append(
                {
                    "Jenis belanja": jenis,
                    "Tahun": str(tahun),
                    "Pagu": ctx.link(_id(f"{base}.pagu", ctx, tahun)),
                    "Realisasi": ctx.link(_id(f"{base}.realisasi", ctx, tahun)),
                    "Persentase": ctx.link(_id(f"{base}.persen", ctx, tahun)),
                }
            )
    return pd.DataFrame(rows)


def grafik_jenis_belanja(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    rows, shown = [], []
    for jenis in _jenis(ctx):
        base = f"belanja.{slug(jenis)}"
        for tahun in _years(ctx, f"{base}.persen"):
            for seri in ("pagu", "realisasi"):
                rows.append(
                    {
                        "Tahun": str(tahun),
                        "Jenis belanja": jenis,
                        "Seri": seri.capitalize(),
                        "Rupiah (miliar)": float(ctx.v(_id(f"{base}.{seri}", ctx, tahun))) / 1e9,
                    }
                )
            shown.append(
                {
                    "Jenis belanja": jenis,
                    "Tahun": str(tahun),
                    "Pagu": ctx.d(_id(f"{base}.pagu", ctx, tahun)),
                    "Realisasi": ctx.d(_id(f"{base}.realisasi", ctx, tahun)),
                    "Persentase": ctx.d(_id(f"{base}.persen", ctx, tahun)),
                }
            )
    data = pd.DataFrame(rows)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("Tahun:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("Seri:N", sort=["Pagu", "Realisasi"]),
            y=alt.Y("Rupiah (miliar):Q", axis=alt.Axis(format=",.1f")),
            color=alt.Color(
                "Seri:N",
                title=None,
                scale=alt.Scale(
                    domain=["Pagu", "Realisasi"], range=[g.WARNA["kedua"], g.WARNA["utama"]]
                ),
            ),
            column=alt.Column("Jenis belanja:N", title=None, sort=_jenis(ctx)),
            tooltip=[
                "Jenis belanja",
                "Tahun",
                "Seri",
                alt.Tooltip("Rupiah (miliar):Q", format=",.2f"),
            ],
        )
        .properties(width=170, height=220)
    )
    return chart, pd.DataFrame(shown)


def tabel_pnbp(ctx: Bab) -> pd.DataFrame:
    frame = ctx.ds.table("pnbp")
    years = sorted(frame["tahun"].unique())
    rows = []
    for kode, group in frame.groupby("kode_akun", sort=False):
        row = {"Kode akun": str(kode), "Jenis pendapatan": group["jenis_pendapatan"].iloc[0]}
        for tahun in years:
            row[str(tahun)] = ctx.link(_id(f"pnbp.akun.{kode}", ctx, int(tahun)))
        rows.append(row)
    total = {"Kode akun": "", "Jenis pendapatan": "Jumlah"}
    for tahun in years:
        total[str(tahun)] = ctx.link(_id("pnbp.realisasi", ctx, int(tahun)))
    rows.append(total)
    return pd.DataFrame(rows)


def grafik_pnbp(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table("pnbp")
    data = pd.DataFrame(
        {
            "Tahun": frame["tahun"].astype(str),
            "Jenis pendapatan": frame["jenis_pendapatan"],
            "Rupiah (miliar)": frame["realisasi"].astype(float) / 1e9,
        }
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("Tahun:N", title="Tahun", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "sum(Rupiah (miliar)):Q",
                title="Realisasi PNBP (Rp miliar)",
                axis=alt.Axis(format=",.0f"),
            ),
            color=alt.Color(
                "Jenis pendapatan:N",
                title=None,
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=460),
            ),
            tooltip=["Tahun", "Jenis pendapatan", alt.Tooltip("Rupiah (miliar):Q", format=",.3f")],
        )
        .properties(width=360, height=260)
    )
    shown = pd.DataFrame(
        {
            "Tahun": frame["tahun"].astype(str),
            "Jenis pendapatan": frame["jenis_pendapatan"],
            "Realisasi": frame["realisasi"].map(fmt.rupiah),
        }
    )
    return chart, shown


def grafik_pnbp_target(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    rows = [
        {"Seri": "Target", "Rupiah (miliar)": float(ctx.v("pnbp.target")) / 1e9},
        {"Seri": "Realisasi", "Rupiah (miliar)": float(ctx.v("pnbp.realisasi")) / 1e9},
    ]
    data = pd.DataFrame(rows)
    chart = g.batang(
        data,
        "Seri",
        "Rupiah (miliar)",
        judul_x="",
        judul_y="Rupiah (miliar)",
        places=2,
        urutan=["Target", "Realisasi"],
    )
    shown = pd.DataFrame(
        [
            {"Uraian": "Target PNBP", "Nilai": ctx.d("pnbp.target")},
            {"Uraian": "Realisasi PNBP", "Nilai": ctx.d("pnbp.realisasi")},
            {"Uraian": "Capaian", "Nilai": ctx.d("pnbp.capaian")},
        ]
    )
    return chart.properties(width=260, height=220), shown


# --- budget performance ---------------------------------------------------------------

SMART_LABEL = {
    "penyerapan": "Penyerapan anggaran",
    "konsistensi": "Konsistensi",
    "capaian_ro": "Capaian keluaran (RO)",
    "efisiensi": "Efisiensi",
    "nilai_efisiensi": "Nilai efisiensi",
}


def tabel_smart(ctx: Bab) -> pd.DataFrame:
    years = _years(ctx, "smart.nilai_kinerja")
    rows = []
    for komponen in ("penyerapan", "konsistensi", "capaian_ro", "efisiensi", "nilai_efisiensi"):
        row = {"Komponen": SMART_LABEL[komponen]}
        for tahun in years:
            row[str(tahun)] = ctx.link(_id(f"smart.{komponen}", ctx, tahun))
        rows.append(row)
    total = {"Komponen": "Nilai kinerja"}
    for tahun in years:
        total[str(tahun)] = ctx.link(_id("smart.nilai_kinerja", ctx, tahun))
    rows.append(total)
    return pd.DataFrame(rows)


def tabel_smart_bobot(ctx: Bab) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"Komponen": SMART_LABEL[k], "Bobot (%)": ctx.link(f"smart.bobot.{k}")}
            for k in ("penyerapan", "konsistensi", "capaian_ro", "efisiensi")
        ]
    )


def grafik_smart(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    rows = []
    for tahun in _years(ctx, "smart.nilai_kinerja"):
        for komponen in ("penyerapan", "konsistensi", "capaian_ro", "nilai_efisiensi"):
            rows.append(
                {
                    "Tahun": str(tahun),
                    "Komponen": SMART_LABEL[komponen],
                    "Nilai": float(ctx.v(_id(f"smart.{komponen}", ctx, tahun))),
                }
            )
        rows.append(
            {
                "Tahun": str(tahun),
                "Komponen": "Nilai kinerja",
                "Nilai": float(ctx.v(_id("smart.nilai_kinerja", ctx, tahun))),
            }
        )
    data = pd.DataFrame(rows)
    chart = g.batang_kelompok(
        data,
        "Komponen",
        "Nilai",
        "Tahun",
        judul_x="",
        judul_y="Nilai (0–100)",
        places=0,
        urutan=list(dict.fromkeys(data["Komponen"])),
    )
    shown = data.pivot(index="Komponen", columns="Tahun", values="Nilai")
    shown = shown.reindex(list(dict.fromkeys(data["Komponen"]))).map(lambda v: fmt.angka(v, 2))
    return chart.properties(width=560, height=240), shown.reset_index()


def tabel_ikpa(ctx: Bab, tahun: int) -> pd.DataFrame:
    frame = ctx.ds.table("ikpa_indikator")
    rows = frame[frame["tahun"] == tahun].sort_values("no")
    out = pd.DataFrame(
        {
            "No": rows["no"].astype(int).astype(str),
            "Indikator": rows["indikator"],
            "Aspek": rows["aspek"].fillna("-"),
            "Nilai": rows["nilai"].map(lambda v: fmt.angka(v, 2)),
            "Bobot (%)": rows["bobot"].map(lambda v: fmt.angka(v, 0)),
            "Nilai tertimbang": (rows["nilai"] * rows["bobot"] / 100).map(
                lambda v: fmt.angka(v, 2)
            ),
        }
    )
    sfx = suffix(ctx.tahun - tahun)
    extra = [
        {
            "No": "",
            "Indikator": "Nilai total",
            "Aspek": "",
            "Nilai": "",
            "Bobot (%)": "",
            "Nilai tertimbang": ctx.link(f"ikpa.nilai_total{sfx}"),
        },
        {
            "No": "",
            "Indikator": "Nilai akhir (nilai total / konversi bobot)",
            "Aspek": "",
            "Nilai": "",
            "Bobot (%)": ctx.link(f"ikpa.konversi{sfx}"),
            "Nilai tertimbang": ctx.link(f"ikpa.nilai_akhir{sfx}"),
        },
    ]
    return pd.concat([out, pd.DataFrame(extra)], ignore_index=True)


def grafik_ikpa(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table("ikpa_indikator")
    rows = frame[frame["tahun"] == ctx.tahun].sort_values("no")
    data = pd.DataFrame({"Indikator": rows["indikator"], "Nilai": rows["nilai"].astype(float)})
    chart = g.batang(
        data,
        "Indikator",
        "Nilai",
        judul_x="Indikator",
        judul_y="Nilai (0–100)",
        places=2,
        horizontal=True,
        urutan=list(rows["indikator"]),
    )
    shown = data.assign(Nilai=data["Nilai"].map(lambda v: fmt.angka(v, 2)))
    return chart.properties(width=420, height=220), shown


# --- other achievements -----------------------------------------------------------------


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
        row["Rerata"] = ctx.link(f"tarja.{no}.rerata")
        rows.append(row)
    return pd.DataFrame(rows)


def grafik_tarja(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table("tarja")
    data = pd.DataFrame(
        {
            "TARJA": "TARJA " + frame["no_tarja"].astype(str),
            "Bulan": frame["bulan"].map(lambda b: f"B{int(b):02d}"),
            "Nilai": frame["nilai"].astype(float),
        }
    )
    chart = g.batang_kelompok(
        data, "Bulan", "Nilai", "TARJA", judul_x="Bulan penilaian", judul_y="Nilai", places=0
    )
    shown = data.assign(Nilai=data["Nilai"].map(lambda v: fmt.angka(v, 0)))
    return chart.properties(width=420, height=220), shown


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
    keys = list(dict.fromkeys(tuple(getattr(r, c) for c in columns) for r in frame.itertuples()))
    rows = []
    for key in keys:
        row = {header: " ".join(str(v) for v in key)}
        fid = f"{prefix}." + ".".join(slug(v) for v in key)
        for tahun in years:
            full = _id(fid, ctx, tahun)
            row[str(tahun)] = ctx.link(full) if full in ctx.reg else ""
        rows.append(row)
    total = {header: "Jumlah"}
    for tahun in years:
        total[str(tahun)] = ctx.link(_id(f"{prefix}.total", ctx, tahun))
    rows.append(total)
    return pd.DataFrame(rows)


def grafik_layanan(
    ctx: Bab, table: str, columns: tuple[str, ...], judul: str
) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table(table)
    category = frame[list(columns)].astype(str).agg(" ".join, axis=1)
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
