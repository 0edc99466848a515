"""A new office with only a few totals, entered through the workbook, builds a draft.

The figures entered are shown right; nothing that was not entered is printed as 0;
no page shows Python exception text or an object's repr.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from lkjip.assemble.pipeline import build
from lkjip.audit.ledger import read_csv
from lkjip.newyear.prepare import init
from lkjip.newyear.workbook import export, import_

from .helpers import copy_project, project_root_env

pytestmark = pytest.mark.book

TAHUN = 2024
NAMA = "Kantor Imigrasi Kelas I TPI Surakarta"

IDENTITAS = {
    "tahun": TAHUN,
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
    "tanggal_pengesahan": f"{TAHUN + 1}-01-10",
    "program": "Program Penegakan dan Pelayanan Hukum",
    "dasar_renstra": "Rencana Strategis Direktorat Jenderal Imigrasi",
    "pedoman_lkjip": "Pedoman Penyusunan LKjIP",
}
#: the few totals the office has: table -> rows (breakdowns "tidak dirinci")
TOTALS = {
    "paspor": [{"tahun": TAHUN, "jenis": "tidak dirinci", "jumlah": 12345}],
    "izin_tinggal": [{"tahun": TAHUN, "no": 1, "jenis": "tidak dirinci", "jumlah": 2345}],
    "pnbp": [
        {
            "tahun": TAHUN,
            "kode_akun": "tidak dirinci",
            "jenis_pendapatan": "tidak dirinci",
            "realisasi": 5_000_000_000,
        }
    ],
    "pnbp_target": [{"tahun": TAHUN, "target": 2_500_000_000}],
    "realisasi_program": [
        {
            "tahun": TAHUN,
            "program": "tidak dirinci",
            "kegiatan": "tidak dirinci",
            "pagu": 10_000_000_000,
            "realisasi": 9_500_000_000,
        }
    ],
}
#: what the book must print for them
EXPECTED = {
    "paspor.total": "12.345",
    "pnbp.realisasi": "Rp5.000.000.000",
    "pnbp.capaian": "200,00%",
    "anggaran.pagu": "Rp10.000.000.000",
    "anggaran.realisasi": "Rp9.500.000.000",
    "anggaran.persen": "95,00%",
}
NOISE = ("Traceback", "Error:", "NameError", "KeyError", "<IPython", "object at 0x")


def _fill(workbook: Path) -> None:
    book = load_workbook(workbook)
    for table, rows in {"identitas": [IDENTITAS], **TOTALS}.items():
        sheet = book[table[:31]]
        header = [c.value for c in sheet[1]]
        if table == "identitas":  # the row init wrote with the office's name
            sheet.delete_rows(2, sheet.max_row)
        for row in rows:
            sheet.append([row.get(h) for h in header])
    book.save(workbook)


def test_a_few_totals_through_the_workbook(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "proyek")
    data = root / "data-surakarta"
    with project_root_env(root):
        init(TAHUN, data, satker=NAMA)
        workbook = export(TAHUN, tmp_path / "isian.xlsx", data)
        _fill(workbook)
        import_(workbook, TAHUN, data)
        result = build(TAHUN, data, draft=True, pdf_enabled=False, progress=None)
    ledger = {r["id"]: r for r in read_csv(result.ledger_csv)}
    for fid, shown in EXPECTED.items():
        assert ledger[fid]["display"] == shown, fid
    with (data / str(TAHUN) / "identitas.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["nip_kepala_kantor"] == "197001012000031001"
    # nothing that was not entered became a zero
    zeros = [r["id"] for r in ledger.values() if re.fullmatch(r"0(\.0+)?", r["value"])]
    assert zeros == []
    pages = sorted((result.out_dir / "html" / "notebooks").glob("*.html"))
    text = {
        p.stem: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        .select_one("article")
        .get_text(" ")
        for p in pages
    }
    for name, page in text.items():
        assert not [n for n in NOISE if n in page], name
        assert not re.search(r"\b0 (orang|Tempat|unsur|unit|penghargaan)", page), name
    shown = " ".join(text.values())
    for fid, value in EXPECTED.items():
        assert value in shown, fid
