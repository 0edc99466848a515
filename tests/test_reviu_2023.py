"""Every finding the reviu documents for the published LKjIP 2023 (the oracle's errors)."""

from __future__ import annotations

import csv

import pytest

from lkjip.audit import reconciliation as reviu
from lkjip.audit.baris import DIHITUNG_ULANG, MASUKAN, TEMUAN
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry

from .helpers import DATA, TAHUN


@pytest.fixture(scope="module")
def rows(ds2023: Dataset, reg2023: Registry) -> list[reviu.Baris]:
    return reviu.rekonsiliasi(ds2023, reg2023)


def find(rows: list[reviu.Baris], where: str, printed: str) -> reviu.Baris:
    """The row printed as ``printed`` at a location containing ``where`` (or for that figure)."""
    hits = [
        r
        for r in rows
        if (where in r.lokasi or where == r.figure_id) and r.dipublikasikan.startswith(printed)
    ]
    assert hits, (where, printed)
    return hits[0]


def test_counts_per_status_and_basis(rows: list[reviu.Baris], reg2023: Registry) -> None:
    # one row per figure of the transcription (publikasi.csv read with csv, not the loader)
    with (DATA / str(TAHUN) / "publikasi.csv").open(encoding="utf-8", newline="") as handle:
        published = sorted(int(row["no"]) for row in csv.DictReader(handle))
    assert [row.no for row in rows] == published
    counts = reviu.ringkasan(rows)
    assert reg2023["reviu.jumlah"].value == len(published) == sum(counts.values())
    for status, n in counts.items():
        assert reg2023[f"reviu.{status.replace(' ', '_')}"].value == n
    # "cocok" only where something was recomputed; an input or an official value never is
    for row in rows:
        assert (row.status == "cocok") <= (row.dasar == DIHITUNG_ULANG), row
        assert (row.status == MASUKAN) == (row.dasar == MASUKAN and not _finding(row))
    assert reg2023["reviu.dasar.dihitung_ulang"].value == sum(
        r.dasar == DIHITUNG_ULANG for r in rows
    )


def _finding(row: reviu.Baris) -> bool:
    return row.status in TEMUAN


def test_a_printed_input_is_not_recomputed(rows: list[reviu.Baris], reg2023: Registry) -> None:
    """A number the book takes as input is compared with its own transcription: never cocok."""
    for row in rows:
        if row.figure_id in reg2023 and reg2023[row.figure_id].formula == "data":
            if reg2023[row.figure_id].jenis == "hitung":
                assert row.status != "cocok", row
    target = find(rows, "Ikhtisar Eksekutif, paragraf capaian, butir 1 (IKM)", "3,25")
    assert (target.figure_id, target.dasar, target.status) == ("ikm.target", "masukan", "masukan")
    # a total of finer rows is a recomputation
    passports = find(rows, "Paspor", "150.474")
    assert (passports.dasar, passports.status) == ("dihitung ulang", "cocok")


FINDINGS = [
    # (location fragment, printed text, status, difference as shown)
    ("BAB III A, tabel ringkasan", "124,48%", "kontradiksi", "-3,00%"),
    (
        "Ikhtisar Eksekutif, paragraf realisasi PNBP",
        "Rp.82.709.074.907",
        "kontradiksi",
        "-Rp650.000",
    ),
    ("BAB IV A, butir 3", "Rp.82.709.074.907", "kontradiksi", "-Rp650.000"),
    ("BAB III B, paragraf PNBP", "Rp.82.709.724.907", "kontradiksi", "Rp48.934.274.907"),
    ("BAB III A.1 IKM, tabel perbandingan dengan unit lain", "3,90", "kontradiksi", "-0,09"),
    ("ikm.rerata_realisasi", "3,99", "selisih", "0,03"),
    ("ipk.rerata_realisasi", "3,91", "selisih", "0,05"),
    ("iki.rerata_realisasi", "3,99", "selisih", "0,01"),
    ("BAB III A.2 IPK, rumus Nilai IPK, pembilang", "[3,82 + 3,59]", "selisih", "-86,39"),
    ("BAB III A.3 IKI, paragraf survei IIO", "3 (tiga)", "selisih", "-1"),
    ("Tabel IKPA Tahun 2023, baris Nilai Aspek", "86,80", "selisih", "-2,00"),
    (
        "BAB III B, tabel Realisasi Anggaran Tahun 2023, baris k",
        "Rp.15.845.110.354",
        "selisih",
        "-Rp64.425.000",
    ),
    # printed right as the JUMLAH of the spending table: a contradiction of the report
    ("Ikhtisar Eksekutif, paragraf realisasi anggaran", "Rp.18.414.319.746", "kontradiksi", "-Rp2"),
]


@pytest.mark.parametrize(("lokasi", "printed", "status", "difference"), FINDINGS)
def test_documented_findings(
    rows: list[reviu.Baris], lokasi: str, printed: str, status: str, difference: str
) -> None:
    row = find(rows, lokasi, printed)
    assert (row.status, row.selisih) == (status, difference)
    assert row.alasan


def test_official_values_are_checked_against_their_components(rows: list[reviu.Baris]) -> None:
    """An official total the report prints with its components is recomputed from them."""
    ikpa_2022 = find(rows, "Tabel IKPA Tahun 2022, baris Nilai, kolom Nilai Total", "97,86")
    assert (ikpa_2022.dasar, ikpa_2022.status) == ("dihitung ulang", "selisih")
    assert (ikpa_2022.dihitung, ikpa_2022.selisih) == ("97,76", "0,10")
    # the reason states what rounding can explain (half a unit of the printed components)
    assert "paling banyak 0,005" in ikpa_2022.alasan
    assert "tidak dapat dijelaskan oleh pembulatan" in ikpa_2022.alasan
    ikpa_2021 = find(rows, "Tabel IKPA Tahun 2021, baris Nilai, kolom Nilai Akhir", "95.06")
    assert (ikpa_2021.status, ikpa_2021.dihitung) == ("selisih", "92,28")
    smart_2023 = find(rows, "SMART 2021-2023, baris 2023", "87,04")
    assert (smart_2023.status, smart_2023.dihitung, smart_2023.selisih) == (
        "selisih",
        "87,07",
        "-0,03",
    )
    # recomputed from the printed components and equal: a real cocok
    ikpa_2023 = find(rows, "Tabel IKPA Tahun 2023, baris Nilai, kolom Nilai Total", "96,66")
    assert (ikpa_2023.dasar, ikpa_2023.status) == ("dihitung ulang", "cocok")
    # an official component with nothing printed to recompute it from
    component = [r for r in rows if r.figure_id == "smart.penyerapan"]
    assert component and all((r.dasar, r.status) == ("nilai resmi",) * 2 for r in component)


def test_november_skm_rounded_the_wrong_way(rows: list[reviu.Baris]) -> None:
    """3,975 rounds half-up to 3,98; the report prints 3,97 (no tolerance)."""
    nov = find(rows, "tabel nilai unsur per bulan, baris Nilai SKM, kolom NOV", "3,97")
    assert (nov.status, nov.dihitung, nov.selisih) == ("selisih", "3,98", "-0,01")
    assert "3,975" in nov.alasan and "dibulatkan" in nov.alasan


def test_awards_count_differs_between_places(rows: list[reviu.Baris]) -> None:
    """The awards: 4 in BAB III D.6, 3 listed in BAB IV A, 2 named in the Ikhtisar."""
    awards = [r for r in rows if r.figure_id == "penghargaan.jumlah"]
    printed = sorted(r.dipublikasikan for r in awards)
    assert len(awards) == 3, printed
    findings = [r for r in awards if r.status in TEMUAN]
    assert len(findings) == 2 and {r.dihitung for r in awards} == {"4"}


def test_formula_and_claim_findings(rows: list[reviu.Baris]) -> None:
    terms = [r for r in rows if r.figure_id == "ikm.jumlah_bulan" and r.status != "cocok"]
    assert terms and terms[0].dihitung == "12"  # the printed denominator has 13 terms
    naik = find(rows, "iki.arah_realisasi", "konsisten naik")  # IKI 3,99 -> 3,99 is "sama"
    # printed right elsewhere ("sama besarnya"), so a contradiction of the report itself
    assert naik.status == "kontradiksi" and naik.dihitung == "sama"
    sama = find(rows, "iki.arah_realisasi", "sama besarnya")
    assert sama.status == "cocok"
    bab4 = find(rows, "BAB IV A, butir 1.a.i (IKM), unsur", "Sarana/Prasarana dan P")
    assert bab4.status == "kontradiksi" and "Respon" in bab4.dihitung
    label = find(rows, "Izin Tinggal", "7.750")
    assert (label.status, label.selisih) == ("selisih", "label tahun")
    weights = [r for r in rows if r.figure_id.startswith("smart.bobot.") and r.status == "selisih"]
    assert len(weights) == 3  # the text pairs three of the four weights with other components


def test_rounding_convention_is_shown(rows: list[reviu.Baris]) -> None:
    """Printed by the report's rule, the value under the other convention is named."""
    ipk = [r for r in rows if r.figure_id == "ipk.realisasi"]
    assert ipk and all(r.status == "cocok" and r.dihitung == "3,75" for r in ipk)
    assert "hasilnya 3,76" in ipk[0].alasan
