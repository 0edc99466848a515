"""Kata Pengantar: the foreword, closed by the place, date and signatory from data."""

from __future__ import annotations

from IPython.display import Markdown, display

from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.data import identity
from lkjip.render.myst import BELUM, escape_md

mulai = pembuka("kata_pengantar")

#: the text facts the signature block prints
TANDA_TANGAN = (
    "tempat_pengesahan",
    "tanggal_pengesahan",
    "jabatan_penandatangan",
    "kepala_kantor",
    "nip_kepala_kantor",
)


def tanda_tangan(ctx: Bab) -> None:
    """Place, date and signatory of the report, from data, with room for the signature
    and the office stamp. A draft marks each cell not known yet, and only that one."""
    teks = ctx.teks()  # (read as the cells printed here, nothing more)
    t = {k: BELUM if teks[k] == identity.BELUM else escape_md(teks[k]) for k in TANDA_TANGAN}
    text = (
        "::::{container} lkjip-ttd\n"
        f"{t['tempat_pengesahan']}, {t['tanggal_pengesahan']}\n\n"
        f"{t['jabatan_penandatangan']},\n\n"
        "```{raw} html\n"
        '<div class="lkjip-ruang-ttd" role="presentation"></div>\n'
        "```\n\n"
        "```{raw} latex\n\\par\\vspace*{2.8cm}\n```\n\n"
        f"**{t['kepala_kantor']}**\n\n"
        f"NIP. {t['nip_kepala_kantor']}\n::::\n"
    )
    display(Markdown(text))
