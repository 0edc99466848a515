"""BAB II A: the Renstra's direction in the office's words, and the program restructuring
that came with it (counts before and after)."""

from __future__ import annotations

import pandas as pd

from lkjip.chapters.kernel.context import Bab
from lkjip.chapters.uraian import tampilkan_narasi
from lkjip.figures.renstra import TANPA_RINCIAN, periode, restrukturisasi_id
from lkjip.render.myst import RawMarkdown, escape_md


def arah_renstra(ctx: Bab) -> None:
    """How the Renstra in force shifts the work, and which units share the program
    (table ``narasi``, section ``bab2.renstra``)."""
    tampilkan_narasi(ctx, "bab2.renstra")


def tabel_restrukturisasi(ctx: Bab) -> pd.DataFrame:
    """Programs (or activities) before and after the restructuring, per scope, linked."""
    frame = ctx.ds.table("renstra_restrukturisasi")
    awal = periode(frame, ctx.tahun)
    frame = frame[frame["periode_awal"] == (awal[0] if awal else None)]
    rows = []
    for (lingkup, objek), group in frame.groupby(["lingkup", "objek"], sort=False):
        sesudah = group[group["tahap"] == "sesudah"]
        rincian = [
            f"{ctx.link(restrukturisasi_id(lingkup, objek, 'sesudah', k))} {escape_md(k)}"
            for k in sesudah["kelompok"]
            if k != TANPA_RINCIAN
        ]
        rincian += [escape_md(n) for n in sesudah["rincian"].dropna()]
        rows.append(
            {
                "Lingkup": f"{lingkup} ({objek})",
                "Sebelum": ctx.link(restrukturisasi_id(lingkup, objek, "sebelum")),
                "Sesudah": ctx.link(restrukturisasi_id(lingkup, objek, "sesudah")),
                "Rincian sesudah restrukturisasi": RawMarkdown("; ".join(rincian)),
            }
        )
    return pd.DataFrame(rows)


def restrukturisasi(ctx: Bab) -> None:
    """The restructuring counts (nothing when the office gives none)."""
    if not ctx.ds.has("renstra_restrukturisasi") or ctx.ds.table("renstra_restrukturisasi").empty:
        return
    ctx.tampilkan(
        "Jumlah program sebelum dan sesudah restrukturisasi disajikan pada "
        "{numref}`tbl-bab2-restrukturisasi`."
    )
    ctx.tabel(
        tabel_restrukturisasi(ctx),
        "Penyederhanaan program melalui restrukturisasi",
        "tbl-bab2-restrukturisasi",
        kanan=["Sebelum", "Sesudah"],
    )
