from decimal import Decimal

import pytest

from lkjip.domain.rounding import places_of, round_half_up, round_index, round_percent, to_decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.345", 2, "2.35"),  # half-up, where half-even would give 2.34
        ("2.335", 2, "2.34"),
        ("124.375", 2, "124.38"),
        ("3.9871", 2, "3.99"),
        ("-1.605", 2, "-1.61"),  # ties go away from zero
        ("0.5", 0, "1"),
        ("1.5", 0, "2"),
        ("2.5", 0, "3"),
    ],
)
def test_round_half_up(value: str, places: int, expected: str) -> None:
    assert round_half_up(value, places) == Decimal(expected)


def test_float_inputs_use_their_decimal_text() -> None:
    # 1.005 is 1.00499999... in binary; from its text it is exactly 1.005
    assert round_half_up(1.005, 2) == Decimal("1.01")
    assert to_decimal(3.99) == Decimal("3.99")


def test_index_and_percent_places() -> None:
    assert round_index(Decimal("3.75216")) == Decimal("3.75")
    assert round_percent(Decimal("127.4760383")) == Decimal("127.48")


def test_places_of() -> None:
    assert places_of("3.90") == 2
    assert places_of(Decimal("20")) == 0
    assert places_of("7.684") == 3


def test_bool_is_not_a_number() -> None:
    with pytest.raises(TypeError):
        to_decimal(True)
