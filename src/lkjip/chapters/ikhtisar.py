"""Ikhtisar Eksekutif: the headline figures and the year's activities in brief."""

from __future__ import annotations

from lkjip.chapters import uraian
from lkjip.chapters.konteks import Bab, pembuka
from lkjip.figures.renstra import periode
from lkjip.render.myst import escape_md

mulai = pembuka("ikhtisar")


def daftar_butir(ctx: Bab, jenis: str) -> None:
    """The Ikhtisar's list of one kind (``kegiatan``, ``langkah``), in printed order."""
    butir = ctx.ds.table("ikhtisar_butir")
    ctx.daftar(butir[butir["jenis"] == jenis].sort_values("no")["uraian"])


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
