"""The downloads of the HTML book, inside ``html/`` (:data:`FOLDER`).

The book's HTML links to the PDFs and to the ledger. They are published inside
``html/unduh/`` (hard links to ``pdf/<name>.pdf`` and ``ledger.csv``, or copies where
the file system has none), so that ``html/`` alone, put on a web server or a share,
still holds every file its pages link to. The HTML links only to the PDFs the book
holds (:func:`lkjip.assemble.pipeline._build`: this build's, or the last ones when an
HTML-only build has the same inputs); otherwise it says that no PDF was made.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from lkjip.errors import BuildError

#: the folder of the downloads, inside ``html/``
FOLDER = "unduh"
#: the folder as a page of the book links to it (every page that does is one level deep)
HREF = f"../{FOLDER}/"
#: the ledger's file name, in the book and in :data:`FOLDER`
LEDGER = "ledger.csv"


def publish(book: Path, stems: dict[str, str]) -> None:
    """Put the PDFs named by ``stems`` (from ``book/pdf/``) and the ledger into
    ``book/html/unduh/``; a linked file that is missing stops the build."""
    wanted = [book / "pdf" / f"{stem}.pdf" for stem in stems.values()] + [book / LEDGER]
    missing = [p.relative_to(book).as_posix() for p in wanted if not p.is_file()]
    if missing:
        raise BuildError(f"berkas unduhan yang ditautkan HTML tidak ada: {', '.join(missing)}")
    target = book / "html" / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for path in wanted:
        _link(path, target / path.name)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
