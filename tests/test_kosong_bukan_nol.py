"""Empty is not zero: nihil tables, totals without breakdown, identifiers in the workbook,
and metadata that describes tables, not one office's values."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from lkjip import paths
from lkjip.audit.figures import compute_all
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid
from lkjip.newyear.workbook import import_

from .helpers import DATA, TAHUN, edit_csv


def _empty(year: Path, table: str) -> None:
    """Leave only the header row of a table (as an empty workbook sheet imports)."""
    path = year / f"{table}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data)
    return [str(p) for p in info.value.problems]


# --- empty is not zero -----------------------------------------------------------------


def _zeros(reg) -> set[str]:
    return {f.id for f in reg if f.unit in ("jumlah", "orang") and f.value == 0}


def test_an_empty_table_gives_no_figure_in_a_draft(data_copy: Path) -> None:
    year = data_copy / str(TAHUN)
    zeros = _zeros(compute_all(load_dataset(TAHUN, data_copy)))
    # unsur_skm: an office's own (emptied) copy of the national table overrides the package's
    shutil.copy2(paths.rujukan_dir() / str(TAHUN) / "unsur_skm.csv", year / "unsur_skm.csv")
    for table in ("pegawai", "tpi", "unsur_skm", "penghargaan"):
        _empty(year, table)
    ds = load_dataset(TAHUN, data_copy, strict=False)
    reg = compute_all(ds, draft=True)
    for table in ("pegawai", "tpi", "penghargaan"):
        assert not ds.has(table)
    for fid in ("pegawai.total", "tpi.jumlah", "penghargaan.jumlah"):
        assert fid not in reg  # belum tersedia, never 0
    assert _zeros(reg) <= zeros  # no new zero where a table was left empty


def test_an_empty_table_is_refused_in_a_strict_build(data_copy: Path) -> None:
    _empty(data_copy / str(TAHUN), "penghargaan")
    messages = _problems(data_copy)
    assert any(
        "penghargaan.csv" in m and "belum berisi data" in m and "tabel nihil" in m for m in messages
    )


def test_a_nihil_table_prints_zero(data_copy: Path) -> None:
    year = data_copy / str(TAHUN)
    _empty(year, "penghargaan")
    _empty(year, "projustitia")
    (year / "nihil.csv").write_text(
        "tahun,tabel,keterangan\n"
        f"{TAHUN},penghargaan,tidak ada penghargaan\n"
        f"{TAHUN},projustitia,tidak ada kasus\n",
        encoding="utf-8",
    )
    ds = load_dataset(TAHUN, data_copy)
    reg = compute_all(ds)
    assert reg.v("penghargaan.jumlah") == 0
    assert reg["penghargaan.jumlah"].sources == ("data/2023/nihil.csv:2",)
    assert reg.v("projustitia.total") == 0
    assert reg["projustitia.total"].sources == ("data/2023/nihil.csv:3",)


def test_a_nihil_table_with_rows_is_a_contradiction(data_copy: Path) -> None:
    (data_copy / str(TAHUN) / "nihil.csv").write_text(
        f"tahun,tabel,keterangan\n{TAHUN},penghargaan,\n{TAHUN},bukan_tabel,\n",
        encoding="utf-8",
    )
    messages = _problems(data_copy)
    assert any("nihil.csv, baris 2" in m and "berisi 4 baris" in m for m in messages)
    assert any("nihil.csv, baris 3" in m and "bukan nama tabel" in m for m in messages)


# --- totals without breakdown -----------------------------------------------------------


def _total_only(year: Path) -> None:
    """Passports, PNBP and budget of the report year as totals only."""
    paspor = (year / "paspor.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in paspor if not line.startswith(f"{TAHUN},")]
    (year / "paspor.csv").write_text(
        "\n".join([*kept, f"{TAHUN},tidak dirinci,150474"]) + "\n", encoding="utf-8"
    )
    pnbp = (year / "pnbp.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in pnbp if not line.startswith(f"{TAHUN},")]
    (year / "pnbp.csv").write_text(
        "\n".join([*kept, f"{TAHUN},tidak dirinci,tidak dirinci,82709724907"]) + "\n",
        encoding="utf-8",
    )
    (year / "realisasi_program.csv").write_text(
        "tahun,program,kegiatan,pagu,realisasi\n"
        f"{TAHUN},tidak dirinci,tidak dirinci,20578348000,20372405794\n",
        encoding="utf-8",
    )


def test_totals_without_breakdown(data_copy: Path) -> None:
    _total_only(data_copy / str(TAHUN))
    ds = load_dataset(TAHUN, data_copy, strict=False)
    assert not [p for p in ds.problems if "tidak dirinci" in p.rule]
    reg = compute_all(ds, draft=True)
    assert reg.v("paspor.total") == 150474
    assert reg["paspor.total"].sources == ("data/2023/paspor.csv:4",)
    assert reg.v("paspor.total.t-1") == 114594  # last year keeps its breakdown
    assert "paspor.48_halaman" not in reg and "paspor.48_halaman.t-1" in reg
    assert reg.v("pnbp.realisasi") == 82709724907
    assert reg.d("pnbp.capaian") == "244,88%"
    assert reg.v("anggaran.realisasi") == 20372405794
    assert reg.d("anggaran.pagu") == "Rp20.578.348.000"
    assert not [f for f in reg.ids("anggaran.program.")]


def test_a_total_row_mixed_with_its_breakdown_is_refused(data_copy: Path) -> None:
    edit_csv(
        data_copy / str(TAHUN) / "paspor.csv", f"{TAHUN},24 Halaman,", f"{TAHUN},tidak dirinci,"
    )
    assert any(
        "paspor.csv" in m and "satu-satunya baris tahun 2023" in m for m in _problems(data_copy)
    )


# --- the workbook -------------------------------------------------------------------------


@pytest.mark.integration
def test_identifier_cells_are_text_in_empty_rows(exported: Path) -> None:
    book = load_workbook(exported)
    sheet = book["pk_penandatangan"]
    nip = sheet.cell(row=1, column=[c.value for c in sheet[1]].index("nip") + 1).column_letter
    assert sheet[f"{nip}500"].number_format == "@"
    assert sheet.column_dimensions[nip].number_format == "@"


@pytest.mark.integration
def test_a_nip_typed_as_a_number_is_refused(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    path = shutil.copyfile(exported, tmp_path / "buku.xlsx")
    book = load_workbook(path)
    sheet = book["identitas"]
    column = [c.value for c in sheet[1]].index("nip_kepala_kantor") + 1
    sheet.cell(row=2, column=column).value = 198208112002121001  # what Excel stores
    sheet.cell(row=2, column=column).number_format = "General"
    book.save(path)
    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data_copy)
    messages = [str(p) for p in info.value.problems]
    assert any(
        m.startswith("buku.xlsx, lembar identitas, baris 2, kolom 'nip_kepala_kantor'")
        and "diketik sebagai angka" in m
        for m in messages
    )


@pytest.mark.integration
def test_a_nip_of_the_wrong_length_is_refused(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    path = shutil.copyfile(exported, tmp_path / "buku.xlsx")
    book = load_workbook(path)
    sheet = book["identitas"]
    column = [c.value for c in sheet[1]].index("nip_kepala_kantor") + 1
    sheet.cell(row=2, column=column).value = "19820811200212100"
    book.save(path)
    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data_copy)
    assert any("18 angka" in str(p) for p in info.value.problems)


@pytest.mark.integration
def test_an_empty_sheet_imports_as_an_empty_table(
    exported: Path, data_copy: Path, tmp_path: Path
) -> None:
    path = shutil.copyfile(exported, tmp_path / "buku.xlsx")
    book = load_workbook(path)
    sheet = book["tpi"]
    sheet.delete_rows(1, sheet.max_row)  # no header, no rows
    book.save(path)
    import_(path, TAHUN, data_copy)
    text = (data_copy / str(TAHUN) / "tpi.csv").read_text(encoding="utf-8")
    assert text.count("\n") == 1 and text.startswith("tahun,")
    reg = compute_all(load_dataset(TAHUN, data_copy, strict=False), draft=True)
    assert "tpi.jumlah" not in reg


# --- neutral metadata -----------------------------------------------------------------------

#: figures and names of Bandung's 2023 report that a table description must not state
BANDUNG = re.compile(r"Bandung|150\.474|20\.578\.348\.000|20578348000|2\.822|\b112\b")


def _texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted((DATA / "metadata").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("title", "description", "source"):
            out.append((f"{path.stem}.{key}", str(spec.get(key, ""))))
        for col in spec["columns"]:
            out.append((f"{path.stem}.{col['name']}", str(col.get("description", ""))))
    return out


def test_metadata_describes_tables_not_bandung() -> None:
    found = [(where, BANDUNG.findall(text)) for where, text in _texts() if BANDUNG.search(text)]
    assert found == []


@pytest.mark.integration
def test_workbook_readme_states_no_bandung_figure(exported: Path) -> None:
    book = load_workbook(exported, read_only=True)
    readme = " ".join(str(c) for row in book["README"].iter_rows(values_only=True) for c in row)
    assert not BANDUNG.search(readme)
