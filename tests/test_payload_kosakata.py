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
from lkjip.errors import DataInvalid

from . import payload
from .helpers import DATA, TAHUN, set_cell

pytestmark = pytest.mark.integration


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
        load_dataset(TAHUN, data_copy)
    assert caught.value.problems, closed
