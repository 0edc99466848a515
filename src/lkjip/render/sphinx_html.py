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
  and no page scrolls sideways. Only the page's HTML changes (the search index keeps
  each id whole); copying the text copies the id unchanged.
"""

from __future__ import annotations

import html
import re
from typing import Any

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


#: inline code of one word as Sphinx writes it (the text HTML-escaped)
_CODE = re.compile(
    r'(<code class="docutils literal notranslate">)<span class="pre">([^<\s]+)</span>'
)


def _cut(match: re.Match[str]) -> str:
    opening, text = match.groups()
    cut = pieces(text)  # an escaped character (&amp;, &lt;) has no dot, slash or underscore
    if len(html.unescape(text)) <= LONG_CODE or len(cut) < 2:
        return match.group(0)
    return opening + "<wbr>".join(f'<span class="pre">{piece}</span>' for piece in cut)


def break_codes_at_dots(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A ``<wbr>`` between the :func:`pieces` of long inline code without spaces, in the
    page's HTML (not in the document: the search index keeps the ids whole)."""
    body = context.get("body")
    if isinstance(body, str):
        context["body"] = _CODE.sub(_cut, body)


def setup_html(app: Sphinx) -> None:
    app.connect("html-page-context", break_codes_at_dots)
    # after the themes' handlers, which may add scripts of their own
    app.connect("html-page-context", unique_scripts, priority=900)
