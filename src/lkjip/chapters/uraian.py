"""The office's own text from data: paragraphs and lists whose numbers are figures.

A narrative table row holds plain text (no markup; it is escaped). A number is
never typed in it: ``{{emonev.anggaran}}`` stands for the figure of that id and
is printed as the figure linked to its calculation; ``{{ref:tbl-bab1-sejarah}}``
stands for the number of that table or figure ("Tabel 1.1"). Consecutive list
rows (``butir``) form one bulleted list.

Validation checks every placeholder first (:mod:`lkjip.data.placeholders`); the
checks here are the backstop of a chapter run on its own.

Every section of ``narasi`` (the ``bagian`` values its metadata allows) must be
written for the report year: validation refuses a missing one (rule
``every_allowed_present``), and a draft shows the "belum tersedia" box in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from lkjip.chapters.kernel.context import Bab
from lkjip.data.gaps import Gap, sheet_name
from lkjip.data.placeholders import LABEL, PLACEHOLDER, RUJUKAN, figure_rule, label_rule
from lkjip.data.reading import LINE
from lkjip.errors import IncompleteData
from lkjip.render.myst import escape_md, kotak_belum


class PlaceholderError(ValueError):
    """A ``{{...}}`` of a narrative that names no figure or no label (Indonesian)."""


#: the list headings of a TARJA's problems and follow-up (jenis -> heading)
JUDUL_DAFTAR_TARJA = {
    "kendala": "Kendala yang dihadapi:",
    "tindak_lanjut": "Tindak lanjut:",
}


def angka_dalam(teks: str) -> list[str]:
    """The figure ids a narrative refers to, in order (not its table references)."""
    return [i for i in PLACEHOLDER.findall(str(teks)) if not i.startswith(RUJUKAN)]


def teks_dengan_angka(teks: str, tautan: Callable[[str], str]) -> str:
    """MyST of ``teks``: the text escaped, each ``{{id}}`` replaced by ``tautan(id)``
    and each ``{{ref:label}}`` by the number of that table or figure."""
    text = str(teks)
    parts, pos = [], 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape_md(text[pos : match.start()]))
        key = match.group(1)
        if key.startswith(RUJUKAN):
            label = key.removeprefix(RUJUKAN)
            if not LABEL.fullmatch(label):
                raise PlaceholderError(label_rule(key))
            parts.append(f"{{numref}}`{label}`")
        else:
            parts.append(tautan(key))
        pos = match.end()
    parts.append(escape_md(text[pos:]))
    return "".join(parts)


def blok(items: Iterable[tuple[bool, str]]) -> str:
    """Paragraphs and bulleted lists: ``(is_item, myst)`` pairs in printed order."""
    out: list[str] = []
    previous_item = False
    for is_item, text in items:
        if is_item:
            out.append(("" if previous_item else "\n") + f"- {text}")
        else:
            out.append(f"\n{text}")
        previous_item = is_item
    return "\n".join(out).strip() + "\n"


def _teks(row: pd.Series, tautan: Callable[[str], str], where: str) -> str:
    """:func:`teks_dengan_angka` of one row; a bad placeholder is named by file, row
    and column (``where``: the table's file)."""
    try:
        return teks_dengan_angka(row["teks"], tautan)
    except PlaceholderError as exc:
        line = f", baris {int(row[LINE])}" if LINE in row else ""
        raise IncompleteData(f"{where}{line}, kolom 'teks': {exc}") from None


def markdown_narasi(rows: pd.DataFrame, tautan: Callable[[str], str], where: str = "") -> str:
    """The rows of one ``narasi`` section (sorted by ``no``) as MyST."""
    rows = rows.sort_values("no")
    return blok((row["jenis"] == "butir", _teks(row, tautan, where)) for _, row in rows.iterrows())


def markdown_tarja(rows: pd.DataFrame, tautan: Callable[[str], str], where: str = "") -> str:
    """One TARJA's narrative: its paragraphs, then its problems and follow-up as lists."""
    rows = rows.sort_values("no")
    parts = []
    uraian = rows[rows["jenis"] == "uraian"]
    if not uraian.empty:
        parts.append(blok((False, _teks(row, tautan, where)) for _, row in uraian.iterrows()))
    for jenis, judul in JUDUL_DAFTAR_TARJA.items():
        items = rows[rows["jenis"] == jenis]
        if not items.empty:
            lines = [(True, _teks(row, tautan, where)) for _, row in items.iterrows()]
            parts.append(blok([(False, judul), *lines]))
    return "\n".join(parts)


def tautan_angka(ctx: Bab) -> Callable[[str], str]:
    """``{{id}}`` -> the figure linked to its calculation (a placeholder in a draft)."""

    def tautan(figure_id: str) -> str:
        if figure_id not in ctx.reg and not ctx.draft:
            raise PlaceholderError(figure_rule(figure_id))
        return str(ctx.link(figure_id))

    return tautan


def tampilkan_narasi(ctx: Bab, bagian: str) -> None:
    """The office's paragraphs for one section of the report.

    A section without rows for the year is refused (validation names it first); a
    draft shows the "belum tersedia" box naming the table and the section instead.
    """
    narasi = ctx.ds.table("narasi") if ctx.ds.has("narasi") else None
    rows = pd.DataFrame() if narasi is None else narasi[narasi["bagian"] == bagian]
    if "tahun" in rows:
        rows = rows[rows["tahun"] == ctx.tahun]
    if rows.empty:
        detail = f"narasi.csv, bagian '{bagian}': uraian kantor tahun {ctx.tahun} belum diisi"
        if not ctx.draft:
            raise IncompleteData(detail)
        spec = ctx.ds.specs["narasi"]
        gap = Gap(
            table="narasi",
            title=f"{spec.title}, bagian '{bagian}'",
            sheet=sheet_name("narasi"),
            reason=f"uraian kantor tahun {ctx.tahun} belum diisi",
        )
        ctx.tampilkan(kotak_belum([gap], tahun=ctx.tahun))
        return
    ctx.tampilkan(markdown_narasi(rows, tautan_angka(ctx), ctx.ds.file("narasi")))


def narasi_tarja(ctx: Bab, no_tarja: int) -> str:
    """MyST of one TARJA's narrative (empty when the office wrote none)."""
    if not ctx.ds.has("narasi_tarja"):
        return ""
    narasi = ctx.ds.table("narasi_tarja")
    rows = narasi[narasi["no_tarja"] == no_tarja]
    if rows.empty:
        return ""
    return markdown_tarja(rows, tautan_angka(ctx), ctx.ds.file("narasi_tarja"))
