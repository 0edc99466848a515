"""BAB II frames: Renstra, tata nilai, Perjanjian Kinerja and the pagu composition."""

from __future__ import annotations

import pandas as pd
import pytest

from lkjip.chapters import bab2_perencanaan as pr
from lkjip.data.dataset import Dataset
from lkjip.errors import IncompleteData
from lkjip.figures.registry import Registry


def _link(figure_id: str) -> str:
    return f"<{figure_id}>"


def test_renstra_period_contains_the_year(ds2023: Dataset) -> None:
    renstra = ds2023.table("renstra_pernyataan")
    awal, akhir = pr.periode_renstra(renstra, ds2023.tahun)
    assert awal <= ds2023.tahun <= akhir
    assert pr.teks_periode((awal, akhir)) == f"{awal}–{akhir}"
    with pytest.raises(IncompleteData):
        pr.periode_renstra(renstra, akhir + 1)


def test_two_periods_pick_the_right_one() -> None:
    renstra = pd.DataFrame(
        {
            "periode_awal": [2015, 2020],
            "periode_akhir": [2019, 2024],
            "jenis": ["visi", "visi"],
            "no": [1, 1],
            "kode": [None, None],
            "uraian": ["lama", "baru"],
            "indikator": [None, None],
        }
    )
    assert pr.periode_renstra(renstra, 2021) == (2020, 2024)
    assert pr.pernyataan(renstra, (2015, 2019), "visi") == ["lama"]
    with pytest.raises(IncompleteData):
        pr.pernyataan(renstra, (2020, 2024), "misi")


def test_statements_in_printed_order(ds2023: Dataset) -> None:
    renstra = ds2023.table("renstra_pernyataan")
    periode = pr.periode_renstra(renstra, ds2023.tahun)
    assert len(pr.pernyataan(renstra, periode, "visi")) == 1
    misi = pr.pernyataan(renstra, periode, "misi")
    assert misi[-1] == "Melaksanakan Tata Laksana Pemerintahan yang Baik"
    assert len(pr.pernyataan(renstra, periode, "tujuan")) == 5
    table = pr.tabel_sasaran_strategis(renstra, periode)
    assert list(table.columns) == ["Kode", "Sasaran Strategis", "Indikator"]
    assert table["Kode"].to_list() == ["SS3", "SS5"]


def test_tata_nilai_rows(ds2023: Dataset) -> None:
    nilai = ds2023.table("tata_nilai")
    berakhlak = pr.tabel_tata_nilai(nilai, "BerAKHLAK", "Perilaku")
    assert len(berakhlak) == 21
    assert berakhlak["No"].to_list()[:4] == ["1", "", "", "2"]
    assert berakhlak["Nilai"].iloc[0] == "Berorientasi Pelayanan"
    assert berakhlak["Nilai"].iloc[1] == ""
    pasti = pr.tabel_tata_nilai(nilai, "PASTI", "Makna")
    assert pasti["Nilai"].to_list() == pr.akronim(nilai, "PASTI")
    assert "".join(v[0] for v in pr.akronim(nilai, "PASTI")) == "PASTI"
    with pytest.raises(IncompleteData):
        pr.tabel_tata_nilai(nilai, "LAIN", "Makna")


def test_pk_tables(ds2023: Dataset) -> None:
    pk = ds2023.table("pk_indikator")
    iku = pr.tabel_pk(pk, ds2023.tahun, "sasaran_strategis")
    assert list(iku.columns) == [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja Utama",
        "Target",
        "Satuan",
    ]
    assert iku["Target"].to_list() == ["3,25", "3,13", "87", "92"]
    assert iku["No"].to_list() == ["1", "2", "3", ""]  # sasaran 3 has two indicators
    program = pr.tabel_pk(pk, ds2023.tahun, "sasaran_program")
    assert program["Target"].iloc[-1] == "1" and program["Satuan"].iloc[-1] == "Layanan"
    kegiatan = pr.tabel_pk(
        pk, ds2023.tahun, "sasaran_kegiatan", tautan=lambda i: _link(f"{i}.target")
    )
    assert kegiatan["Target"].to_list() == ["<ikm.target>", "<ipk.target>", "<iki.target>"]
    assert kegiatan["Sasaran Kegiatan"].iloc[1] == ""
    # a tautan returning None keeps the formatted value
    kept = pr.tabel_pk(pk, ds2023.tahun, "sasaran_kegiatan", tautan=lambda i: None)
    assert kept["Target"].to_list() == ["3,25", "3,13", "3,13"]
    with pytest.raises(IncompleteData):
        pr.tabel_pk(pk, ds2023.tahun + 5, "sasaran_kegiatan")
    # the next year's PK lists sasaran kegiatan only: the upper levels are empty tables
    assert pr.tabel_pk(pk, ds2023.tahun + 1, "sasaran_strategis").empty
    with pytest.raises(ValueError):
        pr.tabel_pk(pk, ds2023.tahun, "sasaran_lain")


def test_pk_budget_ids_exist(ds2023: Dataset, reg2023: Registry) -> None:
    frame = ds2023.table("pk_anggaran")
    table = pr.tabel_pk_anggaran(frame, ds2023.tahun, "revisi", _link)
    ids = [cell.strip("<>") for cell in table["Anggaran"]]
    assert all(i in reg2023 for i in ids)
    assert ids[-1] == "pk.anggaran.revisi.jumlah" and table["Program"].iloc[-1] == "Jumlah"
    assert sum(reg2023.v(i) for i in ids[:-1]) == reg2023.v(ids[-1])
    nxt = pr.tabel_pk_anggaran(frame, ds2023.tahun + 1, "awal", _link, offset=1)
    assert all(cell.strip("<>") in reg2023 for cell in nxt["Anggaran"])
    with pytest.raises(IncompleteData):
        pr.tabel_pk_anggaran(frame, ds2023.tahun, "lain", _link)


@pytest.mark.parametrize("dimensi", ["sumber_alokasi", "jenis_belanja", "sumber_dana"])
def test_pagu_tables_link_registered_figures(
    ds2023: Dataset, reg2023: Registry, dimensi: str
) -> None:
    frame = ds2023.table("pagu_komposisi")
    table = pr.tabel_pagu(frame, ds2023.tahun, dimensi, _link)
    assert list(table.columns) == [pr.KOLOM_PAGU[dimensi], "Pagu"]
    ids = [cell.strip("<>") for cell in table["Pagu"]]
    assert all(i in reg2023 for i in ids)
    assert ids[-1] == f"pagu.{dimensi}.jumlah"
    parts = pr.komposisi_pagu(frame, ds2023.tahun, dimensi)
    assert sum(parts["pagu"]) == reg2023.v(f"pagu.{dimensi}.jumlah")


def test_pagu_chart_data(ds2023: Dataset) -> None:
    frame = ds2023.table("pagu_komposisi")
    data = pr.data_grafik_pagu(frame, ds2023.tahun, ["jenis_belanja", "sumber_dana"])
    assert list(data.columns) == ["dimensi", "kategori", "pagu"]
    assert data["dimensi"].unique().tolist() == ["Jenis Belanja", "Sumber Dana"]
    totals = data.groupby("dimensi")["pagu"].sum()
    assert totals.nunique() == 1  # both dimensions split the same total
    with pytest.raises(IncompleteData):
        pr.komposisi_pagu(frame, ds2023.tahun, "lain")
