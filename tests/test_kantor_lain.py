"""Another office, two years: every sentence true for the data it is built from.

A synthetic office that is not Bandung (other name, city, head, staff, one sasaran
kegiatan instead of two, no LTSA or MPP, no awards, its own surveys) is built for
two years from its own data folder. None of Bandung's office-specific sentences or
figures appear in its books, its own figures do, and Bandung's book is untouched.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lkjip.assemble.pipeline import build
from lkjip.audit.ledger import read_csv
from lkjip.chapters.kernel.protocol import REPORT
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry
from lkjip.newyear.prepare import init
from lkjip.newyear.workbook import export

from . import bandung
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
    # issue 26: metadata written about Bandung's 2023 report, and its ABT's quarter
    "Laporan 2023",
    "hanya memuat grafik",
    "(5 butir)",
    "nilai SMART 87,04",
    "Maung",
    "18 responden internal",
    "66 untuk 2022",
    "Nilai IKM tahunan (3,99)",
    "Pada triwulan terakhir",
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


def _edit(folder: Path, table: str, change) -> None:  # row -> row | None
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
    "Maung": "Solo",
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


def test_another_office_for_two_years(built_project: Path) -> None:
    root = built_project  # Bandung built there already: its HTML-only build starts warm
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


# --- an office with only totals: nothing of Bandung anywhere ---------------------------

#: the new office's identity (everything else of its year is empty but a few totals)
IDENTITAS = {
    "nama_satker": NAMA,
    "kementerian": "Kementerian Hukum dan Hak Asasi Manusia RI",
    "kanwil": "Kantor Wilayah Kementerian Hukum dan HAM Jawa Tengah",
    "divisi": "Divisi Keimigrasian",
    "unit_eselon_i": "Direktorat Jenderal Imigrasi",
    "alamat": "Jl. Laksda Adisucipto No. 8",
    "kota": "Surakarta",
    "kepala_kantor": "Budi Santoso",
    "nip_kepala_kantor": "197001012000031001",
    "jabatan_penandatangan": "Kepala Kantor",
    "tempat_pengesahan": "Surakarta",
    "program": "Penegakan dan Pelayanan Hukum",
    "dasar_renstra": "Rencana Strategis Direktorat Jenderal Imigrasi",
    "pedoman_lkjip": "Pedoman Penyusunan LKjIP",
}


def _totals_only(data: Path, tahun: int) -> None:
    """A new office's year (``lkjip init --satker``) with its identity and a few totals."""
    init(tahun, data, satker=NAMA)
    folder = data / str(tahun)
    _edit(
        folder,
        "identitas",
        lambda r: {**r, **IDENTITAS, "tanggal_pengesahan": f"{tahun + 1}-01-10"},
    )
    rows = {
        "paspor": {"jenis": "tidak dirinci", "jumlah": 12345},
        "izin_tinggal": {"no": 1, "jenis": "tidak dirinci", "jumlah": 2345},
        "pnbp": {
            "kode_akun": "tidak dirinci",
            "jenis_pendapatan": "tidak dirinci",
            "realisasi": 5_000_000_000,
        },
        "pnbp_target": {"target": 2_500_000_000},
        "realisasi_program": {
            "program": "tidak dirinci",
            "kegiatan": "tidak dirinci",
            "pagu": 10_000_000_000,
            "realisasi": 9_500_000_000,
        },
    }
    for table, row in rows.items():
        _replace(folder, table, [{"tahun": tahun, **row}])
    # the pagu: a DIPA only, no additional budget (ABT)
    pagu = (
        ("sumber_alokasi", "DIPA", 10),
        ("jenis_belanja", "Belanja Pegawai", 4),
        ("jenis_belanja", "Belanja Barang", 5),
        ("jenis_belanja", "Belanja Modal", 1),
        ("sumber_dana", "Rupiah Murni (RM)", 6),
        ("sumber_dana", "Penerimaan Negara Bukan Pajak (PNBP)", 4),
    )
    _replace(
        folder,
        "pagu_komposisi",
        [{"tahun": tahun, "dimensi": d, "kategori": k, "pagu": m * 10**9} for d, k, m in pagu],
    )


def _pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def _bandung_in(text: str, names: set[str], figures: set[str]) -> list[str]:
    """Bandung's sentences, names and figures found in ``text``."""
    return (
        [s for s in BANDUNG_SENTENCES if s in text]
        + bandung.in_text(text, names)
        + bandung.displays_in(text, figures | set(BANDUNG_FIGURES))
    )


def test_an_office_with_only_totals_gets_nothing_of_bandung(
    tmp_path: Path, ds2023: Dataset, reg2023: Registry
) -> None:
    """Issue 26: its HTML (report, working paper, data pages), both PDFs and its workbook's
    README sheet carry no sentence, description, name or figure of Bandung's."""
    names, figures = bandung.names(ds2023), bandung.displays(ds2023, reg2023)
    tahun = TAHUN + 1
    root = copy_project(tmp_path / "proyek")
    data = root / FOLDER
    with project_root_env(root):
        _totals_only(data, tahun)
        result = build(tahun, data, draft=True, progress=None)
        workbook = export(tahun, tmp_path / "buku.xlsx", data)
    ledger = {r["id"]: r for r in read_csv(result.ledger_csv)}
    assert ledger["paspor.total"]["display"] == "12.345"  # its own figures were built
    pages = sorted((result.out_dir / "html").rglob("*.html"))
    assert any(p.parent.name == "data" for p in pages)  # the data pages, with descriptions
    found = {}
    for page in pages:
        text = " ".join(_text(page).split())
        found[str(page.relative_to(result.out_dir))] = _bandung_in(text, names, figures)
    pdfs = sorted((result.out_dir / "pdf").glob("*.pdf"))
    assert len(pdfs) == 2  # the report and the working paper
    for pdf in pdfs:
        text = _pdf_text(pdf)
        assert "Surakarta" in re.sub(r"[\s-]", "", text), pdf.name
        found[pdf.name] = _bandung_in(text, names, figures)
    sheet = load_workbook(workbook, read_only=True)["README"]
    readme = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "catatan_tabel" in readme
    found["README"] = _bandung_in(readme, names, figures)
    assert {where: what for where, what in found.items() if what} == {}
    # the events of Bandung's year are not told: no ABT, no award, no innovation
    report = " ".join(
        " ".join(_text(result.out_dir / "html" / "notebooks" / f"{c}.html").split()) for c in REPORT
    )
    assert "Anggaran Belanja Tambahan" not in report and "Setelah revisi" not in report
    assert f"pagu dalam DIPA tahun anggaran {tahun} sebesar Rp10.000.000.000 (" in report
