"""The owning chapter of a figure: declared when it is registered (``with reg.bab(...)``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkjip.assemble import dependencies
from lkjip.assemble.cache import UNTRUSTED
from lkjip.assemble.notebooks import annotate, calculations_shown, check_shown
from lkjip.chapters.kernel import protocol
from lkjip.data import reads
from lkjip.data.dataset import Dataset
from lkjip.domain import bab
from lkjip.errors import BuildError
from lkjip.figures.registry import Registry


def test_a_figure_carries_the_chapter_of_its_scope() -> None:
    reg = Registry(tahun=2030)
    with reg.bab("bab3_akuntabilitas"):
        reg.add("ikm.realisasi", 90, "jumlah", "Realisasi IKM")
        with reg.bab("ikhtisar"):  # an inner scope, then back to the outer one
            reg.add("kinerja.jumlah_indikator", 3, "jumlah", "Jumlah indikator")
        reg.add("ikm.target", 80, "jumlah", "Target IKM")
    assert {f.id: f.bab for f in reg} == {
        "ikm.realisasi": "bab3_akuntabilitas",
        "kinerja.jumlah_indikator": "ikhtisar",
        "ikm.target": "bab3_akuntabilitas",
    }
    assert protocol.owner(reg, "kinerja.jumlah_indikator") == "ikhtisar"
    assert protocol.owned(reg, "bab3_akuntabilitas") == ["ikm.realisasi", "ikm.target"]


def test_a_figure_outside_any_scope_is_refused() -> None:
    reg = Registry(tahun=2030)
    with pytest.raises(RuntimeError, match="ikm.realisasi: added outside a chapter scope"):
        reg.add("ikm.realisasi", 90, "jumlah", "Realisasi IKM")
    assert "ikm.realisasi" not in reg
    with reg.bab("bab3_akuntabilitas"):
        pass
    with pytest.raises(RuntimeError):  # the scope ended with its block
        reg.add("ikm.realisasi", 90, "jumlah", "Realisasi IKM")


def test_an_unknown_chapter_is_refused() -> None:
    reg = Registry(tahun=2030)
    with pytest.raises(ValueError, match="bab 'bab5_lain' tidak dikenal"):
        with reg.bab("bab5_lain"):
            reg.add("ikm.realisasi", 90, "jumlah", "Realisasi IKM")
    assert "ikm.realisasi" not in reg
    with pytest.raises(ValueError, match="tidak dikenal"):
        Registry(tahun=2030, default_bab="bab5_lain")


def test_a_test_registry_default_chapter_gives_way_to_a_scope() -> None:
    reg = Registry(tahun=2030, default_bab="bab1_pendahuluan")
    reg.add("pegawai.total", 10, "orang", "Jumlah pegawai")
    with reg.bab("bab2_perencanaan"):
        reg.add("upaya.jumlah", 2, "jumlah", "Jumlah upaya")
    assert [reg["pegawai.total"].bab, reg["upaya.jumlah"].bab] == [
        "bab1_pendahuluan",
        "bab2_perencanaan",
    ]


def test_every_2023_figure_declares_a_chapter_of_the_book(reg2023: Registry) -> None:
    figures = list(reg2023)
    assert figures and all(f.bab in bab.CHAPTERS for f in figures)
    by_chapter = [i for chapter in bab.CHAPTERS for i in protocol.owned(reg2023, chapter)]
    assert sorted(by_chapter) == sorted(f.id for f in figures)  # each in exactly one chapter
    assert protocol.CHAPTERS == bab.CHAPTERS


def test_a_chapter_depends_on_which_figures_it_has_only(ds2023: Dataset) -> None:
    """``owned`` records ``bab:<chapter>``; its fingerprint changes when a figure is added
    to that chapter, not when one is added to another chapter."""
    reg = Registry(tahun=2030)
    with reg.bab("bab1_pendahuluan"):
        reg.add("pegawai.total", 10, "orang", "Jumlah pegawai")
    with reads.collect() as found:
        assert protocol.owned(reg, "bab1_pendahuluan") == ["pegawai.total"]
    assert found == {"bab:bab1_pendahuluan"}

    def fingerprint() -> str:
        return dependencies.fingerprint("bab:bab1_pendahuluan", ds2023, reg, Path("/"))

    before = fingerprint()
    assert not before.startswith(UNTRUSTED)
    with reg.bab("bab2_perencanaan"):
        reg.add("upaya.jumlah", 2, "jumlah", "Jumlah upaya")
    assert fingerprint() == before
    with reg.bab("bab1_pendahuluan"):
        reg.add("fasilitas.total", 3, "jumlah", "Jumlah fasilitas")
    assert fingerprint() != before


def _executed(folder: Path, chapter: str, figure_ids: list[str]) -> None:
    """An executed chapter notebook whose one output shows the calculation of ``figure_ids``."""
    output = {
        "output_type": "display_data",
        "data": {"text/markdown": "..."},
        "metadata": {protocol.META_KEY: {"figures": figure_ids}},
    }
    cell = {"cell_type": "code", "id": f"sel-{chapter}", "outputs": [output]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / f"{chapter}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")


def _two_chapters() -> Registry:
    reg = Registry(tahun=2030)
    with reg.bab("bab1_pendahuluan"):
        reg.add("pegawai.total", 10, "orang", "Jumlah pegawai")
    with reg.bab("bab2_perencanaan"):
        reg.add("upaya.jumlah", 2, "jumlah", "Jumlah upaya")
    return reg


def test_a_figure_shown_in_its_declared_chapter_is_placed(tmp_path: Path) -> None:
    reg = _two_chapters()
    _executed(tmp_path, "bab1_pendahuluan", ["pegawai.total"])
    _executed(tmp_path, "bab2_perencanaan", ["upaya.jumlah"])
    shown = calculations_shown(tmp_path)
    check_shown(reg, shown, draft=False)
    annotate(reg, shown, {})
    assert reg["upaya.jumlah"].notebook == "notebooks/bab2_perencanaan.ipynb"
    assert reg["upaya.jumlah"].cell_id == "sel-bab2_perencanaan"


def test_a_figure_shown_in_another_chapter_fails_the_build(tmp_path: Path) -> None:
    reg = _two_chapters()
    _executed(tmp_path, "bab1_pendahuluan", ["pegawai.total", "upaya.jumlah"])
    with pytest.raises(BuildError) as caught:
        check_shown(reg, calculations_shown(tmp_path), draft=True)
    assert str(caught.value) == (
        "1 angka ditampilkan di bab lain daripada bab yang dinyatakan saat didaftarkan: "
        "upaya.jumlah (ditampilkan di bab1_pendahuluan, dinyatakan bab2_perencanaan)"
    )
