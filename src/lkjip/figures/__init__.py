"""Compute every figure of a report year into a :class:`~lkjip.registry.Registry`.

Each module registers one domain's figures with the same skeleton:
``register(reg, ds)`` reads tables from the dataset, calls the engine
functions, and adds figures with their formula and source rows.
"""

from __future__ import annotations

from ..bacaan import kumpulkan
from ..dataset import Dataset
from ..registry import Registry
from . import anggaran, kinerja, lainnya, organisasi, reviu

#: the reviu step reconciles the published report with everything before it: last
STEPS = (organisasi, kinerja, anggaran, lainnya, reviu)


def compute_all(ds: Dataset, *, draft: bool = False) -> Registry:
    """All figures of ``ds``'s year, in a deterministic order.

    ``draft``: steps whose data is missing are recorded in ``reg.gagal``
    instead of stopping the computation.
    """
    reg = Registry(tahun=ds.tahun, draft=draft)
    for step in STEPS:
        before = set(reg._figures)
        with kumpulkan() as reads:
            reg.step(step.__name__.rsplit(".", 1)[-1], step.register, reg, ds)
        tables = tables_read(reads, reg, before)
        for figure_id in reg._figures.keys() - before:
            reg.tabel_angka[figure_id] = tables
    return reg


def tables_read(reads: set[str], reg: Registry, known: set[str] | None = None) -> frozenset[str]:
    """The tables behind a set of reads (tables directly, figures through their tables).

    ``known``: the figures whose tables are already recorded (``angka:*`` means them all).
    """
    tables = {key.split(":", 1)[1] for key in reads if key.startswith("tabel:")}
    figures = {key.split(":", 1)[1] for key in reads if key.startswith("angka:")}
    if "*" in figures:
        figures = set(known if known is not None else reg.tabel_angka)
    for figure_id in figures:
        tables |= reg.tabel_angka.get(figure_id, frozenset())
    return frozenset(tables)
