"""Ikhtisar Eksekutif: the headline figures and the year's activities in brief."""

from __future__ import annotations

from lkjip.chapters.konteks import Bab, pembuka

mulai = pembuka("ikhtisar")


def daftar_butir(ctx: Bab, jenis: str) -> None:
    """The Ikhtisar's list of one kind (``kegiatan``, ``langkah``), in printed order."""
    butir = ctx.ds.table("ikhtisar_butir")
    ctx.daftar(butir[butir["jenis"] == jenis].sort_values("no")["uraian"])
