"""The office's own text from data: paragraphs and lists whose numbers are figures.

A narrative table row holds plain text (no markup; it is escaped). A number is
never typed in it: ``{{emonev.anggaran}}`` stands for the figure of that id and
is printed as the figure linked to its calculation. Consecutive list rows
(``butir``) form one bulleted list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pandas as pd

from lkjip.chapters.konteks import Bab
from lkjip.errors import IncompleteData
from lkjip.render.myst import escape_md

#: ``{{figure.id}}`` inside a narrative
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")

#: the list headings of a TARJA's problems and follow-up (jenis -> heading)
JUDUL_DAFTAR_TARJA = {
    "kendala": "Kendala yang dihadapi:",
    "tindak_lanjut": "Tindak lanjut:",
}


def angka_dalam(teks: str) -> list[str]:
    """The figure ids a narrative refers to, in order."""
    return PLACEHOLDER.findall(str(teks))


def teks_dengan_angka(teks: str, tautan: Callable[[str], str]) -> str:
    """MyST of ``teks``: the text escaped, each ``{{id}}`` replaced by ``tautan(id)``."""
    text = str(teks)
    parts, pos = [], 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape_md(text[pos : match.start()]))
        parts.append(tautan(match.group(1)))
        pos = match.end()
    parts.append(escape_md(text[pos:]))
    return "".join(parts)


def blok(items: Iterable[tuple[bool, str]]) -> str:
    """Paragraphs and bulleted lists: ``(is_item, myst)`` pairs in printed order."""
    out: list[str] = []
    previous_item = False
    for is_item, text in items:
        if is_item:
            out.append(("" if previous_item else "\n") + f"- {text}")
        else:
            out.append(f"\n{text}")
        previous_item = is_item
    return "\n".join(out).strip() + "\n"


def markdown_narasi(rows: pd.DataFrame, tautan: Callable[[str], str]) -> str:
    """The rows of one ``narasi`` section (sorted by ``no``) as MyST."""
    rows = rows.sort_values("no")
    return blok(
        (jenis == "butir", teks_dengan_angka(teks, tautan))
        for jenis, teks in zip(rows["jenis"], rows["teks"], strict=True)
    )


def markdown_tarja(rows: pd.DataFrame, tautan: Callable[[str], str]) -> str:
    """One TARJA's narrative: its paragraphs, then its problems and follow-up as lists."""
    rows = rows.sort_values("no")
    parts = []
    uraian = rows[rows["jenis"] == "uraian"]
    if not uraian.empty:
        parts.append(blok((False, teks_dengan_angka(t, tautan)) for t in uraian["teks"]))
    for jenis, judul in JUDUL_DAFTAR_TARJA.items():
        items = rows[rows["jenis"] == jenis]
        if not items.empty:
            lines = [(True, teks_dengan_angka(t, tautan)) for t in items["teks"]]
            parts.append(blok([(False, judul), *lines]))
    return "\n".join(parts)


def tautan_angka(ctx: Bab, table: str) -> Callable[[str], str]:
    """``{{id}}`` -> the figure linked to its calculation (a placeholder in a draft)."""

    def tautan(figure_id: str) -> str:
        if figure_id not in ctx.reg and not ctx.draft:
            raise IncompleteData(f"{table}: angka {{{{{figure_id}}}}} tidak ada pada hasil hitung")
        return str(ctx.link(figure_id))

    return tautan


def tampilkan_narasi(ctx: Bab, bagian: str) -> None:
    """The office's paragraphs for one section of the report (nothing when there are none)."""
    if not ctx.ds.has("narasi"):
        return
    narasi = ctx.ds.table("narasi")
    rows = narasi[narasi["bagian"] == bagian]
    if not rows.empty:
        ctx.tampilkan(markdown_narasi(rows, tautan_angka(ctx, "narasi")))


def narasi_tarja(ctx: Bab, no_tarja: int) -> str:
    """MyST of one TARJA's narrative (empty when the office wrote none)."""
    if not ctx.ds.has("narasi_tarja"):
        return ""
    narasi = ctx.ds.table("narasi_tarja")
    rows = narasi[narasi["no_tarja"] == no_tarja]
    return markdown_tarja(rows, tautan_angka(ctx, "narasi_tarja")) if not rows.empty else ""
