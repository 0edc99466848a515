"""Anchors and MyST links of figures (shared by chapters, narration and the build)."""

from __future__ import annotations

import html
import re
import unicodedata

from docutils.nodes import make_id

from .registry import Figure


def anchor(figure_id: str) -> str:
    """The HTML id (and Sphinx label) of a figure's calculation."""
    return make_id(f"f-{figure_id.replace('+', 'plus')}")


def link_markdown(figure: Figure, text: str | None = None) -> str:
    """MyST text of a figure (or ``text``) linked to the figure's calculation."""
    shown = figure.display if text is None else text
    shown = shown.replace("`", "'").replace("<", "‹").replace(">", "›")
    return f"{{ref}}`{shown} <{anchor(figure.id)}>`"


def escape_md(text: str) -> str:
    """Text that renders literally in MyST (no markup, no roles)."""
    out = html.escape(str(text), quote=False)
    for char in "\\`*_{}[]#|$":
        out = out.replace(char, "\\" + char)
    return out


#: figure ids keep at most this many words of a name (long kegiatan names)
SLUG_WORDS = 5


def slug(text: str) -> str:
    """``"Sarana/ Prasarana"`` -> ``sarana_prasarana`` (the key part of figure ids).

    Long names keep their first :data:`SLUG_WORDS` words; the registry refuses
    duplicate ids, so two names that shorten alike are caught, not merged.
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text.lower()) if w]
    return "_".join(words[:SLUG_WORDS])
