"""Golden tests: the 2023 figures equal the published LKjIP 2023 where the publication is right.

Each expected string is the value as printed in the published report (the
oracle); the location is noted. Published values that are wrong are not here:
they are findings of the reviu chapter.
"""

import pytest

from lkjip.figures.registry import Registry

from .helpers import PUBLISHED


@pytest.mark.parametrize(("figure_id", "published"), PUBLISHED)
def test_published_value(reg2023: Registry, figure_id: str, published: str) -> None:
    assert reg2023[figure_id].display == published


def test_status_follows_the_computation(reg2023: Registry) -> None:
    for k in ("ikm", "ipk", "iki"):
        assert reg2023[f"{k}.status"].value == "tercapai"
    assert reg2023["kinerja.jumlah_tercapai"].value == 3


def test_ipk_rounds_only_the_final_index(reg2023: Registry) -> None:
    # rounding internal and external first would give (3.82×18 + 3.59×7)/25 = 3.7556 -> 3.76
    assert str(reg2023["ipk.indeks"].value).startswith("3.7521")
    assert reg2023["ipk.realisasi"].display == "3,75"


def test_smart_2023_recomputation_differs_from_the_official_score(reg2023: Registry) -> None:
    # the official 87,04 (printed) does not follow from the 2023 components with the weights
    # that reproduce 2021 and 2022; the recomputation is a check, not the printed value
    assert reg2023["smart.nilai_kinerja"].display == "87,04"
    assert reg2023["smart.nilai_kinerja.hitung_ulang"].display == "87,07"


def test_capaian_shows_its_worked_formula(reg2023: Registry) -> None:
    figure = reg2023["iki.capaian"]
    assert figure.substituted == "3,99 / 3,13 × 100% = 127,48%"
    assert figure.inputs == ("iki.realisasi", "iki.target")
    assert reg2023.lineage("iki.capaian")[0].startswith("data/2023/iio_responden.csv:")


def test_sources_point_at_csv_lines(reg2023: Registry) -> None:
    figure = reg2023["pnbp.target"]
    assert figure.sources == ("data/2023/pnbp_target.csv:2",)
