"""LaTeX for the PDF: escaping, break points in long words, Indonesian hyphenation, the
characters the fonts lack.

:func:`latex_escape` is the one function through which our code writes data text into
LaTeX (cover, running header, PDF metadata, the title and author of ``latex_documents``,
file names of scanned documents). Text that goes through MyST (tables, narratives) is
escaped by Sphinx's LaTeX writer; the LaTeX builder also gets break points in long words
(:func:`break_long_words`, applied by :mod:`lkjip.render.sphinx_ext`), so a long URL in a
table cell wraps instead of widening its column until the table no longer fits the page. A
number (an amount, an id number) is never broken (:func:`is_number`). The columns of
tables are sized in :mod:`lkjip.render.columns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    # the fonts' TeX ligatures would print these curly (' ` ") or as guillemets (<< >>);
    # Sphinx's own escape writes them so too
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    '"': r"\textquotedbl{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
#: ``--`` and ``---`` would print as dashes and ``,,`` as a low quote: kept apart by ``{}``
_LIGATURE = re.compile(r"([-,])(?=\1)")
#: line breaks and tabs are spaces (a blank line would be a paragraph break, an error
#: inside a command's argument); other control characters are not printable
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def latex_escape(text: object) -> str:
    """Text that LaTeX prints literally: every character with a meaning in LaTeX is
    escaped, no two characters make a ligature (``--``, ``''``, ``<<``), and control
    characters (line breaks included) become spaces."""
    plain = _CONTROL.sub(" ", str(text))
    return _LIGATURE.sub(r"\1{}", "".join(_LATEX_SPECIAL.get(char, char) for char in plain))


#: a run of characters without a space longer than this gets break points in the PDF
LONG_WORD = 24

#: an anchor of a report number that LaTeX can carry in a control sequence's name (the
#: working paper's figure index looks its page up by it: ``\\lkjiphalaman``)
PAGE_TARGET = re.compile(r"[a-z0-9][a-z0-9._-]*")
#: longest piece of a long word between two break points
PIECE = 12
#: a long word (a URL, a path) may break after these characters
BREAK_AFTER = frozenset("/.-_?&=#:;,+@|\\~)]}>")
#: the break point: a zero-width space, a line-break point without hyphen in the PDF
#: (``book/latex/preamble.tex`` makes U+200B ``\hskip0pt``)
ZWSP = "\u200b"
_NON_SPACE = re.compile(r"\S+")
#: a number as the book prints it, with what may cling to it: ``Rp18.414.319.748``,
#: ``(Rp.33.775.450.000,-).``, ``-3,00%``, ``1.008``, an id number ``198712171991031002``
_NUMBER = re.compile(r"[(\[]*[-+\u2212]?(?:Rp\.?)?[-+\u2212]?\d[\d.,]*(?:,-)?%?[)\]]*[.,;:]*")


def is_number(word: str) -> bool:
    """``word`` (no spaces) is a number: an amount or an id, never broken across lines."""
    return _NUMBER.fullmatch(word) is not None


def word_pieces(word: str) -> list[str]:
    """The pieces of one space-free ``word`` between the break points it gets in the PDF.

    A word of at most :data:`LONG_WORD` characters is one piece (TeX hyphenates it as
    usual), and so is a number of any length (:func:`is_number`). A longer word breaks
    after URL punctuation (:data:`BREAK_AFTER`), and every :data:`PIECE` characters
    inside a longer run without such punctuation.
    """
    if len(word) <= LONG_WORD or is_number(word):
        return [word]
    parts: list[str] = []
    run = ""
    for char in word:
        run += char
        if char in BREAK_AFTER or len(run) >= PIECE:
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
