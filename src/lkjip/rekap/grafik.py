"""Charts of the comparison: one bar per office of the figure a section ranks on, drawn
with the book's theme (:mod:`lkjip.render.charts`): HTML with the offline Vega bundle,
the PDF a PNG made by vl-convert."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from lkjip.rekap.tabel import Bagian, Baris, nilai_peringkat
from lkjip.render import chart_png, charts

#: folder of the charts' PNGs in the staged book
FOLDER = "grafik"


def data_grafik(rows: list[Baris], bagian: Bagian) -> pd.DataFrame:
    """Office, Kanwil and the printed value of each office that has the figure."""
    records = []
    for row in rows:
        value = nilai_peringkat(row.kantor, bagian.peringkat_id)
        if value is not None:
            records.append(
                {"Kantor": row.kantor.nama, "Kanwil": row.kantor.kanwil, "Nilai": float(value)}
            )
    return pd.DataFrame(records, columns=["Kantor", "Kanwil", "Nilai"])


def spec_grafik(bagian: Bagian, rows: list[Baris]) -> dict | None:
    """The chart's Vega-Lite spec (bars by value, coloured by Kanwil), or None when no
    office has the figure."""
    data = data_grafik(rows, bagian)
    if data.empty:
        return None
    order = list(data.sort_values(["Nilai", "Kantor"], ascending=[False, True])["Kantor"])
    axis = alt.Axis(format=charts.format_angka(2), title=bagian.judul_peringkat)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("Kantor:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("Nilai:Q", axis=axis),
            color=alt.Color(
                "Kanwil:N", title="Kanwil", legend=alt.Legend(orient="bottom", labelLimit=0)
            ),
            tooltip=[
                alt.Tooltip("Kantor:N"),
                alt.Tooltip("Kanwil:N"),
                alt.Tooltip("Nilai:Q", title=bagian.judul_peringkat, format=",.2f"),
            ],
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(align="left", baseline="middle", dx=3, fontSize=11)
        .encode(
            y=alt.Y("Kantor:N", sort=order),
            x=alt.X("Nilai:Q"),
            text=alt.Text("Nilai:Q", format=",.2f"),
        )
    )
    height = max(60, 28 * len(data))
    chart = (bars + text).properties(width=420, height=height)
    spec = charts.spec(chart)
    spec["description"] = (
        f"Grafik batang {bagian.judul_peringkat} per kantor, dari yang tertinggi "
        f"({len(data)} kantor)."
    )
    return spec


def html(spec: dict, bagian: Bagian) -> str:
    return charts.html_embed(spec, f"rekap-{bagian.kunci}", spec["description"])


def simpan_png(spec: dict, bagian: Bagian, src: Path) -> str:
    """Write the PNG into the staged book; returns its path relative to the book."""
    folder = src / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{bagian.kunci}.png"
    path.write_bytes(chart_png.png(spec))
    return f"{FOLDER}/{path.name}"
