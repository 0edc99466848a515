"""Broken copies of the real data: every problem is reported, with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjip.cli import main
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid

from .helpers import DATA, TAHUN, edit_csv

#: test tier (tests/conftest.py): validate on copies of data
pytestmark = pytest.mark.integration


def run_validate(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", "--tahun", str(TAHUN), "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_real_data_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", "--tahun", str(TAHUN)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"Data tahun {TAHUN} valid" in out
    rows = (DATA / str(TAHUN) / "koreksi.csv").read_text(encoding="utf-8").strip().splitlines()
    assert f"Koreksi diterapkan: {len(rows) - 1}." in out  # every row of koreksi.csv
    assert err == ""


CASES = [
    # (file, old text, new text, expected fragments of the message)
    (
        "skm_bulanan.csv",
        "2023,4,31,3.98",
        "2023,4,31,5.1",
        ["skm_bulanan.csv, baris 5, kolom 'nilai_skm', nilai '5.1'", "harus antara 1 dan 4"],
    ),
    (
        "skm_bulanan.csv",
        "2023,4,31,3.98",
        "2023,4,31,3,98",
        ["skm_bulanan.csv, baris 5", "berisi 5 kolom, seharusnya 4"],
    ),
    (
        "skm_bulanan.csv",
        "2023,4,31,3.98",
        "2023,4,31.5,3.98",
        ["skm_bulanan.csv, baris 5, kolom 'responden', nilai '31.5'", "bilangan bulat"],
    ),
    (
        "skm_bulanan.csv",
        "2023,4,31,3.98",
        "2023,4,-31,3.98",
        ["kolom 'responden', nilai '-31'", "tidak boleh kurang dari 0"],
    ),
    (
        "skm_bulanan.csv",
        "2023,4,31,3.98",
        "2023,3,31,3.98",
        ["skm_bulanan.csv, baris 5, kolom 'tahun, bulan', nilai '2023, 3'", "kunci ganda"],
    ),
    (
        "skm_bulanan.csv",
        "2023,4,31,3.98\n",
        "",
        [
            "skm_bulanan.csv, kolom 'bulan'",
            "bulan 4 tidak ada",
            "12 bulan lengkap",
            "bulan 4 ada di skm_unsur_bulanan tetapi tidak ada di skm_bulanan",
        ],
    ),
    (
        "skm_bulanan.csv",
        "2023,4,31,3.98",
        "2023,4,,3.98",
        ["kolom 'responden'", "tidak boleh kosong"],
    ),
    (
        "ipk_unsur.csv",
        "2023,internal,1,Intelijen,20,",
        "2023,internal,1,Intelijen,25,",
        [
            "ipk_unsur.csv, kolom 'bobot', nilai '105'",
            "pihak=internal",
            "jumlah kolom bobot harus 100",
        ],
    ),
    (
        "skm_unsur_bulanan.csv",
        ",Respon,",
        ",Responn,",
        [
            "skm_unsur_bulanan.csv, baris",
            "kolom 'unsur', nilai 'Responn'",
            "tidak ada di tabel unsur_skm kolom unsur",
        ],
    ),
    (
        "pembanding.csv",
        "2023,ikm,kanwil",
        "2022,ikm,kanwil",
        ["pembanding.csv, baris 2, kolom 'tahun', nilai '2022'", "tahun harus 2023"],
    ),
    (
        "realisasi_tahunan.csv",
        "2021,",
        "2031,",
        ["realisasi_tahunan.csv, baris 2, kolom 'tahun', nilai '2031'", "tidak boleh lebih dari"],
    ),
    (
        "pk_indikator.csv",
        "iki,Indeks Kepuasan Internal di Wilayah,3.13",
        "iki,Indeks Kepuasan Internal di Wilayah,0",
        [
            "pk_indikator.csv, baris",
            "kolom 'target', nilai '0'",
            "harus lebih dari 0 (nilai ini menjadi pembagi)",
        ],
    ),
    (
        "identitas.csv",
        "2024-01-05",
        "05/01/2024",
        ["identitas.csv, baris 2, kolom 'tanggal_pengesahan', nilai '05/01/2024'", "YYYY-MM-DD"],
    ),
    (
        "realisasi_program.csv",
        "4526929000",
        "4526929001",
        [
            "pagu_komposisi.csv",
            "tidak sama dengan jumlah pagu realisasi_program",
            "realisasi_tahunan.csv, baris 4, kolom 'pagu'",
        ],
    ),
    (
        "pegawai.csv",
        "tahun,jabatan,jumlah",
        "tahun,jabatan,jml",
        ["pegawai.csv, baris 1, kolom 'jumlah'", "kolom wajib tidak ada di baris judul"],
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES)
def test_broken_copy_is_reported(
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    expected: list[str],
) -> None:
    edit_csv(data_copy / str(TAHUN) / file, old, new)
    code, out, err = run_validate(data_copy, capsys)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert "Data tidak valid" in err
    for fragment in expected:
        assert fragment in err


def test_every_problem_in_one_run(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    year = data_copy / str(TAHUN)
    edit_csv(year / "skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31,5.1")
    edit_csv(year / "ipk_responden.csv", "2023,eksternal,7", "2023,eksternal,x")
    edit_csv(year / "tak.csv", "Deportasi", "Deportasi,extra")
    (year / "paspor.csv").unlink()
    code, _, err = run_validate(data_copy, capsys)
    assert code == 2
    assert "Data tidak valid: 4 masalah" in err
    assert "skm_bulanan.csv, baris 5" in err
    assert "ipk_responden.csv, baris 3, kolom 'responden', nilai 'x'" in err
    assert "tak.csv, baris" in err and "seharusnya 3" in err
    assert "paspor.csv: tabel wajib" in err


def test_missing_year_folder(data_copy: Path) -> None:
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN + 5, data_copy)
    assert f"folder data tahun {TAHUN + 5} tidak ada" in str(info.value.problems[0])


def test_not_utf8_and_empty_file(data_copy: Path) -> None:
    year = data_copy / str(TAHUN)
    (year / "tpi.csv").write_bytes(
        "tahun,nama\n2023,Bandar Udara Husein Sastranegara\xe9\n".encode("cp1252")
    )
    (year / "tak.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data_copy)
    messages = [str(p) for p in info.value.problems]
    assert any(
        "tpi.csv, baris 2, kolom 'nama', nilai 'Bandar Udara Husein Sastranegaraé': "
        "berkas bukan UTF-8: byte 0xE9" in m
        for m in messages
    ), messages
    assert any("tak.csv: berkas kosong" in m for m in messages)


def test_stale_correction_is_rejected(data_copy: Path) -> None:
    edit_csv(data_copy / str(TAHUN) / "realisasi_program.csv", "15845110354", "15845110355")
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data_copy)
    messages = [str(p) for p in info.value.problems]
    assert any(
        "koreksi.csv, baris 2, kolom 'nilai_dipublikasikan'" in m and "usang" in m for m in messages
    )


def test_corrections_are_applied_and_recorded(ds2023) -> None:
    program = ds2023.table("realisasi_program")
    raw = ds2023.raw_frames["realisasi_program"]
    assert int(program["realisasi"].sum()) == 20372405794
    assert int(raw["realisasi"].sum()) == 20307980794  # as published: Rp64.425.000 short
    corrections = {(c.tabel, c.kolom): c for c in ds2023.corrections}
    fix = corrections[("realisasi_program", "realisasi")]
    assert fix.nilai_koreksi == "15909535354"
    assert fix.target_source == "data/2023/realisasi_program.csv:3"
    assert "99,12%" in fix.alasan


def test_bad_tahun_parameter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--tahun", "dua ribu"]) == 2
    assert "Galat: argumen --tahun: tahun harus bilangan bulat" in capsys.readouterr().err


def test_bad_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "metadata").mkdir()
    code = main(["validate", "--tahun", str(TAHUN), "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Galat: folder data harus berada di dalam folder proyek" in err
    assert "Traceback" not in err
    code = main(["validate", "--tahun", str(TAHUN), "--data-dir", "notebooks"])
    assert code == 2
    assert "folder data tidak valid" in capsys.readouterr().err


def test_a_selection_of_tables_is_validated_alone(data_copy: Path) -> None:
    """``load_dataset(tables=...)``: the tables asked for and the corrections of those;
    a table broken outside the selection is not read, and the full check still sees it."""
    full = load_dataset(TAHUN, data_copy)
    edit_csv(data_copy / str(TAHUN) / "skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31,5.1")
    ds = load_dataset(TAHUN, data_copy, ["pk_anggaran"])
    assert sorted(ds.frames) == ["koreksi", "pk_anggaran"]
    assert ds.corrections and {c.tabel for c in ds.corrections} == {"pk_anggaran"}
    assert [c for c in full.corrections if c.tabel == "pk_anggaran"] == ds.corrections
    assert ds.frames["pk_anggaran"].equals(full.frames["pk_anggaran"])
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data_copy)
    assert [p.file for p in info.value.problems] == ["data/2023/skm_bulanan.csv"]
