"""Traces never lie: every source a figure cites holds its value, or a correction explains it."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lkjip import paths
from lkjip.audit.ledger import rows
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry


def _cells(source: str) -> tuple[str, list[str]]:
    """(file name, cells) of a cited ``file:line``; line 1 is the header."""
    file, line = source.rsplit(":", 1)
    path = paths.source_file(file)
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    number = int(line)
    assert 2 <= number <= len(lines), f"{source}: line outside the file"
    return Path(file).stem, lines[number - 1]


def _same(value: str, cell: str) -> bool:
    if value == cell.strip():
        return True
    try:
        return Decimal(value) == Decimal(cell)
    except (InvalidOperation, ValueError):
        return False


def _koreksi(source: str) -> dict[str, str]:
    file, line = source.rsplit(":", 1)
    with paths.source_file(file).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))[int(line) - 2]


def test_every_cited_row_holds_the_value_or_its_correction_does(reg2023: Registry) -> None:
    problems = []
    for row in rows(reg2023):
        sources = row["sources"].split()
        corrections = [_koreksi(s) for s in sources if Path(s.rsplit(":", 1)[0]).stem == "koreksi"]
        for source in sources:
            table, cells = _cells(source)  # every cited line exists
            if table in ("koreksi", "nihil") or row["formula"] != "data":
                continue
            if len([s for s in sources if not s.split(":")[0].endswith("koreksi.csv")]) != 1:
                continue  # a data figure over several rows (a list, a text)
            if any(_same(row["value"], c) for c in cells):
                continue
            explained = [
                k
                for k in corrections
                if _same(row["value"], k["nilai_koreksi"])
                and any(_same(k["nilai_dipublikasikan"], c) for c in cells)
            ]
            if not explained:
                problems.append(f"{row['id']} = {row['value']}: {source} holds {cells}")
    assert not problems, "\n".join(problems[:20])


def test_the_corrected_budget_figures_cite_the_correction_and_the_raw_row(
    reg2023: Registry, ds2023: Dataset
) -> None:
    program = reg2023["anggaran.kegiatan.dukungan_manajemen_dan_teknis_lainnya.realisasi"]
    assert program.value == 15909535354  # published total minus the other program
    assert set(program.sources) == {"data/2023/realisasi_program.csv:3", "data/2023/koreksi.csv:2"}
    assert "tercetak 15845110354" in program.catatan
    previous = reg2023["anggaran.realisasi.t-1"]
    assert previous.value == 18414319748
    assert set(previous.sources) == {"data/2023/realisasi_tahunan.csv:3", "data/2023/koreksi.csv:3"}
    total = reg2023["anggaran.realisasi"]
    assert "karena konstruksi" in total.catatan
    assert "koreksi.csv:2" in total.catatan
    # an uncorrected cell of the corrected row is cited without a note
    assert reg2023["anggaran.kegiatan.dukungan_manajemen_dan_teknis_lainnya.pagu"].catatan == ""
