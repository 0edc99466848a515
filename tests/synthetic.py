"""A complete, valid synthetic year generated from the previous year (for tests).

The generator lives in the package (:mod:`lkjip.rekap.sintetis_tahun`, also used by the
synthetic offices of :mod:`lkjip.rekap.sintetis` and the benchmark); this module keeps
the tests' import.
"""

from __future__ import annotations

from lkjip.rekap.sintetis_tahun import make_year

__all__ = ["make_year"]
