"""LaTeX for the PDF: escaping, Indonesian hyphenation, table column widths from the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from lkjip.domain.hyphenation import syllables, tex_hyphenation

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


#: Hyphenation minima for the Indonesian text (Sphinx's polyglossia, ``bahasai``). With a
#: right minimum of 3 no line starts with a two-letter tail such as ``-an`` or ``-ku``
#: (``menempat-kan`` stays possible, ``menempatk-an`` or ``kebijak-an`` do not). A plain
#: ``\righthyphenmin=3`` in the preamble is undone by polyglossia, which sets its own
#: minima (2, 2 for Malay/Indonesian) whenever it selects the language; this command
#: changes those stored minima.
HYPHEN_MINS = r"\setlanghyphenmins{bahasai}{2}{3}"

#: shortest word listed in the hyphenation exceptions
EXCEPTION_MIN_LETTERS = 5

_EXCEPTION_LINE = 100
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_MARKUP = [
    re.compile(r"^(`{3,}|~{3,})[^{\n]*\n.*?^\1\s*$", re.S | re.M),  # code blocks
    re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,}).*$", re.M),  # directive fences
    re.compile(r"^\s*:[\w-]+:.*$", re.M),  # directive options
    re.compile(r"^\s*\([^)]*\)=\s*$|^\s*%.*$", re.M),  # labels, comments
    re.compile(r"\{[\w:.-]+\}`[^`]*`"),  # roles
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\{\{.*?\}\}|<[^>\n]*>|\$[^$\n]*\$|\]\([^)]*\)|https?://\S+"),
]
_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")


def words_in_text(text: str) -> set[str]:
    """Letters-only words of MyST/Markdown prose (code, roles, targets and markup left out)."""
    for pattern in _MARKUP:
        text = pattern.sub(" ", text)
    return set(_WORD.findall(text))


def hyphenation_exceptions(words: Iterable[str]) -> str:
    r"""A preamble block listing Indonesian hyphenation points for ``words``.

    Each distinct ASCII word of at least :data:`EXCEPTION_MIN_LETTERS` letters
    and more than one syllable, lower-cased (TeX matches exceptions case-
    insensitively), with its safe breaks
    (:func:`lkjip.domain.hyphenation.safe_breaks`); a word with no safe break
    is listed whole, so TeX does not break it at all. The block sets them for
    the ``indonesian`` patterns polyglossia uses for ``bahasai``: a bare
    ``\hyphenation`` in the preamble would go to language 0, because
    polyglossia selects the main language only at ``\begin{document}``.
    Empty when no word qualifies.
    """
    plain = {w.lower() for w in words if _ASCII_WORD.fullmatch(w)}
    chosen = sorted(w for w in plain if len(w) >= EXCEPTION_MIN_LETTERS and len(syllables(w)) > 1)
    if not chosen:
        return ""
    lines, line = [], ""
    for entry in map(tex_hyphenation, chosen):
        if line and len(line) + 1 + len(entry) > _EXCEPTION_LINE:
            lines.append(line)
            line = entry
        else:
            line = f"{line} {entry}" if line else entry
    lines.append(line)
    return "\n".join(
        [
            "% Indonesian hyphenation points (lkjip.domain.hyphenation)",
            r"\makeatletter",
            r"\begingroup\ifdefined\l@indonesian\language=\l@indonesian\relax\fi",
            r"\hyphenation{%",
            *lines,
            "}",
            r"\endgroup",
            r"\makeatother",
        ]
    )


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


#: a header letter (sans-serif) is about this much wider than a body letter
HEADER_WIDTH = 1.2


def _column_needs(frame: pd.DataFrame) -> tuple[dict, dict]:
    """Per column: (longest text, longest unbreakable word) in characters."""
    texts = {c: [_plain(c)] + [_plain(v) for v in frame[c]] for c in frame.columns}
    longest = {c: max(len(t) for t in texts[c]) for c in frame.columns}
    word = {c: max((len(w) for t in texts[c] for w in t.split()), default=1) for c in frame.columns}
    # header words are set in the sans-serif face, wider than the body's: never split them
    for c in frame.columns:
        header = max((len(w) for w in _plain(c).split()), default=1)
        word[c] = max(word[c], round(header * HEADER_WIDTH + 1))
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
        align = (
            r">{\raggedleft\arraybackslash}" if c in right else r">{\raggedright\arraybackslash}"
        )
        parts.append(rf"{align}\Y{{{width:.3f}}}")
    return "".join(parts)
