"""Every figure of a year: the figure steps plus the reconciliation counts.

The reconciliation compares the published report with everything computed
before it, so its step runs last.
"""

from __future__ import annotations

from lkjip.audit.reconciliation import STATUS, per_dasar, rekonsiliasi, ringkasan
from lkjip.data.dataset import Dataset
from lkjip.figures import STEPS, Step, compute_figures, ids
from lkjip.figures.hitungan import banyaknya, teks
from lkjip.figures.registry import Registry


def register(reg: Registry, ds: Dataset) -> None:
    if not ds.has("publikasi") or reg.draft:
        return
    with reg.bab("reviu"):  # the Reviu shows the reconciliation's counts
        _register(reg, ds)


def _register(reg: Registry, ds: Dataset) -> None:
    rows = rekonsiliasi(ds, reg)
    reg.rekonsiliasi = rows  # the build and the chapters read these (reconciliation.rows)
    counts = ringkasan(rows)
    sources = ds.refs("publikasi")
    n = banyaknya(rows)
    reg.add(
        "reviu.jumlah",
        n.nilai,
        "jumlah",
        "Angka yang dicetak laporan dan direkonsiliasi",
        formula="hitung(baris publikasi)",
        substituted=n.teks,
        sources=sources,
    )
    for status in STATUS:
        reg.add(
            ids.reviu(status),
            counts[status],
            "jumlah",
            f"Angka berstatus {status}",
            formula=f"hitung(rekonsiliasi berstatus {status})",
            substituted=teks(counts[status], "jumlah"),
            inputs=("reviu.jumlah",),
        )
    for dasar, counts in per_dasar(rows).items():
        n = sum(counts.values())
        reg.add(
            ids.reviu_dasar(dasar),
            n,
            "jumlah",
            f"Angka yang dibandingkan atas dasar: {dasar}",
            formula=f"hitung(rekonsiliasi dengan dasar {dasar})",
            substituted=teks(n, "jumlah"),
            inputs=("reviu.jumlah",),
        )


#: the reconciliation step, after every figure step
STEP: Step = ("reviu", register)


def compute_all(ds: Dataset, *, draft: bool = False) -> Registry:
    """All figures of ``ds``'s year: :data:`lkjip.figures.STEPS`, then the reconciliation."""
    return compute_figures(ds, draft=draft, steps=(*STEPS, STEP))
