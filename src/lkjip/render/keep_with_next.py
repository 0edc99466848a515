"""LaTeX: the paragraph that announces a table or figure stays on its page.

A table or figure is set in one piece: when it does not fit the rest of the page it
moves to the next, and the paragraph before it ("Pelanggaran pidana keimigrasian yang
ditangani melalui proses projustitia:") stayed behind as the last line of the page. A
``\\nobreak`` between the paragraph and the table makes TeX take the paragraph's last
lines along (its widow and club rules still hold). Only after a paragraph: two tables
in a row, or a table after a heading (which keeps its own text), are left alone, so
that no block taller than a page is ever made.

A figure (a chart) the paragraph before it announces ("Bagan berikut ...:") stays in
place the same way. Any other figure, one the text refers to by its number ("Gambar 2.1
menggambarkan ..."), floats (:data:`FLOAT`, ``\\lkjipfloatnext`` of the preamble): here
if it fits, else at the top of the next page while the text after it fills this one;
never before its place in the text, never past the next heading (``\\FloatBarrier``).

A run-in lead that stands alone ("**Faktor pendukung keberhasilan.**", then a list) is a
heading in all but name: it needs room for a few lines of what it leads
(:data:`LEAD`, as the preamble's headings do), else it starts the next page.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

#: raw LaTeX that keeps the line before it with what follows
NOBREAK = "\\nobreak\n"
#: raw LaTeX that lets the next figure float (``book/latex/preamble.tex``)
FLOAT = "\\lkjipfloatnext\n"
#: raw LaTeX before a lead paragraph: room for it and the first lines it leads, or a new page
LEAD = "\\Needspace{6\\baselineskip}\n"
#: the end of a paragraph that announces what follows it
_ANNOUNCES = re.compile(r"(:|\bberikut\b[^.]*\.?|\bdi bawah ini\b[^.]*\.?)\s*$", re.IGNORECASE)
#: what may stand between the paragraph and its table without being text: the table's
#: column spec and type (raw LaTeX), labels
_INVISIBLE = (addnodes.tabular_col_spec, nodes.raw, nodes.target, nodes.comment)
#: wrappers the notebooks' cells put around their output
_WRAPPERS = (nodes.container, nodes.compound)


def _invisible(node: nodes.Node) -> bool:
    """Nothing a reader sees: a spec, raw LaTeX, a label, or a wrapper holding only such
    (a notebook cell whose input is hidden and which has no output)."""
    if isinstance(node, _INVISIBLE):
        return True
    return isinstance(node, _WRAPPERS) and all(
        isinstance(n, _INVISIBLE + _WRAPPERS) for n in node.findall(nodes.Element)
    )


def _block_before(node: nodes.Element) -> tuple[nodes.Node | None, nodes.Element, int]:
    """The block that comes before ``node`` in reading order (through cell wrappers),
    and where a node keeping it with ``node`` goes (parent, index)."""
    child = node
    parent = child.parent
    while parent is not None:
        index = parent.index(child)
        first = index
        while first > 0 and _invisible(parent[first - 1]):
            first -= 1
        if first > 0:
            block = parent[first - 1]
            while isinstance(block, _WRAPPERS) and len(block):
                block = block[-1]
            where = node.parent, node.parent.index(node)
            while where[1] > 0 and _invisible(where[0][where[1] - 1]):
                where = where[0], where[1] - 1
            return block, where[0], where[1]
        if not isinstance(parent, _WRAPPERS):
            return None, node.parent, node.parent.index(node)
        child, parent = parent, parent.parent
    return None, node.parent, node.parent.index(node)


def announces(paragraph: nodes.Node | None) -> bool:
    """Whether ``paragraph`` announces what follows it (it ends with a colon, or its
    last sentence says "berikut" or "di bawah ini")."""
    return isinstance(paragraph, nodes.paragraph) and bool(_ANNOUNCES.search(paragraph.astext()))


def is_lead(paragraph: nodes.Node) -> bool:
    """Whether ``paragraph`` is a run-in lead standing alone in the running text (not in
    a table, list or box): one bold sentence (the notebooks' Markdown leaves empty text
    nodes around it)."""
    if not isinstance(paragraph, nodes.paragraph):
        return False
    parent = paragraph.parent
    while isinstance(parent, _WRAPPERS):
        parent = parent.parent
    if not isinstance(parent, nodes.section | nodes.document):
        return False
    shown = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    return (
        len(shown) == 1
        and isinstance(shown[0], nodes.strong)
        # a lead-in sentence ("Faktor pendukung keberhasilan."), not a bold name under a
        # signature ("Agung Pramono"), which stays with what is above it
        and paragraph.astext().rstrip().endswith((".", ":"))
    )


def keep_announcing_paragraphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """LaTeX: a ``\\nobreak`` between a paragraph and the table after it, or the figure
    it announces; any other figure floats; a lead standing alone keeps room for what it
    leads."""
    if app.builder.format != "latex":
        return
    for lead in list(doctree.findall(is_lead)):
        lead.parent.insert(lead.parent.index(lead), nodes.raw("", LEAD, format="latex"))
    for node in list(doctree.findall(lambda n: isinstance(n, nodes.table | nodes.figure))):
        if isinstance(node, nodes.table) and "longtable" in node["classes"]:
            continue  # it breaks across pages: its first rows fit where it starts
        block, parent, index = _block_before(node)
        if isinstance(node, nodes.figure) and not announces(block):
            parent.insert(index, nodes.raw("", FLOAT, format="latex"))
        elif isinstance(block, nodes.paragraph):
            parent.insert(index, nodes.raw("", NOBREAK, format="latex"))
