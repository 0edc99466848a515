import csv
import json
from pathlib import Path

import pytest

from lkjip.cli import main
from lkjip.errors import DuplicateFigure
from lkjip.figures.registry import Registry

from .helpers import PUBLISHED

REQUIRED_COLUMNS = {"id", "value", "display", "formula", "sources"}


def test_ledger_command_writes_every_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reg2023: Registry
) -> None:
    out = tmp_path / "ledger.csv"
    out_json = tmp_path / "ledger.json"
    assert main(["ledger", "--tahun", "2023", "--out", str(out), "--json", str(out_json)]) == 0
    assert f"{len(reg2023)} angka" in capsys.readouterr().out
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert REQUIRED_COLUMNS <= set(rows[0])
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows) == len(reg2023)
    for figure_id, published in PUBLISHED:
        assert by_id[figure_id]["display"] == published
    assert by_id["ikm.capaian"]["value"] == "122.77"
    assert by_id["ikm.capaian"]["formula"] == "realisasi / target × 100%"
    assert by_id["ikm.target"]["sources"].startswith("data/2023/pk_indikator.csv:")
    assert [row["id"] for row in rows] == sorted(by_id)  # deterministic order
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["tahun"] == 2023
    assert len(data["figures"]) == len(rows)


def test_every_data_figure_has_a_source_and_every_computed_one_has_inputs(
    reg2023: Registry,
) -> None:
    for figure in reg2023:
        if figure.formula == "data":
            assert figure.sources, figure.id
        else:
            assert figure.inputs or figure.sources, figure.id
            assert figure.substituted, figure.id


def test_registry_rejects_duplicates_and_unknown_inputs() -> None:
    reg = Registry(tahun=2000, default_bab="bab3_akuntabilitas")
    reg.add("a", 1, "jumlah", "A")
    with pytest.raises(DuplicateFigure):
        reg.add("a", 2, "jumlah", "A lagi")
    with pytest.raises(KeyError):
        reg.add("b", 2, "jumlah", "B", formula="a + x", substituted="1 + ?", inputs=("x",))
    with pytest.raises(ValueError):
        reg.add("c", 2, "meter", "C")


def test_every_figure_has_its_own_anchor(reg2023: Registry) -> None:
    from lkjip.render.myst import anchor

    anchors = [anchor(f.id) for f in reg2023]
    assert len(set(anchors)) == len(anchors)
    assert anchor("pk.anggaran.awal.jumlah.t+1") != anchor("pk.anggaran.awal.jumlah.t-1")
