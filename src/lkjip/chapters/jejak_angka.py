"""Jejak Angka: every figure of the year with its formula, sources and calculation."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown, display

from lkjip.chapters.konteks import Bab, pembuka
from lkjip.chapters.protocol import owner
from lkjip.render.myst import RawMarkdown, anchor, breakable, sources_text, table_markdown

mulai = pembuka("jejak_angka")


def tabel_jejak(ctx: Bab) -> None:
    """Every figure of the year with a link to its calculation.

    HTML: id, value, formula, sources, chapter. PDF: id, value and the page of
    the calculation (a compact table that fits the page width).
    """
    figures = sorted(ctx.reg, key=lambda f: f.id)
    full = pd.DataFrame(
        {
            "Id": RawMarkdown(f"`{f.id}`"),
            "Nilai": ctx.link(f.id),
            "Rumus": f.formula if f.formula != "data" else "data sumber",
            "Sumber": RawMarkdown(sources_text(f.sources) or "dari angka masukan"),
            "Bab": owner(f.id).replace("_", " "),
        }
        for f in figures
    )
    compact = pd.DataFrame(
        {
            "Nilai": ctx.link(f.id),
            "Hlm.": RawMarkdown(f"{{halaman}}`{anchor(f.id)}`"),
            # last column, so that a wrapped id stays in one piece of text;
            # a zero-width space after each dot lets it wrap
            "Id": breakable(f.id, underscores=True),
        }
        for f in figures
    )
    judul = f"Jejak seluruh angka tahun {ctx.tahun}"
    html_table = table_markdown(full, judul, "tbl-jejak-angka", kanan=("Nilai",))
    pdf_table = table_markdown(
        compact, judul, "tbl-jejak-angka-pdf", kanan=("Nilai", "Hlm."), widths=(20, 10, 70)
    )
    # in the PDF, a smaller type so that the longest ids fit their column
    small = (
        "```{raw} latex\n\\begingroup\\renewcommand{\\lkjiptablefont}{\\footnotesize}"
        "\\hyphenpenalty=10000\\exhyphenpenalty=10000\n```\n"
    )
    normal = "```{raw} latex\n\\endgroup\n```\n"
    display(
        Markdown(
            f"::::{{only}} html\n{html_table}::::\n\n"
            f"::::{{only}} latex\n{small}{pdf_table}{normal}::::\n"
        )
    )
