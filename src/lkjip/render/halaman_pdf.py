"""The pages of an attached PDF as images, for HTML (a browser does not show a PDF inline).

The PDF edition includes an attached PDF itself (``\\includepdf``); the HTML edition
shows each page as a JPEG drawn by ``pdftoppm`` (Debian package ``poppler-utils``, which
``make system-deps`` installs). The same bytes and the same poppler give the same images.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from lkjip.errors import BuildError

#: dots per inch of the HTML images (an A4 page: 910 x 1286 pixels)
RESOLUSI = 110
_PAGE = re.compile(r"-(\d+)\.jpg$")


def gambar_halaman(pdf: bytes, nama: str, *, halaman: int | None = None) -> list[bytes]:
    """Every page of ``pdf`` (or the first ``halaman``) as JPEG bytes, in order.

    ``nama``: the file as the user knows it (for the message when it cannot be drawn).
    """
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise BuildError(
            f"{nama}: halaman PDF ini tidak dapat ditampilkan di HTML karena program "
            "pdftoppm tidak ada; pasang paket Debian poppler-utils (make system-deps), "
            "atau lampirkan halamannya sebagai gambar PNG/JPG"
        )
    with tempfile.TemporaryDirectory(prefix="lkjip-pdf-") as tmp:
        source = Path(tmp) / "masukan.pdf"
        source.write_bytes(pdf)
        command = [tool, "-jpeg", "-jpegopt", "quality=85", "-r", str(RESOLUSI)]
        if halaman is not None:
            command += ["-f", "1", "-l", str(halaman)]
        done = subprocess.run(
            [*command, str(source), str(Path(tmp) / "h")],
            capture_output=True,
            text=True,
            check=False,
        )
        pages = sorted(
            (int(m[1]), p) for p in Path(tmp).glob("h-*.jpg") if (m := _PAGE.search(p.name))
        )
        if done.returncode != 0 or not pages:
            why = done.stderr.strip().splitlines()[-1:] or [f"kode {done.returncode}"]
            raise BuildError(f"{nama}: halaman PDF tidak dapat digambar ({why[0]})")
        return [p.read_bytes() for _, p in pages]
