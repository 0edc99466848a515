"""MyST of a signed document page (the Perjanjian Kinerja in the Lampiran).

A page starts on a new sheet in the PDF, has a centred title, paragraphs and
tables without captions (they are part of the document, not of the report),
and ends with signature blocks: place and date, then one block per signatory
(jabatan, room for the signature, name, NIP), side by side. The container
classes are styled in ``book/_static/lkjip.css`` (HTML) and
``book/latex/preamble.tex`` (``sphinxclass<name>`` environments, PDF):

``lkjip-pk-judul``, ``lkjip-pk-identitas``, ``lkjip-pk-ttd``,
``lkjip-pk-tanggal``, ``lkjip-pk-baris``, ``lkjip-pk-nama``,
``lkjip-pk-pihak``, ``lkjip-pk-kanan``, ``lkjip-pk-pindaian``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from lkjip.render.latex import latex_escape
from lkjip.render.myst import cell_markdown, escape_md, option_text

#: a page break in the PDF (nothing in HTML)
HALAMAN_BARU = "```{raw} latex\n\\clearpage\n```\n"


@dataclass(frozen=True)
class Penanda:
    """One signatory of a document page, as printed under the signature."""

    sebutan: str  # "Pihak Kedua" (empty: none printed)
    jabatan: str
    nama: str
    nip: str


def _lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph, joined by hard line breaks."""
    return "\\\n".join(escape_md(line) for line in lines if line)


def judul(lines: Sequence[str]) -> str:
    """The centred, bold title of a document page."""
    return f":::{{container}} lkjip-pk-judul\n{_lines(lines)}\n:::\n"


def paragraf(text: str) -> str:
    return f"{escape_md(text)}\n"


def identitas(nama: str, jabatan: str) -> str:
    """The ``Nama : … / Jabatan : …`` block naming one party."""
    return (
        ":::{container} lkjip-pk-identitas\n"
        f"{_lines([f'Nama : {nama}', f'Jabatan : {jabatan}'])}\n:::\n"
    )


def _baris(classes: str, blocks: Sequence[str], kanan: bool) -> str:
    """One row of the signature area: a block per signatory, side by side."""
    block = "lkjip-pk-kanan lkjip-pk-pihak" if kanan else "lkjip-pk-pihak"
    inner = "".join(f":::{{container}} {block}\n{text}\n:::\n" for text in blocks)
    return f"::::{{container}} {classes}\n{inner}::::\n"


def tanda_tangan(tempat_tanggal: str, penanda: Sequence[Penanda]) -> str:
    """Place and date, then the signature blocks left to right (one block: on the right).

    Two rows, so that the names line up whatever the length of the jabatan: the
    heads (``Pihak Kedua,`` and jabatan), then after the room for the signature
    and stamp the names with their NIP.
    """
    heads = [_lines([f"{p.sebutan}," if p.sebutan else "", p.jabatan]) for p in penanda]
    names = [
        f"**{escape_md(p.nama)}**" + (f"\\\nNIP. {escape_md(p.nip)}" if p.nip else "")
        for p in penanda
    ]
    kanan = len(penanda) == 1
    return (
        ":::::{container} lkjip-pk-ttd\n"
        f"::::{{container}} lkjip-pk-tanggal\n{escape_md(tempat_tanggal)}\n::::\n"
        + _baris("lkjip-pk-baris", heads, kanan)
        + _baris("lkjip-pk-nama lkjip-pk-baris", names, kanan)
        + ":::::\n"
    )


def tabel(frame: pd.DataFrame, kanan: Iterable[str] = (), lebar: str | None = None) -> str:
    """A table of the document: header row, no caption, no number.

    ``lebar``: the LaTeX column spec (``tabularcolumns``), e.g. ``|l|L|L|r|``.
    """
    right = set(kanan)
    header = "| " + " | ".join(escape_md(c) for c in frame.columns) + " |"
    align = "|" + "|".join("---:" if c in right else ":---" for c in frame.columns) + "|"
    rows = [
        "| " + " | ".join(cell_markdown(row[c]) for c in frame.columns) + " |"
        for _, row in frame.iterrows()
    ]
    spec = f"```{{tabularcolumns}} {lebar}\n```\n" if lebar else ""
    return spec + "\n".join([header, align, *rows]) + "\n"


def _gambar_html(paths: Sequence[str], alt: str) -> str:
    """Page images for HTML, one under the other; ``paths`` relative to the chapter."""
    pages = []
    for n, path in enumerate(paths, start=1):
        text = alt if len(paths) == 1 else f"{alt}, halaman {n}"
        pages.append(
            f":::{{image}} {path}\n:alt: {option_text(text)}\n:class: lkjip-pk-pindaian\n"
            ":align: center\n:::\n"
        )
    return "\n".join(pages)


def _halaman_penuh(nama_berkas: str, pages: str = "") -> str:
    """LaTeX: a PDF's pages or an image as whole sheets, scaled to the paper (pdfpages);
    ``nama_berkas``: the file LaTeX finds next to the .tex file."""
    option = f"[pages={pages}]" if pages else ""
    return f"```{{raw}} latex\n\\includepdf{option}{{{latex_escape(nama_berkas)}}}\n```\n"


def pindaian_gambar(paths: Sequence[str], nama_berkas: Sequence[str], alt: str) -> str:
    """Scanned pages (PNG/JPG): each a whole sheet of the PDF, an image in HTML.

    ``paths``: relative to the chapter (HTML); ``nama_berkas``: the same files as LaTeX
    finds them next to the .tex file.
    """
    latex = "\n".join(_halaman_penuh(name) for name in nama_berkas)
    return f"{latex}\n::::{{only}} html\n{_gambar_html(paths, alt)}::::\n"


def pindaian_pdf(path: str, nama_berkas: str, label: str, halaman: Sequence[str]) -> str:
    """A scanned PDF: every page a whole sheet of the PDF edition; in HTML every page as
    an image (``halaman``: the drawn pages, relative to the chapter) and a download link.

    ``path`` is relative to the chapter (HTML download); ``nama_berkas`` is the
    file name the LaTeX build finds next to the .tex file.
    """
    return (
        _halaman_penuh(nama_berkas, "-") + f"\n::::{{only}} html\n{_gambar_html(halaman, label)}\n"
        f"{{download}}`{_plain(label)} (PDF) <{path}>`\n::::\n"
    )


def _plain(text: str) -> str:
    """Text safe inside a role's content (no backticks or angle brackets)."""
    return text.replace("`", "'").replace("<", "‹").replace(">", "›")
