"""The official edition's IKPA tables: unreadable columns left out, totals that the rows
do not give are noted (the values are the application's, printed as published)."""

from __future__ import annotations

import re

import pytest

from lkjip.chapters.bab3_akuntabilitas import anggaran
from lkjip.chapters.kernel.context import Bab
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry


@pytest.fixture()
def ctx(ds2023: Dataset, reg2023: Registry) -> tuple[Bab, list[str]]:
    shown: list[str] = []
    bab = Bab(chapter="bab3_akuntabilitas", ds=ds2023, reg=reg2023)
    bab.tampilkan = shown.append  # type: ignore[method-assign]
    return bab, shown


def _plain(text: str) -> str:
    """The note as read: each linked number as its text."""
    return re.sub(r"\{angka\}`([^`<]*?) <[^>]*>`", r"\1", text)


def test_columns_read_only_by_a_tafsiran_are_not_indicators(ctx) -> None:
    bab, shown = ctx
    table = anggaran.tabel_ikpa(bab, 2021)
    names = set(table["Indikator"])
    assert not names & {"Korupsi", "Kesalahan SPM"}
    assert len([n for n in table["No"] if n]) == 11
    anggaran.catatan_ikpa(bab, 2021)
    assert len(shown) == 1
    # the official value is linked to its source; the eleven weighted values printed in the
    # column (published rows) sum to 87,66; / 95% = 92,27, not the application's 95,06
    assert "{angka}`95,06 <f-ikpa-nilai-akhir-t-2>`" in shown[0]
    assert _plain(shown[0]) == (
        "_Catatan:_ Nilai akhir 95,06 sebagaimana ditetapkan aplikasi IKPA; jumlah nilai "
        "tertimbang indikator pada tabel adalah 87,66, dibagi konversi bobot 95% menjadi "
        "92,27, tidak sama dengan nilai akhir. Hasil aplikasi juga memuat 2 kolom lain dengan "
        "bobot seluruhnya 10% yang tidak dicantumkan karena nilainya tidak dapat dipastikan "
        "sebagai nilai indikator."
    )
    # a label the application does not have is printed nowhere in the report, not even here
    assert "Korupsi" not in shown[0] and "Kesalahan SPM" not in shown[0]


def test_a_total_the_rows_do_not_give_is_noted(ctx) -> None:
    bab, shown = ctx
    anggaran.catatan_ikpa(bab, 2022)
    # the published rows: 10,00 + 8,58 + 19,88 + 9,55 + 10,00 + 9,76 + 5,00 + 25,00 = 97,77
    assert [_plain(t) for t in shown] == [
        "_Catatan:_ Nilai total 97,86 sebagaimana ditetapkan aplikasi IKPA; jumlah nilai "
        "tertimbang indikator pada tabel adalah 97,77, tidak sama dengan nilai total."
    ]
    shown.clear()
    anggaran.catatan_ikpa(bab, 2023)  # 96,66 from its rows: nothing to say
    assert shown == []


def test_the_note_follows_the_data_of_any_year(ctx) -> None:
    """A year whose rows give the application's value gets no note; one that does not
    gets it with its own numbers (nothing in the note is Bandung's or 2022's)."""
    bab, shown = ctx
    frame = bab.ds.frames["ikpa_indikator"]
    row = (frame["tahun"] == 2022) & (frame["no"] == 2)
    before = frame.loc[row, "nilai"].iloc[0]
    try:
        frame.loc[row, "nilai"] = 86.68  # 8,67 instead of 8,58: the rows now give 97,86
        anggaran.catatan_ikpa(bab, 2022)
        assert shown == []
        frame.loc[row, "nilai"] = 90.00  # 9,00: the rows give 98,19
        anggaran.catatan_ikpa(bab, 2022)
        assert "adalah 98,19, tidak sama dengan nilai total" in _plain(shown[0])
    finally:
        frame.loc[row, "nilai"] = before


def test_the_rounding_bound_of_a_nilai_akhir_is_never_understated() -> None:
    from decimal import Decimal

    from lkjip.domain.ikpa import batas_nilai_akhir

    # 0,005 / 95% = 0,0052631…: shown with 4 decimals, rounded up
    assert batas_nilai_akhir(Decimal("0.005"), 95) == Decimal("0.0053")
    assert batas_nilai_akhir(Decimal("0.005"), 100) == Decimal("0.0050")
