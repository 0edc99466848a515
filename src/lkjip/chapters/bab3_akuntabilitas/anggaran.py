"""BAB III B and C: realisasi anggaran, PNBP, SMART DJA and IKPA.

Same conventions as :mod:`lkjip.chapters.bab3_akuntabilitas.kinerja`.
"""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd

from lkjip.chapters.bab3_akuntabilitas._common import (
    TANPA_RINCIAN,
    label_jumlah,
    years_with,
)
from lkjip.chapters.bab3_akuntabilitas.resmi import catatan_ikpa as catatan_ikpa
from lkjip.chapters.bab3_akuntabilitas.resmi import hitung_ulang as hitung_ulang
from lkjip.chapters.bab3_akuntabilitas.resmi import ikpa_tak_terbaca
from lkjip.chapters.bab3_akuntabilitas.resmi import total_ikpa as total_ikpa
from lkjip.chapters.kernel.context import Bab
from lkjip.domain import formatting as fmt
from lkjip.figures import ids
from lkjip.figures._common import undetailed_rows
from lkjip.render import charts as g
from lkjip.render.myst import RawMarkdown, escape_md


def tabel_program(ctx: Bab) -> pd.DataFrame:
    frame = ctx.ds.table("realisasi_program")
    frame = frame.drop(undetailed_rows(ctx.ds, "realisasi_program", frame).index)
    rows = []
    for program, group in frame.groupby("program", sort=False):
        rows.append(
            {
                "Program/Kegiatan": RawMarkdown(f"**{escape_md(program)}**"),
                "Pagu": ctx.link(ids.program(ctx.ds, program, "pagu")),
                "Realisasi": ctx.link(ids.program(ctx.ds, program, "realisasi")),
                "Persentase": ctx.link(ids.program(ctx.ds, program, "persen")),
            }
        )
        for row in group.itertuples():
            k = row.kegiatan
            rows.append(
                {
                    "Program/Kegiatan": k,
                    "Pagu": ctx.link(ids.kegiatan(k, "pagu")),
                    "Realisasi": ctx.link(ids.kegiatan(k, "realisasi")),
                    "Persentase": ctx.link(ids.kegiatan(k, "persen")),
                }
            )
    rows.append(
        {
            "Program/Kegiatan": label_jumlah(ctx, "realisasi_program", "Total"),
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
    undetailed = set(undetailed_rows(ctx.ds, "realisasi_program", frame)["program"])
    for program in frame["program"].unique():
        fid = partial(ids.program, ctx.ds, program)
        if program in undetailed:
            program, fid = TANPA_RINCIAN, ids.anggaran
        for seri in ("pagu", "realisasi"):
            rows.append(
                {
                    "Program": program.replace("Program ", ""),
                    "Seri": seri.capitalize(),
                    "Rupiah (miliar)": float(ctx.v(fid(seri))) / 1e9,
                }
            )
        shown.append(
            {
                "Program": program,
                "Pagu": ctx.d(fid("pagu")),
                "Realisasi": ctx.d(fid("realisasi")),
                "Persentase": ctx.d(fid("persen")),
            }
        )
    chart = _pagu_realisasi_chart(pd.DataFrame(rows), "Program", "Program")
    return chart.properties(width=420, height=240), pd.DataFrame(shown)


def tabel_anggaran_tahunan(ctx: Bab) -> pd.DataFrame:
    rows = []
    for tahun in years_with(ctx, partial(ids.anggaran, "persen")):
        lalu = ctx.tahun - tahun
        rows.append(
            {
                "Tahun": str(tahun),
                "Pagu": ctx.link(ids.anggaran("pagu", lalu)),
                "Realisasi": ctx.link(ids.anggaran("realisasi", lalu)),
                "Persentase": ctx.link(ids.anggaran("persen", lalu)),
            }
        )
    return pd.DataFrame(rows)


def _jenis(ctx: Bab) -> list[str]:
    frame = ctx.ds.table("realisasi_jenis_belanja")
    return list(dict.fromkeys(frame["jenis_belanja"]))


def tabel_jenis_belanja(ctx: Bab) -> pd.DataFrame:
    rows = []
    years = years_with(ctx, partial(ids.belanja, "jumlah", "persen"))
    for jenis in [*_jenis(ctx), "Jumlah"]:
        for tahun in years:
            lalu = ctx.tahun - tahun
            rows.append(
                {
                    "Jenis belanja": jenis,
                    "Tahun": str(tahun),
                    "Pagu": ctx.link(ids.belanja(jenis, "pagu", lalu)),
                    "Realisasi": ctx.link(ids.belanja(jenis, "realisasi", lalu)),
                    "Persentase": ctx.link(ids.belanja(jenis, "persen", lalu)),
                }
            )
    return pd.DataFrame(rows)


def grafik_jenis_belanja(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    rows, shown = [], []
    for jenis in _jenis(ctx):
        for tahun in years_with(ctx, partial(ids.belanja, jenis, "persen")):
            lalu = ctx.tahun - tahun
            for seri in ("pagu", "realisasi"):
                rows.append(
                    {
                        "Tahun": str(tahun),
                        "Jenis belanja": jenis,
                        "Seri": seri.capitalize(),
                        "Rupiah (miliar)": float(ctx.v(ids.belanja(jenis, seri, lalu))) / 1e9,
                    }
                )
            shown.append(
                {
                    "Jenis belanja": jenis,
                    "Tahun": str(tahun),
                    "Pagu": ctx.d(ids.belanja(jenis, "pagu", lalu)),
                    "Realisasi": ctx.d(ids.belanja(jenis, "realisasi", lalu)),
                    "Persentase": ctx.d(ids.belanja(jenis, "persen", lalu)),
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
    frame = frame.drop(undetailed_rows(ctx.ds, "pnbp", frame).index)
    rows = []
    for kode, group in frame.groupby("kode_akun", sort=False):
        row = {"Kode akun": str(kode), "Jenis pendapatan": group["jenis_pendapatan"].iloc[0]}
        for tahun in years:
            fid = ids.pnbp_akun(kode, ctx.tahun - int(tahun))
            row[str(tahun)] = ctx.link(fid) if fid in ctx.reg else ""
        rows.append(row)
    total = {"Kode akun": "", "Jenis pendapatan": label_jumlah(ctx, "pnbp")}
    for tahun in years:
        total[str(tahun)] = ctx.link(ids.pnbp("realisasi", ctx.tahun - int(tahun)))
    rows.append(total)
    return pd.DataFrame(rows)


def grafik_pnbp(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    frame = ctx.ds.table("pnbp")
    jenis = frame["jenis_pendapatan"].copy()
    jenis[undetailed_rows(ctx.ds, "pnbp", frame).index] = TANPA_RINCIAN
    data = pd.DataFrame(
        {
            "Tahun": frame["tahun"].astype(str),
            "Jenis pendapatan": jenis,
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
            "Jenis pendapatan": jenis,
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


SMART_LABEL = {
    "penyerapan": "Penyerapan anggaran",
    "konsistensi": "Konsistensi",
    "capaian_ro": "Capaian keluaran (RO)",
    "efisiensi": "Efisiensi",
    "nilai_efisiensi": "Nilai efisiensi",
}


def _smart_years(ctx: Bab) -> list[int]:
    """Years with an official SMART score or recorded components (a missing score shows)."""
    found = (years_with(ctx, partial(ids.smart, k)) for k in ("nilai_kinerja", "penyerapan"))
    return sorted(set().union(*found))


def tabel_smart(ctx: Bab) -> pd.DataFrame:
    years = _smart_years(ctx)
    rows = []
    for komponen in ("penyerapan", "konsistensi", "capaian_ro", "efisiensi", "nilai_efisiensi"):
        row = {"Komponen": SMART_LABEL[komponen]}
        for tahun in years:
            row[str(tahun)] = ctx.link(ids.smart(komponen, ctx.tahun - tahun))
        rows.append(row)
    total = {"Komponen": "Nilai kinerja"}
    for tahun in years:
        total[str(tahun)] = ctx.link(ids.smart("nilai_kinerja", ctx.tahun - tahun))
    rows.append(total)
    return pd.DataFrame(rows)


def tabel_smart_bobot(ctx: Bab) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"Komponen": SMART_LABEL[k], "Bobot (%)": ctx.link(ids.smart_bobot(k))}
            for k in ("penyerapan", "konsistensi", "capaian_ro", "efisiensi")
        ]
    )


def grafik_smart(ctx: Bab) -> tuple[alt.Chart, pd.DataFrame]:
    rows = []
    labels = {k: SMART_LABEL[k] for k in ("penyerapan", "konsistensi", "capaian_ro")}
    labels |= {"nilai_efisiensi": SMART_LABEL["nilai_efisiensi"], "nilai_kinerja": "Nilai kinerja"}
    for tahun in _smart_years(ctx):
        for komponen, label in labels.items():
            fid = ids.smart(komponen, ctx.tahun - tahun)
            if fid in ctx.reg:  # a draft leaves out what is missing
                rows.append({"Tahun": str(tahun), "Komponen": label, "Nilai": float(ctx.v(fid))})
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
    rows = rows[~rows["no"].isin(list(ikpa_tak_terbaca(ctx, tahun)))]
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
    lalu = ctx.tahun - tahun
    extra = []
    if ids.ikpa("nilai_total", lalu) in ctx.reg:  # the application's total, when recorded
        extra.append(
            {
                "No": "",
                "Indikator": "Nilai total",
                "Aspek": "",
                "Nilai": "",
                "Bobot (%)": "",
                "Nilai tertimbang": ctx.link(ids.ikpa("nilai_total", lalu)),
            }
        )
    extra.append(
        {
            "No": "",
            "Indikator": "Nilai akhir (nilai total / konversi bobot)",
            "Aspek": "",
            "Nilai": "",
            "Bobot (%)": ctx.link(ids.ikpa("konversi", lalu)),
            "Nilai tertimbang": ctx.link(ids.ikpa("nilai_akhir", lalu)),
        }
    )
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
