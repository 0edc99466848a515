"""The change of a capaian split into the part of the realisation and of the target, and
the sentence that names the larger cause (``domain.uraian_capaian``, ``chapters.narasi``)."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest

from lkjip.chapters import narasi
from lkjip.domain.capaian import capaian, selisih
from lkjip.domain.uraian_capaian import MATERIAL, urai
from lkjip.figures._common import add_capaian
from lkjip.figures.registry import Registry
from lkjip.figures.uraian_capaian import add_uraian
from lkjip.render.myst import anchor

_ROLE = re.compile(r"\{angka\}`([^<`]*) <([^>]*)>`")

#: index values on the 1-4 scale (two decimals), realisation and target alike
VALUES = ("2.95", "3.10", "3.12", "3.13", "3.20", "3.25", "3.75", "3.88", "3.99", "4.00")


def _plain(text: str) -> str:
    return _ROLE.sub(r"\1", text)


@pytest.mark.parametrize(("r0", "t0"), list(itertools.product(VALUES, VALUES)))
def test_parts_sum_exactly_to_the_printed_change(r0: str, t0: str) -> None:
    for r1, t1 in itertools.product(VALUES, VALUES):
        u = urai(r0, t0, r1, t1)
        change = capaian(r1, t1) - capaian(r0, t0)
        assert u.bagian_realisasi + u.bagian_target == change == u.perubahan
        # at most a half of a hundredth: three decimals, exact
        for part in (u.bagian_realisasi, u.bagian_target):
            assert (part * 1000) == (part * 1000).to_integral_value()


@pytest.mark.parametrize("t", VALUES)
def test_unchanged_target_leaves_the_whole_change_to_the_realisation(t: str) -> None:
    for r0, r1 in itertools.product(VALUES, VALUES):
        u = urai(r0, t, r1, t)
        assert u.bagian_target == 0
        assert u.bagian_realisasi == u.perubahan


@pytest.mark.parametrize("r", VALUES)
def test_unchanged_realisation_leaves_the_whole_change_to_the_target(r: str) -> None:
    for t0, t1 in itertools.product(VALUES, VALUES):
        u = urai(r, t0, r, t1)
        assert u.bagian_realisasi == 0
        assert u.bagian_target == u.perubahan


def test_signs_follow_the_factors() -> None:
    # realisation up: its part raises capaian; target up: its part lowers it
    up = urai("3.50", "3.10", "3.70", "3.20")
    assert up.bagian_realisasi > 0 > up.bagian_target
    down = urai("3.70", "3.20", "3.50", "3.10")
    assert down.bagian_realisasi < 0 < down.bagian_target
    # reversing the years reverses every part (the split is symmetric)
    assert down.bagian_realisasi == -up.bagian_realisasi
    assert down.bagian_target == -up.bagian_target
    # both push down
    both = urai("3.88", "3.12", "3.75", "3.13")
    assert both.bagian_realisasi < 0 and both.bagian_target < 0
    assert both.penyebab_utama() == "realisasi"


def test_the_crossed_capaian_are_the_reports_kind_of_number() -> None:
    u = urai("3.88", "3.12", "3.75", "3.13")
    assert u.realisasi_kini_target_lalu == capaian("3.75", "3.12")
    assert u.realisasi_lalu_target_kini == capaian("3.88", "3.13")
    half = Decimal("0.5")
    assert u.bagian_realisasi == half * (
        (capaian("3.75", "3.12") - capaian("3.88", "3.12"))
        + (capaian("3.75", "3.13") - capaian("3.88", "3.13"))
    )


# --- the sentence ----------------------------------------------------------------------


def _registry(r0: str, t0: str, r1: str, t1: str, k: str = "ipk") -> Registry:
    """The figures the sentence reads, registered as the figure steps do."""
    reg = Registry(tahun=2023, default_bab="bab3_akuntabilitas")
    for sfx, r, t in (("", r1, t1), (".t-1", r0, t0)):
        reg.add(f"{k}.target{sfx}", Decimal(t), "indeks", "target")
        reg.add(f"{k}.realisasi{sfx}", Decimal(r), "indeks", "realisasi")
        add_capaian(reg, f"{k}.capaian{sfx}", f"{k}.realisasi{sfx}", f"{k}.target{sfx}", "c")
    for what in ("realisasi", "capaian", "target"):
        reg.add(
            f"{k}.selisih_{what}",
            selisih(reg.v(f"{k}.{what}"), reg.v(f"{k}.{what}.t-1")),
            "poin",
            "selisih",
        )
    add_uraian(reg, k)
    return reg


def test_unchanged_target_names_only_the_realisation() -> None:
    text = _plain(narasi.tren_capaian(_registry("3.50", "3.10", "3.70", "3.10"), "ipk"))
    assert "seluruhnya karena realisasi naik 0,20 poin" in text
    assert "target" not in text


def test_unchanged_realisation_names_only_the_target() -> None:
    text = _plain(narasi.tren_capaian(_registry("3.99", "3.12", "3.99", "3.13", "iki"), "iki"))
    assert "seluruhnya karena target tahun ini 0,01 poin lebih tinggi" in text
    assert "realisasi" not in text


def test_a_small_other_part_is_left_out() -> None:
    # a score on the 0-100 scale: a target 0,05 higher moves capaian by less than MATERIAL
    reg = _registry("90.00", "87.00", "95.00", "87.05")
    assert 0 < abs(reg.v("ipk.uraian_capaian.target")) < MATERIAL
    text = _plain(narasi.tren_capaian(reg, "ipk"))
    assert text.endswith("terutama karena realisasi naik 5,00 poin.")


def test_opposite_parts_say_which_outweighs() -> None:
    reg = _registry("3.98", "3.20", "3.99", "3.25", "ikm")
    text = _plain(narasi.tren_capaian(reg, "ikm"))
    target = reg.d("ikm.uraian_capaian.target").lstrip("-")
    realisasi = reg.d("ikm.uraian_capaian.realisasi")
    assert "karena target tahun ini 0,05 poin lebih tinggi" in text
    assert f"yang menurunkan capaian {target} poin" in text
    assert f"sebaliknya, realisasi naik 0,01 poin dan menaikkan capaian {realisasi} poin" in text


def test_offsetting_parts_with_no_change() -> None:
    # the two parts cancel: capaian stays, both causes are said
    reg = _registry("3.10", "3.10", "3.20", "3.20")
    assert reg.v("ipk.selisih_capaian") == 0
    text = _plain(narasi.tren_capaian(reg, "ipk"))
    assert text.startswith("Persentase capaian sama dengan tahun 2022")


def test_2023_ipk_sentence_names_the_realisation(reg2023: Registry) -> None:
    """The IPK capaian fell 4,55 points (published); the realisation (3,88 -> 3,75,
    published) explains most of it, the 0,01 higher target the rest."""
    assert reg2023.d("ipk.selisih_capaian") == "-4,55"
    assert (reg2023.d("ipk.realisasi.t-1"), reg2023.d("ipk.realisasi")) == ("3,88", "3,75")
    r, t = reg2023.v("ipk.uraian_capaian.realisasi"), reg2023.v("ipk.uraian_capaian.target")
    assert r + t == reg2023.v("ipk.selisih_capaian")
    assert abs(r) > abs(t) >= MATERIAL
    raw = narasi.tren_capaian(reg2023, "ipk")
    text = _plain(raw)
    assert "terutama karena realisasi turun" in text
    assert f"yang menurunkan capaian {reg2023.d('ipk.uraian_capaian.realisasi')[1:]} poin" in text
    assert f"{reg2023.d('ipk.uraian_capaian.target')[1:]} poin sisanya karena target" in text
    # the parts are linked to their worked calculations
    targets = {m[2] for m in _ROLE.finditer(raw)}
    assert anchor("ipk.uraian_capaian.realisasi") in targets
    assert anchor("ipk.uraian_capaian.target") in targets


def test_2023_sentences_name_the_larger_part(reg2023: Registry) -> None:
    for k in ("ikm", "ipk", "iki"):
        r = reg2023.v(f"{k}.uraian_capaian.realisasi")
        t = reg2023.v(f"{k}.uraian_capaian.target")
        assert r + t == reg2023.v(f"{k}.selisih_capaian")
        text = _plain(narasi.tren_capaian(reg2023, k))
        larger = "realisasi" if abs(r) >= abs(t) else "target"
        assert re.search(rf"(?:terutama |seluruhnya )?karena {larger}\b", text), (k, text)
