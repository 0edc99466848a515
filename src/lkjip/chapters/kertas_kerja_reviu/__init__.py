"""Kertas Kerja Reviu: the reviu program, its findings, the sign-off, the Catatan Hasil
Reviu and the draft Pernyataan Telah Direviu.

What is concluded comes from :mod:`lkjip.audit.kkr`; this module turns it into the
chapter's tables and text. The APIP team's own entries (team, assignment, paraf per
step, the auditee's response) come from the ``reviu_*`` tables; a blank is printed as
a line to fill, never invented.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from lkjip.audit import kkr
from lkjip.audit.baris import STATUS, Baris
from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.chapters.kertas_kerja_reviu.hasil_reviu import catatan_hasil_reviu, pernyataan
from lkjip.chapters.kertas_kerja_reviu.tim_reviu import baris, isian, susun, tampilkan_tim, tanggal
from lkjip.domain import formatting as fmt
from lkjip.render.myst import RawMarkdown, anchor, escape_md

mulai = pembuka("kertas_kerja_reviu")

#: what the notebook calls from the other modules of the chapter
__all__ = ["catatan_hasil_reviu", "mulai", "pernyataan", "tampilkan_tim"]

# --- B. the program ------------------------------------------------------------------


def _counts(rows: tuple[Baris, ...]) -> str:
    counts = Counter(r.status for r in rows)
    return ", ".join(f"{fmt.angka(counts[s])} {s}" for s in STATUS if counts[s])


def hasil(step: kkr.Langkah) -> str:
    """The result of a step in words, from its evidence."""
    if step.tanpa_bukti:
        return f"Tidak ada bukti: {step.tanpa_bukti}."
    if step.bagian_wajib:
        if step.bagian_hilang:
            return f"Daftar isi laporan yang direviu tidak memuat: {', '.join(step.bagian_hilang)}."
        return (
            f"Daftar isi laporan yang direviu memuat ke-{len(step.bagian_wajib)} bagian yang "
            "disyaratkan."
        )
    parts = []
    if step.baris:
        parts.append(
            f"{fmt.angka(len(step.baris))} angka yang dicetak dibandingkan ({_counts(step.baris)})"
        )
    if step.pemeriksaan:
        failed = len(step.pemeriksaan_temuan)
        parts.append(
            f"{fmt.angka(len(step.pemeriksaan))} pemeriksaan konsistensi "
            f"({fmt.angka(len(step.pemeriksaan) - failed)} lulus, {fmt.angka(failed)} temuan)"
        )
    return "; ".join(parts) + "."


def tampilkan_program(ctx: Bab) -> None:
    """Every step with its criterion, result and conclusion."""
    data = susun(ctx)
    ctx.tabel(
        pd.DataFrame(
            {
                "No": str(n),
                "Langkah reviu": s.judul,
                "Hasil": hasil(s),
                "Kesimpulan": s.kesimpulan,
            }
            for n, s in enumerate(data.langkah, start=1)
        ),
        "Program reviu dan kesimpulan setiap langkah",
        "tbl-kkr-program",
        kanan=["No"],
    )


def _paraf(ctx: Bab, kode: str) -> pd.DataFrame:
    row = baris(ctx, "reviu_langkah", "langkah", kode)
    return pd.DataFrame(
        [
            {
                "Disusun oleh": isian(row.get("disusun_oleh")),
                "Tanggal disusun": tanggal(row.get("tanggal_disusun")),
                "Direviu oleh": isian(row.get("direviu_oleh")),
                "Tanggal direviu": tanggal(row.get("tanggal_direviu")),
            }
        ]
    )


def langkah(ctx: Bab) -> None:
    """Each step documented: procedure, criterion, evidence, result, conclusion, paraf."""
    data = susun(ctx)
    codes = {t.kode: f"T{n}" for n, t in enumerate(data.temuan, start=1)}
    for n, step in enumerate(data.langkah, start=1):
        ctx.tampilkan(
            f"### Langkah {n}. {escape_md(step.judul)}\n\n"
            f"**Prosedur.** {escape_md(step.prosedur)}\n\n"
            f"**Kriteria.** {escape_md(step.kriteria)}\n\n"
            f"**Hasil.** {escape_md(hasil(step))}\n\n"
            f"**Kesimpulan: {step.kesimpulan}.**"
        )
        if step.bagian_wajib and not step.tanpa_bukti:
            pages = kkr.halaman_publikasi(ctx.ds)
            ctx.tabel(
                pd.DataFrame(
                    {
                        "Bagian": b,
                        "Dalam daftar isi": "tidak" if b in step.bagian_hilang else "ya",
                        "Halaman": kkr.halaman_dari_lokasi(b, pages) or "-",
                    }
                    for b in step.bagian_wajib
                ),
                f"Bukti langkah {n}: bagian laporan yang direviu",
                f"tbl-kkr-bukti-{step.kode}",
            )
        elif step.temuan or step.pemeriksaan_temuan:
            kinds = Counter(r.kategori for r in step.temuan)
            checks = Counter(kkr.jenis_pemeriksaan(c) for c in step.pemeriksaan_temuan)
            ctx.tabel(
                pd.DataFrame(
                    {
                        "Temuan": f"{codes[t.kode]}. {t.judul}",
                        "Angka": fmt.angka(kinds[t.kode]),
                        "Baris rekonsiliasi": ", ".join(
                            str(r.no) for r in step.temuan if r.kategori == t.kode
                        )
                        or "-",
                        "Pemeriksaan": fmt.angka(checks[t.kode]),
                    }
                    for t in data.temuan
                    if kinds[t.kode] or checks[t.kode]
                ),
                f"Bukti langkah {n}: temuan dalam buktinya",
                f"tbl-kkr-bukti-{step.kode}",
                kanan=["Angka", "Pemeriksaan"],
            )
        ctx.tabel(_paraf(ctx, step.kode), f"Paraf langkah {n}", f"tbl-kkr-paraf-{step.kode}")


# --- C. findings -----------------------------------------------------------------------


def _kondisitabel_tahun(ctx: Bab, temuan: kkr.Temuan, nomor: str) -> None:
    pages = kkr.halaman_publikasi(ctx.ds)
    rows = [
        {
            "No": str(r.no),
            "Lokasi": r.lokasi,
            "Hlm. laporan": kkr.halaman_dari_lokasi(r.lokasi, pages) or "-",
            "Hlm. edisi ini": RawMarkdown(f"{{halaman}}`{anchor(r.figure_id)}`")
            if r.figure_id in ctx.reg
            else "-",
            "Dicetak": r.dipublikasikan,
            "Dihitung": ctx.link(r.figure_id) if r.figure_id in ctx.reg else r.dihitung,
            "Selisih": r.selisih,
        }
        for r in temuan.baris
    ]
    if rows:
        ctx.tabel(
            pd.DataFrame(rows),
            f"Kondisi temuan {nomor}: angka yang dicetak",
            f"tbl-kkr-kondisi-{temuan.kode}",
            kanan=["No", "Selisih"],
            lebar=True,
        )
    if temuan.pemeriksaan:
        ctx.tabel(
            pd.DataFrame({"Pemeriksaan": c.nama, "Rincian": c.rincian} for c in temuan.pemeriksaan),
            f"Kondisi temuan {nomor}: pemeriksaan",
            f"tbl-kkr-kondisi-{temuan.kode}-pemeriksaan",
            lebar=True,
        )


def _tanggapan(ctx: Bab, kode: str) -> tuple[str, str]:
    row = baris(ctx, "reviu_tanggapan", "temuan", kode)
    return isian(row.get("tanggapan")), tanggal(row.get("tanggal"))


def temuan(ctx: Bab) -> None:
    """Each finding in five parts, with the auditee's response."""
    data = susun(ctx)
    if not data.temuan:
        ctx.tampilkan("Tidak ada temuan: setiap bukti pada program reviu di atas sesuai.")
        return
    steps = {s.kode: n for n, s in enumerate(data.langkah, start=1)}
    for n, t in enumerate(data.temuan, start=1):
        nomor = f"T{n}"
        parts = []
        if t.baris:
            parts.append(f"{fmt.angka(len(t.baris))} angka yang dicetak")
        if t.pemeriksaan:
            parts.append(f"{fmt.angka(len(t.pemeriksaan))} hasil pemeriksaan")
        where = ", ".join(f"{steps[k]}" for k in t.langkah)
        ctx.tampilkan(
            f"### {nomor}. {escape_md(t.judul)}\n\n"
            f"**Kondisi.** Ditemukan pada {' dan '.join(parts)}"
            + (f" (bukti langkah {where})" if where else "")
            + "; rinciannya pada tabel berikut, dengan halaman laporan yang direviu dan "
            "halaman edisi ini."
        )
        _kondisitabel_tahun(ctx, t, nomor)
        response, date = _tanggapan(ctx, t.kode)
        ctx.tampilkan(
            f"**Kriteria.** {escape_md(t.kriteria)}\n\n"
            f"**Sebab.** {escape_md(t.sebab)}\n\n"
            f"**Akibat.** {escape_md(t.akibat)}\n\n"
            f"**Rekomendasi.** {escape_md(t.rekomendasi)}\n\n"
            f"**Tanggapan auditi.** {escape_md(response)} (tanggal: {escape_md(date)})"
        )


def tampilkan_pertimbangan(ctx: Bab) -> None:
    """Every judgement that removes, downgrades or limits a finding."""
    ctx.tabel(
        pd.DataFrame(
            {
                "Pertimbangan": p.jenis,
                "Jumlah": fmt.angka(p.jumlah),
                "Pengaruh terhadap temuan": p.pengaruh,
                "Rincian": p.rincian,
            }
            for p in susun(ctx).pertimbangan
        ),
        "Pertimbangan yang menghapus, menurunkan atau membatasi temuan",
        "tbl-kkr-pertimbangan",
        kanan=["Jumlah"],
        lebar=True,
    )
