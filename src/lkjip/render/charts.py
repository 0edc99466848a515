"""Charts: Altair specs rendered offline.

HTML gets a ``<div>`` and a ``vegaEmbed`` call that uses the local Vega
bundle (``_static/vega-bundle.js``, written by the build from vl-convert);
the PDF gets a PNG rendered by vl-convert (:mod:`lkjip.render.chart_png`,
which also holds the Indonesian number format). Both live in one output's
mimebundle; myst-nb picks per builder. Colours are defined here once.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

from lkjip.render.chart_png import LOCALE_ANGKA, LOCALE_WAKTU, png
from lkjip.render.chart_text import alt_otomatis
from lkjip.render.script import script_json

#: the book's colours (one per role, used by every chart)
WARNA = {
    "utama": "#1f4e79",  # realisasi, the satker
    "kedua": "#c9a227",  # target, comparison
    "ketiga": "#7f9db9",  # previous years, secondary series
    "netral": "#9e9e9e",
    "positif": "#2e7d32",
    "negatif": "#c62828",
}
PALET = ["#1f4e79", "#c9a227", "#7f9db9", "#2e7d32", "#8e5572", "#e07a5f", "#3d405b", "#81b29a"]

BUNDLE_NAME = "vega-bundle.js"


def tema() -> dict:
    """Vega-Lite config shared by every chart."""
    return {
        "font": "Liberation Sans, Arial, sans-serif",
        "range": {"category": PALET},
        "axis": {"labelFontSize": 11, "titleFontSize": 12, "grid": True, "gridOpacity": 0.4},
        "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom"},
        "view": {"stroke": None},
        "bar": {"color": WARNA["utama"]},
        "line": {"color": WARNA["utama"]},
        "point": {"color": WARNA["utama"]},
    }


def spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec with the book's theme."""
    out = chart.to_dict()
    config = out.setdefault("config", {})
    for key, value in tema().items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}  # e.g. Altair's default view size
        else:
            config.setdefault(key, value)
    return out


def html_embed(chart_spec: dict, key: str, alt: str = "") -> str:
    """A div and the script that renders it with the locally bundled vegaEmbed.

    ``alt`` (one sentence) is the div's accessible name; Vega also puts the spec's
    ``description`` on the SVG it draws.
    """
    div_id = "vis-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
    options = {
        "actions": False,
        "renderer": "svg",
        "formatLocale": LOCALE_ANGKA,
        "timeFormatLocale": LOCALE_WAKTU,
    }
    payload = script_json(chart_spec)
    opt = script_json(options, sort_keys=False, ensure_ascii=True)
    return (
        f'<div id="{div_id}" class="lkjip-chart" role="img" '
        f'aria-label="{html.escape(alt, quote=True)}"></div>\n'
        "<script>(function(){"
        f"var spec={payload};var opt={opt};"
        "function go(){if(window.vegaEmbed){window.vegaEmbed("
        f"'#{div_id}',spec,opt).catch(function(e){{console.error(e);}});}}"
        "else{setTimeout(go,50);}}"
        "if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',go);}"
        "else{go();}})();</script>"
    )


#: what :func:`html_embed` writes just before the chart's spec
_SPEC_START = "<script>(function(){var spec="


def spec_from_html(text: str) -> dict | None:
    """The spec :func:`html_embed` wrote into ``text``, or None when it holds no chart
    (the PDF step renders the PNG from it, :mod:`lkjip.assemble.pdf_png`)."""
    start = text.find(_SPEC_START)
    if start < 0:
        return None
    spec, _ = json.JSONDecoder().raw_decode(text, start + len(_SPEC_START))
    return spec if isinstance(spec, dict) else None


class Grafik:
    """A chart displayed as HTML (interactive, offline) and PNG (for the PDF).

    ``alt``: the Indonesian sentence that stands for the chart (default: the spec's
    ``description``, else one written from its data by :func:`chart_text.alt_otomatis`).
    """

    def __init__(
        self,
        chart: alt.TopLevelMixin,
        key: str,
        data: pd.DataFrame | None = None,
        alt: str | None = None,
        judul: str = "",
        png: bool = True,
    ):
        #: whether the bundle holds the PNG only the PDF uses (a build's chapters: no, the
        #: PDF step adds it; :class:`lkjip.chapters.kernel.protocol.KernelBuild`)
        self.png = png
        self.spec = spec(chart)
        self.key = key
        self.data = data
        self.alt = alt or self.spec.get("description") or alt_otomatis(self.spec, judul or key)
        self.spec["description"] = self.alt

    def bundle(self) -> dict:
        """The HTML and PNG renderings (computed once; raises if the chart cannot be drawn)."""
        if not hasattr(self, "_bundle"):
            self._bundle = {
                "text/html": html_embed(self.spec, self.key, self.alt),
                "text/plain": f"<grafik {self.key}>",
            }
            if self.png:  # not in a build's chapter: its PDF step adds the PNG
                self._bundle["image/png"] = base64.b64encode(png(self.spec)).decode("ascii")
        return self._bundle

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return self.bundle()

    def simpan_png(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.key}.png"
        path.write_bytes(png(self.spec))
        return path


def write_bundle(static_dir: Path, cache_dir: Path | None = None) -> Path:
    """Write vl-convert's Vega/Vega-Lite/vega-embed bundle, wrapped so it leaks no globals
    except the three it assigns to ``window``. ``cache_dir`` keeps it per vl-convert
    version (making it takes over a second)."""
    static_dir.mkdir(parents=True, exist_ok=True)
    path = static_dir / BUNDLE_NAME
    kept = cache_dir / f"vega-bundle-{vlc.__version__}.js" if cache_dir else None
    if kept is not None and kept.is_file():
        shutil.copyfile(kept, path)
        return path
    path.write_text("(function(){\n" + vlc.javascript_bundle() + "\n})();\n", encoding="utf-8")
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, kept)
    return path


# --- chart builders used by the chapters ------------------------------------------


def format_angka(places: int = 0) -> str:
    return f",.{places}f"


def batang(
    data: pd.DataFrame,
    x: str,
    y: str,
    *,
    judul_x: str,
    judul_y: str,
    warna: str | None = None,
    places: int = 0,
    horizontal: bool = False,
    urutan: list[str] | None = None,
    label: bool = True,
    rentang: tuple[float, float] | None = None,
) -> alt.Chart:
    """A simple bar chart with value labels.

    ``rentang``: the value axis (an index scale's floor and ceiling, so bars start at
    the floor); default from zero.
    """
    value_axis = alt.Axis(format=format_angka(places), title=judul_y)
    scale = alt.Scale(domain=list(rentang)) if rentang else alt.Undefined
    sort = urutan if urutan is not None else None
    if horizontal:
        enc = {
            "y": alt.Y(f"{x}:N", title=judul_x, sort=sort),
            "x": alt.X(f"{y}:Q", axis=value_axis, scale=scale),
        }
        if rentang:  # bars start at the scale's floor
            enc["x2"] = alt.datum(rentang[0])
    else:
        enc = {
            "x": alt.X(f"{x}:N", title=judul_x, sort=sort, axis=alt.Axis(labelAngle=0)),
            "y": alt.Y(f"{y}:Q", axis=value_axis, scale=scale),
        }
        if rentang:
            enc["y2"] = alt.datum(rentang[0])
    bars = (
        alt.Chart(data)
        .mark_bar(color=warna or WARNA["utama"])
        .encode(
            **enc,
            tooltip=[
                alt.Tooltip(f"{x}:N", title=judul_x),
                alt.Tooltip(f"{y}:Q", title=judul_y, format=format_angka(places)),
            ],
        )
    )
    if not label:
        return bars
    text_enc = {k: v for k, v in enc.items() if k not in ("x2", "y2")}
    text_enc["text"] = alt.Text(f"{y}:Q", format=format_angka(places))
    text = (
        alt.Chart(data)
        .mark_text(
            align="left" if horizontal else "center",
            baseline="middle" if horizontal else "bottom",
            dx=3 if horizontal else 0,
            dy=0 if horizontal else -3,
            fontSize=11,
        )
        .encode(**text_enc)
    )
    return bars + text


def batang_kelompok(
    data: pd.DataFrame,
    x: str,
    y: str,
    kelompok: str,
    *,
    judul_x: str,
    judul_y: str,
    places: int = 0,
    warna: dict[str, str] | None = None,
    urutan: list[str] | None = None,
    rentang: tuple[float, float] | None = None,
) -> alt.Chart:
    """Grouped bars (e.g. pagu vs realisasi per year); ``rentang`` as in :func:`batang`."""
    scale = alt.Scale(domain=list(rentang)) if rentang else alt.Undefined
    domain = list(warna) if warna else None
    colour = alt.Color(
        f"{kelompok}:N",
        title=None,
        scale=alt.Scale(domain=domain, range=list(warna.values())) if warna else alt.Undefined,
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", title=judul_x, sort=urutan, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset(f"{kelompok}:N", sort=domain),
            y=alt.Y(
                f"{y}:Q", title=judul_y, scale=scale, axis=alt.Axis(format=format_angka(places))
            ),
            y2=alt.datum(rentang[0]) if rentang else alt.Undefined,  # the scale's floor
            color=colour,
            tooltip=[
                alt.Tooltip(f"{x}:N", title=judul_x),
                alt.Tooltip(f"{kelompok}:N"),
                alt.Tooltip(f"{y}:Q", title=judul_y, format=format_angka(places)),
            ],
        )
    )


def garis(
    data: pd.DataFrame,
    x: str,
    y: str,
    *,
    judul_x: str,
    judul_y: str,
    places: int = 2,
    seri: str | None = None,
    domain_y: tuple[float, float] | None = None,
    urutan_x: list | None = None,
    tipe_x: str = "O",
) -> alt.Chart:
    """A line chart with points (monthly or yearly series)."""
    scale = alt.Scale(domain=list(domain_y)) if domain_y else alt.Scale(zero=False)
    enc = {
        "x": alt.X(f"{x}:{tipe_x}", title=judul_x, sort=urutan_x, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y(
            f"{y}:Q", title=judul_y, scale=scale, axis=alt.Axis(format=format_angka(places))
        ),
        "tooltip": [
            alt.Tooltip(f"{x}:{tipe_x}", title=judul_x),
            alt.Tooltip(f"{y}:Q", title=judul_y, format=format_angka(places)),
        ],
    }
    if seri:
        enc["color"] = alt.Color(f"{seri}:N", title=None)
        enc["tooltip"].append(alt.Tooltip(f"{seri}:N"))
    return alt.Chart(data).mark_line(point=True).encode(**enc)
