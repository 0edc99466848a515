"""No edit in a workbook is lost on import, and no workbook's shape exhausts memory:
an unknown or renamed sheet is an error naming it; a sheet reaching far beyond its
table (one stray cell at XFD1048576, a formatted blank at AZ60000) is refused, naming
the sheet and the cell, before the workbook is loaded; the import says which tables
changed, and none when none did; no message says ``nan``."""

from __future__ import annotations

import hashlib
import shutil
import tracemalloc
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Font

from lkjip.cli import main
from lkjip.errors import DataInvalid
from lkjip.newyear import shape
from lkjip.newyear.workbook import import_

from .helpers import TAHUN

#: test tier (tests/conftest.py): workbook import
pytestmark = pytest.mark.integration

#: memory an import may take to refuse a far cell (it took 2.8 GB and a MemoryError)
BOUNDED = 60 * 2**20


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _edited(exported: Path, target: Path, edit) -> Path:
    shutil.copyfile(exported, target)
    book = load_workbook(target)
    edit(book)
    book.save(target)
    return target


def _import(path: Path, data: Path) -> list[str]:
    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data)
    return [str(p) for p in info.value.problems]


# --- unknown and renamed sheets ----------------------------------------------------------


def _copy_of_tpi(book) -> None:
    sheet = book.copy_worksheet(book["tpi"])
    sheet.title = "tpi (2)"
    sheet.cell(row=2, column=2).value = "suntingan di salinan"


def _renamed_tpi(book) -> None:
    book["tpi"].title = "TPI baru"
    book["TPI baru"].cell(row=2, column=2).value = "suntingan di lembar yang diganti namanya"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            _copy_of_tpi,
            "buku.xlsx, lembar tpi (2): lembar tidak dikenal: isinya tidak akan diimpor "
            "dan suntingannya hilang; tampaknya salinan atau ganti nama lembar 'tpi'",
        ),
        (
            _renamed_tpi,
            "buku.xlsx, lembar TPI baru: lembar tidak dikenal: isinya tidak akan diimpor "
            "dan suntingannya hilang; kembalikan namanya menjadi nama tabel",
        ),
    ],
)
def test_an_unknown_or_renamed_sheet_is_an_error_and_nothing_is_written(
    edit,
    expected: str,
    exported: Path,
    data_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _edited(exported, tmp_path / "buku.xlsx", edit)
    before = _digests(data_copy)
    assert any(m.startswith(expected) for m in _import(path, data_copy))
    assert main(["import", str(path), "--tahun", str(TAHUN), "--data-dir", str(data_copy)]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err and "ditulis" not in captured.out
    assert _digests(data_copy) == before


# --- a sheet's real extent -----------------------------------------------------------------


def _stray_value(book) -> None:
    book["tpi"]["XFD1048576"] = "x"


def _formatted_blank(book) -> None:
    book["tpi"]["AZ60000"].font = Font(bold=True)


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (_stray_value, "lembar tpi, baris 1048576, kolom 'XFD': sel XFD1048576 jauh di luar"),
        (_formatted_blank, "lembar tpi, baris 60000, kolom 'AZ': sel AZ60000 jauh di luar tabel"),
    ],
)
def test_a_far_cell_is_refused_in_bounded_memory(
    edit,
    where: str,
    exported: Path,
    data_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _edited(exported, tmp_path / "buku.xlsx", edit)
    before = _digests(data_copy)
    tracemalloc.start()
    try:
        messages = _import(path, data_copy)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < BOUNDED, f"{peak / 2**20:.0f} MiB"
    assert messages[0].startswith(f"buku.xlsx, {where}")
    assert "hapus baris dan kolom di luar tabel" in messages[0]
    assert main(["import", str(path), "--tahun", str(TAHUN), "--data-dir", str(data_copy)]) == 2
    assert where in capsys.readouterr().err
    assert _digests(data_copy) == before


def test_a_workbook_of_too_many_cells_is_refused(
    exported: Path, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shape, "MAX_CELLS", 1000)  # (the export holds about 35,000)
    before = _digests(data_copy)
    messages = _import(exported, data_copy)
    assert len(messages) == 1 and "buku kerja memuat lebih dari 1.000 sel" in messages[0]
    assert _digests(data_copy) == before


def test_cells_within_the_limits_import(exported: Path, data_copy: Path, tmp_path: Path) -> None:
    def near(book) -> None:
        width = len(list(book["tpi"].iter_cols(max_row=1)))
        book["tpi"].cell(row=shape.MAX_ROWS, column=width + shape.SPARE_COLUMNS).font = Font(
            bold=True
        )

    path = _edited(exported, tmp_path / "buku.xlsx", near)
    assert import_(path, TAHUN, data_copy) == []


# --- what the import says ------------------------------------------------------------------


def test_the_import_says_which_tables_changed(
    exported: Path, data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["import", "--tahun", str(TAHUN), "--data-dir", str(data_copy)]
    before = _digests(data_copy)
    assert main([*args, str(exported)]) == 0
    assert capsys.readouterr().out == (
        f"Tidak ada tabel tahun {TAHUN} yang berubah: isi {exported} sama dengan CSV.\n"
    )
    assert _digests(data_copy) == before

    def edit(book) -> None:
        book["tpi"].cell(row=2, column=2).value = "Bandara Husein Sastranegara (diubah)"

    path = _edited(exported, tmp_path / "buku.xlsx", edit)
    assert main([*args, str(path)]) == 0
    name = "Bandar Udara Internasional Husein Sastranegara"
    assert capsys.readouterr().out == (
        f"1 tabel tahun {TAHUN} berubah, ditulis dari {path}:\n"
        f"  tpi (data/{TAHUN}/tpi.csv): 1 baris diubah (1 sel)\n"
        f"    ~ baris 2 (tahun={TAHUN}, nama={name}): nama: '{name}' -> "
        "'Bandara Husein Sastranegara (diubah)'\n"
    )
    after = _digests(data_copy)
    assert {k for k in after if after[k] != before.get(k)} == {f"{TAHUN}/tpi.csv"}


def test_no_import_message_says_nan(exported: Path, data_copy: Path, tmp_path: Path) -> None:
    def holes(book) -> None:
        for name in ("aspek_strategis", "skm_bulanan", "pegawai", "tpi"):
            for cell in book[name][2]:
                cell.value = None
            book[name].cell(row=2, column=book[name].max_column).value = "isi"

    messages = _import(_edited(exported, tmp_path / "buku.xlsx", holes), data_copy)
    assert len(messages) > 10
    assert [m for m in messages if "nan" in m.lower().split("'")] == []
    assert any("lembar tpi, baris 2, kolom 'tahun': tidak boleh kosong" in m for m in messages)
