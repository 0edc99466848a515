"""PDF tables: their type size, their column widths from the text, their height.

No column is narrower than the widest piece of text it holds that TeX cannot break (an
amount, an id number, a header word), measured with the fonts' advance widths
(:func:`column_minimums`); a table whose amounts do not fit the page in 10 pt is set in
9 or 8 pt (:func:`table_type`); a word wider than its column that is not a number breaks
after its punctuation (:func:`break_wide_words`, applied by :mod:`lkjip.render.sphinx_ext`).
A table with paragraph columns taller than a page is a longtable (:func:`table_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lkjip.render.font_widths import text_em
from lkjip.render.latex import BREAK_AFTER, LONG_WORD, ZWSP, is_number, word_pieces

if TYPE_CHECKING:  # the Sphinx extension sizes strings and never loads pandas
    import pandas as pd

_NON_SPACE = re.compile(r"\S+")

#: tables with at least this many columns get a smaller type in the PDF
WIDE_COLUMNS = 10

#: Sphinx typesets tables with more than this many rows (header included) as longtable
LONGTABLE_ROWS = 30

_REF_TEXT = re.compile(r"\{(?:ref|angka)\}`(.*?) <[^>]*>`")
_SUMBER = re.compile(r"\{sumber\}`[^`]*/([^/`]*):([^`]*)`")

_HALAMAN = re.compile(r"\{halaman\}`[^`]*`")


def _missing(value: object) -> bool:
    """A frame's empty cell (None, NaN, NA, NaT); pandas is loaded only for a cell that
    is no text, which the Sphinx extension never has."""
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _plain(value: object) -> str:
    """Cell text as printed (roles resolved roughly) for sizing PDF columns."""
    text = value if isinstance(value, str) else "" if _missing(value) else str(value)
    text = _HALAMAN.sub("000", _REF_TEXT.sub(r"\1", text))
    text = _SUMBER.sub(r"\1 baris \2", text)
    return text.replace("**", "").replace("`", "").replace("\u200b", " ")


#: width of one character as a fraction of the line width, in \small (10 pt) and
#: \footnotesize (9 pt, the smallest type of the report's tables)
CHAR_SMALL = 0.011

CHAR_SCRIPT = 0.0098

#: a header letter (bold) is at most this much wider than a body letter
HEADER_WIDTH = 1.2


def _column_needs(frame: pd.DataFrame) -> tuple[dict, dict]:
    """Per column: (longest text, longest unbreakable word) in characters."""
    texts = {c: [_plain(c)] + [_plain(v) for v in frame[c]] for c in frame.columns}
    longest = {c: max(len(t) for t in texts[c]) for c in frame.columns}
    word = {
        c: max((len(p) for t in texts[c] for w in t.split() for p in word_pieces(w)), default=1)
        for c in frame.columns
    }
    # header words are set in bold, wider than the body's: never split them
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


# --- what a column must hold: the widest piece of text TeX cannot break ---------------

#: side margins of the PDF's A4 page (``lkjip.assemble.pdf`` sets them)
MARGIN_CM = 2.5
#: the PDF's text width in TeX points (A4 is 21 cm wide; 1 in = 2.54 cm = 72.27 pt)
TEXT_WIDTH_PT = (21.0 - 2 * MARGIN_CM) / 2.54 * 72.27
#: a word of letters longer than this may be hyphenated in a table that fits no other way
HYPHENATED = 8
#: the widest a table is set, a fraction of the text width
TABLE_WIDTH = 0.97
#: a cell's text may run this far (pt) into its padding unnoticed (as TeX's \\hfuzz);
#: a column made wider for its text gets this much more, so that the three decimals of
#: its width in the spec never cut it
FUZZ_PT = 0.3


@dataclass(frozen=True)
class TableType:
    """The type of a PDF table: its size command (in the book's 11 pt class), its size in
    points, the space left and right of each cell's text, and the share of the line one
    character gets when the columns are shared out by the length of their texts."""

    command: str
    size: float
    tabcolsep: float
    char: float


#: 10 pt, the tables' usual type
SMALL = TableType(r"\small", 10.0, 6.0, CHAR_SMALL)
#: 9 pt with narrower cell padding, for wide tables (:data:`WIDE_COLUMNS`, long words)
FOOTNOTE = TableType(r"\footnotesize", 9.0, 3.0, CHAR_SCRIPT)
#: 8 pt, for a table whose numbers do not fit the page even in 9 pt
SCRIPT = TableType(r"\scriptsize", 8.0, 3.0, 0.0087)
#: from the largest to the smallest
TABLE_TYPES = (SMALL, FOOTNOTE, SCRIPT)
#: amount columns wider than this (of the text width) in 10 pt crowd the texts: 9 pt
AMOUNT_SHARE = 0.42

#: header cells: the body's family in bold (``\sphinxstyletheadfamily`` in the preamble)
HEADER_FACE = "bold"


def narrow_pieces(word: str) -> list[str]:
    """The narrowest pieces a space-free ``word`` is set in, in a table column too narrow
    for it whole (:func:`break_wide_words` puts the break points there).

    A number (:func:`is_number`) is never broken. A word with punctuation breaks after it
    where a letter or digit follows (``pk_`` ``penandatangan``, ``data/`` ``2023/``
    ``koreksi.`` ``csv:`` ``2``); a word of letters only is one piece (TeX may hyphenate
    it, but a column is not made to rely on that). A word longer than :data:`LONG_WORD`
    has its pieces from :func:`word_pieces`, each of them broken further this way.
    """
    if is_number(word):
        return [word]
    if len(word) > LONG_WORD:
        pieces = word_pieces(word)
        if pieces != [word]:  # each piece is shorter: the recursion ends
            return [p for piece in pieces for p in narrow_pieces(piece)]
    parts: list[str] = []
    run = ""
    for char, after in zip(word, word[1:] + " ", strict=True):
        run += char
        if char in BREAK_AFTER and after.isalnum():
            parts.append(run)
            run = ""
    if run:
        parts.append(run)
    return parts


def _is_tabulary(frame: pd.DataFrame, kind: TableType) -> bool:
    """A short table whose every cell fits on one line: tabulary sets it (each column as
    wide as its text). Wrapping texts get paragraph columns (:func:`latex_colspec`):
    tabulary left Tabel 3.20's "Jenis pendapatan" 2 cm wide ("Penda-patan")."""
    longest, _ = _column_needs(frame)
    short = len(frame) + 1 <= LONGTABLE_ROWS and max(longest.values()) <= 80
    return short and sum(natural_widths(frame, kind).values()) <= TABLE_WIDTH


def natural_widths(frame: pd.DataFrame, kind: TableType) -> dict:
    """Per column, the width (as :func:`_width`) of its widest cell on one line."""
    out = {}
    for c in frame.columns:
        em = text_em(_plain(c).strip(), HEADER_FACE)
        for value in frame[c]:
            em = max(em, text_em(_plain(value).strip(), "bold" if "**" in str(value) else "serif"))
        out[c] = _width(em, kind)
    return out


def _width(em: float, kind: TableType) -> float:
    """The column width (a fraction of the text width) that holds ``em`` of text."""
    return (em * kind.size + 2 * kind.tabcolsep) / TEXT_WIDTH_PT


def _hyphenated(piece: str) -> str:
    """The wider half of a word of letters TeX hyphenates, with its hyphen."""
    if len(piece) <= HYPHENATED or not piece.rstrip(".,;:)").isalpha():
        return piece
    return piece[: (len(piece) + 1) // 2] + "-"


def column_minimums(
    frame: pd.DataFrame, right: Iterable[str], kind: TableType, *, hyphenate: bool = False
) -> dict:
    """Per column, the narrowest width (a fraction of the text width, cell padding
    included) that holds its widest piece of text TeX cannot break, in type ``kind``.

    A header word is never split (set in bold); in a body cell a number is whole and
    other words break as :func:`narrow_pieces` says; bold cells are wider. In a tabulary
    table, a right-aligned (``r``) column does not wrap at all: its whole cells count.
    ``hyphenate``: a long word of letters counts as its wider hyphenated half (for a
    table whose words do not fit whole even in the smallest type).
    """
    whole = set(right) if _is_tabulary(frame, kind) else set()
    out = {}
    for c in frame.columns:
        em = max((text_em(w, HEADER_FACE) for w in _plain(c).split()), default=0.0)
        for value in frame[c]:
            text = _plain(value)
            face = "bold" if "**" in str(value) else "serif"
            if c in whole:
                em = max(em, text_em(text.strip(), face))
                continue
            for word in text.split():
                for piece in narrow_pieces(word):
                    em = max(em, text_em(_hyphenated(piece) if hyphenate else piece, face))
        out[c] = _width(em, kind)
    return out


def fits(frame: pd.DataFrame, right: Iterable[str], kind: TableType) -> bool:
    """Every column of ``frame`` holds its widest unbreakable text in type ``kind`` and
    the table is no wider than :data:`TABLE_WIDTH`."""
    return sum(column_minimums(frame, right, kind).values()) <= TABLE_WIDTH


def table_type(frame: pd.DataFrame, right: Iterable[str] = ()) -> TableType:
    """The type of a PDF table: 9 pt for a wide table (:data:`WIDE_COLUMNS` columns, or
    long words, :func:`needs_small_type`), else 10 pt; smaller still when its unbreakable
    texts (amounts, id numbers) do not fit the page in that type (:func:`fits`)."""
    right = set(right)
    small = (
        len(frame.columns) >= WIDE_COLUMNS
        or needs_small_type(frame)
        or _amounts_crowd(frame, right)
    )
    kinds = TABLE_TYPES[1:] if small else TABLE_TYPES
    return next((kind for kind in kinds if fits(frame, right, kind)), kinds[-1])


def _amounts_crowd(frame: pd.DataFrame, right: set[str]) -> bool:
    """A table of wrapping texts whose amount columns take :data:`AMOUNT_SHARE` of the width
    in 10 pt (Tabel 1: "Rp20.578.348.000" twice; the Sasaran Kegiatan wrapped to 6 lines)."""
    need = column_minimums(frame, right, SMALL)
    return not _is_tabulary(frame, SMALL) and sum(need[c] for c in right) > AMOUNT_SHARE


def table_font(kind: TableType) -> str:
    """The raw LaTeX that opens a group setting a table in ``kind`` (closed by
    ``\\endgroup``); empty for :data:`SMALL`, the tables' default."""
    if kind == SMALL:
        return ""
    return (
        rf"\begingroup\renewcommand{{\lkjiptablefont}}{{{kind.command}}}"
        rf"\setlength{{\tabcolsep}}{{{kind.tabcolsep:g}pt}}"
    )


_TABLE_FONT = re.compile(r"\\renewcommand\{\\lkjiptablefont\}\{(\\[a-z]+)\}")
_TABCOLSEP = re.compile(r"\\setlength\{\\tabcolsep\}\{([\d.]+)pt\}")


def table_type_in(latex: str) -> TableType:
    """The type of a table preceded by the raw LaTeX ``latex`` (:func:`table_font`, or a
    chapter's own group): :data:`SMALL` when it sets none."""
    font = _TABLE_FONT.search(latex)
    kind = next((k for k in TABLE_TYPES if font and k.command == font[1]), SMALL)
    sep = _TABCOLSEP.search(latex)
    return replace(kind, tabcolsep=float(sep[1]) if sep else SMALL.tabcolsep)


def break_wide_words(text: str, width: float, kind: TableType, *, bold: bool = False) -> str:
    """``text`` of a cell in a column ``width`` wide (a fraction of the text width), type
    ``kind``: each word too wide for the column gets break points (:func:`narrow_pieces`;
    a number gets none). Words that fit are unchanged."""
    room = (width * TEXT_WIDTH_PT - 2 * kind.tabcolsep + FUZZ_PT) / kind.size
    face = "bold" if bold else "serif"

    def narrow(match: re.Match[str]) -> str:
        pieces = match.group().split(ZWSP)
        return ZWSP.join(
            ZWSP.join(narrow_pieces(p)) if text_em(p, face) > room else p for p in pieces
        )

    return _NON_SPACE.sub(narrow, text)


def _numbering(cells: pd.Series) -> bool:
    """A column of row numbers ("1.", "2", ...): as wide as its header word, no wider."""
    return len(cells) > 0 and all(re.fullmatch(r"\d{1,3}\.?", _plain(v).strip()) for v in cells)


def _settle(widths: dict, need: dict, weights: dict) -> dict:
    """``widths`` with every column at least its ``need`` (give or take :data:`FUZZ_PT`):
    a narrower column takes the difference from the others' room above their need, in
    proportion to that room. When there is not enough, every column gets its need and the
    columns of text share what is left of :data:`TABLE_WIDTH`."""
    fuzz = FUZZ_PT / TEXT_WIDTH_PT
    need = {c: n + fuzz for c, n in need.items()}
    lacking = {c: need[c] - w for c, w in widths.items() if need[c] - w > 2 * fuzz}
    if not lacking:
        return widths
    short = sum(lacking.values())
    room = {c: 0.0 if c in lacking else max(0.0, w - need[c]) for c, w in widths.items()}
    spare = sum(room.values())
    if spare >= short:
        return {
            c: need[c] if c in lacking else w - short * room[c] / spare for c, w in widths.items()
        }
    left = max(0.0, TABLE_WIDTH - sum(need.values()))
    total = sum(weights.values()) or 1
    return {c: need[c] + left * weights[c] / total for c in widths}


def latex_colspec(frame: pd.DataFrame, right: set[str], kind: TableType = SMALL) -> str:
    """Column spec for the PDF: numbers keep their natural width, text columns wrap.

    Short tables of short texts use tabulary (``L`` wrapping text, ``r``
    numbers). Long tables (longtable knows no ``L``) and tables with long texts
    get paragraph columns: each at least as wide as its longest unbreakable
    word, the rest shared by content length. No column is narrower than its widest
    unbreakable text in type ``kind`` (:func:`column_minimums`: an amount is never cut):
    when the words do not fit, the columns of text give way to the numbers.
    """
    columns = list(frame.columns)
    longest, word = _column_needs(frame)
    if _is_tabulary(frame, kind):
        return "".join("r" if c in right else "L" for c in columns)
    free = 0.97 - 0.015 * len(columns)
    need = column_minimums(frame, right, kind)
    if sum(need.values()) > TABLE_WIDTH:  # even the smallest type: TeX hyphenates words
        need = column_minimums(frame, right, kind, hyphenate=True)
    # in a smaller type a number column is as wide as its widest number measured (the
    # estimate by characters is wider: its room went to no text)
    measured = set(right) if kind != SMALL else set()
    minimum = {c: need[c] if c in measured else word[c] * kind.char + 0.015 for c in columns}
    scale = min(1.0, free / sum(minimum.values()))
    minimum = {c: m * scale for c, m in minimum.items()}
    extra = max(0.0, free - sum(minimum.values()))
    weights = {
        c: 0 if c in right or _numbering(frame[c]) else min(max(longest[c], 8), 60) for c in columns
    }
    total = sum(weights.values()) or 1
    widths = {c: minimum[c] + extra * weights[c] / total for c in columns}
    widths = _settle(widths, need, weights)
    parts = []
    for c in columns:
        align = (
            r">{\raggedleft\arraybackslash}" if c in right else r">{\raggedright\arraybackslash}"
        )
        parts.append(rf"{align}\Y{{{widths[c]:.3f}}}")
    return "".join(parts)


#: lines of table text (in the tables' type) a page holds below a caption: a table with
#: more cannot stay in one piece and is set as a longtable, which breaks across pages
#: (a tabulary taller than the page loses its last rows)
PAGE_LINES = 50
#: a table with paragraph columns taller than this is a longtable too: it breaks across
#: pages instead of moving whole to the next one and leaving this one half empty
BREAK_LINES = 16
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
