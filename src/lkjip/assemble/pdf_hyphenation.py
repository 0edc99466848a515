"""Indonesian hyphenation exceptions for every word of a staged book (both PDFs)."""

from __future__ import annotations

import json
from pathlib import Path

from lkjip.render.latex import HYPHEN_MINS, hyphenation_exceptions, words_in_text


def hyphenation_block(src: Path) -> str:
    """Indonesian hyphenation for every word of the staged book (TeX exceptions)."""
    words: set[str] = set()
    for path in sorted((src / "notebooks").glob("*.ipynb")):
        words |= words_in_text(_notebook_text(path))
    for path in sorted(src.rglob("*.md")):
        words |= words_in_text(path.read_text(encoding="utf-8"))
    return HYPHEN_MINS + "\n" + hyphenation_exceptions(words)


def _notebook_text(path: Path) -> str:
    """The Markdown of a notebook: its Markdown cells and Markdown outputs (no images)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            parts.append("".join(cell.get("source", "")))
        for output in cell.get("outputs", []) or []:
            text = (output.get("data") or {}).get("text/markdown")
            if text:
                parts.append("".join(text) if isinstance(text, list) else str(text))
    return "\n".join(parts)
