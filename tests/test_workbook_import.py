"""No entered cell is ever lost on import: the workbook remembers what it was exported
from (a fingerprint in a hidden sheet), the import writes only the sheets changed since
the export, keeps the CSVs changed since then, refuses to undo a CSV change (naming
tables and rows) unless told to overwrite, and says row by row what it changed.

Cheap: most tests use a data folder of four tables, exported once per module."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lkjip import config
from lkjip.cli import main
from lkjip.newyear.fingerprint import SHEET, read
from lkjip.newyear.report import ImportConflict
from lkjip.newyear.workbook import export, import_

from .helpers import DATA, ROOT, TAHUN

#: test tier (tests/conftest.py): workbook export and import
pytestmark = pytest.mark.integration

TABLES = ("dasar_hukum", "pegawai", "skm_bulanan", "tpi")
YEAR = str(TAHUN)


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _rows(data: Path, table: str) -> list[list[str]]:
    with (data / YEAR / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(data: Path, table: str, rows: list[list[str]]) -> None:
    with (data / YEAR / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set_csv(data: Path, table: str, line: int, column: str, value: str) -> str:
    """Set a cell of a CSV (``line``: its line number); the old value."""
    rows = _rows(data, table)
    index = rows[0].index(column)
    old, rows[line - 1][index] = rows[line - 1][index], value
    _write_rows(data, table, rows)
    return old


def _edit(book_path: Path, cells: dict[tuple[str, int, str], str]) -> None:
    """Set cells of the workbook: (sheet, Excel row, column name) -> value."""
    book = load_workbook(book_path)
    for (sheet, row, column), value in cells.items():
        header = [c.value for c in book[sheet][1]]
        book[sheet].cell(row=row, column=header.index(column) + 1).value = value
    book.save(book_path)


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data folder of four tables (the project's 2023 rows) and its export."""
    data = tmp_path_factory.mktemp("asal") / "data"
    (data / "metadata").mkdir(parents=True)
    (data / YEAR).mkdir()
    for table in TABLES:
        shutil.copyfile(DATA / "metadata" / f"{table}.yaml", data / "metadata" / f"{table}.yaml")
        shutil.copyfile(DATA / YEAR / f"{table}.csv", data / YEAR / f"{table}.csv")
    return data, export(TAHUN, data.parent / "buku.xlsx", data)


@pytest.fixture()
def work(
    origin: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """A writable copy of the data folder, in a project of its own, and of its workbook."""
    monkeypatch.setenv(config.ROOT, str(tmp_path))
    shutil.copy2(ROOT / "parameters.yml", tmp_path / "parameters.yml")
    data = tmp_path / "data"
    shutil.copytree(origin[0], data)
    book = tmp_path / "buku.xlsx"
    shutil.copyfile(origin[1], book)
    return data, book


def _import(book: Path, data: Path, *flags: str) -> int:
    return main(["import", str(book), "--tahun", YEAR, "--data-dir", str(data), *flags])


def test_the_export_holds_a_hidden_fingerprint_and_the_readme_names_it(
    origin: tuple[Path, Path],
) -> None:
    book = load_workbook(origin[1])
    assert book.sheetnames == ["README", *TABLES, SHEET]
    assert book[SHEET].sheet_state == "hidden"
    rows = [[c.value for c in row] for row in book[SHEET].iter_rows()]
    assert rows[0][:4] == ["lkjip", "sidik isi tabel saat ekspor; jangan diubah", "sidik-1", YEAR]
    assert [r[0] for r in rows[2:]] == list(TABLES)
    assert [int(r[1]) for r in rows[2:]] == [len(_rows(origin[0], t)) - 1 for t in TABLES]
    marks, why = read(book, TAHUN)
    assert why is None and marks is not None and list(marks.tables) == list(TABLES)
    assert read(book, TAHUN + 1) == (
        None,
        f"buku kerja ini diekspor untuk tahun {TAHUN}, bukan {TAHUN + 1}: sidik ekspornya "
        "tidak berlaku untuk tahun ini",
    )
    readme = " ".join(str(c.value) for row in book["README"].iter_rows() for c in row if c.value)
    assert f"lembar tersembunyi {SHEET}" in readme and "--overwrite" in readme


def test_a_stale_workbook_is_refused_naming_tables_and_rows(
    work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, book = work
    # since the export, in the CSVs: two tables whose sheets are edited, one whose is not
    _set_csv(data, "skm_bulanan", 4, "nilai_skm", "3.90")
    _set_csv(data, "tpi", 3, "lokasi", "Kabupaten Subang")
    _set_csv(data, "pegawai", 2, "jumlah", "2")
    _edit(book, {("skm_bulanan", 6, "responden"): "40", ("tpi", 2, "lokasi"): "Kota Bandung"})
    before = _digests(data)

    with pytest.raises(ImportConflict):
        import_(book, TAHUN, data)
    assert _import(book, data) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert err.startswith(f"Galat: impor {book} dibatalkan, tidak ada berkas yang diubah: 2 lembar")
    assert f"  - skm_bulanan (data/{YEAR}/skm_bulanan.csv):\n" in err
    assert (
        f"baris 4 (tahun={YEAR}, bulan=3) diubah di CSV sejak ekspor: "
        "nilai_skm: CSV '3.90', lembar '4.00'\n" in err
    )
    assert f"  - tpi (data/{YEAR}/tpi.csv):\n" in err
    assert (
        f"baris 3 (tahun={YEAR}, nama=Pelabuhan Patimban) diubah di CSV sejak ekspor: "
        "lokasi: CSV 'Kabupaten Subang', lembar 'Kab. Subang'\n" in err
    )
    assert "pegawai" not in err  # its sheet is as exported: no conflict
    assert "--overwrite" in err and "Traceback" not in err
    assert (
        f"ekspor buku kerja baru (lkjip export --tahun {YEAR} --out lkjip-{YEAR}-baru.xlsx)" in err
    )
    assert captured.out == ""
    assert _digests(data) == before
    assert sorted(p.name for p in data.iterdir()) == [YEAR, "metadata"]  # nothing staged left


def test_an_edit_of_three_cells_changes_exactly_those_cells(
    work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, book = work
    before = {t: _rows(data, t) for t in TABLES}
    hukum = before["dasar_hukum"][3][before["dasar_hukum"][0].index("tentang")]
    edits = {
        ("skm_bulanan", 5, "nilai_skm"): "3.97",
        ("skm_bulanan", 7, "responden"): "44",
        ("dasar_hukum", 4, "tentang"): hukum + " (diubah)",
    }
    _edit(book, edits)
    untouched = {t: (data / YEAR / f"{t}.csv").read_bytes() for t in ("pegawai", "tpi")}

    assert _import(book, data) == 0
    changed = set()
    for table in TABLES:
        old, new = before[table], _rows(data, table)
        assert len(old) == len(new) and old[0] == new[0]
        for line, (a, b) in enumerate(zip(old, new, strict=True), start=1):
            for column, x, y in zip(old[0], a, b, strict=True):
                if x != y:
                    changed.add((table, line, column, y))
    assert changed == {(t, line, c, v) for (t, line, c), v in edits.items()}
    for table, content in untouched.items():
        assert (data / YEAR / f"{table}.csv").read_bytes() == content

    out = capsys.readouterr().out
    skm = before["skm_bulanan"]
    assert out.startswith(f"2 tabel tahun {YEAR} berubah, ditulis dari {book}:\n")
    assert f"  skm_bulanan (data/{YEAR}/skm_bulanan.csv): 2 baris diubah (2 sel)\n" in out
    assert f"~ baris 5 (tahun={YEAR}, bulan=4): nilai_skm: '{skm[4][3]}' -> '3.97'\n" in out
    assert f"~ baris 7 (tahun={YEAR}, bulan=6): responden: '{skm[6][2]}' -> '44'\n" in out
    assert f"  dasar_hukum (data/{YEAR}/dasar_hukum.csv): 1 baris diubah (1 sel)\n" in out
    # a long text is shown where it changed
    assert f"~ baris 4 (tahun={YEAR}, urutan=3): tentang: '..." in out
    assert f"{hukum[-30:]}' -> '..." in out and f"{hukum[-30:]} (diubah)'\n" in out
    assert "pegawai" not in out and "tpi" not in out


def test_a_csv_changed_since_the_export_is_kept(
    work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, book = work
    _set_csv(data, "pegawai", 3, "jumlah", "6")
    _write_rows(data, "tpi", _rows(data, "tpi")[:2])  # a row removed from the CSV
    kept = {t: (data / YEAR / f"{t}.csv").read_bytes() for t in ("pegawai", "tpi")}
    _edit(book, {("skm_bulanan", 2, "responden"): "33"})

    assert _import(book, data) == 0
    for table, content in kept.items():
        assert (data / YEAR / f"{table}.csv").read_bytes() == content
    assert _rows(data, "skm_bulanan")[1][2] == "33"
    out = capsys.readouterr().out
    assert f"1 tabel tahun {YEAR} berubah" in out and "  skm_bulanan (" in out
    assert (
        "CSV dipertahankan (2 tabel): berubah sejak buku kerja diekspor atau lembarnya "
        "terakhir diimpor, sedangkan lembarnya tidak diubah sejak itu: pegawai, tpi.\n" in out
    )


def test_overwrite_writes_the_changed_sheet_over_the_csv_changes_only(
    work: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, book = work
    exported = _rows(data, "skm_bulanan")
    _set_csv(data, "skm_bulanan", 4, "nilai_skm", "3.90")
    _set_csv(data, "pegawai", 2, "jumlah", "2")  # its sheet is not edited: kept even so
    pegawai = (data / YEAR / "pegawai.csv").read_bytes()
    _edit(book, {("skm_bulanan", 6, "responden"): "40"})

    assert _import(book, data, "--overwrite") == 0
    expected = [row[:] for row in exported]
    expected[5][2] = "40"
    assert _rows(data, "skm_bulanan") == expected  # the sheet, line 4 back to its export
    assert (data / YEAR / "pegawai.csv").read_bytes() == pegawai
    out = capsys.readouterr().out
    assert (
        f"  skm_bulanan (data/{YEAR}/skm_bulanan.csv): 2 baris diubah (2 sel); menimpa "
        "isi CSV yang tidak dimuat buku kerja (--overwrite)\n" in out
    )
    assert f"~ baris 4 (tahun={YEAR}, bulan=3): nilai_skm: '3.90' -> '{exported[3][3]}'" in out
    assert "CSV dipertahankan (1 tabel)" in out and "sejak itu: pegawai." in out


def test_one_workbook_edited_and_imported_again_and_again(
    work: tuple[Path, Path], origin: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, book = work
    _edit(book, {("tpi", 2, "lokasi"): "Kota Bandung"})
    assert _import(book, data) == 0
    assert "  tpi (" in capsys.readouterr().out
    # the same workbook again: nothing to do
    after = _digests(data)
    assert _import(book, data) == 0
    assert capsys.readouterr().out == (
        f"Tidak ada tabel tahun {YEAR} yang berubah: isi {book} sama dengan CSV.\n"
    )
    assert _digests(data) == after
    # edited again (the first edit still in it): only the new edit is written
    _edit(book, {("skm_bulanan", 3, "responden"): "30"})
    assert _import(book, data) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"1 tabel tahun {YEAR} berubah") and "  skm_bulanan (" in out
    assert "responden" in out and "tpi" not in out
    # a CSV fixed directly between two imports of the workbook: kept, no conflict
    _set_csv(data, "tpi", 3, "lokasi", "Kabupaten Subang")
    _edit(book, {("pegawai", 3, "jumlah"): "7"})  # and another sheet edited
    assert _import(book, data) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"1 tabel tahun {YEAR} berubah") and "  pegawai (" in out
    assert "CSV dipertahankan (1 tabel)" in out and "sejak itu: tpi." in out
    assert [row[3] for row in _rows(data, "tpi")[1:]] == ["Kota Bandung", "Kabupaten Subang"]
    # a second copy of the first export, another sheet edited: the earlier imports stay
    old_copy = data.parent / "buku-lama.xlsx"
    shutil.copyfile(origin[1], old_copy)
    _edit(old_copy, {("dasar_hukum", 2, "peraturan"): "PP 8/2006"})
    assert _import(old_copy, data) == 0
    assert _rows(data, "tpi")[1][3] == "Kota Bandung"
    assert _rows(data, "skm_bulanan")[2][2] == "30"
    assert _rows(data, "pegawai")[2][2] == "7"
    assert _rows(data, "dasar_hukum")[1][2] == "PP 8/2006"
    out = capsys.readouterr().out
    assert "CSV dipertahankan (3 tabel)" in out and ": pegawai, skm_bulanan, tpi." in out
    # that copy editing a row the first workbook changed: refused, naming it
    _edit(old_copy, {("tpi", 2, "lokasi"): "Bandung Barat"})
    before = _digests(data)
    assert _import(old_copy, data) == 2
    err = capsys.readouterr().err
    assert "lokasi: CSV 'Kota Bandung', lembar 'Bandung Barat'" in err
    assert _digests(data) == before


def _strip(book_path: Path) -> None:
    book = load_workbook(book_path)
    del book[SHEET]
    book.save(book_path)


def _tamper(book_path: Path) -> None:
    book = load_workbook(book_path)
    cell = book[SHEET].cell(row=3, column=2)  # a row count
    cell.value = str(int(cell.value) + 1)
    book.save(book_path)


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (_strip, "buku kerja ini tidak memuat sidik ekspor (lembar tersembunyi _lkjip)"),
        (_tamper, "lembar _lkjip (sidik ekspor) rusak atau telah diubah, jadi tidak dipakai"),
    ],
)
def test_a_workbook_without_fingerprint_overwrites_no_csv_that_has_rows(
    spoil,
    why: str,
    work: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, book = work
    spoil(book)
    _edit(book, {("tpi", 2, "lokasi"): "Kota Bandung"})
    _write_rows(data, "pegawai", _rows(data, "pegawai")[:1])  # an empty CSV: may be filled
    before = _digests(data)

    assert _import(book, data) == 2
    err = capsys.readouterr().err
    assert "1 lembar yang berubah akan menimpa" in err
    assert f"  - tpi (data/{YEAR}/tpi.csv):\n" in err
    assert "tanpa sidik ekspor; CSV berisi 2 baris, lembar akan mengubahnya: 1 baris diubah" in err
    assert f"~ baris 2 (tahun={YEAR}, nama=Bandar Udara Internasional Husein Sastranegara)" in err
    assert f"Catatan: {why}" in err
    assert "pegawai" not in err
    assert _digests(data) == before

    assert _import(book, data, "--overwrite") == 0
    out = capsys.readouterr().out
    assert _rows(data, "tpi")[1][3] == "Kota Bandung"
    assert len(_rows(data, "pegawai")) > 1  # filled from the sheet
    assert f"  pegawai (data/{YEAR}/pegawai.csv): " in out
    assert f"Catatan: {why}" in out
    assert f"  tpi (data/{YEAR}/tpi.csv): 1 baris diubah (1 sel); menimpa isi CSV" in out


def _ragged_line(data: Path) -> None:
    path = data / YEAR / "skm_bulanan.csv"
    path.write_text(path.read_text(encoding="utf-8") + f"{YEAR},13,5,3.9,lebih\n", "utf-8")


def _unknown_column(data: Path) -> None:
    rows = _rows(data, "skm_bulanan")
    _write_rows(
        data, "skm_bulanan", [[*row, "catatan" if i == 0 else ""] for i, row in enumerate(rows)]
    )
    _set_csv(data, "skm_bulanan", 3, "catatan", "dicek ulang")


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_ragged_line, "skm_bulanan.csv, baris 14: baris berisi 5 kolom, seharusnya 4"),
        (_unknown_column, "skm_bulanan.csv, baris 1, kolom 'catatan': kolom tidak dikenal"),
    ],
)
def test_csv_content_a_sheet_cannot_hold_is_never_overwritten_silently(
    spoil,
    expected: str,
    work: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data, book = work
    spoil(data)
    before = _digests(data)
    assert _import(book, data) == 0  # the sheet as exported: the CSV is kept as it is
    assert _digests(data) == before
    _edit(book, {("skm_bulanan", 2, "responden"): "33"})
    assert _import(book, data) == 2
    err = capsys.readouterr().err
    assert f"CSV tidak terbaca utuh: data/{YEAR}/{expected}" in err
    assert _digests(data) == before


def test_the_workbook_init_made_keeps_the_tables_filled_since(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported loss: a new office's data folder, seven CSVs filled after ``init``,
    then the workbook ``init`` had made imported (once as is, once with an edit)."""
    root = data_copy.parent
    assert main(["init", "--tahun", YEAR, "--data-dir", "data-x"]) == 0
    folder = root / "data-x" / YEAR
    filled = ["dasar_hukum", "fasilitas", "pegawai", "sejarah", "skm_bulanan", "tpi", "upaya"]
    for table in filled:
        shutil.copyfile(data_copy / YEAR / f"{table}.csv", folder / f"{table}.csv")
    before = _digests(folder)
    book = folder / f"lkjip-{YEAR}.xlsx"
    capsys.readouterr()

    assert main(["import", str(book), "--tahun", YEAR, "--data-dir", "data-x"]) == 0
    out = capsys.readouterr().out
    assert _digests(folder) == before
    assert out.startswith(f"Tidak ada tabel tahun {YEAR} yang diubah oleh {book}.\n")
    assert "CSV dipertahankan (7 tabel): " in out and ", ".join(filled) + "." in out
    assert f"(lkjip export --tahun {YEAR} --data-dir data-x --out lkjip-{YEAR}-baru.xlsx)" in out

    row = {"tahun": YEAR, "no": "1", "nama": "Kota X", "jenis": "kota"}
    _edit(book, {("wilayah_kerja", 2, column): value for column, value in row.items()})
    assert main(["import", str(book), "--tahun", YEAR, "--data-dir", "data-x"]) == 0
    out = capsys.readouterr().out
    after = _digests(folder)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"wilayah_kerja.csv", book.name}  # (the workbook: saved by the edit)
    assert out.startswith(f"1 tabel tahun {YEAR} berubah")
    assert "  wilayah_kerja (data-x/2023/wilayah_kerja.csv): 1 baris ditambah\n" in out
