"""The note printed in place of a table whose data the office declares not available.

A table whose metadata says ``tidak_tersedia: true`` (the staff by golongan) is, for the
report year, filled or declared in the table ``tidak_tersedia`` with the office's reason
(:mod:`lkjip.data.tidak_tersedia`). Declared, the report prints the reason as a sentence
in place of the table ("Rincian pegawai menurut golongan tidak disajikan: ..."): no
number, no zero, no "data belum tersedia". Neither filled nor declared, a draft shows the
box naming the table to fill; a strict build never gets here (validation refuses it
first), and a chapter run on its own stops with the same message.
"""

from __future__ import annotations

from lkjip.chapters.kernel import draft as draft_cells
from lkjip.chapters.kernel.context import Bab
from lkjip.data import tidak_tersedia
from lkjip.errors import IncompleteData
from lkjip.render.myst import escape_md


def kalimat(pokok: str, alasan: str) -> str:
    """``<pokok> tidak disajikan: <alasan>.`` (the reason as the office wrote it)."""
    return f"{escape_md(pokok)} tidak disajikan: {escape_md(alasan.rstrip().rstrip('.'))}."


def catatan_pengganti(ctx: Bab, table: str, pokok: str) -> None:
    """In place of the empty ``table``: the office's reason, or (a draft) the box naming the
    table to fill; a strict run without a declaration stops (IncompleteData)."""
    alasan = tidak_tersedia.alasan(ctx.ds, table)
    if alasan is not None:
        ctx.tampilkan(kalimat(pokok, alasan))
        return
    if ctx.draft:
        draft_cells.show_gaps(ctx, tables=[table])
        return
    raise IncompleteData(tidak_tersedia.missing_rule(ctx.ds.specs[table], ctx.tahun))
