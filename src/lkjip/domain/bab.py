"""The chapters of the book: the one list of chapter names (stems of notebooks/*.ipynb).

A figure declares the chapter that shows its calculation when it is registered
(:meth:`lkjip.figures.registry.Registry.bab`), checked against this list; the build
runs the chapters in this order (:mod:`lkjip.chapters.kernel.protocol`).
"""

from __future__ import annotations

#: the report's chapters (Laporan Kinerja), in book order
LAPORAN = (
    "sampul",
    "kata_pengantar",
    "ikhtisar",
    "bab1_pendahuluan",
    "bab2_perencanaan",
    "bab3_akuntabilitas",
    "bab4_penutup",
    "lampiran",
)

#: the working paper's chapters (Kertas Kerja), in book order
KERTAS_KERJA = ("reviu", "kertas_kerja_reviu", "jejak_angka")

#: every chapter in book order
CHAPTERS = LAPORAN + KERTAS_KERJA


def periksa(nama: str) -> str:
    """``nama`` when it is a chapter of the book; else a ``ValueError`` naming the chapters."""
    if nama not in CHAPTERS:
        raise ValueError(f"bab {nama!r} tidak dikenal; bab buku: {', '.join(CHAPTERS)}")
    return nama
