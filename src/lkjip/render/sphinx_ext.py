"""Sphinx extension of the book: the ``{halaman}`label``` role.

In the PDF it prints the page number of a labelled calculation
(``\\pageref``), so the Jejak Angka appendix can say where each figure is
computed; in HTML it is a small link to the same place.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole


class halaman(nodes.Inline, nodes.TextElement):
    """A page reference to a label (resolved by the writers)."""


class HalamanRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = halaman(self.rawtext, "", target=self.text.strip().lower())
        return [node], []


def _lookup(translator: Any, node: halaman) -> tuple[str, str] | None:
    std = translator.builder.env.get_domain("std")
    found = std.labels.get(node["target"]) or std.anonlabels.get(node["target"])
    return (found[0], found[1]) if found else None


def visit_latex(translator: Any, node: halaman) -> None:
    found = _lookup(translator, node)
    if found:
        docname, labelid = found
        translator.body.append(rf"\pageref{{\detokenize{{{docname}:{labelid}}}}}")
    raise nodes.SkipNode


def visit_html(translator: Any, node: halaman) -> None:
    found = _lookup(translator, node)
    if found:
        docname, labelid = found
        uri = translator.builder.get_relative_uri(translator.builder.current_docname, docname)
        translator.body.append(f'<a class="lkjip-halaman" href="{uri}#{labelid}">↗</a>')
    raise nodes.SkipNode


def visit_other(translator: Any, node: halaman) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        halaman,
        html=(visit_html, None),
        latex=(visit_latex, None),
        text=(visit_other, None),
        man=(visit_other, None),
        texinfo=(visit_other, None),
    )
    app.add_role("halaman", HalamanRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
