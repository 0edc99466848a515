"""The book's table and figure numbering (``lkjip.render.sphinx_numbering``) gives what
Sphinx's own numbering gives, made per chapter, and an incremental run walks only the
documents Sphinx re-read. A small Sphinx project, built in this process."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment.collectors.toctree import TocTreeCollector

from lkjip.render import sphinx_numbering

from .helpers import sphinx_app

pytestmark = pytest.mark.integration

CONF = """
numfig = True
extensions = ["numbering_ext"]
lkjip_nomor_bab = {"bab3": "3"}
"""

EXT = """
from lkjip.render.sphinx_numbering import setup_numbering

def setup(app):
    app.add_config_value("lkjip_nomor_bab", {}, "env")
    setup_numbering(app)
    return {"parallel_read_safe": True}
"""


def _table(label: str, caption: str) -> str:
    return f".. _{label}:\n\n.. table:: {caption}\n\n   ==  ==\n   a   b\n   ==  ==\n\n"


def _figure(label: str, caption: str) -> str:
    return f".. _{label}:\n\n.. figure:: x.png\n\n   {caption}\n\n"


def _project(root: Path) -> Path:
    src = root / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "numbering_ext.py").write_text(EXT, encoding="utf-8")
    (src / "x.png").write_bytes(b"")
    (src / "index.rst").write_text(
        "Buku\n====\n\n.. toctree::\n   :numbered:\n\n   bab1\n   bab3\n\nSesudah\n-------\n\n"
        + _table("t-akhir", "Tabel sesudah daftar isi"),
        encoding="utf-8",
    )
    (src / "bab1.rst").write_text(
        "Bab I\n=====\n\n" + _table("t-a", "Tabel A") + "Bagian\n------\n\n"
        "   tanpa judul\n\n" + _table("t-b", "Tabel B") + _figure("g-a", "Gambar A"),
        encoding="utf-8",
    )
    (src / "bab3.rst").write_text(
        "Bab III\n=======\n\n" + _figure("g-c", "Gambar C") + _table("t-c", "Tabel C"),
        encoding="utf-8",
    )
    return src


def _build(root: Path, src: Path) -> Sphinx:
    app = sphinx_app(root, src, "html")
    app.build()
    return app


def _raw_numbers(app: Sphinx) -> tuple[dict, dict]:
    """The numbers before they are made per chapter: (:func:`sphinx_numbering.assign`'s,
    from the kept steps; Sphinx's own numbering's, walking every page) on the same
    environment, which is left as it was."""
    env = app.env
    kept = env.toc_fignumbers
    try:
        sphinx_numbering.assign(env)
        ours = env.toc_fignumbers
        sphinx_numbering.SPHINX_ASSIGN(TocTreeCollector(), env)
        return ours, env.toc_fignumbers
    finally:
        env.toc_fignumbers = kept


def _by_label(app: Sphinx) -> dict[str, tuple]:
    """Each label's number (Sphinx keys the numbers by the node's first id)."""
    numbers = {}
    for label, (doc, target, _title) in app.env.domains["std"].labels.items():
        if not label.startswith(("t-", "g-")):  # Sphinx's own pages
            continue
        tree = app.env.get_doctree(doc)
        node = next(n for n in tree.findall(nodes.Element) if target in n["ids"])
        for by_id in app.env.toc_fignumbers.get(doc, {}).values():
            if node["ids"][0] in by_id:
                numbers[label] = by_id[node["ids"][0]]
    return numbers


def test_numbers_are_sphinx_numbers_per_chapter_and_only_reread_pages_are_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sphinx's class is patched by the extension: put it back after the test
    monkeypatch.setattr(
        TocTreeCollector, "assign_figure_numbers", TocTreeCollector.assign_figure_numbers
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    src = _project(tmp_path)
    walked: list[str] = []
    walk = sphinx_numbering._walk

    def counting(env, element):  # the documents whose doctree is walked
        if element.tagname == "document":
            walked.append(env.path2doc(element["source"]))
        return walk(env, element)

    monkeypatch.setattr(sphinx_numbering, "_walk", counting)

    app = _build(tmp_path, src)
    assert _by_label(app) == {
        "t-akhir": (1,),
        "t-a": (1,),
        "t-b": (2,),
        "g-a": (1,),
        "g-c": ("3", 1),
        "t-c": ("3", 1),
    }
    ours, sphinx = _raw_numbers(app)
    assert ours == sphinx and ours["bab1"]["table"] == {"id1": (1, 1), "id2": (1, 2)}
    assert sorted(walked) == ["bab1", "bab3", "index"]

    # a table before the others in BAB I: only BAB I is read and walked again
    walked.clear()
    text = (src / "bab1.rst").read_text(encoding="utf-8")
    head, rest = text.split("\n\n", 1)
    (src / "bab1.rst").write_text(f"{head}\n\n{_table('t-0', 'Tabel Nol')}{rest}", "utf-8")
    app = _build(tmp_path, src)
    assert walked == ["bab1"]
    numbers = _by_label(app)
    assert [numbers[t] for t in ("t-0", "t-a", "t-b", "g-a", "t-c")] == [
        (1,),
        (2,),
        (3,),
        (1,),
        ("3", 1),
    ]
    ours, sphinx = _raw_numbers(app)
    assert ours == sphinx
    page = (tmp_path / "out" / "bab1.html").read_text(encoding="utf-8")
    assert "Table 3" in page  # the page shows its new number (Sphinx's English default)
