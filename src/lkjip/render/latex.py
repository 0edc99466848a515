"""LaTeX for the PDF: escaping, break points in long words, Indonesian hyphenation, table
column widths from the text.

:func:`latex_escape` is the one function through which our code writes data text into
LaTeX (cover, running header, PDF metadata, file names of scanned documents). Text that
goes through MyST (tables, narratives) is escaped by Sphinx's LaTeX writer; the LaTeX
builder also gets break points in long words (:func:`break_long_words`, applied by
:mod:`lkjip.render.sphinx_ext`), so a long URL in a table cell wraps instead of widening
its column until the table no longer fits the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
    # square brackets would end an optional argument (``\\[``, ``\item[``): braced
    "[": "{[}",
    "]": "{]}",
}
#: line breaks and tabs are spaces (a blank line would be a paragraph break, an error
#: inside a command's argument); other control characters are not printable
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def latex_escape(text: object) -> str:
    """Text that LaTeX prints literally: every character with a meaning in LaTeX is
    escaped, control characters (line breaks included) become spaces."""
    plain = _CONTROL.sub(" ", str(text))
    return "".join(_LATEX_SPECIAL.get(char, char) for char in plain)


#: a run of characters without a space longer than this gets break points in the PDF
LONG_WORD = 24
#: longest piece of a long word between two break points
PIECE = 12
#: a long word (a URL, a path) may break after these characters
_BREAK_AFTER = frozenset("/.-_?&=#:;,+@|\\~)]}>")
#: the break point: a zero-width space, a line-break point without hyphen in the PDF
#: (``book/latex/preamble.tex`` makes U+200B ``\hskip0pt``)
ZWSP = "\u200b"
_NON_SPACE = re.compile(r"\S+")


def word_pieces(word: str) -> list[str]:
    """The pieces of one space-free ``word`` between the break points it gets in the PDF.

    A word of at most :data:`LONG_WORD` characters is one piece (TeX hyphenates it as
    usual). A longer one breaks after URL punctuation (:data:`_BREAK_AFTER`), and
    every :data:`PIECE` characters inside a longer run without such punctuation.
    """
    if len(word) <= LONG_WORD:
        return [word]
    parts: list[str] = []
    run = ""
    for char in word:
        run += char
        if char in _BREAK_AFTER or len(run) >= PIECE:
            parts.append(run)
            run = ""
    if run:
        parts.append(run)
    return parts


def break_long_words(text: str) -> str:
    """``text`` with a zero-width space at each break point of its long words
    (:func:`word_pieces`); short words and the spaces are unchanged."""
    if len(text) <= LONG_WORD:
        return text
    return _NON_SPACE.sub(lambda m: ZWSP.join(word_pieces(m.group())), text)


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
    word = {
        c: max((len(p) for t in texts[c] for w in t.split() for p in word_pieces(w)), default=1)
        for c in frame.columns
    }
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


_MISSING = re.compile(
    r"Missing character: There is no (?P<char>.+?) \(U\+(?P<code>[0-9A-Fa-f]{4,6})\)"
    r" in font \[?(?P<font>[^\]/:;!]+)"
)


def missing_characters(log: str) -> dict[str, set[str]]:
    """Characters XeTeX could not typeset, from its log: character -> the font files
    that lack it (``FreeSerif.otf``, ...). XeTeX drops such a character from the PDF.

    The log wraps its lines (79 bytes), so lines are joined before searching; a line
    of the log ends with ``!`` after the font's features.
    """
    found: dict[str, set[str]] = {}
    for match in _MISSING.finditer(log.replace("\n", "")):
        char = chr(int(match["code"], 16))
        found.setdefault(char, set()).add(match["font"].strip())
    return found


def character_name(char: str) -> str:
    """``'😀' (U+1F600)``: a character as a message shows it."""
    return f"'{char}' (U+{ord(char):04X})"


#: lines of table text (in the tables' type) a page holds below a caption: a table with
#: more cannot stay in one piece and is set as a longtable, which breaks across pages
#: (a tabulary taller than the page loses its last rows)
PAGE_LINES = 50
#: a row's rules and padding, in lines
_ROW_GAP = 0.4
#: average width of a character of running text in \small, a fraction of the line
#: (measured on the 2023 tables; :data:`CHAR_SMALL` is wider: it sizes columns)
_CHAR_TEXT = 0.0100
_WIDTH = re.compile(r"\\Y\{([\d.]+)\}")


def column_widths(colspec: str) -> list[float]:
    """The paragraph-column widths (fractions of the line) of a spec from
    :func:`latex_colspec`; empty for a tabulary spec (``L``, ``r``)."""
    return [float(w) for w in _WIDTH.findall(colspec)]


def _filled_lines(paragraph: str, per_line: int) -> int:
    """Lines of ``paragraph`` filled word by word (long words broken as in the PDF)."""
    lines, used = 1, 0
    for word in paragraph.split():
        for piece in word_pieces(word):
            if used and used + 1 + len(piece) > per_line:
                lines, used = lines + 1, 0
            lines += (len(piece) - 1) // per_line  # a word wider than the column
            used += (1 if used else 0) + len(piece)
    return lines


def table_lines(rows: Iterable[Sequence[str]], widths: Sequence[float]) -> float:
    """About how many lines a table of ``rows`` (header included) takes in columns of
    ``widths``: each row as tall as its tallest cell, long words broken as in the PDF."""
    total = 0.0
    for row in rows:
        tallest = 1
        for text, width in zip(row, widths, strict=False):
            per_line = max(1, int(width / _CHAR_TEXT))
            lines = 0
            for paragraph in str(text).replace(ZWSP, "").split("\n"):
                lines += _filled_lines(paragraph, per_line)
            tallest = max(tallest, lines)
        total += tallest + _ROW_GAP
    return total
