"""The ``lkjip`` command's arguments (argparse): one sub-parser per command."""

from __future__ import annotations

import argparse
from pathlib import Path

from lkjip import __version__, console, params
from lkjip.errors import ParameterError


def _tahun(text: str) -> int:
    try:
        return params.check_tahun(text)
    except ParameterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def make_parser() -> argparse.ArgumentParser:
    parser = console.Parser(
        prog="lkjip", description="LKjIP sebagai buku yang dapat direproduksi dan diaudit."
    )
    parser.add_argument("--version", action="version", version=f"lkjip {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=console.Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--tahun", type=_tahun, default=None, help="tahun laporan (bawaan: parameters.yml)"
        )
        p.add_argument(
            "--data-dir", type=Path, default=None, help="folder data (bawaan: data/ di proyek)"
        )

    validate = sub.add_parser("validate", help="periksa data satu tahun")
    common(validate)
    ledger = sub.add_parser("ledger", help="tulis buku besar angka (ledger) satu tahun")
    common(ledger)
    ledger.add_argument("--out", type=Path, required=True, help="berkas CSV keluaran")
    ledger.add_argument("--json", type=Path, default=None, help="berkas JSON keluaran (opsional)")
    init = sub.add_parser(
        "init", help="siapkan data tahun baru (CSV dan buku kerja Excel) atau proyek kantor baru"
    )
    init.add_argument("--tahun", type=_tahun, required=True, help="tahun laporan baru")
    init.add_argument(
        "--from",
        "--dari",  # the spelling of earlier versions
        dest="dari",
        metavar="TAHUN",
        type=_tahun,
        default=None,
        help="tahun asal (bawaan: tahun-1)",
    )
    init.add_argument(
        "--satker",
        default=None,
        help="nama satuan kerja untuk tabel identitas (kantor baru), "
        'mis. "Kantor Imigrasi Kelas I TPI Surakarta"; ditolak bila identitas tahun itu '
        "sudah ada dengan nama lain",
    )
    init.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder data (bawaan: data/); folder baru di dalam proyek dibuat beserta metadata",
    )
    init.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="buat proyek kantor baru di folder ini (book/, notebooks/, data/, _config.yml, "
        "_toc.yml, parameters.yml, README.md), lalu siapkan data tahunnya di sana; "
        "folder proyek yang sudah ada dipakai apa adanya",
    )
    export = sub.add_parser("export", help="tulis data satu tahun sebagai buku kerja Excel")
    common(export)
    export.add_argument("--out", type=Path, required=True, help="berkas .xlsx keluaran")
    imp = sub.add_parser("import", help="impor buku kerja Excel menjadi CSV satu tahun")
    imp.add_argument("workbook", type=Path, help="berkas .xlsx")
    common(imp)
    imp.add_argument(
        "--overwrite",
        action="store_true",
        help="tulis lembar yang diubah walau CSV-nya juga berubah sejak buku kerja diekspor "
        "(perubahan CSV itu hilang); tanpa ini impor menolak dan menyebut baris-barisnya",
    )
    diff = sub.add_parser("diff", help="bandingkan dua ledger (angka yang berubah)")
    diff.add_argument("lama", type=Path, help="ledger.csv lama")
    diff.add_argument("baru", type=Path, help="ledger.csv baru")
    cov = sub.add_parser(
        "coverage", help="hitung cakupan rekonsiliasi atas teks laporan yang dipublikasikan"
    )
    cov.add_argument("laporan", type=Path, help="teks laporan (keluaran pdftotext)")
    cov.add_argument(
        "--tulis",
        action="store_true",
        help="tulis ringkasan ke data/<tahun>/cakupan_publikasi.csv untuk kertas kerja",
    )
    common(cov)
    build = sub.add_parser("build", help="bangun buku (HTML, PDF) dan ledger satu tahun")
    common(build)
    build.add_argument(
        "--jobs",
        type=console.jobs,
        default=None,
        help="jumlah proses paralel (bawaan: jumlah inti CPU)",
    )
    build.add_argument(
        "--draft", action="store_true", help="bangun walau data belum lengkap (ditandai DRAFT)"
    )
    build.add_argument(
        "--html-only",
        "--html-saja",  # the spelling of earlier versions, kept for scripts that use it
        dest="html_only",
        action="store_true",
        help="hanya HTML, tanpa PDF (lebih cepat saat menyunting)",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder buku hasil build (bawaan: _build/<tahun>, atau "
        "_build/<folder data>/<tahun> untuk folder data selain data/)",
    )
    build.add_argument(
        "--provenance",
        type=Path,
        default=None,
        metavar="FILE",
        help="asal-usul git proyek asli (JSON), dipakai lkjip rekap saat membangun salinan proyek",
    )
    rekap = sub.add_parser(
        "rekap",
        help="bangun buku banyak kantor (tugas Dask) dan buku perbandingannya",
    )
    rekap.add_argument("--tahun", type=_tahun, required=True, help="tahun laporan")
    rekap.add_argument(
        "--kantor",
        type=Path,
        required=True,
        help="berkas KANTOR.csv: kolom folder (proyek kantor atau folder data di proyek ini; "
        "relatif terhadap folder KANTOR.csv) dan kanwil",
    )
    rekap.add_argument(
        "--draft", action="store_true", help="bangun walau data belum lengkap (ditandai DRAFT)"
    )
    rekap.add_argument(
        "--html-only",
        "--html-saja",
        dest="html_only",
        action="store_true",
        help="hanya HTML, tanpa PDF",
    )
    rekap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder buku perbandingan (bawaan: _build/rekap/<tahun> di proyek atau folder ini)",
    )
    rekap.add_argument(
        "--scheduler",
        metavar="ALAMAT",
        default=None,
        help="alamat scheduler Dask (mis. tcp://10.0.0.5:8786); bawaan: kluster lokal",
    )
    rekap.add_argument(
        "--workers",
        type=console.jobs,
        default=None,
        help="jumlah pekerja kluster lokal (bawaan: jumlah inti CPU)",
    )
    return parser
