"""The official edition's IKPA tables: unreadable columns left out, totals that the rows
do not give are noted (the values are the application's, printed as published)."""

from __future__ import annotations

import pytest

from lkjip.chapters.bab3_akuntabilitas import anggaran
from lkjip.chapters.konteks import Bab
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry


@pytest.fixture()
def ctx(ds2023: Dataset, reg2023: Registry) -> tuple[Bab, list[str]]:
    shown: list[str] = []
    bab = Bab(chapter="bab3_akuntabilitas", ds=ds2023, reg=reg2023)
    bab.tampilkan = shown.append  # type: ignore[method-assign]
    return bab, shown


def test_columns_read_only_by_a_tafsiran_are_not_indicators(ctx) -> None:  # noqa: ANN001
    bab, shown = ctx
    table = anggaran.tabel_ikpa(bab, 2021)
    names = set(table["Indikator"])
    assert not names & {"Korupsi", "Kesalahan SPM"}
    assert len([n for n in table["No"] if n]) == 11
    anggaran.catatan_ikpa(bab, 2021)
    assert len(shown) == 1 and "(Korupsi, Kesalahan SPM)" in shown[0]
    # the eleven weighted values sum to 87,66; / 95% = 92,27, not the official 95,06
    assert "Nilai akhir 95,06" in shown[0] and "87,66" in shown[0] and "92,27" in shown[0]


def test_a_total_the_rows_do_not_give_is_noted(ctx) -> None:  # noqa: ANN001
    bab, shown = ctx
    anggaran.catatan_ikpa(bab, 2022)
    assert shown == [
        "_Catatan:_ Nilai total 97,86 adalah nilai resmi aplikasi IKPA; jumlah nilai "
        "tertimbang indikator yang tercantum adalah 97,77."
    ]
    shown.clear()
    anggaran.catatan_ikpa(bab, 2023)  # 96,66 from its rows: nothing to say
    assert shown == []


def test_the_rounding_bound_of_a_nilai_akhir_is_never_understated() -> None:
    from decimal import Decimal

    from lkjip.domain.ikpa import batas_nilai_akhir

    # 0,005 / 95% = 0,0052631…: shown with 4 decimals, rounded up
    assert batas_nilai_akhir(Decimal("0.005"), 95) == Decimal("0.0053")
    assert batas_nilai_akhir(Decimal("0.005"), 100) == Decimal("0.0050")
