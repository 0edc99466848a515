"""Lampiran tables: Perjanjian Kinerja parties, targets, budgets, awards."""

from __future__ import annotations

import pandas as pd

from lkjip.chapters import lampiran as L
from lkjip.chapters.lampiran import naskah_pk as N
from lkjip.figures import ids
from lkjip.figures.registry import Registry
from lkjip.render.myst import RawMarkdown

PENANDATANGAN = pd.DataFrame(
    {
        "tahun": [2030, 2030, 2030, 2031],
        "dokumen": ["perjanjian", "perjanjian", "lampiran", "perjanjian"],
        "pihak": ["kedua", "pertama", "pertama", "pertama"],
        "nama": ["B Dua", "A Satu", "A Satoe", "C Tiga"],
        "jabatan": ["Kepala Kanwil", "Kepala Kantor", "Kepala Kantor", "Kepala Kantor"],
        "nip": ["222", "111", "112", None],
        "tempat": ["Kota", "Kota", "Kota", "Kota"],
        "tanggal": ["2030-01-02", "2030-01-02", "2030-01-02", "2031-01-19"],
    }
)

INDIKATOR = pd.DataFrame(
    {
        "tahun": [2030, 2030, 2030, 2030, 2031],
        "tingkat": ["sasaran_kegiatan"] * 3 + ["sasaran_strategis", "sasaran_kegiatan"],
        "no_sasaran": [2, 1, 1, 1, 1],
        "sasaran": ["S dua", "S satu", "S satu", "SS", "S satu"],
        "indikator_id": ["iki", "ikm", "ipk", "iku_rb", "ikm"],
        "indikator": ["IKI", "IKM", "IPK", "RB", "IKM"],
        "target": [3.13, 3.25, 3.1, 87.0, 3.3],
        "satuan": ["Indeks", "Indeks", "Indeks", "Nilai", "Indeks"],
    }
)

ANGGARAN = pd.DataFrame(
    {
        "tahun": [2030, 2030, 2030, 2031],
        "versi": ["revisi", "revisi", "awal", "awal"],
        "program": ["Program A", "Program B", "Program A", "Program A"],
        "kegiatan": ["Kegiatan Satu", "Kegiatan Dua", "Kegiatan Satu", "Kegiatan Satu"],
        "anggaran": [10, 20, 8, 12],
    }
)


def fake_link(figure_id: str) -> str:
    return f"<{figure_id}>"


def test_akhiran() -> None:
    assert ids.akhiran(2030, 2030) == ""
    assert ids.akhiran(2031, 2030) == ".t+1"
    assert ids.akhiran(2029, 2030) == ".t-1"


def test_years_from_all_tables() -> None:
    assert L.tahun_pk(INDIKATOR, ANGGARAN, PENANDATANGAN) == [2030, 2031]


def test_parties_in_order_with_empty_nip() -> None:
    frame = L.tabel_pihak(PENANDATANGAN, 2030)
    assert list(frame.columns) == ["Pihak", "Nama", "Jabatan", "NIP"]
    assert list(frame["Pihak"]) == ["Pihak Pertama", "Pihak Kedua"]
    assert list(frame["Nama"]) == ["A Satu", "B Dua"]
    assert L.tabel_pihak(PENANDATANGAN, 2031)["NIP"].tolist() == [""]


def test_place_and_date_in_indonesian() -> None:
    assert N.tempat_tanggal(PENANDATANGAN, 2030) == "Kota, 2 Januari 2030"
    assert N.tempat_tanggal(PENANDATANGAN, 2031) == "Kota, 19 Januari 2031"


def test_levels_in_printed_order() -> None:
    assert L.tingkat_pk(INDIKATOR, 2030) == ["sasaran_strategis", "sasaran_kegiatan"]
    assert L.tingkat_pk(INDIKATOR, 2031) == ["sasaran_kegiatan"]


def test_target_table_groups_sasaran_and_links_known_figures() -> None:
    frame = L.tabel_target(
        INDIKATOR,
        2030,
        "sasaran_kegiatan",
        tahun_laporan=2030,
        link=fake_link,
        tersedia={"ikm.target"},
    )
    assert list(frame.columns) == [
        "No.",
        "Sasaran Kegiatan",
        "Indikator Kinerja Kegiatan",
        "Target",
        "Satuan",
    ]
    assert frame["No."].tolist() == ["1.", "", "2."]
    assert frame["Sasaran Kegiatan"].tolist() == ["S satu", "", "S dua"]
    assert frame["Target"].tolist() == ["<ikm.target>", "3,10", "3,13"]
    as_signed = L.tabel_target(
        INDIKATOR,
        2030,
        "sasaran_kegiatan",
        tahun_laporan=2030,
        link=fake_link,
        tersedia={"ikm.target"},
        dokumen=True,
    )
    assert "Satuan" not in as_signed.columns
    assert as_signed["Target"].tolist() == [
        "&lt;ikm.target&gt; (Indeks)",
        "3,10 (Indeks)",
        "3,13 (Indeks)",
    ]


def test_next_year_targets_use_the_next_year_suffix() -> None:
    frame = L.tabel_target(
        INDIKATOR,
        2031,
        "sasaran_kegiatan",
        tahun_laporan=2030,
        link=fake_link,
        tersedia={"ikm.target"},
    )
    assert frame["Target"].tolist() == ["3,30"]  # ikm.target is the report year's, not 2031's
    linked = L.tabel_target(
        INDIKATOR,
        2031,
        "sasaran_kegiatan",
        tahun_laporan=2030,
        link=fake_link,
        tersedia={"ikm.target.t+1"},
    )
    assert linked["Target"].tolist() == ["<ikm.target.t+1>"]


def test_budget_versions_initial_first() -> None:
    assert L.versi_anggaran(ANGGARAN, 2030) == ["awal", "revisi"]
    assert L.versi_anggaran(ANGGARAN, 2031) == ["awal"]


def test_budget_table_links_every_amount() -> None:
    frame = L.tabel_anggaran(ANGGARAN, 2030, "revisi", 2030, fake_link)
    assert frame["Kegiatan"].tolist() == [
        "**Program A**",
        "Kegiatan Satu",
        "**Program B**",
        "Kegiatan Dua",
        "Jumlah",
    ]
    assert isinstance(frame["Kegiatan"].iloc[0], RawMarkdown)
    assert frame["Anggaran"].tolist() == [
        "",
        "<pk.anggaran.revisi.kegiatan_satu>",
        "",
        "<pk.anggaran.revisi.kegiatan_dua>",
        "<pk.anggaran.revisi.jumlah>",
    ]
    next_year = L.tabel_anggaran(ANGGARAN, 2031, "awal", 2030, fake_link)
    assert next_year["Anggaran"].tolist()[-1] == "<pk.anggaran.awal.jumlah.t+1>"


def test_budget_table_empty_when_no_rows() -> None:
    assert L.tabel_anggaran(ANGGARAN, 2031, "revisi", 2030, fake_link).empty


def test_awards_table() -> None:
    awards = pd.DataFrame(
        {
            "no": [2, 1],
            "penghargaan": ["Kedua", "Pertama"],
            "pemberi": ["Wali Kota", "Kanwil"],
            "keterangan": [None, "catatan"],
        }
    )
    frame = L.tabel_penghargaan(awards)
    # the keterangan (where else the published report names an award) is a working-paper
    # note: on the data page only, never a column of the report's table
    assert frame.to_dict("list") == {
        "No.": ["1.", "2."],
        "Penghargaan": ["Pertama", "Kedua"],
        "Pemberi": ["Kanwil", "Wali Kota"],
    }


def test_2023_budget_ids_exist_in_the_registry(ds2023, reg2023: Registry) -> None:
    """Every id the lampiran links is computed, for both PK years and all versions."""
    anggaran = ds2023.table("pk_anggaran")
    indikator = ds2023.table("pk_indikator")
    penandatangan = ds2023.table("pk_penandatangan")
    assert L.tahun_pk(indikator, anggaran, penandatangan) == [2023, 2024]
    assert L.versi_anggaran(anggaran, 2023) == ["awal", "revisi"]
    for tahun in (2023, 2024):
        for versi in L.versi_anggaran(anggaran, tahun):
            frame = L.tabel_anggaran(anggaran, tahun, versi, 2023, reg2023.d)
            assert frame["Anggaran"].iloc[-1] == reg2023.d(
                ids.pk_anggaran(versi, "jumlah", 2023 - tahun)
            )
    revisi = L.tabel_anggaran(anggaran, 2023, "revisi", 2023, reg2023.d)
    assert revisi["Anggaran"].iloc[-1] == "Rp20.578.348.000"
    assert L.tabel_anggaran(anggaran, 2024, "awal", 2023, reg2023.d)["Anggaran"].iloc[-1] == (
        "Rp19.432.682.000"
    )
    pihak = L.tabel_pihak(penandatangan, 2023)
    assert pihak["Nama"].tolist() == ["Arief Hazairin Satoto", "R. Andika Dwi Prasetya"]
    assert pihak["NIP"].tolist() == ["19630530 200112 1 001", "196712171991031002"]
    assert N.tempat_tanggal(penandatangan, 2023) == "Bandung, 2 Januari 2023"
    assert N.tempat_tanggal(penandatangan, 2024) == "Bandung, 19 Januari 2024"
    kegiatan = L.tabel_target(
        indikator, 2023, "sasaran_kegiatan", tahun_laporan=2023, link=reg2023.d, tersedia=reg2023
    )
    assert kegiatan["Target"].tolist() == ["3,25", "3,13", "3,13"]
    assert L.tabel_target(indikator, 2023, "sasaran_strategis")["Target"].tolist() == [
        "3,25",
        "3,13",
        "87",
        "92",
    ]
    awards = L.tabel_penghargaan(ds2023.table("penghargaan"))
    assert len(awards) == int(reg2023.v("penghargaan.jumlah"))
