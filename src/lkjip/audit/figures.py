"""Every figure of a year: the figure steps plus the reconciliation counts.

The reconciliation compares the published report with everything computed
before it, so its step runs last.
"""

from __future__ import annotations

from lkjip.audit.reconciliation import STATUS, per_dasar, rekonsiliasi, ringkasan
from lkjip.data.dataset import Dataset
from lkjip.figures import STEPS, Step, compute_figures
from lkjip.figures.registry import Registry


def register(reg: Registry, ds: Dataset) -> None:
    if not ds.has("publikasi") or reg.draft:
        return
    rows = rekonsiliasi(ds, reg)
    reg.rekonsiliasi = rows  # the build and the chapters read these (reconciliation.rows)
    counts = ringkasan(rows)
    sources = ds.refs("publikasi")
    reg.add(
        "reviu.jumlah",
        len(rows),
        "jumlah",
        "Angka yang dicetak laporan dan direkonsiliasi",
        formula="hitung(baris publikasi)",
        substituted=str(len(rows)),
        sources=sources,
    )
    for status in STATUS:
        reg.add(
            f"reviu.{status.replace(' ', '_')}",
            counts[status],
            "jumlah",
            f"Angka berstatus {status}",
            formula=f"hitung(rekonsiliasi berstatus {status})",
            substituted=str(counts[status]),
            inputs=("reviu.jumlah",),
        )
    for dasar, counts in per_dasar(rows).items():
        n = sum(counts.values())
        reg.add(
            f"reviu.dasar.{dasar.replace(' ', '_')}",
            n,
            "jumlah",
            f"Angka yang dibandingkan atas dasar: {dasar}",
            formula=f"hitung(rekonsiliasi dengan dasar {dasar})",
            substituted=str(n),
            inputs=("reviu.jumlah",),
        )


#: the reconciliation step, after every figure step
STEP: Step = ("reviu", register)


def compute_all(ds: Dataset, *, draft: bool = False) -> Registry:
    """All figures of ``ds``'s year: :data:`lkjip.figures.STEPS`, then the reconciliation."""
    return compute_figures(ds, draft=draft, steps=(*STEPS, STEP))
