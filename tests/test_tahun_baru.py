"""A new year: init, the Excel route, strict builds, a synthetic year built end to end."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

from lkjip.cli import main
from lkjip.errors import DataInvalid
from lkjip.newyear.fingerprint import SHEET
from lkjip.newyear.workbook import export, import_

from .helpers import ROOT, TAHUN, copy_project, project_root_env
from .synthetic import make_year

#: test tier (tests/conftest.py): init, workbooks and subprocesses on copies of data
pytestmark = pytest.mark.integration

BARU = TAHUN + 1


@pytest.fixture()
def data(data_copy: Path) -> Path:
    return data_copy


def test_init_carries_over_what_is_known(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--tahun", str(BARU), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    folder = data / str(BARU)
    assert (folder / f"lkjip-{BARU}.xlsx").exists()
    assert "pk_indikator: 3 baris dibawa" in out
    pk = (folder / "pk_indikator.csv").read_text(encoding="utf-8")
    assert f"{BARU},sasaran_kegiatan,1," in pk and ",3.3,Indeks" in pk  # next PK targets
    history = (folder / "kinerja_historis.csv").read_text(encoding="utf-8").splitlines()
    assert f"{TAHUN},ikm,3.25,3.99" in history  # last year's computed realisasi
    assert (folder / "skm_bulanan.csv").read_text(encoding="utf-8") == (
        "tahun,bulan,responden,nilai_skm\n"
    )


def test_init_never_overwrites(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["init", "--tahun", str(BARU), "--data-dir", str(data)])
    edited = data / str(BARU) / "pegawai.csv"
    edited.write_text("tahun,jabatan,jumlah\n2024,Eselon III,1\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["init", "--tahun", str(BARU), "--data-dir", str(data)]) == 0
    assert "0 tabel dibuat" in capsys.readouterr().out
    assert edited.read_text(encoding="utf-8").endswith("Eselon III,1\n")


def test_strict_build_of_an_init_only_year_lists_what_is_missing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["init", "--tahun", str(BARU), "--data-dir", str(data)])
    capsys.readouterr()
    code = main(["build", "--tahun", str(BARU), "--data-dir", str(data)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Data tidak valid" in err and "Traceback" not in err
    for table in ("skm_bulanan", "iio_responden", "realisasi_program"):
        assert f"{table}.csv: tabel wajib" in err
    # identitas is carried; the new report's signing date is the cell to fill
    assert "identitas.csv, baris 2, kolom 'tanggal_pengesahan': tidak boleh kosong" in err
    assert "identitas.csv: tabel wajib" not in err
    assert f"pnbp.csv, kolom 'tahun': belum ada baris untuk tahun laporan {BARU}" in err
    assert not list((data.parent / "_build").glob(".tmp-*"))  # nothing staged, nothing left


def test_workbook_round_trip_is_identical(data: Path, tmp_path: Path) -> None:
    book = export(TAHUN, tmp_path / "buku.xlsx", data)
    sheets = load_workbook(book, read_only=True).sheetnames
    assert sheets[0] == "README" and "skm_bulanan" in sheets and sheets[-1] == SHEET
    original = data / str(TAHUN)
    copy = tmp_path / "salinan"
    shutil.copytree(data / "metadata", copy / "metadata")
    (copy / str(TAHUN)).mkdir()
    # without its fingerprint (with it, unchanged sheets leave the absent CSVs absent)
    loaded = load_workbook(book)
    del loaded[SHEET]
    loaded.save(book)
    written = import_(book, TAHUN, copy)
    assert len(written) == len(list(original.glob("*.csv")))
    for path in sorted(original.glob("*.csv")):
        assert (copy / str(TAHUN) / path.name).read_bytes() == path.read_bytes(), path.name


def test_workbook_has_dropdowns_and_a_readme(data: Path, tmp_path: Path) -> None:
    book = load_workbook(export(TAHUN, tmp_path / "buku.xlsx", data))
    validations = book["pegawai"].data_validations.dataValidation
    assert any("Eselon III" in (v.formula1 or "") for v in validations)
    readme = [c.value for row in book["README"].iter_rows() for c in row if c.value]
    assert any("titik sebagai pemisah desimal" in str(v) for v in readme)


def test_import_names_sheet_row_and_column(data: Path, tmp_path: Path) -> None:
    path = export(TAHUN, tmp_path / "buku.xlsx", data)
    book = load_workbook(path)
    book["skm_bulanan"]["D5"] = "3,98"  # a decimal comma, as typed in a spreadsheet
    book["skm_bulanan"]["C6"] = -4
    book.save(path)
    before = (data / str(TAHUN) / "skm_bulanan.csv").read_bytes()
    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data)
    messages = [str(p) for p in info.value.problems]
    assert any(
        m.startswith("lembar skm_bulanan, baris 5, kolom 'nilai_skm', nilai '3,98'")
        for m in messages
    )
    assert any("baris 6, kolom 'responden', nilai '-4'" in m for m in messages)
    assert (data / str(TAHUN) / "skm_bulanan.csv").read_bytes() == before  # nothing written


@pytest.mark.book
def test_a_chapter_runs_with_the_papermill_cli(data: Path, tmp_path: Path) -> None:
    make_year(data, BARU)
    out = tmp_path / "bab3.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(ROOT / "notebooks" / "bab3_akuntabilitas.ipynb"),
            str(out),
            "-p",
            "tahun",
            str(BARU),
            "-p",
            "data_dir",
            str(data),
            "--cwd",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    text = "\n".join(
        str(output.get("data", {}).get("text/markdown", ""))
        for cell in nbformat.read(out, as_version=4).cells
        for output in cell.get("outputs", [])
    )
    assert "3,30" in text  # the next year's PK target of IKM
    assert f"{BARU - 2}–{BARU}" in text  # three-year trend, from data


@pytest.mark.book
def test_a_synthetic_year_builds(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "proyek")
    make_year(root / "data", BARU)
    from lkjip.assemble.pipeline import build
    from lkjip.audit.ledger import read_csv

    with project_root_env(root):
        result = build(BARU, progress=None)
    rows = {r["id"]: r for r in read_csv(result.ledger_csv)}
    assert rows["ikm.target"]["display"] == "3,30"
    assert rows["ipk.target"]["display"] == "3,14"
    assert rows["ikm.capaian"]["substituted"].endswith(
        f"/ 3,30 × 100% = {rows['ikm.capaian']['display']}"
    )
    assert rows["ikm.realisasi.t-1"]["display"] == "3,99"  # last year's, computed then
    assert rows["ikm.periode_tren"]["value"] == f"{BARU - 2}–{BARU}"
    html = (result.out_dir / "html" / "notebooks" / "bab3_akuntabilitas.html").read_text(
        encoding="utf-8"
    )
    assert rows["ikm.capaian"]["display"] in html and f"tahun {BARU}" in html
    assert (
        result.out_dir / "pdf" / f"LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-{BARU}.pdf"
    ).exists()


@pytest.mark.book
def test_a_draft_builds_from_init_only_data(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "proyek")
    from lkjip.assemble.jupyterbook import DRAFT_TEXT
    from lkjip.assemble.pipeline import build
    from lkjip.audit.ledger import read_csv
    from lkjip.newyear.prepare import init

    init(BARU, root / "data")
    with project_root_env(root):
        result = build(BARU, draft=True, progress=None)
    pages = sorted((result.out_dir / "html").rglob("notebooks/*.html"))
    assert len(pages) >= 10
    for page in pages:
        assert DRAFT_TEXT in page.read_text(encoding="utf-8"), page.name
    bab3 = (result.out_dir / "html" / "notebooks" / "bab3_akuntabilitas.html").read_text(
        encoding="utf-8"
    )
    assert "Data belum tersedia" in bab3 and "[data belum tersedia]" in bab3
    rows = {r["id"]: r for r in read_csv(result.ledger_csv)}
    assert rows["ikm.capaian"]["display"] == "data belum tersedia"
    assert rows["ikm.target"]["display"] == "3,30"  # known from the PK signed last year
    pdf = next((result.out_dir / "pdf").glob("*.pdf"))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    body = [p for p in text if p.strip()]
    assert body and all("DRAFT" in p for p in body[1:])


def test_consistency_checks_raise_no_false_alarm_on_a_synthetic_year(data: Path) -> None:
    from lkjip.audit.checks import pemeriksaan
    from lkjip.audit.figures import compute_all
    from lkjip.data.loading import load_dataset

    make_year(data, BARU)
    ds = load_dataset(BARU, data)
    checks = pemeriksaan(ds, compute_all(ds))
    assert len(checks) >= 8
    # the only findings: official values of earlier years (copied from 2023) that differ
    # from their recomputation, each with the reason the office recorded, and texts the
    # synthetic year copies from 2023 (a repeated isu, the program's name in another order)
    findings = [c for c in checks if c.hasil != "lulus"]
    assert sorted(c.nama for c in findings) == [
        "Nama program pada pk_anggaran sama dengan program Renstra",
        "Nama program pada realisasi_program sama dengan program Renstra",
        f"Selisih nilai resmi IKPA (nilai total) tahun {BARU - 2} dan perhitungan ulang",
        f"Selisih nilai resmi IKPA tahun {BARU - 2} dan perhitungan ulang",
        f"Selisih nilai resmi SMART DJA tahun {BARU - 1} dan perhitungan ulang",
        "Uraian isu strategis tidak berulang kata demi kata",
    ]
    assert all("belum dicatat" not in c.rincian for c in findings)
    new_year = [c for c in checks if f"tahun {BARU} dan perhitungan ulang" in c.nama]
    assert len(new_year) == 2 and all(c.hasil == "lulus" for c in new_year)
