"""The scans of signed documents in the staged book (``data/<tahun>/lampiran/``).

The files are copied as the build read them into ``pindaian/`` next to ``notebooks/``:
the PDF edition includes them from there (``latex_additional_files``), the HTML shows the
images. A scanned PDF's pages are drawn as images for HTML
(:mod:`lkjip.render.halaman_pdf`) into ``pindaian/halaman/``, under the names the
Lampiran chapter links (:func:`lkjip.data.lampiran.halaman_html`).
"""

from __future__ import annotations

from pathlib import Path

from lkjip import paths
from lkjip.data import lampiran as attachments
from lkjip.data.snapshot import Snapshot
from lkjip.render import halaman_pdf


def stage(data_dir: Path, tahun: int, src: Path, snap: Snapshot) -> None:
    """Copy the year's scans into the staged book ``src`` (the bytes the build read:
    ``snap``), and draw the pages of each scanned PDF for HTML."""
    for path in attachments.files(data_dir, tahun, snap):
        target = src / attachments.STAGED / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(snap.read_bytes(path))
    found, _ = attachments.scan(data_dir, tahun, snap)
    for scan in found.values():
        if not scan.pdf:
            continue
        drawn = halaman_pdf.gambar_halaman(
            snap.read_bytes(scan.files[0]), paths.display_path(scan.files[0])
        )
        for n, page in enumerate(drawn, start=1):
            target = src / attachments.STAGED / attachments.halaman_html(scan.tahun, n)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page)


def latex_files(src: Path) -> list[str]:
    """The staged scans LaTeX includes (relative to ``src``): the PDFs and page images
    the user put in the folder, not the pages drawn for HTML."""
    folder = src / attachments.STAGED
    if not folder.is_dir():
        return []
    return [
        f"{attachments.STAGED}/{p.name}"
        for p in sorted(folder.iterdir())
        if p.is_file() and attachments.PATTERN.match(p.name.lower())
    ]
