"""Ikhtisar Eksekutif: the headline figures and the year's activities in brief."""

from __future__ import annotations

import pandas as pd

from lkjip.chapters import uraian
from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.figures.renstra import periode
from lkjip.render.myst import escape_md

mulai = pembuka("ikhtisar")


#: the sentence before each kind of list of the Ikhtisar (``ikhtisar_butir.jenis``)
PENGANTAR = {
    "kegiatan": (
        "Kegiatan yang dilaksanakan untuk mendekatkan layanan dan mendorong penerimaan PNBP:"
    ),
    "langkah": "Langkah yang terus ditempuh untuk menjaga dan meningkatkan capaian kinerja:",
}


def butir(rows: pd.Series, jenis: str) -> str:
    """The Ikhtisar's list of one kind with its sentence, or nothing when the office
    lists nothing of that kind (the table may be empty)."""
    if rows.empty:
        return ""
    return PENGANTAR[jenis] + "\n\n" + "\n".join(f"- {escape_md(item)}" for item in rows)


def daftar_butir(ctx: Bab, jenis: str) -> None:
    """The Ikhtisar's list of one kind (``kegiatan``, ``langkah``), in printed order."""
    rows = ctx.ds.table("ikhtisar_butir")
    text = butir(rows[rows["jenis"] == jenis].sort_values("no")["uraian"], jenis)
    if text:
        ctx.tampilkan(text)


def daftar(ctx: Bab, table: str, column: str) -> None:
    """The names of the year's innovations or awards (``table``); none for a year declared
    nihil (the sentence before the list, ``narasi.<table>.ikhtisar``, says so)."""
    rows = ctx.ds.table(table)
    if not rows.empty:  # empty: declared nihil (an undeclared empty table is missing)
        ctx.daftar(rows[column])


def iku_renstra(ctx: Bab) -> None:
    """The Renstra's IKU for the program: how many, then each goal with its indicator."""
    renstra = ctx.ds.table("renstra_pernyataan")
    awal = periode(renstra, ctx.tahun)
    iku = renstra[
        (renstra["periode_awal"] == (awal[0] if awal else None)) & (renstra["jenis"] == "iku")
    ].sort_values("no")
    if iku.empty or "renstra.iku.jumlah" not in ctx.reg:
        return
    teks = ctx.teks()
    lines = [
        f"Sasaran strategis periode Renstra tersebut dicapai melalui program "
        f"**{escape_md(teks['program'])}** dengan {ctx.link('renstra.iku.jumlah')} "
        "Indikator Kinerja Utama (IKU):",
        "",
    ]
    for n, row in enumerate(iku.itertuples(), start=1):
        lines.append(
            f"{n}. **{escape_md(row.uraian)}**, dengan indikator kinerja {escape_md(row.indikator)}"
        )
    ctx.tampilkan("\n".join(lines))


def penutup(ctx: Bab) -> None:
    """The office's closing paragraphs."""
    uraian.tampilkan_narasi(ctx, "ikhtisar.penutup")
