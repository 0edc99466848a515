"""The Catatan Hasil Reviu and the draft Pernyataan Telah Direviu, generated from the
conclusions of the reviu program (:mod:`lkjip.audit.kkr`)."""

from __future__ import annotations

import pandas as pd

from lkjip.audit import kkr
from lkjip.chapters.kernel.context import Bab
from lkjip.chapters.kertas_kerja_reviu.tim_reviu import (
    ISIAN,
    anggota,
    penugasan,
    susun,
    tempat_tanggal,
)
from lkjip.domain import formatting as fmt
from lkjip.render.myst import escape_md


def _nama_laporan(ctx: Bab) -> str:
    return f"Laporan Kinerja {ctx.teks()['satker']} Tahun {ctx.tahun}"


def catatan_hasil_reviu(ctx: Bab) -> None:
    """The Catatan Hasil Reviu, generated from the steps' conclusions and the findings."""
    data = susun(ctx)
    tugas = penugasan(ctx)
    laporan = escape_md(_nama_laporan(ctx))
    lines = [
        f"**CATATAN HASIL REVIU ATAS {laporan.upper()}**",
        "",
        f"1. **Dasar.** Reviu atas {laporan} dilaksanakan berdasarkan Peraturan Menteri "
        "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 dan surat "
        f"tugas {escape_md(tugas['surat_tugas'])}.",
        "2. **Ruang lingkup.** Reviu memberikan keyakinan terbatas atas akurasi, keandalan dan "
        "keabsahan informasi kinerja dalam laporan; reviu bukan audit.",
        "3. **Langkah dan kesimpulan.**",
    ]
    for n, step in enumerate(data.langkah, start=1):
        lines.append(f"   {n}. {escape_md(step.judul)}: **{step.kesimpulan}**.")
    if data.temuan:
        lines.append("4. **Temuan dan rekomendasi.**")
        for n, t in enumerate(data.temuan, start=1):
            lines.append(
                f"   {n}. T{n}. {escape_md(t.judul)} ({fmt.angka(t.jumlah)} butir). "
                f"Rekomendasi: {escape_md(t.rekomendasi)}"
            )
    else:
        lines.append("4. **Temuan dan rekomendasi.** Tidak ada temuan.")
    lines.append(f"5. **Simpulan.** {escape_md(_simpulan(data))}")
    ctx.tampilkan("\n".join(lines))
    nama, nip = anggota(ctx, "Ketua Tim")
    ctx.tabel(
        pd.DataFrame(
            [
                {"Keterangan": "Tempat dan tanggal", "Isian": tempat_tanggal(tugas)},
                {"Keterangan": "Ketua Tim", "Isian": nama},
                {"Keterangan": "NIP", "Isian": nip},
                {"Keterangan": "Tanda tangan", "Isian": ISIAN},
            ]
        ),
        "Penandatangan Catatan Hasil Reviu",
        "tbl-kkr-chr-ttd",
    )


def _simpulan(data: kkr.KertasKerjaReviu) -> str:
    if data.kesimpulan == kkr.MEMADAI:
        return (
            "Seluruh langkah reviu memadai; tidak terdapat kondisi yang menimbulkan perbedaan "
            "dalam meyakini keandalan informasi kinerja yang disajikan."
        )
    if data.kesimpulan == kkr.TIDAK_MEMADAI:
        bad = [s.judul for s in data.langkah if s.kesimpulan == kkr.TIDAK_MEMADAI]
        return (
            f"{len(bad)} dari {len(data.langkah)} langkah reviu tidak memadai ("
            + "; ".join(bad)
            + "). Laporan perlu diperbaiki sesuai rekomendasi di atas sebelum ditandatangani."
        )
    open_steps = [s.judul for s in data.langkah if s.kesimpulan == kkr.BELUM]
    return "Reviu belum dapat disimpulkan untuk langkah: " + "; ".join(open_steps) + "."


def pernyataan(ctx: Bab) -> None:
    """The draft Pernyataan Telah Direviu: its conclusion follows the steps'."""
    data = susun(ctx)
    laporan = escape_md(_nama_laporan(ctx))
    satker = escape_md(ctx.teks()["satker"])
    if data.kesimpulan == kkr.MEMADAI:
        conclusion = (
            "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan "
            "perbedaan dalam meyakini keandalan informasi yang disajikan di dalam laporan "
            "kinerja ini."
        )
    elif data.kesimpulan == kkr.TIDAK_MEMADAI:
        kinds = "; ".join(f"{escape_md(t.judul.lower())} ({t.jumlah})" for t in data.temuan)
        conclusion = (
            "Berdasarkan reviu kami, terdapat kondisi yang menimbulkan perbedaan dalam "
            f"meyakini keandalan informasi yang disajikan di dalam laporan kinerja ini: {kinds}. "
            "Rinciannya dan rekomendasi perbaikannya dimuat dalam Catatan Hasil Reviu."
        )
    else:
        conclusion = (
            "Reviu belum dapat disimpulkan karena sebagian langkahnya belum memiliki bukti; "
            "pernyataan ini belum dapat ditandatangani."
        )
    tugas = penugasan(ctx)
    nama, nip = anggota(ctx, "Penanggung Jawab")
    ctx.tampilkan(
        "**DRAF**\n\n"
        f"**PERNYATAAN TELAH DIREVIU**\n\n**{laporan.upper()}**\n\n"
        f"Kami telah mereviu {laporan} sesuai dengan pedoman reviu atas laporan kinerja. "
        f"Substansi informasi yang dimuat dalam laporan kinerja menjadi tanggung jawab "
        f"manajemen {satker}.\n\n"
        "Reviu bertujuan untuk memberikan keyakinan terbatas bahwa laporan kinerja telah "
        "disajikan secara akurat, andal, dan valid.\n\n"
        f"{conclusion}"
    )
    ctx.tabel(
        pd.DataFrame(
            [
                {"Keterangan": "Tempat dan tanggal", "Isian": tempat_tanggal(tugas)},
                {"Keterangan": "Unit APIP", "Isian": tugas["unit_apip"]},
                {"Keterangan": "Penanggung Jawab", "Isian": nama},
                {"Keterangan": "NIP", "Isian": nip},
                {"Keterangan": "Tanda tangan", "Isian": ISIAN},
            ]
        ),
        "Penandatangan Pernyataan Telah Direviu",
        "tbl-kkr-pernyataan-ttd",
    )
