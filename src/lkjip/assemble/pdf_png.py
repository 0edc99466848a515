"""The PNGs of the charts, added for the PDF only.

A chapter runs the same way in an HTML-only build and in a full one, so both share
its cache entry (:mod:`lkjip.assemble.cache`): its charts carry the HTML rendering
only (``KernelBuild.png``). The PDF needs a PNG of each chart; this module adds it to
the edition's copy of the staged book, rendered from the spec the chart's HTML holds
(:func:`lkjip.render.charts.spec_from_html`) with the same renderer a chapter would
have used, so the LaTeX sources are the same as if the chapter had made it.

Rendered PNGs are kept by content in ``_build/.cache/<tahun>/pdf/png/<sha>.png``
(the spec, vl-convert's version and the scale): an unchanged chart is not rendered
again. :meth:`ChartPngs.prune` removes the ones no chart of the build used.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import nbformat

from lkjip.render import chart_png, charts

HTML = "text/html"
PNG = "image/png"


class ChartPngs:
    """Adds chart PNGs to notebooks, keeping each rendering in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.rendered = 0

    def add(self, src: Path) -> int:
        """Give every chart output of the notebooks below ``src`` its PNG; returns how
        many outputs were given one. The charts not kept yet are drawn together, in a
        process of their own (:func:`lkjip.render.chart_png.draw`)."""
        charted = []  # (path, notebook, [(mimebundle, key, PNG file name)])
        missing: dict[str, dict] = {}
        for path in sorted(src.rglob("*.ipynb")):
            notebook = nbformat.read(path, as_version=4)
            outputs = []
            for data, target, spec in self._charts(notebook):
                name = _file_name(spec)
                self.used.add(name)
                if not (self.folder / name).is_file():
                    missing[name] = spec
                outputs.append((data, target, name))
            if outputs:
                charted.append((path, notebook, outputs))
        chart_png.draw(missing, self.folder)
        self.rendered += len(missing)
        for path, notebook, outputs in charted:
            for data, target, name in outputs:
                png = (self.folder / name).read_bytes()
                data[target] = base64.b64encode(png).decode("ascii")
            nbformat.write(notebook, path)
        return sum(len(outputs) for _, _, outputs in charted)

    @staticmethod
    def _charts(notebook: nbformat.NotebookNode) -> list[tuple[dict, str, dict]]:
        """Each chart output without a PNG: its mimebundle (plain or glued), the key
        its PNG goes under and its spec."""
        found = []
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                data = output.get("data") or {}
                for key in list(data):
                    if not key.endswith(HTML):
                        continue
                    target = key[: -len(HTML)] + PNG  # a glued output's keys share a prefix
                    text = data[key] if isinstance(data[key], str) else "".join(data[key])
                    spec = charts.spec_from_html(text)
                    if spec is not None and target not in data:
                        found.append((data, target, spec))
                        break
        return found

    def prune(self) -> None:
        """Remove the kept PNGs no chart of this build used."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.png"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)


def _file_name(spec: dict) -> str:
    """The kept PNG of a chart, named by what it is drawn from."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{chart_png.RENDERER}\0{text}".encode()).hexdigest() + ".png"
