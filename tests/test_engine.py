"""Unit tests of each formula on tiny hand-made inputs, plus hypothesis properties."""

from collections.abc import Callable
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.domain.capaian import arah, capaian, ratio_percent, selisih, tercapai
from lkjip.domain.ikpa import nilai_akhir, nilai_aspek, nilai_tertimbang, nilai_total
from lkjip.domain.kategori import mutu_pelayanan
from lkjip.domain.smart import nilai_efisiensi, nilai_kinerja
from lkjip.domain.survei import bobot_index, ipk_composite, mean, weighted_mean

# --- survey indices ---------------------------------------------------------


def test_weighted_mean_by_respondents() -> None:
    wm = weighted_mean(["4.00", "3.50"], [3, 1])
    assert wm.numerator == Decimal("15.50")
    assert wm.denominator == 4
    assert wm.value == Decimal("3.875")


def test_weighted_mean_rejects_bad_weights() -> None:
    with pytest.raises(ValueError):
        weighted_mean([4], [0])
    with pytest.raises(ValueError):
        weighted_mean([4, 3], [1, -1])
    with pytest.raises(ValueError):
        weighted_mean([4, 3], [1])


def test_bobot_index_and_composite() -> None:
    assert bobot_index(["4", "3"], [75, 25]) == Decimal("3.75")
    composite = ipk_composite("3.8", 3, "3.4", 1)
    assert composite.value == Decimal("3.7")


index_values = st.decimals(min_value=1, max_value=4, places=2)
respondents = st.integers(min_value=1, max_value=500)


@given(st.lists(st.tuples(index_values, respondents), min_size=1, max_size=12))
def test_weighted_index_stays_within_its_values(pairs: list[tuple[Decimal, int]]) -> None:
    values = [v for v, _ in pairs]
    value = weighted_mean(values, [w for _, w in pairs]).value
    assert min(values) <= value <= max(values)


@given(st.lists(index_values, min_size=1, max_size=12), st.integers(min_value=1, max_value=50))
def test_equal_weights_give_the_plain_mean(values: list[Decimal], weight: int) -> None:
    assert weighted_mean(values, [weight] * len(values)).value == mean(values)


@given(
    st.lists(st.tuples(index_values, respondents), min_size=1, max_size=12),
    st.integers(min_value=2, max_value=9),
)
def test_scaling_all_weights_changes_nothing(pairs: list[tuple[Decimal, int]], k: int) -> None:
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    assert (
        weighted_mean(values, weights).value
        == weighted_mean(values, [w * k for w in weights]).value
    )


@given(index_values, respondents, index_values, respondents)
def test_ipk_composite_lies_between_its_parts(a: Decimal, na: int, b: Decimal, nb: int) -> None:
    value = ipk_composite(a, na, b, nb).value
    assert min(a, b) <= value <= max(a, b)


# --- capaian ----------------------------------------------------------------


def test_capaian_rounds_half_up() -> None:
    assert capaian("3.99", "3.25") == Decimal("122.77")
    assert capaian("3.98", "3.20") == Decimal("124.38")  # 124.375
    assert ratio_percent("1", "4") == Decimal("25")


def test_capaian_rejects_zero_target() -> None:
    with pytest.raises(ZeroDivisionError):
        capaian("3.99", "0")


def test_trend_words() -> None:
    assert arah("3.99", "3.98") == "naik"
    assert arah("3.75", "3.88") == "turun"
    assert arah("3.99", "3.99") == "sama"
    assert selisih("3.99", "3.98") == Decimal("0.01")
    assert tercapai("3.13", "3.13") and not tercapai("3.12", "3.13")


# --- categories ---------------------------------------------------------------

INTERVALS = pd.DataFrame(
    {
        "nilai_persepsi": [1, 2, 3, 4],
        "batas_bawah": [1.00, 2.60, 3.0644, 3.5324],
        "batas_atas": [2.5996, 3.064, 3.532, 4.00],
        "mutu": ["D", "C", "B", "A"],
        "kinerja": ["TIDAK BAIK", "KURANG BAIK", "BAIK", "SANGAT BAIK"],
    }
)


@pytest.mark.parametrize(
    ("nilai", "mutu"),
    [("1.00", "D"), ("2.60", "C"), ("3.0642", "C"), ("3.0644", "B"), ("3.5324", "A"), ("4", "A")],
)
def test_mutu_pelayanan(nilai: str, mutu: str) -> None:
    assert mutu_pelayanan(nilai, INTERVALS).mutu == mutu


def test_mutu_outside_table() -> None:
    with pytest.raises(ValueError):
        mutu_pelayanan("4.01", INTERVALS)
    with pytest.raises(ValueError):
        mutu_pelayanan("0.99", INTERVALS)


# --- SMART and IKPA -------------------------------------------------------------


def test_nilai_efisiensi_rule() -> None:
    assert nilai_efisiensi("20") == 100
    assert nilai_efisiensi("0") == 50
    assert nilai_efisiensi("3.91") == Decimal("59.775")
    assert nilai_efisiensi("35") == 100  # capped
    assert nilai_efisiensi("-25") == 0


def test_nilai_kinerja_weights() -> None:
    bobot = {"penyerapan": 25, "konsistensi": 25, "capaian_ro": 25, "efisiensi": 25}
    komponen = {"penyerapan": 80, "konsistensi": 90, "capaian_ro": 100, "nilai_efisiensi": 70}
    assert nilai_kinerja(komponen, bobot) == Decimal("85")
    with pytest.raises(KeyError):
        nilai_kinerja(komponen, {"penyerapan": 100})


def test_ikpa() -> None:
    assert nilai_tertimbang("95.04", 10) == Decimal("9.504")
    total = nilai_total(["100", "80"], [60, 40])
    assert total == Decimal("92")
    assert nilai_akhir(total, 100) == Decimal("92")
    assert nilai_akhir("87.4", 95) == Decimal("92")
    assert nilai_aspek(["100", "77.60"], [10, 10]) == Decimal("88.8")
    with pytest.raises(ZeroDivisionError):
        nilai_akhir(total, 0)


def test_a_kernel_that_did_not_start_is_started_again_but_a_failing_cell_is_not() -> None:
    """Two kernels starting at once can pick the same port ("Address already in use", then
    nbclient's "Kernel didn't respond" or jupyter_client's "Kernel died before replying"):
    the chapter is run again, up to the retry count; any other error is raised at once."""
    from lkjip.assemble import notebooks

    calls: list[int] = []

    def flaky(fail: int, error: Exception) -> Callable[[], None]:
        def run() -> None:
            calls.append(1)
            if len(calls) <= fail:
                raise error

        return run

    notebooks._with_kernel_retry(flaky(1, RuntimeError("Kernel didn't respond in 60 seconds")))
    assert len(calls) == 2
    calls.clear()
    # the kernel exited at once (its port taken): jupyter_client's message
    notebooks._with_kernel_retry(
        flaky(2, RuntimeError("Kernel died before replying to kernel_info"))
    )
    assert len(calls) == 3
    calls.clear()
    with pytest.raises(RuntimeError, match="Kernel didn't respond"):
        notebooks._with_kernel_retry(
            flaky(notebooks.KERNEL_START_RETRIES + 1, RuntimeError("Kernel didn't respond"))
        )
    assert len(calls) == notebooks.KERNEL_START_RETRIES + 1
    calls.clear()
    with pytest.raises(RuntimeError, match="sel gagal"):
        notebooks._with_kernel_retry(flaky(1, RuntimeError("sel gagal")))
    assert len(calls) == 1
