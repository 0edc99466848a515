"""Charts as PNG (for the PDF), drawn by vl-convert in a process of their own.

vl-convert draws with Vega in an embedded V8, which keeps about 120 MB once it has drawn
a chart. A build draws its charts' PNGs while its jupyter-book processes run, so it
draws them in a short-lived subprocess (:func:`draw`, this module's ``__main__``):
that memory is given back as soon as the PNGs are written. The Indonesian number and
date format of every chart (HTML and PNG) is defined here once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import vl_convert as vlc

from lkjip.domain import formatting as fmt
from lkjip.errors import BuildError

#: d3-format locale for Indonesian numbers (comma decimal, dot thousands)
LOCALE_ANGKA = {
    "decimal": fmt.DESIMAL,
    "thousands": fmt.RIBUAN,
    "grouping": [3],
    "currency": ["Rp", ""],
}
LOCALE_WAKTU = {
    "dateTime": "%A, %e %B %Y %X",
    "date": "%d/%m/%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": list(fmt.HARI),
    "shortDays": list(fmt.HARI_SINGKAT),
    "months": list(fmt.BULAN),
    "shortMonths": list(fmt.BULAN_SINGKAT),
}
#: PNG scale for the PDF (at least 150 dpi once a chart is fitted to the text width)
PNG_SCALE = 3

#: what a PNG depends on besides its spec (part of a kept PNG's name)
RENDERER = f"{vlc.__version__}\0{PNG_SCALE}"


def png(chart_spec: dict) -> bytes:
    """The chart as PNG, drawn in this process."""
    return vlc.vegalite_to_png(
        chart_spec, scale=PNG_SCALE, format_locale=LOCALE_ANGKA, time_format_locale=LOCALE_WAKTU
    )


def draw(specs: dict[str, dict], folder: Path) -> None:
    """Draw each chart of ``specs`` (file name -> Vega-Lite spec) as ``folder/<name>``,
    in a subprocess; a chart that cannot be drawn stops the build."""
    if not specs:
        return
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", __name__, str(folder)],
        input=json.dumps(specs),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        why = (result.stderr.strip().splitlines() or [f"kode {result.returncode}"])[-1]
        raise BuildError(f"grafik untuk PDF tidak dapat digambar (vl-convert): {why}")


def _main(folder: Path) -> None:
    for name, chart_spec in json.load(sys.stdin).items():
        try:
            data = png(chart_spec)
        except Exception as exc:  # vl-convert's error, with Vega's message first
            lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
            # the heading and the JavaScript error, not V8's stack
            cause = " ".join(ln for ln in lines[:2] if not ln.startswith("at "))
            sys.exit(f"{chart_spec.get('description') or name}: {cause or type(exc).__name__}")
        tmp = folder / f".{name}-{os.getpid()}"
        tmp.write_bytes(data)
        tmp.replace(folder / name)


if __name__ == "__main__":
    _main(Path(sys.argv[1]))
