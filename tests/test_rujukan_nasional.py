"""National reference tables: shipped once per year with the package, overridden by an
office's own file, named the same wherever the package is installed, covered by the
build key and the chapter cache, prepared by ``init``, kept out of the workbook."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lkjip import paths
from lkjip.assemble import cache, dependencies, editions
from lkjip.assemble.inputs import read_inputs
from lkjip.audit import national_note, stamp
from lkjip.audit.figures import compute_all
from lkjip.cli import main
from lkjip.data import national
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import load_catalog, load_table_spec
from lkjip.errors import DataInvalid, MetadataError
from lkjip.newyear.prepare import init
from lkjip.newyear.workbook import export, import_

from .helpers import DATA, TAHUN, edit_csv

BARU = TAHUN + 1


def _national_tables() -> list[str]:
    return national.national_names(load_catalog(DATA / "metadata"))


def test_the_package_ships_every_national_table_of_2023_and_only_those() -> None:
    names = _national_tables()
    assert "renstra_target" in names and "unsur_skm" in names
    assert "pk_indikator" not in names and "identitas" not in names and "dasar_hukum" not in names
    shipped = sorted(p.stem for p in (paths.rujukan_dir() / str(TAHUN)).glob("*.csv"))
    assert shipped == names
    # Bandung's data folder no longer holds them: one copy, the package's
    assert not [n for n in names if (DATA / str(TAHUN) / f"{n}.csv").exists()]
    assert national.shipped_years() == [TAHUN]


def test_loading_reads_the_package_copy_named_independently_of_the_install(
    data_copy: Path, rujukan_copy: Path
) -> None:
    ds = load_dataset(TAHUN, data_copy)
    assert ds.paths["renstra_target"] == rujukan_copy / "2023" / "renstra_target.csv"
    # the copy lies outside the project (as in site-packages); its name does not say where
    assert ds.file("renstra_target") == "lkjip:rujukan/2023/renstra_target.csv"
    assert ds.refs("renstra_target")[0] == "lkjip:rujukan/2023/renstra_target.csv:2"
    reg = compute_all(ds)
    assert reg.d("ikm.target_renstra") == "3,30"
    assert "lkjip:rujukan/2023/renstra_target.csv:2" in reg["ikm.target_renstra"].sources
    assert "lkjip:rujukan/2023/renstra_target.csv" in dict(ds.files()).values()


def test_an_office_file_overrides_the_package_copy_and_the_working_paper_says_so(
    data_copy: Path, tmp_path: Path
) -> None:
    own = data_copy / "2023" / "renstra_target.csv"
    shutil.copy2(paths.rujukan_dir() / "2023" / "renstra_target.csv", own)
    edit_csv(own, "ikm,2024,3.30", "ikm,2024,3.50")
    ds = load_dataset(TAHUN, data_copy)
    assert ds.paths["renstra_target"] == own
    assert ds.paths["unsur_skm"].is_relative_to(paths.rujukan_dir())  # the others: package
    reg = compute_all(ds)
    assert reg.d("ikm.target_renstra") == "3,50"
    assert "data/2023/renstra_target.csv:2" in reg["ikm.target_renstra"].sources
    used = national.usage(TAHUN, ds.specs, dict(ds.paths))
    assert used.overridden == ["renstra_target"] and "unsur_skm" in used.package
    # the working paper's data index page names the override and the package's version/year
    editions.write_data_pages(tmp_path, ds, data_copy.parent)
    index = (tmp_path / f"{editions.DATA_INDEX}.md").read_text(encoding="utf-8")
    assert "## Tabel rujukan nasional" in index
    assert "paket lkjip 0.1.0, tahun 2023 (`lkjip:rujukan/2023/`)" in index
    assert (
        "Diganti oleh kantor: [`renstra_target`](data/renstra_target.md) "
        "(`data/2023/renstra_target.csv`, bukan `lkjip:rujukan/2023/renstra_target.csv`)."
    ) in index
    # and the data page downloads the file used
    page = tmp_path / editions.DATA_INDEX / "renstra_target.csv"
    assert b"3.50" in page.read_bytes()


def test_without_override_the_working_paper_says_none(data_copy: Path) -> None:
    text = national_note.markdown(load_dataset(TAHUN, data_copy))
    assert "Diganti oleh kantor: tidak ada." in text
    assert "[`variabel_iio`](data/variabel_iio.md)" in text


@pytest.mark.integration
def test_a_changed_package_file_changes_the_build_key_the_cache_and_the_stamp(
    data_copy: Path, rujukan_copy: Path
) -> None:
    root = data_copy.parent
    options = {"draft": False}
    ds = load_dataset(TAHUN, data_copy)
    reg = compute_all(ds)
    key = cache.build_key(root, read_inputs(root, data_copy, TAHUN), options)
    table = dependencies.fingerprint("table:renstra_target", ds, reg, root)
    figure = dependencies.fingerprint("figure:ikm.capaian_renstra", ds, reg, root)
    files = stamp.collect(ds, {"tahun": TAHUN}, root)["berkas_masukan"]
    assert "lkjip:rujukan/2023/renstra_target.csv" in files
    # the package's copy is data of the build, not code: no code version covers it
    assert not [p for p in cache.code_files() if paths.RUJUKAN in p.parts]

    edit_csv(rujukan_copy / "2023" / "renstra_target.csv", "ikm,2024,3.30", "ikm,2024,3.40")
    ds2 = load_dataset(TAHUN, data_copy)
    reg2 = compute_all(ds2)
    assert cache.build_key(root, read_inputs(root, data_copy, TAHUN), options) != key
    assert dependencies.fingerprint("table:renstra_target", ds2, reg2, root) != table
    assert dependencies.fingerprint("figure:ikm.capaian_renstra", ds2, reg2, root) != figure
    changed = stamp.collect(ds2, {"tahun": TAHUN}, root)["berkas_masukan"]
    assert (
        changed["lkjip:rujukan/2023/renstra_target.csv"]
        != files["lkjip:rujukan/2023/renstra_target.csv"]
    )
    # a table the chapter did not read keeps its fingerprint
    assert dependencies.fingerprint("table:unsur_skm", ds2, reg2, root) == (
        dependencies.fingerprint("table:unsur_skm", ds, reg, root)
    )


def test_nihil_is_refused_for_a_national_table(data_copy: Path) -> None:
    nihil = data_copy / "2023" / "nihil.csv"
    nihil.write_text(
        nihil.read_text(encoding="utf-8") + "2023,unsur_skm,Tidak ada survei\n", encoding="utf-8"
    )
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data_copy)
    found = [str(p) for p in info.value.problems if "rujukan nasional" in p.rule]
    assert found == [
        "data/2023/nihil.csv, baris 2, kolom 'tabel', nilai 'unsur_skm': tabel unsur_skm "
        "adalah tabel rujukan nasional (sama untuk setiap kantor imigrasi) dan tidak dapat "
        "dinyatakan nihil; hapus baris nihil ini (tabelnya dibawa paket lkjip atau diisi di "
        "folder data)"
    ]


def test_the_metadata_key_is_checked(tmp_path: Path) -> None:
    text = (DATA / "metadata" / "unsur_skm.yaml").read_text(encoding="utf-8")
    assert "\nrujukan: nasional\n" in text
    bad = tmp_path / "unsur_skm.yaml"
    bad.write_text(text.replace("rujukan: nasional", "rujukan: lokal"), encoding="utf-8")
    with pytest.raises(MetadataError, match="rujukan must be one of"):
        load_table_spec(bad)


def test_init_does_not_create_the_national_tables_the_package_ships(data_copy: Path) -> None:
    office = data_copy.parent / "data-kantor"
    result = init(TAHUN, office)
    assert result.rujukan_paket == _national_tables()
    assert not [n for n in _national_tables() if (office / "2023" / f"{n}.csv").exists()]
    assert (office / "2023" / "skm_bulanan.csv").exists()
    # validation does not ask for them: they come from the package
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, office)
    assert not [p for p in info.value.problems if "rujukan nasional" in p.rule]


@pytest.mark.integration
def test_init_of_a_year_the_package_does_not_ship_copies_the_latest_shipped(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--tahun", str(BARU), "--data-dir", str(data_copy)]) == 0
    out = capsys.readouterr().out
    names = _national_tables()
    assert (
        f"Tabel rujukan nasional disalin dari paket lkjip tahun {TAHUN} (paket tidak membawa "
        f"rujukan tahun {BARU}; tinjau isinya): {', '.join(names)}."
    ) in out
    for name in names:
        copy = data_copy / str(BARU) / f"{name}.csv"
        assert copy.read_bytes() == (paths.rujukan_dir() / "2023" / f"{name}.csv").read_bytes()
    # the year reads the office's files (the package ships nothing for it)
    ds = load_dataset(BARU, data_copy, strict=False)
    assert ds.paths["renstra_target"] == data_copy / str(BARU) / "renstra_target.csv"
    assert national.usage(BARU, ds.specs, dict(ds.paths)).own == names
    # the workbook of that year has their sheets, to fill and review
    book = load_workbook(data_copy / str(BARU) / f"lkjip-{BARU}.xlsx", read_only=True)
    assert set(names) <= set(book.sheetnames)


def test_init_of_an_unshipped_year_carries_the_office_override(data_copy: Path) -> None:
    own = data_copy / "2023" / "renstra_target.csv"
    shutil.copy2(paths.rujukan_dir() / "2023" / "renstra_target.csv", own)
    edit_csv(own, "ikm,2024,3.30", "ikm,2024,3.50")
    result = init(BARU, data_copy)
    assert "renstra_target" not in result.rujukan_disalin and "unsur_skm" in result.rujukan_disalin
    assert result.dibawa["renstra_target"] == 3
    assert "ikm,2024,3.50" in (data_copy / str(BARU) / "renstra_target.csv").read_text()


def test_a_missing_national_table_of_an_unshipped_year_is_named(data_copy: Path) -> None:
    init(BARU, data_copy)
    (data_copy / str(BARU) / "renstra_target.csv").unlink()
    ds = load_dataset(BARU, data_copy, strict=False)
    found = [str(p) for p in ds.problems if p.file.endswith("renstra_target.csv")]
    assert found == [
        f"data/{BARU}/renstra_target.csv: tabel rujukan nasional 'Target jangka menengah "
        f"Renstra' tidak ada: paket lkjip tidak membawa tabel rujukan nasional untuk tahun "
        f"{BARU} (tahun yang dibawa: {TAHUN}), jadi tabel ini harus ada di folder data tahun "
        f"{BARU}; lkjip init --tahun {BARU} menyalinnya dari rujukan tahun {TAHUN} untuk "
        "ditinjau"
    ]


@pytest.mark.integration
def test_the_workbook_has_no_sheet_for_a_shipped_national_table(
    data_copy: Path, tmp_path: Path
) -> None:
    path = export(TAHUN, tmp_path / "buku.xlsx", data_copy)
    book = load_workbook(path)
    names = _national_tables()
    assert not set(names) & set(book.sheetnames)
    assert "skm_bulanan" in book.sheetnames
    note = str(book["README"]["A2"].value)
    assert note.startswith("Tabel rujukan nasional (sama untuk setiap kantor imigrasi) dibawa")
    assert ", ".join(names) in note
    readme = {str(c.value) for row in book["README"].iter_rows() for c in row if c.value}
    assert "unsur_skm" not in readme  # no column rules for a table that is no sheet


@pytest.mark.integration
def test_an_older_workbook_with_a_national_sheet_is_refused(
    data_copy: Path, tmp_path: Path
) -> None:
    path = export(TAHUN, tmp_path / "buku.xlsx", data_copy)
    book = load_workbook(path)
    sheet = book.create_sheet("unsur_skm")
    sheet.append(["urutan", "unsur"])
    sheet.append(["1", "Informasi"])
    book.save(path)
    with pytest.raises(DataInvalid) as info:
        import_(path, TAHUN, data_copy)
    assert [str(p) for p in info.value.problems] == [
        "buku.xlsx, lembar unsur_skm: tabel unsur_skm adalah tabel rujukan nasional yang "
        f"dibawa paket lkjip untuk tahun {TAHUN} dan tidak diimpor dari buku kerja; hapus "
        f"lembar ini (untuk menggantinya, taruh berkas CSV tabel itu di folder data tahun "
        f"{TAHUN})"
    ]
    assert not (data_copy / "2023" / "unsur_skm.csv").exists()  # no override written


def test_display_of_a_package_file_is_the_same_wherever_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for place in (tmp_path / "a" / "site-packages", tmp_path / "b" / "lib"):
        folder = place / "lkjip" / paths.RUJUKAN
        monkeypatch.setattr(paths, "rujukan_dir", lambda folder=folder: folder)
        shown = paths.display_path(folder / "2023" / "tata_nilai.csv")
        assert shown == "lkjip:rujukan/2023/tata_nilai.csv"
    assert paths.display_path(DATA / "2023" / "tpi.csv") == "data/2023/tpi.csv"


@pytest.mark.book
def test_the_built_book_names_the_package_files(built_book) -> None:
    ledger = built_book.ledger_csv.read_text(encoding="utf-8")
    assert "lkjip:rujukan/2023/renstra_target.csv:2" in ledger
    assert "data/2023/renstra_target.csv" not in ledger
    html = built_book.out_dir / "html"
    index = (html / "kertas_kerja" / "data.html").read_text(encoding="utf-8")
    assert "Tabel rujukan nasional" in index and "Diganti oleh kantor: tidak ada." in index
    page = (html / "kertas_kerja" / "data" / "renstra_target.html").read_text(encoding="utf-8")
    download = re.search(r'href="\.\./\.\./(_downloads/[^"]+/renstra_target\.csv)"', page)
    assert download is not None
    shipped = paths.rujukan_dir() / "2023" / "renstra_target.csv"
    assert (html / download[1]).read_bytes() == shipped.read_bytes()
    # the report itself says nothing of where its tables came from
    report = (html / "notebooks" / "bab3_akuntabilitas.html").read_text(encoding="utf-8")
    assert "rujukan nasional" not in report and "lkjip:rujukan" not in report


def test_a_shipped_name_leads_back_to_its_file() -> None:
    shipped = paths.rujukan_dir() / "2023" / "renstra_target.csv"
    name = paths.display_path(shipped)
    assert name == "lkjip:rujukan/2023/renstra_target.csv"
    assert paths.source_file(name) == shipped
    assert paths.source_file("data/2023/pnbp.csv") == paths.project_root() / "data/2023/pnbp.csv"
