"""HTML details of the book's Sphinx extension (registered by :mod:`.sphinx_ext`).

- Scripts once: Sphinx 7.4 keeps an inline script that an extension adds after the
  builder started (sphinx-thebe's ``const THEBE_JS_URL``, sphinx-togglebutton's
  selector) twice, once named ``None`` and once ``''``; the page then declares the
  constant twice, a ``SyntaxError`` in the browser console of every page.
  :func:`unique_scripts` gives each page each script once.
- Identifiers break at their dots: inline code without spaces that is longer than
  :data:`LONG_CODE` characters (a figure id, a data key, a path) gets a ``<wbr>`` after
  each ``.`` and ``/``, and after each ``_`` of a part longer than :data:`LONG_PART`
  (:func:`break_codes_at_dots`), so that a table's id column or a calculation on a
  phone wraps between the id's parts, never inside one and never letter by letter,
  and no page scrolls sideways. Copying the text copies the id unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

#: inline code at most this long stays in one piece
LONG_CODE = 16
#: a part (between dots) longer than this also breaks after its underscores: a phone's
#: line holds about 40 characters of code
LONG_PART = 24

#: the text up to and including each dot or slash
_PARTS = re.compile(r"[^./]*[./]+|[^./]+$")
#: the text up to and including each underscore
_WORDS = re.compile(r"[^_]*_+|[^_]+$")


def pieces(text: str) -> list[str]:
    """``text`` cut after each dot and slash, and a part longer than :data:`LONG_PART`
    also after each underscore."""
    out: list[str] = []
    for part in _PARTS.findall(text):
        out += _WORDS.findall(part) if len(part) > LONG_PART else [part]
    return out


def unique_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Each script of the page once (by name, or by body for an inline one)."""
    seen: set[tuple[str, tuple[tuple[str, Any], ...]]] = set()
    unique = []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        key = (str(getattr(script, "filename", script) or ""), tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def break_codes_at_dots(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """HTML: a ``<wbr>`` between the :func:`pieces` of long inline code without spaces."""
    if app.builder.format != "html":
        return
    for literal in list(doctree.findall(nodes.literal)):
        text = literal.astext()
        if len(text) <= LONG_CODE or any(c.isspace() for c in text):
            continue
        if len(literal.children) != 1 or not isinstance(literal.children[0], nodes.Text):
            continue
        cut = pieces(text)
        if len(cut) < 2:
            continue
        children: list[nodes.Node] = []
        for piece in cut:
            if children:
                children.append(nodes.raw("", "<wbr>", format="html"))
            children.append(nodes.Text(piece))
        literal.children = []
        literal.extend(children)


def setup_html(app: Sphinx) -> None:
    app.connect("doctree-resolved", break_codes_at_dots)
    # after the themes' handlers, which may add scripts of their own
    app.connect("html-page-context", unique_scripts, priority=900)
