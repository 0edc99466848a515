"""BAB III Akuntabilitas Kinerja: what the chapter notebook calls.

The sections have their own modules: :mod:`.kinerja` (A: IKM, IPK, IKI),
:mod:`.anggaran` (B and C: realisasi anggaran, PNBP, SMART DJA, IKPA) and
:mod:`.lainnya` (D: TARJA, services, law enforcement, awards).
"""

from __future__ import annotations

from lkjip.chapters.kernel.context import Bab, pembuka

mulai = pembuka("bab3_akuntabilitas")


def daftar_faktor(ctx: Bab, indikator_id: str) -> None:
    """The success factors the office names for one indicator, numbered."""
    faktor = ctx.ds.table("faktor_keberhasilan")
    rows = faktor[faktor["indikator_id"] == indikator_id].sort_values("no")
    ctx.daftar(rows["uraian"], bernomor=True)


def daftar_rekomendasi(ctx: Bab, indikator_id: str) -> None:
    """The recommendations for one indicator, numbered."""
    rekomendasi = ctx.ds.table("rekomendasi")
    rows = rekomendasi[rekomendasi["indikator_id"] == indikator_id].sort_values("no")
    ctx.daftar(rows["uraian"], bernomor=True)
