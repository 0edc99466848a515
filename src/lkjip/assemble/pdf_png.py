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
import os
from pathlib import Path

import nbformat
import vl_convert as vlc

from lkjip.render import charts

HTML = "text/html"
PNG = "image/png"


class ChartPngs:
    """Adds chart PNGs to notebooks, keeping each rendering in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.rendered = 0

    def _png(self, spec: dict) -> str:
        """The chart's PNG, base64 (as a chapter's output carries it)."""
        text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
        name = hashlib.sha256(f"{vlc.__version__}\0{charts.PNG_SCALE}\0{text}".encode()).hexdigest()
        path = self.folder / f"{name}.png"
        self.used.add(path.name)
        try:
            data = path.read_bytes()
        except OSError:
            data = charts.png(spec)
            self.rendered += 1
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{name}-{os.getpid()}")
            tmp.write_bytes(data)
            tmp.replace(path)
        return base64.b64encode(data).decode("ascii")

    def add(self, src: Path) -> int:
        """Give every chart output of the notebooks below ``src`` its PNG; returns how
        many outputs were given one."""
        added = 0
        for path in sorted(src.rglob("*.ipynb")):
            notebook = nbformat.read(path, as_version=4)
            count = 0
            for cell in notebook.cells:
                for output in cell.get("outputs", []):
                    count += self._output(output.get("data") or {})
            if count:
                nbformat.write(notebook, path)
                added += count
        return added

    def _output(self, data: dict) -> int:
        """Add the PNG to one output's mimebundle (plain or glued); 1 when added."""
        for key in list(data):
            if not key.endswith(HTML):
                continue
            target = key[: -len(HTML)] + PNG  # a glued output's keys share a prefix
            text = data[key] if isinstance(data[key], str) else "".join(data[key])
            spec = charts.spec_from_html(text)
            if spec is not None and target not in data:
                data[target] = self._png(spec)
                return 1
        return 0

    def prune(self) -> None:
        """Remove the kept PNGs no chart of this build used."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.png"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)
