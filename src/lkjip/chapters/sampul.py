"""The cover page (HTML; the PDF draws its own cover from the same data)."""

from __future__ import annotations

import html

from IPython.display import HTML, Markdown, display

from lkjip.chapters.konteks import Bab, pembuka
from lkjip.data import identity
from lkjip.data.gaps import cells_gap
from lkjip.render.myst import kotak_belum

mulai = pembuka("sampul")


def sampul(ctx: Bab) -> None:
    """The cover block (HTML; the PDF has its own cover page). In a draft, each identity
    cell not known yet is marked in its place and a box names them all."""
    t = ctx.teks()
    lines = [
        ("judul", "LAPORAN KINERJA INSTANSI PEMERINTAH"),
        ("judul", f"TAHUN {t['tahun']}"),
        ("instansi", t["kementerian"]),
        ("instansi", t["kanwil"]),
        ("instansi", t["satker"]),
    ]
    body = "".join(f'<div class="{cls}">{html.escape(text)}</div>' for cls, text in lines)
    display(HTML(f'<div class="lkjip-sampul">{body}</div>'))
    missing = identity.missing(ctx.ds) if ctx.draft else []
    if missing:
        gap = cells_gap(ctx.ds, identity.TABLE, missing)
        display(Markdown(kotak_belum([gap], tahun=ctx.tahun, sebagian=True)))
