"""Every finding the reviu documents for the published LKjIP 2023 (the oracle's errors)."""

from __future__ import annotations

import pytest

from lkjip.audit import reconciliation as reviu
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry


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


def test_coverage(rows: list[reviu.Baris], reg2023: Registry) -> None:
    counts = reviu.ringkasan(rows)
    assert len(rows) > 600
    assert counts["cocok"] + counts["konvensi"] > 500
    assert reg2023["reviu.jumlah"].value == len(rows)


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


OFFICIAL = [
    # official values of other institutions' systems: printed as published, so they match
    ("BAB III C, tabel hasil pengisian capaian kinerja SMART 2021-2023, baris 2023", "87,04"),
    ("Tabel IKPA Tahun 2021, baris Nilai, kolom Nilai Akhir", "95.06"),
    ("Tabel IKPA Tahun 2022, baris Nilai, kolom Nilai Akhir", "97,86"),
    ("Tabel IKPA Tahun 2022, baris Nilai, kolom Nilai Total", "97,86"),
]


@pytest.mark.parametrize(("lokasi", "printed"), OFFICIAL)
def test_official_values_match_the_report(
    rows: list[reviu.Baris], lokasi: str, printed: str
) -> None:
    row = find(rows, lokasi, printed)
    assert (row.status, row.selisih, row.dihitung.replace(".", ",")) == (
        "cocok",
        "",
        printed.replace(".", ","),
    )


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
    ipk = [r for r in rows if r.figure_id == "ipk.realisasi"]
    assert ipk and all(r.status == "konvensi" for r in ipk)
    assert "3,76" in ipk[0].dihitung
