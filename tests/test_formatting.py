import datetime as dt
from decimal import Decimal

import pytest

from lkjip.domain import formatting as fmt


def test_indonesian_numbers() -> None:
    assert fmt.indeks(Decimal("3.99")) == "3,99"
    assert fmt.indeks(Decimal("3.9871")) == "3,99"
    assert fmt.angka(150474) == "150.474"
    assert fmt.angka(Decimal("1674.59"), 2) == "1.674,59"


def test_percent() -> None:
    assert fmt.persen(Decimal("122.77")) == "122,77%"
    assert fmt.persen(Decimal("99")) == "99,00%"
    assert fmt.persen(Decimal("124.375")) == "124,38%"  # half-up, not Babel's half-even


def test_rupiah() -> None:
    assert fmt.rupiah(20372405794) == "Rp20.372.405.794"
    assert fmt.rupiah(0) == "Rp0"


def test_dates_and_months() -> None:
    assert fmt.tanggal(dt.date(2024, 1, 5)) == "5 Januari 2024"
    assert fmt.tanggal("2023-09-19") == "19 September 2023"
    assert fmt.nama_bulan(8) == "Agustus"
    with pytest.raises(ValueError):
        fmt.nama_bulan(13)


def test_signed_difference() -> None:
    assert fmt.bertanda(Decimal("0.01")) == "+0,01"
    assert fmt.bertanda(Decimal("-4.55")) == "-4,55"
    assert fmt.bertanda(Decimal("0")) == "0,00"


@pytest.mark.parametrize(
    ("nilai", "satuan", "expected"),
    [
        (3.25, "Indeks", "3,25"),
        (3.3, "Indeks", "3,30"),
        (4, "Indeks", "4,00"),
        (4, "indeks", "4,00"),  # BAB II and the Lampiran once disagreed here
        (87, "Nilai", "87"),
        (87.0, "Nilai", "87"),
        (1.0, "Layanan", "1"),
        (92.5, "Nilai", "92,50"),
    ],
)
def test_a_pk_target_is_printed_the_same_everywhere(nilai, satuan, expected) -> None:
    assert fmt.target(nilai, satuan) == expected
