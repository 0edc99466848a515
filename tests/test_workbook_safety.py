"""The Excel route is a safe round trip: text stays text, what Excel would change is
refused, the import is all or nothing, and broken or hostile workbooks get messages."""

from __future__ import annotations

import csv
import hashlib
import shutil
import zipfile
from pathlib import Path

import openpyxl.xml
import pytest
from openpyxl import load_workbook

from lkjip.cli import main
from lkjip.data.metadata import load_catalog
from lkjip.errors import DataInvalid
from lkjip.newyear import workbook as workbook_module
from lkjip.newyear import yearswap
from lkjip.newyear.fingerprint import SHEET
from lkjip.newyear.workbook import export, import_

from .helpers import TAHUN

#: test tier (tests/conftest.py): workbook export and import
pytestmark = pytest.mark.integration

#: texts a spreadsheet would take for formulas, numbers or quoting, and other awkward text
PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2",
    "@a",
    "=1+1",
    "=cmd|' /C calc'!A0",
    '"kutip" di depan, koma, dan "kutip" di belakang"',
    "teks, dengan koma; titik koma dan 'kutip tunggal'",
    # letters the PDF's fonts have (CJK or U+1E9E would be refused: lkjip.data.characters)
    "Ünïcödé — ß Ωμέγα Жж ‘kutip’ “miring” ½ €",
    "007",
    "1e5",
    "3.10",
    "TRUE",
    "2023-01-02",
    "#N/A",
]


def _digests(folder: Path, pattern: str = "*") -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob(pattern))
        if p.is_file()
    }


def _leftovers(data: Path) -> list[str]:
    return sorted(p.name for p in data.iterdir() if p.name.startswith((".tmp-", ".old-")))


def _column(sheet, name: str) -> int:
    return [c.value for c in sheet[1]].index(name) + 1


def _free_text_columns(data: Path) -> dict[str, list[str]]:
    """Every text column a payload may go into without breaking another rule."""
    out = {}
    for name, spec in load_catalog(data / "metadata").items():
        columns = [
            c.name
            for c in spec.columns
            if c.type == "string"
            and c.allowed is None
            and c.references is None
            and c.identifier is None
            and c.file_in is None
            and c.name not in spec.primary_key
        ]
        if columns and (data / str(TAHUN) / spec.file_name).exists():
            out[name] = columns
    return out


def _fill_with_payloads(data: Path) -> int:
    """Write the payloads (cycling) into every free text column of every table."""
    count = 0
    for table, columns in _free_text_columns(data).items():
        path = data / str(TAHUN) / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        for row in rows[1:]:
            for name in columns:
                payload = PAYLOADS[count % len(PAYLOADS)]
                if table in ("narasi", "narasi_tarja"):
                    payload = payload.replace("{", "(")
                row[rows[0].index(name)] = payload
                count += 1
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return count


def _fresh_copy(data: Path, target: Path) -> Path:
    """A data folder with the metadata of ``data`` and an empty year folder."""
    shutil.copytree(data / "metadata", target / "metadata")
    (target / str(TAHUN)).mkdir()
    return target


def _copy(exported: Path, target: Path) -> Path:
    shutil.copyfile(exported, target)
    return target


# --- export → import is the identity ---------------------------------------------------
# (the project's data into an empty year folder: tests/test_tahun_baru.py)


def test_importing_the_export_over_the_same_data_changes_no_file(
    data_copy: Path, tmp_path: Path
) -> None:
    before = _digests(data_copy)
    book = export(TAHUN, tmp_path / "buku.xlsx", data_copy)
    assert import_(book, TAHUN, data_copy) == []  # no table changed
    assert _digests(data_copy) == before
    assert _leftovers(data_copy) == []


def test_hostile_texts_round_trip_as_text(data_copy: Path, tmp_path: Path) -> None:
    count = _fill_with_payloads(data_copy)
    assert count > 100  # every free text column of every table carries payloads
    long_text = "panjang " * 120  # 960 characters, one cell
    path = data_copy / str(TAHUN) / "dasar_hukum.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("tentang")] = long_text.strip()
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    book = export(TAHUN, tmp_path / "buku.xlsx", data_copy)

    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) > 50
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    loaded = load_workbook(book)
    cells = [c for ws in loaded.worksheets for row in ws.iter_rows() for c in row]
    hyperlinks = [c for c in cells if c.value == PAYLOADS[0]]
    assert hyperlinks and all(c.data_type == "s" for c in hyperlinks)
    assert not [c for c in cells if c.data_type == "f"]

    copy = _fresh_copy(data_copy, tmp_path / "salinan")
    # without its fingerprint: every sheet is written into the empty folder
    # (with it, a sheet unchanged since the export leaves its CSV as it is: absent)
    del loaded[SHEET]
    loaded.save(book)
    import_(book, TAHUN, copy)
    assert _digests(copy / str(TAHUN)) == _digests(data_copy / str(TAHUN), "*.csv")
    text = (copy / str(TAHUN) / "dasar_hukum.csv").read_text(encoding="utf-8")
    assert long_text.strip() in text
    cells = {
        cell
        for table in (copy / str(TAHUN)).glob("*.csv")
        for row in csv.reader(table.open(encoding="utf-8", newline=""))
        for cell in row
    }
    assert set(PAYLOADS) <= cells


def test_text_columns_are_text_formatted_down_to_the_prepared_rows(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    book = load_workbook(_copy(exported, tmp_path / "buku.xlsx"))
    units = book["unit_organisasi"]
    for name in ("kode_unit", "atasan"):  # two identifier columns, both down to the end
        letter = units.cell(row=1, column=_column(units, name)).column_letter
        assert units[f"{letter}{workbook_module.VALIDATION_ROWS}"].number_format == "@"
    koreksi = book["koreksi"]  # a NIP may be typed into a correction value
    letter = koreksi.cell(row=1, column=_column(koreksi, "nilai_koreksi")).column_letter
    assert koreksi.column_dimensions[letter].number_format == "@"
    assert koreksi[f"{letter}2"].number_format == "@"


# --- what Excel changes is refused --------------------------------------------------------


def test_numbers_formulas_and_merged_cells_are_refused_together(
    exported: Path, data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(exported, tmp_path / "buku.xlsx")
    book = load_workbook(path)
    identitas = book["identitas"]
    identitas.cell(row=2, column=_column(identitas, "nip_kepala_kantor")).value = 198208112002121001
    signers = book["pk_penandatangan"]  # a table kept as printed: still no number
    signers.cell(row=3, column=_column(signers, "nip")).value = 196712171991031002
    koreksi = book["koreksi"]  # no identifier column: what Excel keeps of a typed NIP
    cell = koreksi.cell(row=7, column=_column(koreksi, "nilai_koreksi"))
    assert cell.value == "196712171991031002"
    cell.value = 1.96712171991031e17
    pnbp = book["pnbp"]
    pnbp.cell(row=2, column=_column(pnbp, "kode_akun")).value = 425221
    skm = book["skm_bulanan"]
    skm.cell(row=4, column=_column(skm, "nilai_skm")).value = "=3.9+0.09"
    tpi = book["tpi"]
    tpi.merge_cells(start_row=2, start_column=1, end_row=3, end_column=1)
    book.save(path)
    before = _digests(data_copy)

    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data_copy)
    messages = [str(p) for p in info.value.problems]
    expected = [
        ("lembar identitas, baris 2, kolom 'nip_kepala_kantor'", "ketik sebagai teks"),
        ("lembar pk_penandatangan, baris 3, kolom 'nip'", "ketik sebagai teks"),
        ("lembar koreksi, baris 7, kolom 'nilai_koreksi'", "lebih dari 15 digit"),
        ("lembar pnbp, baris 2, kolom 'kode_akun', nilai '425221'", "ketik sebagai teks"),
        ("lembar skm_bulanan, baris 4, kolom 'nilai_skm', nilai '=3.9+0.09'", "sel berisi rumus"),
        ("lembar tpi, baris 2, kolom 'tahun', nilai 'A2:A3'", "sel digabung"),
    ]
    for where, rule in expected:
        assert any(m.startswith(f"buku.xlsx, {where}") and rule in m for m in messages), where
    assert any("ketik nilainya" in m for m in messages)
    assert _digests(data_copy) == before

    assert main(["import", str(path), "--tahun", str(TAHUN), "--data-dir", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "sel berisi rumus" in err
    assert _digests(data_copy) == before


def test_a_value_right_of_the_header_is_refused(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    path = _copy(exported, tmp_path / "buku.xlsx")
    book = load_workbook(path)
    sheet = book["pegawai"]
    beyond = sheet.max_column + 2
    sheet.cell(row=3, column=beyond).value = "catatan"
    book.save(path)
    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data_copy)
    assert any(
        str(p).startswith("buku.xlsx, lembar pegawai, baris 3") and "kolom tanpa judul" in str(p)
        for p in info.value.problems
    )


def test_problem_rows_are_excel_rows_after_blank_rows(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    path = _copy(exported, tmp_path / "buku.xlsx")
    book = load_workbook(path)
    sheet = book["skm_bulanan"]
    sheet.insert_rows(3, amount=2)  # two blank rows: the CSV lines shift, Excel rows do not
    sheet.cell(row=7, column=_column(sheet, "nilai_skm")).value = "3,98"
    book.save(path)
    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data_copy)
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith("lembar skm_bulanan, baris 7, kolom 'nilai_skm'") for m in messages)


# --- all or nothing ---------------------------------------------------------------------


def _edited_workbook(exported: Path, tmp_path: Path) -> Path:
    """An export with a change in three tables (so a failure can come half-way)."""
    path = _copy(exported, tmp_path / "buku.xlsx")
    book = load_workbook(path)
    for table in ("dasar_hukum", "sejarah", "tpi"):
        sheet = book[table]
        for cell in sheet[2]:
            if isinstance(cell.value, str) and not cell.value.isdigit() and cell.value.strip():
                cell.value = cell.value + " (diubah)"
                break
    book.save(path)
    return path


def test_a_file_that_cannot_be_written_changes_nothing(
    exported: Path, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _edited_workbook(exported, tmp_path)
    before = _digests(data_copy)
    real = workbook_module._replace_file
    calls = []

    def failing(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:  # the second changed table: the first is already staged
            raise PermissionError(13, "Permission denied", str(target))
        real(source, target)

    monkeypatch.setattr(workbook_module, "_replace_file", failing)
    with pytest.raises(PermissionError) as info:
        import_(path, TAHUN, data_copy)
    assert len(calls) == 2
    # the file of the year's folder, not of its staged copy (an environment failure)
    assert Path(info.value.filename) == data_copy / str(TAHUN) / calls[1].name
    assert _digests(data_copy) == before
    assert _leftovers(data_copy) == []


def test_a_failed_swap_restores_the_year_folder(
    exported: Path,
    data_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _edited_workbook(exported, tmp_path)
    before = _digests(data_copy)
    real = yearswap.os.rename

    def failing(source, target):
        if Path(source).name.startswith(".tmp-import-"):
            raise OSError(28, "No space left on device", str(target))
        return real(source, target)

    monkeypatch.setattr(yearswap.os, "rename", failing)
    code = main(["import", str(path), "--tahun", str(TAHUN), "--data-dir", str(data_copy)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err == f"Galat lingkungan: data/{TAHUN}: ruang disk penuh\n"
    assert _digests(data_copy) == before
    assert _leftovers(data_copy) == []


def test_a_successful_import_writes_exactly_the_changed_tables(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    path = _edited_workbook(exported, tmp_path)
    before = _digests(data_copy / str(TAHUN))
    import_(path, TAHUN, data_copy)
    after = _digests(data_copy / str(TAHUN))
    changed = sorted(name for name in before if before[name] != after.get(name))
    assert changed == ["dasar_hukum.csv", "sejarah.csv", "tpi.csv"]
    assert "(diubah)" in (data_copy / str(TAHUN) / "tpi.csv").read_text(encoding="utf-8")


def test_leftovers_of_a_stopped_import_are_cleaned_and_ignored(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    year = data_copy / str(TAHUN)
    book = _copy(exported, tmp_path / "buku.xlsx")
    before = _digests(year)
    staged = data_copy / f".tmp-import-{TAHUN}-1"
    shutil.copytree(year, staged)
    (staged / "tpi.csv").write_text("rusak\n", encoding="utf-8")
    assert main(["validate", "--tahun", str(TAHUN), "--data-dir", str(data_copy)]) == 0
    # stopped between the two renames: the old folder is the data, the year folder is gone
    year.rename(data_copy / f".old-import-{TAHUN}-2")
    import_(book, TAHUN, data_copy)
    assert _leftovers(data_copy) == []
    assert _digests(year) == before


# --- broken and hostile workbooks ---------------------------------------------------------

BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lol [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)


def _bomb(source: Path, target: Path) -> Path:
    """``source`` with an entity expansion bomb in its first table sheet."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode("utf-8")
                text = BOMB + text.split("?>", 1)[-1] if text.startswith("<?xml") else BOMB + text
                data = text.replace("<t>2023</t>", "<t>&lol9;</t>", 1).encode("utf-8")
            new.writestr(item, data)
    return target


def _broken_xml(source: Path, target: Path) -> Path:
    """``source`` with a sheet whose XML stops in the middle."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data[: len(data) // 2]
            new.writestr(item, data)
    return target


@pytest.mark.parametrize("kind", ["text", "truncated", "folder", "bomb", "xml", "missing"])
def test_broken_workbooks_get_a_message(
    exported: Path, kind: str, data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _copy(exported, tmp_path / "baik.xlsx")
    target = tmp_path / "rusak.xlsx"
    if kind == "text":
        target.write_text("tahun,jumlah\n2023,1\n", encoding="utf-8")
    elif kind == "truncated":
        data = good.read_bytes()
        target.write_bytes(data[: len(data) // 2])
    elif kind == "folder":
        target.mkdir()
    elif kind == "bomb":
        _bomb(good, target)
    elif kind == "xml":
        _broken_xml(good, target)
    before = _digests(data_copy)
    code = main(["import", str(target), "--tahun", str(TAHUN), "--data-dir", str(data_copy)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    expected = {
        "text": "bukan buku kerja Excel .xlsx",
        "truncated": "bukan buku kerja Excel .xlsx",
        "folder": "adalah folder, bukan berkas buku kerja .xlsx",
        "bomb": "memuat deklarasi entitas XML yang tidak diizinkan",
        "xml": "tidak dapat dibaca sebagai buku kerja Excel .xlsx",
        "missing": "buku kerja tidak ditemukan",
    }[kind]
    assert err.startswith("Galat: ") and expected in err
    assert _digests(data_copy) == before


def test_workbooks_are_parsed_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def test_export_to_a_folder_is_a_message_and_leaves_no_temporary_file(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "keluaran"
    out.mkdir()
    args = ["export", "--tahun", str(TAHUN), "--data-dir", str(data_copy), "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "adalah folder" in err
    assert list(out.iterdir()) == [] and [p.name for p in tmp_path.glob(".*tmp")] == []


def test_a_failed_export_keeps_the_old_workbook(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "keluaran" / "buku.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"buku lama")

    def failing(self, filename):
        Path(filename).write_bytes(b"separuh")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook_module.Workbook, "save", failing)
    with pytest.raises(OSError) as info:
        export(TAHUN, out, data_copy)
    assert Path(info.value.filename) == out
    assert out.read_bytes() == b"buku lama"
    assert [p.name for p in out.parent.iterdir()] == ["buku.xlsx"]
