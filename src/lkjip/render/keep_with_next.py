"""LaTeX: the paragraph that announces a table or figure stays on its page.

A table or figure is set in one piece: when it does not fit the rest of the page it
moves to the next, and the paragraph before it ("Pelanggaran pidana keimigrasian yang
ditangani melalui proses projustitia:") stayed behind as the last line of the page. A
``\\nobreak`` between the paragraph and the table makes TeX take the paragraph's last
lines along (its widow and club rules still hold). Only after a paragraph: two tables
in a row, or a table after a heading (which keeps its own text), are left alone, so
that no block taller than a page is ever made.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

#: raw LaTeX that keeps the line before it with what follows
NOBREAK = "\\nobreak\n"
#: what may stand between the paragraph and its table without being text: the table's
#: column spec and type (raw LaTeX), labels
_INVISIBLE = (addnodes.tabular_col_spec, nodes.raw, nodes.target, nodes.comment)
#: wrappers the notebooks' cells put around their output
_WRAPPERS = (nodes.container, nodes.compound)


def _block_before(node: nodes.Element) -> tuple[nodes.Node | None, nodes.Element, int]:
    """The block that comes before ``node`` in reading order (through cell wrappers),
    and where a node keeping it with ``node`` goes (parent, index)."""
    child = node
    parent = child.parent
    while parent is not None:
        index = parent.index(child)
        first = index
        while first > 0 and isinstance(parent[first - 1], _INVISIBLE):
            first -= 1
        if first > 0:
            block = parent[first - 1]
            while isinstance(block, _WRAPPERS) and len(block):
                block = block[-1]
            where = node.parent, node.parent.index(node)
            while where[1] > 0 and isinstance(where[0][where[1] - 1], _INVISIBLE):
                where = where[0], where[1] - 1
            return block, where[0], where[1]
        if not isinstance(parent, _WRAPPERS):
            return None, node.parent, node.parent.index(node)
        child, parent = parent, parent.parent
    return None, node.parent, node.parent.index(node)


def keep_announcing_paragraphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """LaTeX: a ``\\nobreak`` between a paragraph and the table or figure after it."""
    if app.builder.format != "latex":
        return
    for node in list(doctree.findall(lambda n: isinstance(n, nodes.table | nodes.figure))):
        if isinstance(node, nodes.table) and "longtable" in node["classes"]:
            continue  # it breaks across pages: its first rows fit where it starts
        block, parent, index = _block_before(node)
        if isinstance(block, nodes.paragraph):
            parent.insert(index, nodes.raw("", NOBREAK, format="latex"))
