"""Another office, two years: every sentence true for the data it is built from.

A synthetic office that is not Bandung (other name, city, head, staff, one sasaran
kegiatan instead of two, no LTSA or MPP, no awards, its own surveys) is built for
two years from its own data folder. None of Bandung's office-specific sentences or
figures appear in its books, its own figures do, and Bandung's book is untouched.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from lkjip.assemble.pipeline import build
from lkjip.audit.ledger import read_csv
from lkjip.chapters.protocol import REPORT

from .helpers import TAHUN, copy_project, project_root_env
from .synthetic import make_year

pytestmark = pytest.mark.book

NAMA = "Kantor Imigrasi Kelas II TPI Surakarta"
FOLDER = "data-surakarta"

#: Bandung 2023's own facts and findings: they must not be printed for another office
BANDUNG_SENTENCES = (
    "Kantor Imigrasi Kelas I TPI Bandung",
    "Agung Pramono",
    "berpindah alamat",
    "ruang detensi",
    "Layanan Terpadu Satu Atap",
    "Mal Pelayanan Publik",
    "Husein Sastranegara",
    "Patimban",
    "dua sasaran kegiatan",
    "Unsur yang tertinggal pada penilaian pihak eksternal",
    "Eazy Passport",
)
#: Bandung 2023's figures (passports, budget, land, the IKM capaian)
BANDUNG_FIGURES = ("150.474", "Rp20.578.348.000", "2.822", "122,77%")


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _replace(folder: Path, table: str, rows: list[dict]) -> None:
    header, _ = _rows(folder / f"{table}.csv")
    _write(folder / f"{table}.csv", header, rows)


def _edit(folder: Path, table: str, change) -> None:  # noqa: ANN001 - row -> row | None
    header, rows = _rows(folder / f"{table}.csv")
    _write(folder / f"{table}.csv", header, [r for r in map(change, rows) if r is not None])


NARASI = {
    "ikhtisar.penutup": "Kantor terus berbenah agar layanan keimigrasian di Surakarta makin baik.",
    "bab1.riwayat": "Kantor menempati gedung yang sama sejak berdiri di Surakarta.",
    "bab1.fasilitas": "Gedung kantor memiliki ruang layanan paspor dan ruang tunggu pemohon.",
    "bab1.unit_layanan": "Kantor belum membuka unit layanan di luar gedung kantor.",
    "bab2.renstra": "Rencana Strategis menjadi acuan seluruh kegiatan kantor.",
    "bab3.e_performance": "Capaian kinerja dilaporkan setiap bulan melalui aplikasi e-Performance.",
    "bab3.tarja": "Target kinerja dari Kantor Wilayah dipantau setiap triwulan.",
    "bab4.kesimpulan": "Seluruh unsur layanan dinilai baik oleh para responden.",
}


#: the other office's own words where the seed year holds Bandung's
OWN_WORDS = {
    "Kantor Imigrasi Kelas I TPI Bandung": NAMA,
    "Agung Pramono": "Budi Santoso",
    "Layanan Terpadu Satu Atap": "layanan keliling",
    "Mal Pelayanan Publik": "layanan keliling",
    "LTSA": "layanan keliling",
    "MPP": "layanan keliling",
    "Eazy Passport": "Paspor Cepat",
    "Husein Sastranegara": "Adi Soemarmo",
    "Patimban": "Tanjung Emas",
    "Bandung": "Surakarta",
}


def _own_words(folder: Path) -> None:
    """The office's texts in its own words (every table of a year folder)."""
    for path in sorted(folder.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        for old, new in OWN_WORDS.items():
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")


def _other_office(folder: Path, tahun: int) -> None:
    """Make a synthetic year of data into another office's year."""
    _own_words(folder)
    _edit(
        folder,
        "identitas",
        lambda r: {
            **r,
            "nama_satker": NAMA,
            "alamat": "Jl. Laksda Adisucipto No. 8",
            "kota": "Surakarta",
            "kepala_kantor": "Budi Santoso",
            "nip_kepala_kantor": "197001012000031001",
            "tempat_pengesahan": "Surakarta",
        },
    )
    _edit(folder, "pegawai", lambda r: {**r, "jumlah": str(int(r["jumlah"]) + 3)})
    _edit(folder, "unit_layanan", lambda r: None)  # no LTSA, no MPP
    _replace(
        folder,
        "tpi",
        [
            {
                "tahun": tahun,
                "nama": "Bandar Udara Adi Soemarmo",
                "jenis": "bandar_udara",
                "lokasi": "Kab. Boyolali",
            }
        ],
    )
    _replace(
        folder,
        "sejarah",
        [
            {
                "tahun": tahun,
                "urutan": 1,
                "tahun_peristiwa": 1975,
                "tanggal": "",
                "peristiwa": "Kantor berdiri di Surakarta",
            }
        ],
    )
    _edit(folder, "fasilitas", lambda r: {**r, "luas_m2": str(int(float(r["luas_m2"])) // 2 + 7)})
    _edit(
        folder,
        "wilayah_kerja",
        lambda r: {**r, "nama": r["nama"].replace("Bandung", "Surakarta")},
    )
    _replace(folder, "penghargaan", [])
    _replace(
        folder,
        "nihil",
        [
            {"tahun": tahun, "tabel": "penghargaan", "keterangan": "Tidak ada penghargaan"},
            {"tahun": tahun, "tabel": "unit_layanan", "keterangan": "Belum ada unit layanan"},
        ],
    )
    _replace(
        folder,
        "narasi",
        [
            {"tahun": tahun, "bagian": bagian, "no": 1, "jenis": "paragraf", "teks": teks}
            for bagian, teks in NARASI.items()
        ],
    )
    # a new Renstra period when the year is past the old one (same statements, new targets)
    for path in sorted(folder.glob("*.csv")):
        header, rows = _rows(path)
        if "periode_awal" not in header or not rows:
            continue
        if any(int(r["periode_awal"]) <= tahun <= int(r["periode_akhir"]) for r in rows):
            continue
        last = max(int(r["periode_akhir"]) for r in rows)
        shift = tahun - last + 4
        new = []
        for r in rows:
            if int(r["periode_akhir"]) != last:
                continue
            row = {**r, "periode_awal": last + 1, "periode_akhir": last + 5}
            if "tahun" in r and r["tahun"]:
                row["tahun"] = int(r["tahun"]) + shift
            if "target" in r:
                row["target"] = "3.40"
            new.append(row)
        _write(path, header, rows + new)
    # one sasaran kegiatan for all the office's indicators
    sasaran = "Meningkatnya kualitas layanan keimigrasian di Surakarta"
    _edit(
        folder,
        "pk_indikator",
        lambda r: (
            {**r, "sasaran": sasaran, "no_sasaran": "1"}
            if r["tingkat"] == "sasaran_kegiatan" and int(r["tahun"]) == tahun
            else r
        ),
    )


def _next_year_pk(folder: Path, tahun: int) -> None:
    """The Perjanjian Kinerja of the next year, signed during this one (as in 2023's data)."""
    for table in ("pk_anggaran", "pk_indikator", "pk_penandatangan", "pk_naskah"):
        if not (folder / f"{table}.csv").is_file():
            continue
        header, rows = _rows(folder / f"{table}.csv")
        if any(int(r["tahun"]) == tahun + 1 for r in rows):
            continue
        nxt = [
            {**r, "tahun": str(tahun + 1)}
            for r in rows
            if int(r["tahun"]) == tahun and r.get("versi", "awal") == "awal"
        ]
        _write(folder / f"{table}.csv", header, rows + nxt)


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _text(html: Path) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").get_text(" ")


def test_another_office_for_two_years(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "proyek")
    with project_root_env(root):
        bandung = build(TAHUN, progress=None, pdf_enabled=False)
    before = _hashes(bandung.out_dir)
    data = root / FOLDER
    (data / str(TAHUN)).mkdir(parents=True)
    shutil.copytree(root / "data" / "metadata", data / "metadata")
    shutil.copytree(root / "data" / str(TAHUN), data / str(TAHUN), dirs_exist_ok=True)
    (data / str(TAHUN) / "publikasi.csv").unlink()  # Bandung's published report
    _own_words(data / str(TAHUN))
    years = (TAHUN + 1, TAHUN + 2)
    for n, tahun in enumerate(years):
        make_year(data, tahun, seed=11 + n)
        _other_office(data / str(tahun), tahun)
        _next_year_pk(data / str(tahun), tahun)
    books = []
    with project_root_env(root):
        for tahun in years:
            books.append(build(tahun, data, progress=None, pdf_enabled=False))
    for tahun, book in zip(years, books, strict=True):
        assert book.out_dir != bandung.out_dir and FOLDER in str(book.out_dir)
        ledger = {r["id"]: r for r in read_csv(book.ledger_csv)}
        # the report's chapters after the cover: Kata Pengantar, Ikhtisar, BAB I-IV, Lampiran
        report = [book.out_dir / "html" / "notebooks" / f"{c}.html" for c in REPORT[1:]]
        text = " ".join(_text(page) for page in report)
        found = [s for s in BANDUNG_SENTENCES if s in text]
        assert not found, (tahun, found)
        # the year's own figures, not Bandung's (earlier years of the seed may appear in
        # comparisons, so the summary of the year is checked)
        summary = _text(report[1])
        # the first year compares its capaian with the seed year's (Bandung's numbers)
        checked = BANDUNG_FIGURES if tahun == years[-1] else BANDUNG_FIGURES[:3]
        assert not [f for f in checked if f in summary], tahun
        for fid in ("paspor.total", "anggaran.pagu", "ikm.capaian", "fasilitas.tanah"):
            assert ledger[fid]["display"] not in BANDUNG_FIGURES, fid
        assert NAMA in text and "Budi Santoso" in text
        # its own figures are printed
        for fid in ("ikm.capaian", "pegawai.total", "kinerja.jumlah_sasaran"):
            assert ledger[fid]["display"] in text, fid
        assert ledger["kinerja.jumlah_sasaran"]["display"] == "1"
        assert "Tidak ada penghargaan" in text
    assert _hashes(bandung.out_dir) == before  # Bandung's book untouched
