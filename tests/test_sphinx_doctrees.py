"""Pages Sphinx read in this run are taken from memory (``lkjip.render.sphinx_doctrees``):
the LaTeX written is byte for byte Sphinx's own, in a first and in an incremental run,
and a page read in the run is not unpickled again for the numbering or the LaTeX. A
small Sphinx project, built in this process."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.builders import latex as latex_builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.util.nodes import inline_all_toctrees as sphinx_inline

from lkjip.render import sphinx_doctrees

from .helpers import sphinx_app

pytestmark = pytest.mark.integration

CONF = """
numfig = True
extensions = ["doctrees_ext"]
lkjip_nomor_bab = {}
latex_documents = [("index", "buku.tex", "Buku", "Kantor", "manual")]
"""

EXT = """
from lkjip.render.sphinx_doctrees import setup_doctrees
from lkjip.render.sphinx_numbering import setup_numbering

def setup(app):
    app.add_config_value("lkjip_nomor_bab", {}, "env")
    setup_numbering(app)
    setup_doctrees()
    return {"parallel_read_safe": True}
"""


def _page(title: str, label: str, other: str) -> str:
    underline = "=" * len(title)
    return (
        f"{title}\n{underline}\n\n.. _{label}:\n\n.. table:: Tabel {title}\n\n"
        "   ==  ==\n   a   b\n   ==  ==\n\n"
        f"Lihat :ref:`{other}`.\n\nBagian\n------\n\nIsi {title}.\n"
    )


def _project(root: Path) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(
        "Buku\n====\n\n.. toctree::\n   :numbered:\n\n   bab1\n   bab2\n   bab3\n",
        encoding="utf-8",
    )
    for number, other in ((1, 3), (2, 1), (3, 2)):
        (src / f"bab{number}.rst").write_text(
            _page(f"Bab {number}", f"t-{number}", f"t-{other}"), encoding="utf-8"
        )
    return src


def _latex(root: Path, src: Path, *, ours: bool) -> tuple[bytes, list[str]]:
    """The .tex of a LaTeX run on ``src`` (with :mod:`sphinx_doctrees` or Sphinx's own
    inlining), and the pages unpickled during it."""
    unpickled: list[str] = []
    get_doctree = BuildEnvironment.get_doctree

    def counting(env: BuildEnvironment, docname: str):
        unpickled.append(docname)
        return get_doctree(env, docname)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BuildEnvironment, "get_doctree", counting)
        app = sphinx_app(root, src, "latex")
        if not ours:  # the extension's setup put ours in: Sphinx's own for this run
            patch.setattr(latex_builder, "inline_all_toctrees", sphinx_inline)
        expected = sphinx_doctrees.inline_all_toctrees if ours else sphinx_inline
        assert latex_builder.inline_all_toctrees is expected
        app.build()
    return (root / "out" / "buku.tex").read_bytes(), unpickled


def test_latex_from_pages_in_memory_is_sphinx_latex(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # both extensions patch Sphinx's classes and modules: put them back after the test
    monkeypatch.setattr(
        TocTreeCollector, "assign_figure_numbers", TocTreeCollector.assign_figure_numbers
    )
    monkeypatch.setattr(latex_builder, "inline_all_toctrees", latex_builder.inline_all_toctrees)
    assert latex_builder.inline_all_toctrees is sphinx_inline
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "doctrees_ext.py").write_text(EXT, encoding="utf-8")
    sources = {name: _project(tmp_path / name) for name in ("sphinx", "ours")}

    # a first run: Sphinx unpickles every page; ours none of the pages it read
    sphinx_tex, sphinx_read = _latex(tmp_path / "sphinx", sources["sphinx"], ours=False)
    ours_tex, ours_read = _latex(tmp_path / "ours", sources["ours"], ours=True)
    assert b"Bab 3" in ours_tex and b"Tabel Bab 2" in ours_tex
    assert ours_tex == sphinx_tex
    assert {"bab1", "bab2", "bab3"} <= set(sphinx_read)
    assert {"bab1", "bab2", "bab3"}.isdisjoint(ours_read)

    # an incremental run after one page changed: that page from memory, the others
    # unpickled, and the same LaTeX as Sphinx's
    for src in sources.values():
        page = src / "bab2.rst"
        page.write_text(page.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    sphinx_tex, _ = _latex(tmp_path / "sphinx", sources["sphinx"], ours=False)
    ours_tex, ours_read = _latex(tmp_path / "ours", sources["ours"], ours=True)
    assert b"Tambahan." in ours_tex
    assert ours_tex == sphinx_tex
    assert "bab2" not in ours_read and {"bab1", "bab3"} <= set(ours_read)
