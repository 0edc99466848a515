"""The organisation chart (layout, connectors, Altair spec) and the unit descriptions."""

from __future__ import annotations

import pandas as pd
import pytest
import vl_convert as vlc

from lkjip.data.dataset import Dataset
from lkjip.errors import InvalidOrgChart
from lkjip.render import org_chart as bagan
from lkjip.render.charts import spec


def _units(rows: list[tuple[str, str | None]]) -> pd.DataFrame:
    """Units from (kode, atasan) pairs, displayed in the given order."""
    return pd.DataFrame(
        {
            "kode_unit": [k for k, _ in rows],
            "nama_unit": [f"Unit {k.upper()}" for k, _ in rows],
            "atasan": [a for _, a in rows],
            "urutan": list(range(1, len(rows) + 1)),
        }
    )


def test_layout_of_the_real_office(ds2023: Dataset) -> None:
    units = ds2023.table("unit_organisasi")
    letak = bagan.tata_letak(units)
    assert len(letak) == len(units)
    head = letak[letak["tingkat"] == 0]
    assert len(head) == 1 and pd.isna(head["atasan"].iloc[0])
    children = letak[letak["tingkat"] == 1]
    # children in display order on consecutive slots, the head centred above them
    expected = units[units["atasan"].notna()].sort_values("urutan")["kode_unit"].to_list()
    assert children["kode_unit"].to_list() == expected
    assert children["x"].to_list() == [float(i) for i in range(len(expected))]
    assert head["x"].iloc[0] == (children["x"].min() + children["x"].max()) / 2


def test_layout_of_a_deeper_tree_centres_each_parent() -> None:
    units = _units([("a", None), ("b", "a"), ("c", "a"), ("d", "b"), ("e", "b"), ("f", "c")])
    letak = bagan.tata_letak(units).set_index("kode_unit")
    assert letak.loc[["d", "e", "f"], "x"].to_list() == [0.0, 1.0, 2.0]
    assert letak.loc["b", "x"] == 0.5
    assert letak.loc["c", "x"] == 2.0
    assert letak.loc["a", "x"] == 1.25
    assert letak["tingkat"].to_dict() == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2}


def test_display_order_follows_urutan_not_row_order() -> None:
    units = _units([("a", None), ("b", "a"), ("c", "a")])
    units["urutan"] = [1, 3, 2]
    letak = bagan.tata_letak(units.iloc[::-1])
    assert letak["kode_unit"].to_list() == ["a", "c", "b"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("a", None), ("b", None)], "tepat satu"),
        ([("a", "b"), ("b", "a")], "tepat satu"),
        ([("a", None), ("b", "x")], "tidak dikenal"),
        ([("a", None), ("b", "c"), ("c", "b")], "tidak terhubung"),
        ([("a", None), ("a", "a")], "tidak unik"),
    ],
)
def test_layout_rejects_what_is_not_one_tree(rows, message) -> None:
    with pytest.raises(InvalidOrgChart, match=message):
        bagan.tata_letak(_units(rows))


def test_connectors_are_right_angled_and_reach_every_child() -> None:
    units = _units([("a", None), ("b", "a"), ("c", "a"), ("d", "b")])
    letak = bagan.tata_letak(units)
    lines = bagan.penghubung(letak, tinggi_kotak=0.6)
    assert ((lines["x"] == lines["x2"]) | (lines["y"] == lines["y2"])).all()
    for child in letak.dropna(subset=["atasan"]).itertuples():
        top = child.tingkat - 0.3
        assert ((lines["x2"] == child.x) & (lines["y2"].round(9) == round(top, 9))).any()
    # a only child hangs straight below its parent: no horizontal bar for b -> d
    assert len(lines) == (1 + 1 + 2) + (1 + 1)


def test_wrap_keeps_words_whole() -> None:
    assert bagan.bungkus("Seksi Teknologi dan Komunikasi Keimigrasian", 22).split("\n") == [
        "Seksi Teknologi dan",
        "Komunikasi",
        "Keimigrasian",
    ]
    assert bagan.bungkus("Pendek", 22) == "Pendek"


def test_chart_holds_every_unit_and_renders(ds2023: Dataset) -> None:
    units = ds2023.table("unit_organisasi")
    chart = bagan.bagan_organisasi(units, lebar_kotak=150)
    chart_spec = spec(chart)
    assert len(chart_spec["layer"]) == 3
    marks = [layer["mark"]["type"] for layer in chart_spec["layer"]]
    assert marks == ["rule", "rect", "text"]
    text_data = " ".join(
        str(v) for values in chart_spec["datasets"].values() for row in values for v in row.values()
    )
    for name in units["nama_unit"]:
        for word in name.split():
            assert word in text_data
    assert chart_spec["width"] == 5 * 150
    svg = vlc.vegalite_to_svg(chart_spec)
    assert svg.startswith("<svg") and "Keimigrasian" in svg


def test_chart_data_table(ds2023: Dataset) -> None:
    table = bagan.data_bagan(ds2023.table("unit_organisasi"))
    assert list(table.columns) == ["Unit", "Atasan langsung"]
    assert table["Atasan langsung"].iloc[0] == "—"
    head = table["Unit"].iloc[0]
    assert (table["Atasan langsung"].iloc[1:] == head).all()


def test_unit_descriptions(ds2023: Dataset) -> None:
    units = ds2023.table("unit_organisasi")
    fungsi = ds2023.table("fungsi_unit")
    text = bagan.uraian_unit(units, fungsi)
    head = units[units["atasan"].isna()]["nama_unit"].iloc[0]
    assert head not in text  # the head has neither tugas nor fungsi
    assert text.startswith("**1. Sub Bagian Tata Usaha**")
    assert "**5. Seksi Intelijen dan Penindakan Keimigrasian**" in text
    assert text.count("*Tugas*:") == 5
    # every fungsi, numbered within its unit, with markup characters escaped
    assert "8. Pelaksanaan pemulangan orang asing" in text
    assert "\\[erizinan" in text
    for unit in units.dropna(subset=["atasan"]).itertuples():
        assert unit.nama_unit in text


def test_unit_descriptions_without_fungsi_rows() -> None:
    units = _units([("a", None), ("b", "a")]).assign(tugas=[None, "Tugas *b*"])
    fungsi = pd.DataFrame({"kode_unit": [], "no": [], "uraian": []})
    text = bagan.uraian_unit(units, fungsi)
    assert text == "**1. Unit B**\n\n*Tugas*: Tugas \\*b\\*"
