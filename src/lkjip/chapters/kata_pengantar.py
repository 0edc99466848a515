"""Kata Pengantar: the foreword, closed by the place, date and signatory from data."""

from __future__ import annotations

from IPython.display import Markdown, display

from lkjip.chapters.konteks import Bab, pembuka
from lkjip.render.myst import escape_md

mulai = pembuka("kata_pengantar")


def tanda_tangan(ctx: Bab) -> None:
    """Place, date and signatory of the report, from data, with room for the signature
    and the office stamp."""
    t = ctx.teks()
    text = (
        "::::{container} lkjip-ttd\n"
        f"{escape_md(t['tempat_pengesahan'])}, {escape_md(t['tanggal_pengesahan'])}\n\n"
        f"{escape_md(t['jabatan_penandatangan'])},\n\n"
        "```{raw} html\n"
        '<div class="lkjip-ruang-ttd" role="presentation"></div>\n'
        "```\n\n"
        "```{raw} latex\n\\par\\vspace*{2.8cm}\n```\n\n"
        f"**{escape_md(t['kepala_kantor'])}**\n\n"
        f"NIP. {escape_md(t['nip_kepala_kantor'])}\n::::\n"
    )
    display(Markdown(text))
