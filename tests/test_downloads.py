"""The book's CSV downloads are data, never formulas (issue 25).

A cell a spreadsheet would run (``=cmd|' /C calc'!A0``) is served with ``'`` in front,
in every data table's download and every chart's data; negative numbers stay numbers;
a file without such text is served byte for byte; the pages state the rule; validate
names such text in a free-text column as a warning.
"""

from __future__ import annotations

import base64
import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from lkjip.assemble import editions
from lkjip.cli import main
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.render import chart_text

from .helpers import TAHUN, set_cell

DDE = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("text", "served"),
    [
        (DDE, "'" + DDE),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("\t=1+1", "'\t=1+1"),
        ("-1,61", "-1,61"),  # a negative number as printed
        ("-3,00%", "-3,00%"),
        ("-529", "-529"),
        ("-12.5", "-12.5"),
        ("-", "-"),  # one character cannot be a formula (the data's "none")
        ("Kantor = rumah", "Kantor = rumah"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_prefixed(text: str, served: str) -> None:
    frame = pd.DataFrame({"Unsur": [text], "Nilai": ["3,99"]})
    raw = chart_text.csv_teks(frame)
    rows = list(csv.reader(raw.lstrip("\ufeff").splitlines(), delimiter=";"))
    assert rows[1] == [served, "3,99"]


def test_a_chart_download_is_disarmed_and_says_so() -> None:
    data = pd.DataFrame({DDE: ["Intelijen", DDE], "Selisih": ["-1,61", "-0,40"]})
    text = chart_text.data_grafik_markdown("uji", data, "Data: uji", ["Selisih"])
    payload = re.search(r"base64,([^\"]+)\"", text).group(1)
    rows = list(
        csv.reader(base64.b64decode(payload).decode("utf-8")[1:].splitlines(), delimiter=";")
    )
    assert rows == [["'" + DDE, "Selisih"], ["Intelijen", "-1,61"], ["'" + DDE, "-0,40"]]
    assert 'title="Data, bukan rumus: sel teks yang diawali =, +, -, @' in text


def _page_csv(data: Path, ds: Dataset, tmp_path: Path, table: str) -> bytes:
    src = tmp_path / "src"
    editions.write_data_pages(src, ds, data.parent)
    return (src / editions.DATA_INDEX / f"{table}.csv").read_bytes()


def test_a_data_table_download_is_disarmed_line_for_line(data_copy: Path, tmp_path: Path) -> None:
    year = data_copy / str(TAHUN)
    original = (year / "dasar_hukum.csv").read_bytes()
    set_cell("dasar_hukum.csv", 3, "tentang", DDE)(year)
    ds = load_dataset(TAHUN, data_copy)
    served = _page_csv(data_copy, ds, tmp_path, "dasar_hukum").decode("utf-8")
    lines = served.splitlines()
    assert next(csv.reader([lines[2]]))[-1] == "'" + DDE  # still on line 3 (page row 3)
    assert lines[1] == original.decode("utf-8").splitlines()[1]  # other lines unchanged
    assert len(lines) == len(original.decode("utf-8").splitlines())
    index = (tmp_path / "src" / f"{editions.DATA_INDEX}.md").read_text(encoding="utf-8")
    assert "Unduhan CSV (tabel data dan data grafik) adalah data: sel teks yang diawali" in index


def test_a_download_without_formulas_is_the_file_itself(
    ds2023: Dataset, tmp_path: Path, data_copy: Path
) -> None:
    """The real data has cells that are just "-": served byte for byte, like every file."""
    for table in ("aspek_strategis", "renstra_restrukturisasi", "tpi"):
        served = _page_csv(data_copy, ds2023, tmp_path, table)
        assert served == ds2023.paths[table].read_bytes(), table


def test_validate_warns_of_formula_text_in_free_text(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_cell("dasar_hukum.csv", 3, "tentang", DDE)(data_copy / str(TAHUN))
    assert main(["validate", "--tahun", str(TAHUN)]) == 0
    out = capsys.readouterr().out
    assert "Peringatan: 2." in out
    assert (
        "data/2023/dasar_hukum.csv, baris 3, kolom 'tentang', nilai '=cmd|' /C calc'!A0': "
        "teks diawali =, +, - atau @ dibaca program spreadsheet sebagai rumus" in out
    )
