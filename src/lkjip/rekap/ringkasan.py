"""The summary printed at the end of ``lkjip rekap``: each office's status, seconds and
worker, and the counts."""

from __future__ import annotations

from lkjip.rekap.hasil import DIBANGUN, GAGAL, TIDAK_BERUBAH, HasilKantor

#: how each status is printed
LABEL = {DIBANGUN: "dibangun", TIDAK_BERUBAH: "tidak berubah", GAGAL: "GAGAL"}


def jumlah(hasil: list[HasilKantor]) -> dict[str, int]:
    """How many offices have each status."""
    return {status: sum(h.status == status for h in hasil) for status in LABEL}


def baris(hasil: list[HasilKantor], tahun: int) -> list[str]:
    """The summary, line by line (Indonesian)."""
    lines = [f"Ringkasan rekap tahun {tahun}: {len(hasil)} kantor"]
    for nomor, h in enumerate(hasil, start=1):
        where = f" di {h.pekerja}" if h.pekerja else ""
        took = f", {h.detik:.1f} detik{where}" if h.detik or h.pekerja else ""
        lines.append(f"  {nomor}. {h.kantor.folder} ({h.kantor.kanwil}): {LABEL[h.status]}{took}")
        if h.status == GAGAL:
            lines += [f"       {line}" for line in h.pesan.splitlines() if line.strip()]
    count = jumlah(hasil)
    lines.append(
        f"Dibangun: {count[DIBANGUN]}, tidak berubah: {count[TIDAK_BERUBAH]}, "
        f"gagal: {count[GAGAL]}."
    )
    return lines
