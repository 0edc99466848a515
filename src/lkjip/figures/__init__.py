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


def compute_all(ds: Dataset) -> Registry:
    """All figures of ``ds``'s year, in a deterministic order."""
    reg = Registry(tahun=ds.tahun)
    for step in STEPS:
        step.register(reg, ds)
    return reg
