"""Images from data (photos, screenshots, certificates), each with its caption.

The table ``gambar`` lists image files kept in ``data/<tahun>/gambar/`` with
the section of the report they belong to, a caption and a source. A section
shows its images, in order, as numbered figures; with no table, no rows or no
files nothing is shown (validation reports a listed file that is missing).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lkjip import paths
from lkjip.chapters.kernel.context import Bab
from lkjip.data import reads
from lkjip.domain.teks import slug
from lkjip.errors import IncompleteData
from lkjip.render.myst import escape_md, kotak_belum, option_text

#: the folder of a year's images, inside the year's data folder
FOLDER = "gambar"

#: image formats by file suffix (IPython's names)
FORMAT = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}


def folder_gambar(ctx: Bab) -> Path:
    return paths.year_dir(ctx.ds.data_dir, ctx.tahun) / FOLDER


def gambar_bagian(ctx: Bab, bagian: str) -> pd.DataFrame:
    """The image rows of one section, in printed order (none without the table)."""
    if not ctx.ds.has("gambar"):
        return pd.DataFrame(columns=["no", "berkas", "judul", "sumber"])
    gambar = ctx.ds.table("gambar")
    return gambar[gambar["bagian"] == bagian].sort_values("no")


def keterangan(judul: str, sumber: object) -> str:
    """The caption: the description, then its source when given."""
    text = escape_md(str(judul).strip())
    if sumber is not None and not pd.isna(sumber) and str(sumber).strip():
        text += f" Sumber: {escape_md(str(sumber).strip())}."
    return text


def kunci(bagian: str, no: int) -> str:
    """Glue key of one image."""
    return f"foto.{bagian}.{int(no)}"


def label(bagian: str, no: int) -> str:
    """Figure label of one image (for cross-references)."""
    return f"gbr-foto-{slug(bagian, separator='-', words=None)}-{int(no)}"


def alt_text(judul: str) -> str:
    """The image's alternative text: its description on one line."""
    return " ".join(str(judul).split())


def figure_markdown(bagian: str, no: int, caption: str, alt: str) -> str:
    return (
        f"```{{glue:figure}} {kunci(bagian, no)}\n:name: {label(bagian, no)}\n"
        f":alt: {option_text(alt)}\n\n"
        f"{caption}\n```\n"
    )


def tampilkan_gambar(ctx: Bab, bagian: str) -> int:
    """Show every image of ``bagian`` with its caption; returns how many were shown."""
    from IPython.display import Image
    from myst_nb import glue

    shown = 0
    files = ctx.ds.inputs()  # as the build read them
    for row in gambar_bagian(ctx, bagian).itertuples():
        path = folder_gambar(ctx) / str(row.berkas)
        if not files.is_file(path):
            if ctx.draft:
                ctx.tampilkan(kotak_belum(alasan=f"berkas gambar {row.berkas} belum ada"))
                continue
            raise IncompleteData(f"berkas gambar {paths.display_path(path)} tidak ada")
        reads.record("file", paths.display_path(path))
        fmt = FORMAT.get(path.suffix.lower(), "png")
        glue(kunci(bagian, row.no), Image(data=files.read_bytes(path), format=fmt), display=False)
        caption = keterangan(row.judul, row.sumber)
        ctx.tampilkan(figure_markdown(bagian, row.no, caption, alt_text(row.judul)))
        shown += 1
    return shown
