"""Compute every figure of a report year into a :class:`~lkjip.registry.Registry`.

Each module registers one domain's figures with the same skeleton:
``register(reg, ds)`` reads tables from the dataset, calls the engine
functions, and adds figures with their formula and source rows.
"""

from __future__ import annotations

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
        reg.step(step.__name__.rsplit(".", 1)[-1], step.register, reg, ds)
    return reg
