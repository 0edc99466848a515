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
from lkjip.audit.baris import Baris
from lkjip.audit.reconciliation import STATUS
from lkjip.chapters.konteks import Bab, pembuka
from lkjip.domain import formatting as fmt
from lkjip.render.myst import RawMarkdown, anchor, escape_md

mulai = pembuka("kertas_kerja_reviu")

#: what a blank entry of the reviu team prints: a line to fill in by hand
ISIAN = "...................."


def _isian(value: object) -> str:
    """A team's entry, or a line to fill when it is blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ISIAN
    text = str(value).strip()
    return text or ISIAN


def _tanggal(value: object) -> str:
    text = _isian(value)
    return text if text == ISIAN else fmt.tanggal(text)


_computed: dict[int, kkr.KertasKerjaReviu] = {}


def susun(ctx: Bab) -> kkr.KertasKerjaReviu:
    """The Kertas Kerja Reviu of the chapter's year (computed once per chapter context)."""
    if id(ctx) not in _computed:
        _computed.clear()  # one chapter context per kernel
        _computed[id(ctx)] = kkr.susun(ctx.ds, ctx.reg)
    return _computed[id(ctx)]


def _table(ctx: Bab, name: str) -> pd.DataFrame | None:
    if not ctx.ds.has(name):
        return None
    frame = ctx.ds.table(name)
    return frame[frame["tahun"] == ctx.tahun] if "tahun" in frame else frame


# --- A. the team ---------------------------------------------------------------------


def tabel_tim(ctx: Bab) -> None:
    """The reviu team and its assignment, as the APIP entered them (blanks to fill)."""
    tim = _table(ctx, "reviu_tim")
    if tim is None or tim.empty:
        tim = pd.DataFrame(
            {"peran": ["Penanggung Jawab", "Pengendali Teknis", "Ketua Tim", "Anggota Tim"]}
        )
    rows = [
        {
            "Peran": r.get("peran"),
            "Nama": _isian(r.get("nama")),
            "NIP": _isian(r.get("nip")),
            "Jabatan": _isian(r.get("jabatan")),
        }
        for _, r in tim.iterrows()
    ]
    ctx.tabel(pd.DataFrame(rows), "Tim reviu", "tbl-kkr-tim")
    tugas = _penugasan(ctx)
    ctx.tabel(
        pd.DataFrame(
            [
                {"Keterangan": "Unit APIP", "Isian": tugas["unit_apip"]},
                {"Keterangan": "Surat tugas", "Isian": tugas["surat_tugas"]},
                {"Keterangan": "Tempat dan tanggal", "Isian": _tempat_tanggal(tugas)},
            ]
        ),
        "Penugasan reviu",
        "tbl-kkr-penugasan",
    )


def _penugasan(ctx: Bab) -> dict[str, str]:
    frame = _table(ctx, "reviu_penugasan")
    row = frame.iloc[0] if frame is not None and not frame.empty else pd.Series(dtype=object)
    return {
        "unit_apip": _isian(row.get("unit_apip")),
        "surat_tugas": _isian(row.get("surat_tugas")),
        "tempat": _isian(row.get("tempat")),
        "tanggal": _tanggal(row.get("tanggal")),
    }


def _tempat_tanggal(tugas: dict[str, str]) -> str:
    return f"{tugas['tempat']}, {tugas['tanggal']}"


def _anggota(ctx: Bab, peran: str) -> tuple[str, str]:
    """Name and NIP of the first member with ``peran`` (lines to fill when blank)."""
    tim = _table(ctx, "reviu_tim")
    if tim is not None:
        hit = tim[tim["peran"] == peran]
        if not hit.empty:
            return _isian(hit.iloc[0].get("nama")), _isian(hit.iloc[0].get("nip"))
    return ISIAN, ISIAN


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


def tabel_program(ctx: Bab) -> None:
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
    frame = _table(ctx, "reviu_langkah")
    row = pd.Series(dtype=object)
    if frame is not None:
        hit = frame[frame["langkah"] == kode]
        if not hit.empty:
            row = hit.iloc[0]
    return pd.DataFrame(
        [
            {
                "Disusun oleh": _isian(row.get("disusun_oleh")),
                "Tanggal disusun": _tanggal(row.get("tanggal_disusun")),
                "Direviu oleh": _isian(row.get("direviu_oleh")),
                "Tanggal direviu": _tanggal(row.get("tanggal_direviu")),
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


def _kondisi_table(ctx: Bab, temuan: kkr.Temuan, nomor: str) -> None:
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
    frame = _table(ctx, "reviu_tanggapan")
    if frame is not None:
        hit = frame[frame["temuan"] == kode]
        if not hit.empty:
            return _isian(hit.iloc[0].get("tanggapan")), _tanggal(hit.iloc[0].get("tanggal"))
    return ISIAN, ISIAN


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
        _kondisi_table(ctx, t, nomor)
        response, date = _tanggapan(ctx, t.kode)
        ctx.tampilkan(
            f"**Kriteria.** {escape_md(t.kriteria)}\n\n"
            f"**Sebab.** {escape_md(t.sebab)}\n\n"
            f"**Akibat.** {escape_md(t.akibat)}\n\n"
            f"**Rekomendasi.** {escape_md(t.rekomendasi)}\n\n"
            f"**Tanggapan auditi.** {escape_md(response)} (tanggal: {escape_md(date)})"
        )


def tabel_pertimbangan(ctx: Bab) -> None:
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


# --- D. Catatan Hasil Reviu and the draft Pernyataan -------------------------------------


def _nama_laporan(ctx: Bab) -> str:
    return f"Laporan Kinerja {ctx.identitas['nama_satker']} Tahun {ctx.tahun}"


def catatan_hasil_reviu(ctx: Bab) -> None:
    """The Catatan Hasil Reviu, generated from the steps' conclusions and the findings."""
    data = susun(ctx)
    tugas = _penugasan(ctx)
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
    nama, nip = _anggota(ctx, "Ketua Tim")
    ctx.tabel(
        pd.DataFrame(
            [
                {"Keterangan": "Tempat dan tanggal", "Isian": _tempat_tanggal(tugas)},
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
    satker = escape_md(str(ctx.identitas["nama_satker"]))
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
    tugas = _penugasan(ctx)
    nama, nip = _anggota(ctx, "Penanggung Jawab")
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
                {"Keterangan": "Tempat dan tanggal", "Isian": _tempat_tanggal(tugas)},
                {"Keterangan": "Unit APIP", "Isian": tugas["unit_apip"]},
                {"Keterangan": "Penanggung Jawab", "Isian": nama},
                {"Keterangan": "NIP", "Isian": nip},
                {"Keterangan": "Tanda tangan", "Isian": ISIAN},
            ]
        ),
        "Penandatangan Pernyataan Telah Direviu",
        "tbl-kkr-pernyataan-ttd",
    )
