"""Hostile text in a closed vocabulary (issue: integrity): every string column that is
not free text (allowed values, identifiers, file names, references, the corrections'
addresses) refuses the payload of :mod:`tests.payload` when the data is loaded, naming
the problem. The free-text columns carry it into a built book
(``tests/test_payload_sweep.py``); these only validate data, so they are not in the
``book`` tier.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkjip import paths
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import load_catalog
from lkjip.errors import DataInvalid

from . import payload
from .helpers import DATA, TAHUN, set_cell

pytestmark = pytest.mark.integration


def _compared_with(name: str) -> list[str] | None:
    """The tables the checks of ``name`` compare it with: itself, the tables its columns
    reference and those whose columns reference it; None (every table) for ``koreksi``,
    whose rows address any table."""
    if name == "koreksi":
        return None
    specs = load_catalog(DATA / "metadata")
    linked = {name} | {c.reference_table for c in specs[name].columns if c.reference_table}
    linked |= {n for n, s in specs.items() if any(c.reference_table == name for c in s.columns)}
    return sorted(linked)


@pytest.mark.parametrize("closed", payload.closed_columns(DATA / "metadata"), ids=".".join)
def test_a_closed_vocabulary_refuses_the_payload(data_copy: Path, closed: tuple[str, str]) -> None:
    name, column = closed
    path = data_copy / str(TAHUN) / f"{name}.csv"
    shipped = paths.rujukan_dir() / str(TAHUN) / f"{name}.csv"
    if not path.is_file() and shipped.is_file():  # a national table: the office's own copy
        shutil.copy2(shipped, path)
    if not path.is_file() or len(path.read_text(encoding="utf-8").splitlines()) < 2:
        pytest.skip(f"{name} has no row in {TAHUN}")
    set_cell(f"{name}.csv", 2, column, payload.PAYLOAD)(data_copy / str(TAHUN))
    with pytest.raises(DataInvalid) as caught:
        load_dataset(TAHUN, data_copy, tables=_compared_with(name))
    problems = caught.value.problems
    # named at the cell, or where a table that refers to the column lost its value
    at_cell = [p for p in problems if p.file.endswith(f"/{name}.csv") and p.column == column]
    referring = [p for p in problems if f"tabel {name} kolom {column}" in p.rule]
    assert at_cell or referring, problems
