"""Honest charts: index axes from the scale's floor, reference lines at the printed value,
"below" sentences that agree with the chart, no chart of equal values, small multiples,
Indonesian alt text and the chart data as CSV (the 2023 data, no book build)."""

from __future__ import annotations

import base64
import io
import re

import altair as alt
import pandas as pd
import pytest

from lkjip.chapters import narasi
from lkjip.chapters.bab3_akuntabilitas import kinerja, lainnya
from lkjip.chapters.kernel.context import Bab
from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import round_index
from lkjip.domain.teks import slug
from lkjip.figures.registry import Registry
from lkjip.render import chart_text
from lkjip.render.charts import Grafik, spec


@pytest.fixture(scope="module")
def ctx(ds2023: Dataset, reg2023: Registry) -> Bab:
    return Bab(chapter="bab3_akuntabilitas", ds=ds2023, reg=reg2023)


def _units(node: dict):
    if "mark" in node:
        yield node
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []):
            yield from _units(child)
    if isinstance(node.get("spec"), dict):
        yield from _units(node["spec"])


def _value_channels(chart: alt.TopLevelMixin) -> list[dict]:
    """The quantitative index channels of a chart's views (not respondent counts)."""
    out = []
    for unit in _units(spec(chart)):
        for name in ("x", "y"):
            channel = unit.get("encoding", {}).get(name, {})
            if channel.get("type") == "quantitative" and "Responden" not in channel.get(
                "field", ""
            ):
                out.append((unit, name, channel))
    return out


@pytest.mark.parametrize(
    "build",
    [
        lambda c: kinerja.grafik_bulanan(c, "skm_bulanan", "nilai_skm", "Nilai SKM"),
        lambda c: kinerja.grafik_bulanan(c, "iio_responden", "nilai_integritas", "Nilai IIO"),
        lambda c: kinerja.grafik_unsur_bulanan(c, "skm_unsur_bulanan", "unsur", "unsur_skm"),
        lambda c: kinerja.grafik_per_unsur(c, "ikm.unsur", "unsur_skm", "unsur", "ikm"),
        lambda c: kinerja.grafik_tren(c, "ikm"),
        lambda c: kinerja.grafik_tren(c, "ipk"),
        lambda c: kinerja.grafik_tren(c, "iki"),
        kinerja.grafik_ipk,
    ],
)
def test_index_axes_run_over_the_scale_from_its_floor(ctx: Bab, build) -> None:
    chart, _ = build(ctx)
    channels = _value_channels(chart)
    assert channels
    for unit, name, channel in channels:
        assert channel["scale"]["domain"] == [1.0, 4.0]  # the 1–4 scale of the metadata
        if unit["mark"] == "bar" or unit["mark"].get("type") == "bar":
            assert unit["encoding"][f"{name}2"] == {"datum": 1.0}  # bars start at the floor


def test_the_scale_comes_from_the_metadata(ctx: Bab) -> None:
    assert ctx.ds.specs["ipk_unsur"].column("nilai").min == 1
    assert ctx.ds.specs["ipk_unsur"].column("nilai").max == 4


def test_reference_line_is_the_printed_value_and_bars_are_compared_as_printed(
    ctx: Bab, reg2023: Registry
) -> None:
    chart, shown = kinerja.grafik_per_unsur(ctx, "ikm.unsur", "unsur_skm", "unsur", "ikm")
    out = spec(chart)
    rules = [u for u in _units(out) if u["mark"] == "rule" or u["mark"].get("type") == "rule"]
    assert len(rules) == 1
    rule_data = out["datasets"][rules[0]["data"]["name"]]
    assert [fmt.indeks(r["Rujukan"]) for r in rule_data] == [reg2023.d("ikm.realisasi")]
    assert rule_data[0]["Rujukan"] == 3.99  # not the unrounded 3,987…
    data = next(d for d in out["datasets"].values() if d and "Keterangan" in d[0])  # the bars
    below = [r["Unsur"] for r in data if r["Keterangan"].startswith("Di bawah")]
    assert below == ["Sarana/ Prasarana", "Respon"]
    assert all(r["Nilai"] == float(round_index(r["Nilai"])) for r in data)
    assert list(shown["Nilai"])[-1] == "3,99"


def test_below_sentences_agree_with_the_rounded_values(ctx: Bab, reg2023: Registry) -> None:
    iki = float(reg2023.v("iki.realisasi"))
    below = [
        name
        for name in ctx.ds.table("variabel_iio").sort_values("urutan")["variabel"]
        if float(round_index(reg2023.v(f"iki.variabel.{slug(name)}"))) < iki
    ]
    assert below == []  # 2023: every variable prints 3,99, like the IKI
    texts = narasi.fragments(reg2023)
    assert texts["narasi.iki.di_bawah_rerata"].startswith("Tidak ada variabel yang nilainya")
    assert "3,99" in texts["narasi.iki.di_bawah_rerata"]
    ikm = texts["narasi.ikm.di_bawah_rerata"]
    assert ikm.startswith("Unsur yang nilainya") and "Sarana/ Prasarana, Respon" in ikm
    ipk = texts["narasi.ipk.di_bawah_rerata"]
    assert "Pengaduan, Pencegahan" in ipk and "TAK, Pengaduan" in ipk
    for text in texts.values():
        assert ": -." not in text and "adalah -" not in text


def test_ipk_below_is_compared_at_the_printed_precision(reg2023: Registry) -> None:
    # internal 3,816 prints 3,82: TAK (3,80) and Pengaduan (3,69) are below, Penyidikan
    # (3,82) is not
    assert reg2023.d("ipk.internal") == "3,82"
    assert reg2023["ipk.internal.unsur_di_bawah_rerata"].value == "TAK, Pengaduan"


def test_equal_values_give_a_sentence_and_no_chart(ctx: Bab, reg2023: Registry) -> None:
    chart, data = lainnya.grafik_tarja(ctx)
    assert isinstance(chart, str)
    assert set(ctx.ds.table("tarja")["nilai"]) == {100}
    assert chart.startswith("Seluruh 3 TARJA (nomor 37, 38 dan 39) memperoleh nilai 100")
    assert len(data) == 12
    sentence, _ = kinerja.grafik_per_unsur(ctx, "iki.variabel", "variabel_iio", "variabel", "iki")
    assert isinstance(sentence, str)
    assert sentence.startswith("Seluruh 22 variabel bernilai 3,99")
    assert chart_text.semua_sama([100.0, 100.0]) and not chart_text.semua_sama([1.0, 2.0])
    assert not chart_text.semua_sama([])


def test_monthly_unsur_chart_is_small_multiples(ctx: Bab) -> None:
    chart, shown = kinerja.grafik_unsur_bulanan(ctx, "skm_unsur_bulanan", "unsur", "unsur_skm")
    out = spec(chart)
    assert out["facet"]["field"] == "Unsur"
    assert out["columns"] == 4
    assert "color" not in out["spec"]["encoding"]  # one line per panel, no colour legend
    assert len(shown) == 8


def test_alt_text_is_indonesian_and_names_the_extremes(ctx: Bab) -> None:
    chart, _ = kinerja.grafik_per_unsur(ctx, "ikm.unsur", "unsur_skm", "unsur", "ikm")
    figure = Grafik(chart, "bab3-skm-per-unsur")
    assert figure.alt.startswith("Nilai tahunan 8 unsur pada skala 1–4 dengan garis nilai IKM 3,99")
    assert "tertinggi 3,99 pada 6 unsur" in figure.alt
    assert "terendah Sarana/ Prasarana, Respon (3,98)" in figure.alt
    chart, _ = kinerja.grafik_tren(ctx, "iki")
    figure = Grafik(chart, "bab3-iki-tren")
    assert "tertinggi 2022, 2023 (3,99), terendah 2021 (3,96)" in figure.alt
    assert figure.spec["description"] == figure.alt


def test_alt_text_is_the_accessible_name_in_html(ctx: Bab) -> None:
    from lkjip.render.charts import html_embed

    chart, _ = kinerja.grafik_ipk(ctx)
    figure = Grafik(chart, "bab3-ipk-unsur")
    html = html_embed(figure.spec, figure.key, figure.alt)
    assert 'role="img"' in html
    assert 'aria-label="Nilai unsur IPK pihak internal dan eksternal pada skala 1–4' in html
    assert "terendah Pencegahan (eksternal) (3,43)" in html


def test_automatic_alt_text_for_other_charts() -> None:
    data = pd.DataFrame({"Tahun": ["2022", "2023"], "Nilai": [5.0, 7.5]})
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(x="Tahun:N", y=alt.Y("Nilai:Q", axis=alt.Axis(format=",.1f")))
    )
    figure = Grafik(chart, "uji", judul="nilai per tahun")
    assert figure.alt == "Grafik nilai per tahun: tertinggi 2023 (7,5), terendah 2022 (5,0)."


def test_data_dropdown_is_unnumbered_with_a_csv_that_decodes_to_the_chart_data(ctx: Bab) -> None:
    _, shown = kinerja.grafik_bulanan(ctx, "skm_bulanan", "nilai_skm", "Nilai SKM")
    text = chart_text.data_grafik_markdown(
        "bab3-skm-bulanan", shown, "Data: Nilai SKM dan responden per bulan", ["Nilai SKM"]
    )
    assert "{table}" not in text and ":name:" not in text  # takes no table number
    assert "**Data: Nilai SKM dan responden per bulan**" in text
    assert text.startswith(":::::{only} html")
    match = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)" download="([^"]+)"', text)
    assert match and match.group(2) == "bab3-skm-bulanan.csv"
    raw = base64.b64decode(match.group(1)).decode("utf-8")
    assert raw.startswith("\ufeff")
    back = pd.read_csv(io.StringIO(raw[1:]), sep=";", dtype=str)
    pd.testing.assert_frame_equal(back, shown.astype(str))
    assert back.loc[back["Bulan"] == "Agu", "Nilai SKM"].item() == "3,93"
