"""LaTeX for the PDF: escaping, and table column widths sized from the rendered text."""

from __future__ import annotations

import re

import pandas as pd

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}


def latex_escape(text: str) -> str:
    """Text that LaTeX prints literally."""
    return "".join(_LATEX_SPECIAL.get(char, char) for char in str(text))


#: tables with at least this many columns get a smaller type in the PDF
WIDE_COLUMNS = 10


#: Sphinx typesets tables with more than this many rows (header included) as longtable
LONGTABLE_ROWS = 30


_REF_TEXT = re.compile(r"\{(?:ref|angka)\}`(.*?) <[^>]*>`")
_SUMBER = re.compile(r"\{sumber\}`[^`]*/([^/`]*):([^`]*)`")


_HALAMAN = re.compile(r"\{halaman\}`[^`]*`")


def _plain(value: object) -> str:
    """Cell text as printed (roles resolved roughly) for sizing PDF columns."""
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    text = _HALAMAN.sub("000", _REF_TEXT.sub(r"\1", text))
    text = _SUMBER.sub(r"\1 baris \2", text)
    return text.replace("**", "").replace("`", "").replace("\u200b", " ")


#: width of one character as a fraction of the line width, in \small (10 pt) and
#: \footnotesize (9 pt, the smallest type of the report's tables)
CHAR_SMALL = 0.011


CHAR_SCRIPT = 0.0098


def _column_needs(frame: pd.DataFrame) -> tuple[dict, dict]:
    """Per column: (longest text, longest unbreakable word) in characters."""
    texts = {c: [_plain(c)] + [_plain(v) for v in frame[c]] for c in frame.columns}
    longest = {c: max(len(t) for t in texts[c]) for c in frame.columns}
    word = {c: max((len(w) for t in texts[c] for w in t.split()), default=1) for c in frame.columns}
    return longest, word


def needs_small_type(frame: pd.DataFrame) -> bool:
    """A long table whose longest words do not fit the page in small type."""
    _, word = _column_needs(frame)
    if len(frame) + 1 <= LONGTABLE_ROWS:  # tabulary shrinks columns, but not below a word
        return len(frame.columns) >= 5 and max(word.values()) > 20
    free = 0.97 - 0.015 * len(frame.columns)
    return sum(w * CHAR_SMALL + 0.015 for w in word.values()) > free


def latex_colspec(frame: pd.DataFrame, right: set[str], char: float = CHAR_SMALL) -> str:
    """Column spec for the PDF: numbers keep their natural width, text columns wrap.

    Short tables of short texts use tabulary (``L`` wrapping text, ``r``
    numbers). Long tables (longtable knows no ``L``) and tables with long texts
    get paragraph columns: each at least as wide as its longest unbreakable
    word, the rest shared by content length.
    """
    columns = list(frame.columns)
    longest, word = _column_needs(frame)
    if len(frame) + 1 <= LONGTABLE_ROWS and max(longest.values()) <= 80:
        return "".join("r" if c in right else "L" for c in columns)
    free = 0.97 - 0.015 * len(columns)
    minimum = {c: word[c] * char + 0.015 for c in columns}
    scale = min(1.0, free / sum(minimum.values()))
    minimum = {c: m * scale for c, m in minimum.items()}
    extra = max(0.0, free - sum(minimum.values()))
    weights = {c: 0 if c in right else min(max(longest[c], 8), 60) for c in columns}
    total = sum(weights.values()) or 1
    parts = []
    for c in columns:
        width = minimum[c] + extra * weights[c] / total
        align = r">{\raggedleft\arraybackslash}" if c in right else ""
        parts.append(rf"{align}\Y{{{width:.3f}}}")
    return "".join(parts)

