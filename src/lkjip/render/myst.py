"""Anchors and MyST links of figures (shared by chapters, narration and the build)."""

from __future__ import annotations

import html

from docutils.nodes import make_id

from lkjip.figures.registry import Figure


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
