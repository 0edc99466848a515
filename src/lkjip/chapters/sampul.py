"""The cover page (HTML; the PDF draws its own cover from the same data)."""

from __future__ import annotations

import html

from IPython.display import HTML, display

from lkjip.chapters.konteks import Bab, pembuka

mulai = pembuka("sampul")


def sampul(ctx: Bab) -> None:
    """The cover block (HTML; the PDF has its own cover page)."""
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
