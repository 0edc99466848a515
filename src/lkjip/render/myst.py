"""MyST text: escaping, figure anchors and links, calculation blocks, official tables.

What the chapters display is built here as MyST strings (no IPython): a figure
linked to its calculation, the calculation block (formula, substitution,
result, sources), the table directive with caption, label and PDF column
widths, and the draft placeholders.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from docutils.nodes import make_id

from lkjip.data.gaps import Gap, workbook_name
from lkjip.domain import formatting as fmt
from lkjip.figures.registry import Figure
from lkjip.render.columns import latex_colspec, table_font, table_type
from lkjip.render.role_code import role_text


def anchor(figure_id: str) -> str:
    """The HTML id (and Sphinx label) of a figure's calculation."""
    return make_id(f"f-{figure_id.replace('+', 'plus')}")


def link_markdown(figure: Figure, text: str | None = None) -> str:
    """MyST text of a figure (or ``text``) as a number of the report: a quiet link to
    its calculation in the working paper (HTML), plain text in the PDF
    (the ``angka`` role of :mod:`lkjip.render.sphinx_ext`)."""
    shown = figure.display if text is None else text
    return f"{{angka}}`{role_text(shown)} <{anchor(figure.id)}>`"


def link_text(text: str, label: str) -> str:
    """A link to the label ``label`` (any page) whose text is ``text`` shown literally."""
    return f"[{escape_md(text)}](#{label})"


#: what makes a line block syntax in MyST when the line starts with it (after spaces):
#: a list or a rule (``-``, ``+``), a setext underline (``=``, ``-``), a definition
#: (``:``), a colon fence (``:::``), a comment (``%``), a block break (``+++``), a code
#: fence (``~~~``), a target (``(x)=``), and an ordered list (``1.``, ``1)``, its
#: delimiter escaped); ``#``, ``*``, ``_``, `````, ``|``, ``$``, ``[`` and ``{`` are
#: escaped everywhere, ``<`` and ``>`` are entities
_LINE_START = re.compile(r"^([ \t]*)(?:([-+=:%~(])|(\d{1,9})([.)]))", re.M)


def _inert_line_start(match: re.Match[str]) -> str:
    if match[2]:
        return f"{match[1]}\\{match[2]}"
    return f"{match[1]}{match[3]}\\{match[4]}"


def escape_md(text: str) -> str:
    """Text that renders literally in MyST: no markup, no roles, and no block syntax at
    the start of a line (a backslash before the character that would start a block;
    MyST prints the character itself, as CommonMark does for any escaped punctuation)."""
    out = html.escape(str(text), quote=False)
    for char in "\\`*_{}[]#|$":
        out = out.replace(char, "\\" + char)
    return _LINE_START.sub(_inert_line_start, out)


def code_md(text: str) -> str:
    """``text`` (a path) as inline code, shown verbatim: fenced by more backticks than any
    run it holds, padded when it starts or ends with a backtick or a space."""
    text = str(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def option_text(text: str) -> str:
    """A directive option's value (``:alt: …``) that MyST reads as ``text`` itself.

    Option values are not Markdown but YAML-like: a raw ``#`` starts a comment, a
    leading ``"``, ``|`` or ``>`` is YAML syntax (the option is lost, with a warning).
    A JSON string (ASCII, so no line separator) is a YAML double-quoted string."""
    return json.dumps(str(text))


def calculation_markdown(figure: Figure, labels: Mapping[str, str] | None = None) -> str:
    """MyST block of one calculation (working paper): label, formula, substitution,
    result, inputs (by their label from ``labels``, else by id) and source rows."""
    lines = [f"({anchor(figure.id)})="]
    lines.append(f"**{escape_md(figure.label)}** = **{escape_md(figure.display)}** (`{figure.id}`)")
    if figure.formula != "data":
        lines.append("")
        lines.append(f"- Rumus: {escape_md(rumus_kata(figure.formula))}")
        substituted = perhitungan_kata(figure.substituted)
        if substituted:
            lines.append(f"- Perhitungan: {escape_md(substituted)}")
        if figure.inputs:
            # zero-width spaces after dots let long ids wrap in the PDF
            names = labels or {}
            refs = ", ".join(
                link_text(names[i], anchor(i)) if i in names else link_text(breakable(i), anchor(i))
                for i in figure.inputs
            )
            lines.append(f"- Masukan: {refs}")
    if figure.sources:
        if figure.formula == "data":
            lines.append("")
        lines.append(f"- Sumber: {sources_text(figure.sources)}")
    return "\n".join(lines)


def breakable(figure_id: str, *, underscores: bool = False) -> str:
    """A figure id with a zero-width space after each dot (and underscore), so it can
    wrap in the PDF without hyphens."""
    out = figure_id.replace(".", ".\u200b")
    return out.replace("_", "_\u200b") if underscores else out


def sources_text(sources: Iterable[str]) -> str:
    """``x.csv:2 x.csv:3 x.csv:4 x.csv:9`` -> ``x.csv baris 2–4`` and ``x.csv baris 9``,
    each a link to the rows on the table's page (MyST ``sumber`` role)."""
    by_file: dict[str, list[int]] = {}
    for source in sources:
        path, _, line = source.rpartition(":")
        by_file.setdefault(path, []).append(int(line))
    parts = []
    for path, lines in by_file.items():
        parts.append(", ".join(f"{{sumber}}`{path}:{r}`" for r in _ranges(sorted(set(lines)))))
    return "; ".join(parts)


def _ranges(lines: list[int]) -> list[str]:
    """``[2, 3, 4, 9]`` -> ``["2-4", "9"]``."""
    out: list[str] = []
    start = prev = None
    for line in lines:
        if start is None:
            start = prev = line
        elif line == prev + 1:
            prev = line
        else:
            out.append(str(start) if start == prev else f"{start}-{prev}")
            start = prev = line
    if start is not None:
        out.append(str(start) if start == prev else f"{start}-{prev}")
    return out


_COUNT = re.compile(r"^hitung\((?:baris )?(?P<what>[^)]*)\)$")
_ROUND = re.compile(r"bulatkan\((?P<inner>[^)]*)\)")


def _rounded(match: re.Match[str]) -> str:
    """``bulatkan(x, 2 desimal)`` -> ``x dibulatkan (2 desimal)`` (decimal commas kept:
    the parts are separated by a comma and a space)."""
    what, _, how = match["inner"].partition(", ")
    return f"{what} dibulatkan" + (f" ({how})" if how else "")


def rumus_kata(formula: str) -> str:
    """A formula in words: ``hitung(baris upaya)`` -> ``banyaknya baris tabel upaya``,
    ``bulatkan(indeks, 2 desimal, …)`` -> ``indeks dibulatkan (2 desimal, …)``."""
    count = _COUNT.match(formula)
    if count:
        what = count["what"]
        return f"banyaknya baris tabel {what}" if "baris" in formula else f"banyaknya {what}"
    return _ROUND.sub(_rounded, formula)


def perhitungan_kata(substituted: str) -> str:
    """The substitution in words; empty when it says nothing (``12 = 12``)."""
    left, sep, right = substituted.rpartition(" = ")
    if sep and left.strip() == right.strip():
        return ""
    return _ROUND.sub(_rounded, substituted)


def table_markdown(
    frame: pd.DataFrame,
    judul: str,
    nama: str,
    *,
    kanan: Iterable[str] = (),
    tebal_terakhir: bool = False,
    widths: Iterable[int] | None = None,
    kelas: str | None = None,
) -> str:
    """A MyST table directive with caption and label; ``kanan`` columns right-aligned.

    ``widths`` (relative column widths) makes cells wrap in the PDF; ``kelas``: an HTML
    class (``lkjip-saring``: the HTML offers filters on its Status and Bab columns).
    """
    right = set(kanan)
    header = "| " + " | ".join(escape_md(c) for c in frame.columns) + " |"
    align = "|" + "|".join("---:" if c in right else ":---" for c in frame.columns) + "|"
    rows = []
    for position, (_, row) in enumerate(frame.iterrows()):
        cells = [cell_markdown(row[c]) for c in frame.columns]
        if tebal_terakhir and position == len(frame) - 1:
            cells = [f"**{c}**" if c else c for c in cells]
        rows.append("| " + " | ".join(cells) + " |")
    body = "\n".join([header, align, *rows])
    sized = _bold_last(frame) if tebal_terakhir else frame  # bold type is wider
    kind = table_type(sized, right)
    spec = latex_colspec(sized, right, kind)
    colspec = f"```{{tabularcolumns}} {spec}\n```\n"
    options = f":name: {nama}\n:align: center\n"
    if widths is not None:
        options += f":widths: {' '.join(str(w) for w in widths)}\n"
    if kelas:
        options += f":class: {kelas}\n"
    table = f"{colspec}:::{{table}} {escape_md(judul)}\n{options}\n{body}\n:::\n"
    font = table_font(kind)
    if font:  # e.g. twelve months, long words in many columns, long amounts: smaller type
        return f"```{{raw}} latex\n{font}\n```\n{table}```{{raw}} latex\n\\endgroup\n```\n"
    return table


def _bold_last(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the cells of its last row marked bold (``**``), for sizing columns."""
    out = frame.astype(object)  # (a copy)
    for column in range(len(out.columns) if len(out) else 0):
        value = out.iat[-1, column]
        if not (value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""):
            out.iat[-1, column] = f"**{value}**"
    return out


def cell_markdown(value: object) -> str:
    """A table cell: empty for missing values, MyST as is, other text escaped."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, RawMarkdown):
        return str(value)
    return escape_md(str(value))


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """Columns to right-align: numeric ones, and text that reads as an Indonesian number."""
    out = []
    for column in frame.columns:
        values = frame[column].dropna().astype(str)
        if pd.api.types.is_numeric_dtype(frame[column]) or (
            len(values) and values.str.fullmatch(r"(Rp)?-?[\d.]+(,\d+)?%?").all()
        ):
            out.append(column)
    return out


class RawMarkdown(str):
    """A table cell that is already MyST (e.g. a linked figure)."""


#: what a draft shows where data is missing
BELUM = f"*[{fmt.BELUM_TERSEDIA}]*"


def kotak_belum(
    kurang: Sequence[Gap] = (),
    *,
    tahun: int | None = None,
    alasan: str = "",
    sebagian: bool = False,
) -> str:
    """The visible box of a draft section whose data is missing.

    ``kurang``: the tables to fill, each named with its workbook sheet and why
    (:mod:`lkjip.data.gaps`); ``alasan``: a plain sentence when the gap is not a
    table (an image file); ``sebagian``: the section is shown, its missing cells
    marked in place (the cover). Never exception text.
    """
    head = f":::{{admonition}} {fmt.BELUM_TERSEDIA.capitalize()}\n:class: warning\n\n"
    if not kurang:
        why = f" ({escape_md(alasan)})" if alasan else ""
        return f"{head}Bagian ini belum dapat disusun karena datanya belum lengkap{why}.\n:::\n"
    book = f"buku kerja `{workbook_name(tahun)}`" if tahun is not None else "buku kerja Excel"
    lines = [
        (
            f"Sebagian data bagian ini belum tersedia dan ditandai [{fmt.BELUM_TERSEDIA}]. "
            if sebagian
            else "Bagian ini belum dapat disusun karena data berikut belum tersedia. "
        )
        + f"Isilah lembarnya pada {book}, lalu impor kembali:",
        "",
    ]
    for gap in kurang:
        lines.append(
            f"- {escape_md(gap.title)}: tabel `{gap.table}`, lembar `{gap.sheet}` "
            f"({escape_md(gap.reason)})"
        )
    return head + "\n".join(lines) + "\n:::\n"
