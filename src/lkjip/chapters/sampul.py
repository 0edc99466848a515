"""The cover page (HTML; the PDF draws its own cover from the same data), with the
office's emblem when the data folder has one."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from IPython.display import HTML, Markdown, display

from lkjip import paths
from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.data import identity
from lkjip.data import lampiran as lampiran_data
from lkjip.data.gaps import cells_gap
from lkjip.data.snapshot import DISK, Snapshot
from lkjip.render import halaman_pdf
from lkjip.render.myst import kotak_belum

mulai = pembuka("sampul")


#: the emblem's media type by suffix (a PDF emblem is drawn as a JPEG)
_MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".pdf": "image/jpeg"}


#: the emblem's place on the cover (centred, about as wide as on the PDF cover)
_GAYA = "display: block; width: 9rem; max-width: 40%; margin: 2rem auto"


def lambang_html(data_dir: Path, snap: Snapshot = DISK) -> str:
    """The office's emblem (``<data>/aset/lambang.*``, as ``snap`` holds it) as an image
    in the page, or ""."""
    path = lampiran_data.emblem(data_dir, snap)
    if path is None:
        return ""
    data = snap.read_bytes(path)
    if path.suffix == ".pdf":
        data = halaman_pdf.gambar_halaman(data, paths.display_path(path), halaman=1)[0]
    uri = f"data:{_MEDIA[path.suffix]};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<img class="lambang" style="{_GAYA}" src="{uri}" alt="Lambang">'


def sampul(ctx: Bab) -> None:
    """The cover block (HTML; the PDF has its own cover page). In a draft, each identity
    cell not known yet is marked in its place and a box names them all."""
    t = ctx.teks()
    lines = [
        ("judul", "LAPORAN KINERJA INSTANSI PEMERINTAH"),
        ("judul", f"TAHUN {t['tahun']}"),
        ("instansi", t["kementerian"]),
        ("instansi", t["kanwil"]),
        ("instansi", t["satker"]),
    ]
    blocks = [f'<div class="{cls}">{html.escape(text)}</div>' for cls, text in lines]
    # as on the PDF cover: under the title
    blocks.insert(2, lambang_html(ctx.ds.data_dir, ctx.ds.inputs()))
    body = "".join(blocks)
    display(HTML(f'<div class="lkjip-sampul">{body}</div>'))
    missing = identity.missing(ctx.ds) if ctx.draft else []
    if missing:
        gap = cells_gap(ctx.ds, identity.TABLE, missing)
        display(Markdown(kotak_belum([gap], tahun=ctx.tahun, sebagian=True)))
