"""Jejak Angka: every figure of the year with its formula, sources and calculation."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown, display

from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.chapters.kernel.protocol import CHAPTERS, owned
from lkjip.render.myst import (
    RawMarkdown,
    anchor,
    perhitungan_kata,
    rumus_kata,
    sources_text,
    table_markdown,
)

mulai = pembuka("jejak_angka")


def _perhitungan(figure) -> str:  # a registry Figure
    if figure.formula == "data":
        return "data sumber"
    return perhitungan_kata(figure.substituted) or rumus_kata(figure.formula)


def tampilkan_jejak(ctx: Bab) -> None:
    """Every figure of the year but the reconciliation's counts: label, substituted
    formula, value and where it stands.

    HTML: label, value, calculation, sources, chapter and id. PDF: label, calculation,
    value and the page of the report where the figure is first printed.
    """
    # the reconciliation's own counts are shown (with their calculation) in the Reviu
    shown = [i for bab in CHAPTERS if bab != "reviu" for i in owned(ctx.reg, bab)]
    figures = [ctx.reg[i] for i in sorted(shown)]
    full = pd.DataFrame(
        {
            "Label": f.label,
            "Nilai": ctx.link(f.id),
            "Perhitungan": _perhitungan(f),
            "Sumber": RawMarkdown(sources_text(f.sources) or "dari angka masukan"),
            "Bab": f.bab.replace("_", " "),
            "Id": RawMarkdown(f"`{f.id}`"),
        }
        for f in figures
    )
    compact = pd.DataFrame(
        {
            "Label": f.label,
            "Perhitungan": _perhitungan(f),
            "Nilai": ctx.link(f.id),
            "Hlm.": RawMarkdown(f"{{halaman}}`{anchor(f.id)}`"),
        }
        for f in figures
    )
    judul = f"Jejak seluruh angka tahun {ctx.tahun}"
    html_table = table_markdown(
        full, judul, "tbl-jejak-angka", kanan=("Nilai",), kelas="lkjip-lebar"
    )
    pdf_table = table_markdown(
        compact,
        judul,
        "tbl-jejak-angka-pdf",
        kanan=("Nilai", "Hlm."),
        widths=(38, 38, 16, 8),
    )
    # in the PDF, the smallest table type of the report
    small = "```{raw} latex\n\\begingroup\\renewcommand{\\lkjiptablefont}{\\footnotesize}\n```\n"
    normal = "```{raw} latex\n\\endgroup\n```\n"
    display(
        Markdown(
            f"::::{{only}} html\n{html_table}::::\n\n"
            f"::::{{only}} latex\n{small}{pdf_table}{normal}::::\n"
        )
    )
