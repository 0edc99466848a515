"""What every item of the pre-signing checklist is made of (:mod:`lkjip.audit.pra_tanda_tangan`):
an item (:class:`Butir`) and what its producers read (:class:`Bahan`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from lkjip.audit import reconciliation
from lkjip.audit.baris import Baris
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry


@dataclass(frozen=True)
class Butir:
    """One thing the head of office must decide before signing."""

    jenis: str  # a key of JENIS
    apa: str  # what, one sentence
    letak: str  # where in the report, in the report's own words
    nilai: str  # the values concerned
    keputusan: str  # what the head must decide
    #: figures concerned (the working paper links their calculation and report page)
    angka: tuple[str, ...] = ()
    #: data rows concerned, ``file:line`` (the working paper links their rows)
    sumber: tuple[str, ...] = ()


class Bahan:
    """What the producers read: the dataset, the figures, the reconciliation (once)."""

    def __init__(self, ds: Dataset, reg: Registry, rows: list[Baris] | None = None) -> None:
        self.ds = ds
        self.reg = reg
        self._rows = rows

    @cached_property
    def rows(self) -> list[Baris]:
        return self._rows if self._rows is not None else reconciliation.rows(self.ds, self.reg)

    def frame(self, table: str) -> pd.DataFrame | None:
        """The table's rows, or None when it is not there or empty (a draft)."""
        if not self.ds.has(table):
            return None
        frame = self.ds.table(table)
        return None if frame.empty else frame


def tanggal(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def pendek(text: str, words: int = 12) -> str:
    parts = str(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
