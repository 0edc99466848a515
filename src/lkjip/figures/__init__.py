"""Stage 3, figures: every number of a report year, with its provenance.

The :class:`~lkjip.figures.registry.Registry` holds each figure's id, value,
display text, formula, substitution, inputs and source rows. Each step module
registers one domain's figures with the same skeleton: ``register(reg, ds)``
reads tables from the dataset, calls the domain rules, and adds figures.
:func:`compute_figures` runs the steps in order; the audit stage adds the
reconciliation step (:func:`lkjip.audit.figures.compute_all`).

May import: :mod:`lkjip.data`, :mod:`lkjip.domain` and the modules below them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lkjip.data.dataset import Dataset
from lkjip.data.reads import collect
from lkjip.figures import anggaran, kinerja, lainnya, organisasi, renstra, rujukan
from lkjip.figures.koreksi import note_corrections
from lkjip.figures.registry import Registry

#: a computation step: its name (recorded when a draft step fails) and its function
Step = tuple[str, Callable[[Registry, Dataset], None]]

#: the figure steps, in order (a step may use the figures of the steps before it)
STEPS: tuple[Step, ...] = (
    ("organisasi", organisasi.register),
    ("renstra", renstra.register),
    ("kinerja", kinerja.register),
    ("anggaran", anggaran.register),
    ("lainnya", lainnya.register),
    ("rujukan", rujukan.register),
)


def compute_figures(ds: Dataset, *, draft: bool = False, steps: Sequence[Step] = STEPS) -> Registry:
    """The figures of ``ds``'s year computed by ``steps``, in a deterministic order.

    ``draft``: steps whose data is missing are recorded in ``reg.failed``
    instead of stopping the computation.
    """
    reg = Registry(tahun=ds.tahun, draft=draft)
    for name, register in steps:
        before = set(reg._figures)
        with collect() as reads:
            reg.step(name, register, reg, ds)
        tables = tables_read(reads, reg, before)
        for figure_id in reg._figures.keys() - before:
            reg.figure_tables[figure_id] = tables
    note_corrections(reg, ds)
    return reg


def tables_read(reads: set[str], reg: Registry, known: set[str] | None = None) -> frozenset[str]:
    """The tables behind a set of reads (:meth:`Registry.tables_read`)."""
    return reg.tables_read(reads, known)
