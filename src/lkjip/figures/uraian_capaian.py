"""Why an indicator's capaian changed from last year: the part of the realisation and of
the target (:mod:`lkjip.domain.uraian_capaian`), each a figure with its worked
calculation (working paper), so the sentence naming the cause is computed."""

from __future__ import annotations

from lkjip.domain.uraian_capaian import urai
from lkjip.figures import ids
from lkjip.figures._common import add_capaian
from lkjip.figures.registry import Registry


def add_uraian(reg: Registry, k: str, prev: str = ".t-1") -> None:
    """``<k>.uraian_capaian.{target_lalu,realisasi_lalu,realisasi,target}``."""
    kini, lalu = f"{k}.capaian", f"{k}.capaian{prev}"
    tahun, tahun_lalu = reg.tahun, reg.tahun - 1
    add_capaian(
        reg,
        ids.uraian_capaian(k, "target_lalu"),
        f"{k}.realisasi",
        f"{k}.target{prev}",
        f"Capaian {k.upper()}: realisasi tahun {tahun} terhadap target tahun {tahun_lalu}",
        formula="realisasi tahun ini / target tahun lalu × 100%",
    )
    add_capaian(
        reg,
        ids.uraian_capaian(k, "realisasi_lalu"),
        f"{k}.realisasi{prev}",
        f"{k}.target",
        f"Capaian {k.upper()}: realisasi tahun {tahun_lalu} terhadap target tahun {tahun}",
        formula="realisasi tahun lalu / target tahun ini × 100%",
    )
    u = urai(
        reg.v(f"{k}.realisasi{prev}"),
        reg.v(f"{k}.target{prev}"),
        reg.v(f"{k}.realisasi"),
        reg.v(f"{k}.target"),
    )
    silang_t, silang_r = (
        ids.uraian_capaian(k, "target_lalu"),
        ids.uraian_capaian(k, "realisasi_lalu"),
    )
    d = reg.d
    reg.add(
        ids.uraian_capaian(k, "realisasi"),
        u.bagian_realisasi,
        "poin_bagian",
        f"Bagian perubahan capaian {k.upper()} karena perubahan realisasi",
        formula=(
            "½ × [(capaian realisasi tahun ini terhadap target tahun lalu − capaian tahun lalu)"
            " + (capaian tahun ini − capaian realisasi tahun lalu terhadap target tahun ini)]"
        ),
        substituted=f"½ × [({d(silang_t)} − {d(lalu)}) + ({d(kini)} − {d(silang_r)})]",
        inputs=(silang_t, lalu, kini, silang_r),
    )
    reg.add(
        ids.uraian_capaian(k, "target"),
        u.bagian_target,
        "poin_bagian",
        f"Bagian perubahan capaian {k.upper()} karena perubahan target",
        formula=(
            "½ × [(capaian realisasi tahun lalu terhadap target tahun ini − capaian tahun lalu)"
            " + (capaian tahun ini − capaian realisasi tahun ini terhadap target tahun lalu)]"
        ),
        substituted=f"½ × [({d(silang_r)} − {d(lalu)}) + ({d(kini)} − {d(silang_t)})]",
        inputs=(silang_r, lalu, kini, silang_t),
    )
