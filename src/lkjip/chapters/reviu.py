"""Reviu: the reconciliation with the published report, the checks, the corrections.

The reconciliation and the checks are computed by :mod:`lkjip.audit`; this
module turns them into the chapter's tables.
"""

from __future__ import annotations

import pandas as pd

from lkjip.audit import checks, reconciliation
from lkjip.audit.baris import DASAR, STATUS, TEMUAN, TIDAK_DAPAT, Baris
from lkjip.audit.checks import Pemeriksaan
from lkjip.audit.kkr import halaman_dari_lokasi, halaman_publikasi
from lkjip.audit.reconciliation import per_dasar
from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.domain import formatting as fmt
from lkjip.domain.capaian import ratio_percent

mulai = pembuka("reviu")


def tabel(rows: list[Baris], link, pages: dict[str, str]) -> pd.DataFrame:
    """Reconciliation rows as a chapter table; computed values link to their calculation
    (``link``: figure id -> cell). ``Hlm.`` is the page of the report under review
    (``pages``: :func:`lkjip.audit.kkr.halaman_publikasi`)."""
    return pd.DataFrame(
        {
            "No": str(r.no),
            "Bab": bab(r.lokasi),
            "Lokasi": r.lokasi,
            "Hlm.": halaman_dari_lokasi(r.lokasi, pages) or "-",
            "Dicetak": r.dipublikasikan,
            "Dihitung": link(r.figure_id) if r.figure_id and r.dihitung else r.dihitung,
            "Dasar": r.dasar,
            "Status": r.status,
            "Selisih": r.selisih,
            "Alasan": r.alasan,
        }
        for r in rows
    )


def bab(lokasi: str) -> str:
    """The part of the report a location is in: ``BAB III C, tabel …`` -> ``BAB III``."""
    head = lokasi.split(",", 1)[0].strip()
    words = head.split()
    return " ".join(words[:2]) if words[:1] == ["BAB"] else (words[0] if words else "")


def tabel_pemeriksaan(checks: list[Pemeriksaan]) -> pd.DataFrame:
    return pd.DataFrame(
        {"Pemeriksaan": c.nama, "Hasil": c.hasil, "Rincian": c.rincian} for c in checks
    )


def tampilkan_temuan(ctx: Bab) -> None:
    """The published figures that differ, and those that cannot be checked."""
    temuan = [b for b in reconciliation.rows(ctx.ds, ctx.reg) if b.status in (*TEMUAN, TIDAK_DAPAT)]
    frame = tabel(temuan, ctx.link, halaman_publikasi(ctx.ds))
    judul = "Temuan rekonsiliasi"
    ctx.tabel(
        frame, judul, "tbl-reviu-temuan", kanan=["No"], hanya_html=True, saring=True, lebar=True
    )
    # the PDF has no filters (the location says the chapter); the basis goes with the status
    printed = frame.drop(columns=["Bab", "Dasar"], errors="ignore")  # none without rows
    if temuan:
        printed = printed.assign(
            Status=[b.status if b.status == b.dasar else f"{b.status} ({b.dasar})" for b in temuan]
        )
    ctx.tabel(printed, judul, "tbl-reviu-temuan-pdf", kanan=["No"], hanya_pdf=True)


def tampilkan_dasar(ctx: Bab) -> None:
    """Rows per basis (what was done) and status (what came out)."""
    counts = per_dasar(reconciliation.rows(ctx.ds, ctx.reg))
    rows = [
        {"Dasar pembanding": dasar, "Status": status, "Jumlah": fmt.angka(counts[dasar][status])}
        for dasar in DASAR
        for status in STATUS
        if counts[dasar].get(status)
    ]
    rows.append(
        {
            "Dasar pembanding": "Jumlah",
            "Status": "",
            "Jumlah": fmt.angka(sum(sum(c.values()) for c in counts.values())),
        }
    )
    ctx.tabel(
        pd.DataFrame(rows),
        "Angka yang dicetak menurut dasar pembanding dan hasilnya",
        "tbl-reviu-dasar",
        kanan=["Jumlah"],
        tebal_terakhir=True,
    )


def tampilkan_semua(ctx: Bab) -> None:
    """Every reconciled figure (HTML only: the PDF points to ``reviu.csv``)."""
    ctx.tabel(
        tabel(reconciliation.rows(ctx.ds, ctx.reg), ctx.link, halaman_publikasi(ctx.ds)),
        "Rekonsiliasi seluruh angka yang dicetak",
        "tbl-reviu-semua",
        kanan=["No"],
        hanya_html=True,
        saring=True,
        lebar=True,
    )


def tampilkan_cakupan(ctx: Bab) -> None:
    """How much of the published report the reconciliation covers (``cakupan_publikasi``)."""
    if not ctx.ds.has("cakupan_publikasi"):
        ctx.tampilkan(
            "Cakupan rekonsiliasi untuk tahun ini belum dihitung (tabel `cakupan_publikasi` "
            "belum ada; jalankan `lkjip coverage <teks laporan> --tulis`)."
        )
        return
    frame = ctx.ds.table("cakupan_publikasi")
    angka = frame[frame["kelompok"] == "angka"]
    columns = ["jumlah", "tercatat", "dihitung_ulang", "masukan", "nilai_resmi"]
    rows = [(r["bagian"], *(int(r[c]) for c in columns)) for _, r in angka.iterrows()]
    rows.append(("Jumlah", *(int(angka[c].sum()) for c in columns)))
    headers = {
        "Tercetak": 1,
        "Tercatat": 2,
        "Dihitung ulang": 3,
        "Masukan": 4,
        "Nilai resmi": 5,
    }
    ctx.tabel(
        pd.DataFrame(
            {
                "Bagian laporan": r[0],
                **{h: fmt.angka(r[i]) for h, i in headers.items()},
                "Dihitung ulang (%)": fmt.persen(ratio_percent(r[3], r[1]), 1) if r[1] else "-",
            }
            for r in rows
        ),
        "Cakupan rekonsiliasi atas laporan yang dipublikasikan",
        "tbl-reviu-cakupan",
        kanan=[*headers, "Dihitung ulang (%)"],
    )
    excluded = frame[frame["kelompok"] == "dikecualikan"]
    ctx.tabel(
        pd.DataFrame(
            {"Kelas": r.bagian, "Token": fmt.angka(int(r.jumlah)), "Alasan": r.keterangan}
            for r in excluded.itertuples()
        ),
        "Token angka yang bukan angka laporan",
        "tbl-reviu-cakupan-kecuali",
        kanan=["Token"],
    )


def jalur(rows: list[Baris], checks: list[Pemeriksaan], koreksi) -> list[tuple[str, str, int]]:
    """Findings counted by the route that found them: (route, kind, count)."""
    status = [r.status for r in rows]
    inconsistent = [c for c in checks if c.hasil == "temuan" and not c.nama.startswith("Koreksi")]
    return [
        ("Rekonsiliasi", "kontradiksi (dicetak benar di tempat lain)", status.count("kontradiksi")),
        ("Rekonsiliasi", "selisih (angka, klaim, label tahun, satuan)", status.count("selisih")),
        ("Rekonsiliasi", "tidak dapat diperiksa (dengan alasannya)", status.count(TIDAK_DAPAT)),
        ("Pemeriksaan konsistensi", "temuan", len(inconsistent)),
        ("Koreksi data sumber", "koreksi", sum(1 for c in koreksi if c.changes_value)),
        ("Koreksi data sumber", "tafsiran", sum(1 for c in koreksi if not c.changes_value)),
    ]


def tampilkan_jalur(ctx: Bab) -> None:
    """How many findings each route of the reviu found (reconciliation, checks, corrections)."""
    counts = jalur(
        reconciliation.rows(ctx.ds, ctx.reg),
        checks.pemeriksaan(ctx.ds, ctx.reg),
        ctx.ds.corrections,
    )
    ctx.tabel(
        pd.DataFrame(
            {"Jalur": route, "Jenis temuan": kind, "Jumlah": fmt.angka(n)}
            for route, kind, n in counts
        ),
        "Temuan menurut jalur pemeriksaan",
        "tbl-reviu-jalur",
        kanan=["Jumlah"],
    )


def tampilkan_konsistensi(ctx: Bab) -> None:
    ctx.tabel(
        tabel_pemeriksaan(checks.pemeriksaan(ctx.ds, ctx.reg)),
        "Pemeriksaan konsistensi",
        "tbl-reviu-pemeriksaan",
    )


def tampilkan_koreksi(ctx: Bab) -> None:
    """The corrections applied to the published data, with their reasons."""
    koreksi = ctx.ds.corrections
    frame = (
        pd.DataFrame(
            {
                "Jenis": c.jenis,
                "Tabel": c.tabel,
                "Baris": c.kunci.replace(";", "; "),
                "Kolom": c.kolom,
                "Dipublikasikan": c.nilai_dipublikasikan,
                "Dipakai": c.nilai_koreksi,
                "Alasan": c.alasan,
                "Sumber koreksi": c.source,
            }
            for c in koreksi
        )
        if koreksi
        else pd.DataFrame({"Keterangan": ["Tidak ada koreksi."]})
    )
    ctx.tabel(frame, "Koreksi yang diterapkan", "tbl-reviu-koreksi", lebar=True)
