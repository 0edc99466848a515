"""Office-neutral metadata: no table description states a fact of Bandung's 2023 report;
Bandung's notes on its tables are its data (``catatan_tabel``), printed on its working
paper's data pages; a new office's workbook README sheet states nothing of Bandung.

The forbidden facts are derived from Bandung's data (:mod:`tests.bandung`): its names,
years, row counts and figures, not a list of typed strings.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from lkjip.assemble.editions import write_data_pages
from lkjip.data import catatan
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid
from lkjip.figures.registry import Registry
from lkjip.newyear.prepare import init
from lkjip.newyear.workbook import export

from . import bandung
from .helpers import DATA, TAHUN

#: the sentences of the issue's report: metadata written about Bandung's 2023 report,
#: each with the table whose description said it
LEAKS = {
    "pegawai_golongan": "Laporan 2023 hanya memuat grafik komposisi berdasarkan golongan",
    "isu_strategis": "Satu baris per isu strategis (5 butir)",
    "kategori_nilai": "Laporan 2023 menyebut nilai SMART 87,04 sebagai Baik",
    "inovasi": "Satu baris per inovasi (Maung Siti Ngadu, Maung Wani)",
    "ipk_responden": "18 responden internal dan 7 responden eksternal (anggota TIMPORA)",
    "skm_bulanan": "Nilai IKM tahunan (3,99) adalah rata-rata tertimbang",
    "tak": "Baris TOTAL (66 untuk 2022, 98 untuk 2023) tidak disalin",
}


def _texts() -> list[tuple[str, str, str]]:
    """(table, key, text) of every title, description, source and column text."""
    out = []
    for path in sorted((DATA / "metadata").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("title", "description", "source"):
            out.append((path.stem, key, str(spec.get(key, ""))))
        for col in spec["columns"]:
            for key in ("description", "unit"):
                out.append((path.stem, f"{col['name']}.{key}", str(col.get(key) or "")))
    return out


def _structural(ds: Dataset, table: str) -> set[Decimal]:
    """The numbers the table's own rules name (bounds, allowed values): a description may
    repeat them (``skala 1-4``, ``Bulan (1 = Januari ... 12 = Desember)``)."""
    found: set[Decimal] = set()
    for col in ds.specs[table].columns:
        for value in (col.min, col.max, *(col.allowed or ())):
            for token in bandung.NUMBER.findall(str(value)) if value is not None else ():
                found.add(Decimal(token).normalize())
    return found


class Facts:
    """Bandung's facts, derived once from its data."""

    def __init__(self, ds: Dataset, reg: Registry) -> None:
        self.ds = ds
        self.names = bandung.names(ds)
        self.years = bandung.years(ds)
        self.values = bandung.values(ds, reg)

    def stated(self, table: str, text: str) -> list[str]:
        """What ``text`` (a text of ``table``'s metadata) states of Bandung."""
        found = bandung.in_text(text, self.names)
        structural = _structural(self.ds, table)
        counts = bandung.counts(self.ds, table) if table in self.ds.frames else set()
        for token in bandung.NUMBER.findall(text):
            value = bandung.number(token)
            if value is None:
                continue
            if value == value.to_integral_value() and int(value) in self.years:
                found.append(token)  # one of its years ("Laporan 2023")
            elif value in structural:
                continue
            elif value > 12 or value != value.to_integral_value():
                if value in self.values:
                    found.append(token)  # one of its figures ("87,04", "3,99", "18")
            elif int(value) in counts:
                found.append(token)  # how many rows it has ("(5 butir)")
        return found


@pytest.fixture(scope="module")
def facts(ds2023: Dataset, reg2023: Registry) -> Facts:
    return Facts(ds2023, reg2023)


def test_the_derived_facts_are_bandungs(facts: Facts) -> None:
    assert {"Bandung", "Maung Wani", "Patimban", "Cimahi", "Agung Pramono"} <= facts.names
    assert {2021, 2022, 2023, 2024} <= facts.years
    for published in ("87.04", "3.99", "18", "66", "98", "2822"):
        assert Decimal(published).normalize() in facts.values, published


def test_the_reported_leaks_are_recognised(facts: Facts) -> None:
    """The check finds each sentence of the issue: it can fail."""
    for table, sentence in LEAKS.items():
        assert facts.stated(table, sentence), (table, sentence)


def test_metadata_states_no_fact_of_bandung(facts: Facts) -> None:
    found = [(t, k, facts.stated(t, text)) for t, k, text in _texts()]
    assert [f for f in found if f[2]] == []


def test_metadata_leaves_no_value_list_of_bandung(ds2023: Dataset, facts: Facts) -> None:
    """An office can enter its own innovations: no allowed list names Bandung's."""
    allowed = [
        (spec.name, col.name, value)
        for spec in ds2023.specs.values()
        for col in spec.columns
        for value in col.allowed or ()
        if bandung.in_text(value, facts.names)
    ]
    assert allowed == []


@pytest.mark.integration
def test_a_new_office_workbook_readme_states_nothing_of_bandung(
    data_copy: Path, tmp_path: Path, facts: Facts, ds2023: Dataset, reg2023: Registry
) -> None:
    office = data_copy.parent / "data-surakarta"
    init(TAHUN, office, satker="Kantor Imigrasi Kelas II TPI Surakarta")
    book = load_workbook(export(TAHUN, tmp_path / "buku.xlsx", office), read_only=True)
    readme = " ".join(str(c) for row in book["README"].iter_rows(values_only=True) for c in row)
    assert "catatan_tabel" in readme and "pegawai_golongan" in readme
    assert bandung.in_text(readme, facts.names) == []
    assert bandung.displays_in(readme, bandung.displays(ds2023, reg2023)) == []
    assert [s for s in LEAKS.values() if s in readme] == []
    # the office's notes table starts empty
    assert book["catatan_tabel"].max_row == 1


# --- Bandung's notes --------------------------------------------------------------------


def test_bandungs_notes_are_in_its_data(ds2023: Dataset) -> None:
    """What the descriptions said of Bandung's 2023 report is in its notes now."""
    notes = bandung.frame_texts(ds2023.table(catatan.CATATAN))
    for said in (
        "Laporan 2023 hanya memuat grafik komposisi berdasarkan golongan",
        "nilai SMART 87,04 sebagai Baik",
        "Maung Siti Ngadu, Maung Wani, Maung Delfi dan Maung BAP Virtual",
        "18 responden internal dan 7 responden eksternal (anggota TIMPORA)",
        "Baris TOTAL (66 untuk 2022, 98 untuk 2023) tidak disalin",
        "(1674,59 / 420)",
    ):
        assert said in notes, said
    letak, isi = catatan.catatan(ds2023, "tarja_rencana_aksi")
    assert "Tabel 3.1 [TARJA No. 37]" in letak and "Nihil" in isi


def test_the_data_page_prints_the_description_then_the_notes(
    ds2023: Dataset, tmp_path: Path
) -> None:
    tables = write_data_pages(tmp_path, ds2023, DATA.parent)
    assert catatan.CATATAN in tables
    page = (tmp_path / "kertas_kerja" / "data" / "pegawai_golongan.md").read_text(encoding="utf-8")
    description = ds2023.specs["pegawai_golongan"].description.split(".")[0]
    assert page.index(description) < page.index(
        "Catatan kantor tahun 2023 (tabel catatan\\_tabel): Laporan 2023 hanya memuat grafik"
    )
    assert "Letak dalam laporan tahun 2023 yang dipublikasikan: BAB I B, grafik" in page
    # a table without notes: its description only
    assert catatan.teks(ds2023, "reviu_tim") == ds2023.specs["reviu_tim"].description


def _notes(data_copy: Path, rows: str) -> None:
    path = data_copy / str(TAHUN) / "catatan_tabel.csv"
    path.write_text("tahun,tabel,letak,catatan\n" + rows, encoding="utf-8")


def test_a_note_on_no_table_or_with_nothing_is_refused(data_copy: Path) -> None:
    _notes(data_copy, "2023,pegawai_golngan,,Salah ketik nama tabel\n2023,tak,,\n")
    with pytest.raises(DataInvalid) as err:
        load_dataset(TAHUN, data_copy)
    found = sorted(
        (p.line, p.column, p.value, p.rule)
        for p in err.value.problems
        if p.file.endswith("catatan_tabel.csv")
    )
    assert found == [
        (2, "tabel", "pegawai_golngan", "bukan nama tabel data (lihat metadata)"),
        (3, "catatan", None, "letak dan catatan keduanya kosong"),
    ]


def test_without_notes_the_page_is_the_description(data_copy: Path) -> None:
    _notes(data_copy, "")
    ds = load_dataset(TAHUN, data_copy)
    assert catatan.teks(ds, "tak") == ds.specs["tak"].description
