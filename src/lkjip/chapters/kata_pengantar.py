"""Kata Pengantar: the foreword, closed by the place, date and signatory from data."""

from __future__ import annotations

from IPython.display import Markdown, display

from lkjip.chapters.konteks import Bab, pembuka
from lkjip.render.myst import escape_md

mulai = pembuka("kata_pengantar")


def tanda_tangan(ctx: Bab) -> None:
    """Place, date and signatory of the report, from data."""
    t = ctx.teks()
    text = (
        ":::{container} lkjip-ttd\n"
        f"{escape_md(t['tempat_pengesahan'])}, {escape_md(t['tanggal_pengesahan'])}\n\n"
        f"{escape_md(t['jabatan_penandatangan'])},\n\n"
        f"**{escape_md(t['kepala_kantor'])}**\n\n"
        f"NIP. {escape_md(t['nip_kepala_kantor'])}\n:::\n"
    )
    display(Markdown(text))
