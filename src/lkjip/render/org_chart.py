"""BAB I: the organisation chart and the description of each unit, from ``unit_organisasi``.

The chart is drawn from the data, not pasted as a picture: every unit is a
box holding its name, joined to its parent (column ``atasan``) by
right-angled lines, as official organisation charts are drawn. The layout is
a simple tidy tree: leaves take consecutive slots in display order
(``urutan``), a parent sits centred above its first and last child.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from lkjip.errors import InvalidOrgChart
from lkjip.render.charts import WARNA
from lkjip.render.myst import escape_md

#: fill of the top box and of the other boxes
ISI_PUNCAK = WARNA["utama"]
ISI_UNIT = "#e8eef5"


def _kosong(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def tata_letak(units: pd.DataFrame) -> pd.DataFrame:
    """Position of each unit: ``tingkat`` (depth, 0 = head) and ``x`` (slot, leaves 0, 1, ...).

    ``units`` needs the columns ``kode_unit``, ``nama_unit``, ``atasan`` (empty for the
    head) and ``urutan``. Returns one row per unit in depth-first display order with
    ``kode_unit``, ``nama_unit``, ``atasan``, ``tingkat`` and ``x``.
    """
    frame = units.sort_values("urutan", kind="stable")
    codes = [str(c) for c in frame["kode_unit"]]
    if len(set(codes)) != len(codes):
        raise InvalidOrgChart("kode_unit tidak unik")
    names = dict(zip(codes, frame["nama_unit"].astype(str), strict=True))
    parents = {
        str(c): (None if _kosong(p) else str(p))
        for c, p in zip(frame["kode_unit"], frame["atasan"], strict=True)
    }
    roots = [c for c in codes if parents[c] is None]
    if len(roots) != 1:
        raise InvalidOrgChart(f"harus tepat satu unit tanpa atasan, ditemukan {len(roots)}")
    unknown = sorted(c for c, p in parents.items() if p is not None and p not in parents)
    if unknown:
        raise InvalidOrgChart(f"atasan tidak dikenal untuk unit: {', '.join(unknown)}")
    children: dict[str, list[str]] = {c: [] for c in codes}
    for code in codes:  # display order
        parent = parents[code]
        if parent is not None:
            children[parent].append(code)

    rows: list[dict[str, object]] = []
    next_slot = 0
    visiting: set[str] = set()

    def place(code: str, depth: int) -> float:
        nonlocal next_slot
        if code in visiting:
            raise InvalidOrgChart(f"struktur melingkar pada unit {code}")
        visiting.add(code)
        row: dict[str, object] = {
            "kode_unit": code,
            "nama_unit": names[code],
            "atasan": parents[code],
            "tingkat": depth,
        }
        rows.append(row)
        if children[code]:
            xs = [place(child, depth + 1) for child in children[code]]
            x = (xs[0] + xs[-1]) / 2
        else:
            x = float(next_slot)
            next_slot += 1
        row["x"] = x
        return x

    place(roots[0], 0)
    if len(rows) != len(codes):
        lost = sorted(set(codes) - {str(r["kode_unit"]) for r in rows})
        raise InvalidOrgChart(f"unit tidak terhubung ke pimpinan: {', '.join(lost)}")
    return pd.DataFrame(rows, columns=["kode_unit", "nama_unit", "atasan", "tingkat", "x"])


def penghubung(letak: pd.DataFrame, tinggi_kotak: float = 0.6) -> pd.DataFrame:
    """Right-angled connector segments (``x``, ``y``, ``x2``, ``y2``) from parents to children.

    ``y`` is the depth; a box spans ``tingkat ± tinggi_kotak / 2``. Per parent: one
    vertical line down to the middle between the levels, one horizontal line over
    the children (when needed) and one vertical line down to each child.
    """
    half = tinggi_kotak / 2
    by_code = letak.set_index("kode_unit")
    segments: list[dict[str, float]] = []
    for parent, group in letak.dropna(subset=["atasan"]).groupby("atasan", sort=False):
        px = float(by_code.loc[parent, "x"])
        py = float(by_code.loc[parent, "tingkat"])
        mid = py + 0.5
        segments.append({"x": px, "y": py + half, "x2": px, "y2": mid})
        xs = [float(x) for x in group["x"]]
        left, right = min(xs + [px]), max(xs + [px])
        if right > left:
            segments.append({"x": left, "y": mid, "x2": right, "y2": mid})
        for child in group.itertuples():
            cy = float(child.tingkat)
            segments.append({"x": float(child.x), "y": mid, "x2": float(child.x), "y2": cy - half})
    return pd.DataFrame(segments, columns=["x", "y", "x2", "y2"])


def bungkus(teks: str, lebar: int = 22) -> str:
    """Wrap a unit name into lines of at most ``lebar`` characters (joined by newlines)."""
    return "\n".join(textwrap.wrap(str(teks), width=lebar, break_long_words=False)) or str(teks)


def bagan_organisasi(
    units: pd.DataFrame,
    *,
    lebar_kotak: int = 124,
    tinggi_tingkat: int = 95,
    tinggi_kotak: float = 0.6,
    lebar_baris: int = 18,
    ukuran_huruf: int = 11,
) -> alt.LayerChart:
    """An Altair organisation chart: one box per unit with its name, lines to the parent."""
    letak = tata_letak(units)
    names = dict(zip(letak["kode_unit"], letak["nama_unit"], strict=True))
    half = tinggi_kotak / 2
    boxes = letak.assign(
        x_kiri=letak["x"] - 0.46,
        x_kanan=letak["x"] + 0.46,
        y_atas=letak["tingkat"] - half,
        y_bawah=letak["tingkat"] + half,
        label=[bungkus(n, lebar_baris) for n in letak["nama_unit"]],
        isi=[ISI_PUNCAK if t == 0 else ISI_UNIT for t in letak["tingkat"]],
        warna_teks=["#ffffff" if t == 0 else "#1a1a1a" for t in letak["tingkat"]],
        nama_atasan=["" if _kosong(a) else names[a] for a in letak["atasan"]],
    ).drop(columns=["atasan"])
    lines = penghubung(letak, tinggi_kotak)

    slots = int(letak["x"].max()) + 1
    depth = int(letak["tingkat"].max())
    x_scale = alt.Scale(domain=[-0.5, slots - 0.5], nice=False, zero=False)
    y_scale = alt.Scale(domain=[-0.5, depth + 0.5], nice=False, zero=False, reverse=True)

    rules = (
        alt.Chart(lines)
        .mark_rule(color=WARNA["utama"], strokeWidth=1.5)
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=None),
            y=alt.Y("y:Q", scale=y_scale, axis=None),
            x2="x2:Q",
            y2="y2:Q",
        )
    )
    tooltip = [
        alt.Tooltip("nama_unit:N", title="Unit"),
        alt.Tooltip("nama_atasan:N", title="Atasan langsung"),
    ]
    rects = (
        alt.Chart(boxes)
        .mark_rect(stroke=WARNA["utama"], strokeWidth=1.2, cornerRadius=3)
        .encode(
            x=alt.X("x_kiri:Q", scale=x_scale, axis=None),
            x2="x_kanan:Q",
            y=alt.Y("y_atas:Q", scale=y_scale, axis=None),
            y2="y_bawah:Q",
            color=alt.Color("isi:N", scale=None, legend=None),
            tooltip=tooltip,
        )
    )
    line_height = ukuran_huruf * 1.25 / tinggi_tingkat  # one text line, in level units
    text_rows = []
    for box in boxes.itertuples():
        parts = str(box.label).split("\n")
        for i, part in enumerate(parts):
            text_rows.append(
                {
                    "baris": part,
                    "x": box.x,
                    "y": box.tingkat + (i - (len(parts) - 1) / 2) * line_height,
                    "warna_teks": box.warna_teks,
                    "nama_unit": box.nama_unit,
                    "nama_atasan": box.nama_atasan,
                }
            )
    text = (
        alt.Chart(pd.DataFrame(text_rows))
        .mark_text(fontSize=ukuran_huruf, fontWeight="bold", baseline="middle")
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=None),
            y=alt.Y("y:Q", scale=y_scale, axis=None),
            text="baris:N",
            color=alt.Color("warna_teks:N", scale=None, legend=None),
            tooltip=tooltip,
        )
    )
    return (
        alt.layer(rules, rects, text)
        .properties(width=slots * lebar_kotak, height=(depth + 1) * tinggi_tingkat)
        .configure_view(stroke=None)
    )


def data_bagan(units: pd.DataFrame) -> pd.DataFrame:
    """The chart's data as a table: unit and direct superior, in chart order."""
    letak = tata_letak(units)
    names = dict(zip(letak["kode_unit"], letak["nama_unit"], strict=True))
    return pd.DataFrame(
        {
            "Unit": letak["nama_unit"],
            "Atasan langsung": ["—" if _kosong(a) else names[a] for a in letak["atasan"]],
        }
    )


def uraian_unit(units: pd.DataFrame, fungsi: pd.DataFrame) -> str:
    """MyST text: for each unit with a tugas or fungsi, its name, tugas and numbered fungsi.

    Units are numbered in display order (``urutan``); units without tugas and fungsi
    (the head of office) are skipped. Text from data is escaped.
    """
    blocks: list[str] = []
    number = 0
    for unit in units.sort_values("urutan", kind="stable").itertuples():
        rows = fungsi[fungsi["kode_unit"] == unit.kode_unit].sort_values("no", kind="stable")
        if _kosong(unit.tugas) and rows.empty:
            continue
        number += 1
        lines = [f"**{number}. {escape_md(unit.nama_unit)}**", ""]
        if not _kosong(unit.tugas):
            lines += [f"*Tugas*: {escape_md(unit.tugas)}", ""]
        if not rows.empty:
            lines += ["*Fungsi*:", ""]
            lines += [f"{i}. {escape_md(text)}" for i, text in enumerate(rows["uraian"], start=1)]
        blocks.append("\n".join(lines).rstrip())
    return "\n\n".join(blocks)
