"""The last PDFs across an HTML-only build (``lkjip build --html-only``).

A book with PDFs records, in :data:`PDF_KEY`, the build key of the full build that
typeset them (:func:`lkjip.assemble.inputs.keys`: the inputs, code and options other
than ``--html-only``). An HTML-only build compares it with the full-build key of its
own inputs:

* **current** (the same): ``pdf/``, ``log/`` and :data:`PDF_KEY` are kept as they were,
  and the HTML links to the PDFs as a full build's does (the same HTML);
* **stale** (inputs changed since they were typeset): they are kept, but moved to
  :data:`OLD` (``pdf-lama/``: the PDFs and their logs), so that ``pdf/`` only ever
  holds PDFs of the book's inputs (``stamp.json``); the HTML links to no PDF and says
  that this build made none;
* **none** (no PDFs): the HTML says the same; an earlier ``pdf-lama/`` is kept.

A full build writes new PDFs and drops ``pdf-lama/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: in a book: the full-build key of the inputs its PDFs were typeset from
PDF_KEY = "pdf-key.txt"
#: in a book: the PDFs (and logs) of an earlier full build, not current
OLD = "pdf-lama"
CURRENT, STALE, NONE = "current", "stale", "none"


def state(book: Path, full_key: str) -> str:
    """Whether the PDFs of the previous ``book`` are current for ``full_key``."""
    if not (book / "pdf").is_dir():
        return NONE
    try:
        recorded = (book / PDF_KEY).read_text(encoding="utf-8").strip()
    except OSError:
        recorded = ""
    return CURRENT if recorded == full_key else STALE


def record(out: Path, full_key: str) -> None:
    """A full build: its PDFs were typeset from ``full_key``'s inputs."""
    (out / PDF_KEY).write_text(full_key + "\n", encoding="utf-8")


def carry(book: Path, out: Path, previous: str) -> str | None:
    """Put the previous ``book``'s PDFs into the new book ``out`` (HTML-only build), as
    ``previous`` says; returns a progress line, or None."""
    if previous == CURRENT:
        shutil.copytree(book / "pdf", out / "pdf")
        if (book / "log").is_dir():
            shutil.copytree(book / "log", out / "log")
        shutil.copy2(book / PDF_KEY, out / PDF_KEY)
        return "PDF build sebelumnya tetap dipakai: masukannya sama dengan build ini"
    if previous == STALE:
        (out / OLD).mkdir()
        for folder in (book / "pdf", book / "log"):
            for path in sorted(folder.glob("*")) if folder.is_dir() else ():
                if path.is_file():
                    shutil.copy2(path, out / OLD / path.name)
        return (
            f"PDF build sebelumnya tidak mutakhir (masukan berubah sejak itu): disimpan di "
            f"{OLD}/, bukan di pdf/; jalankan lkjip build tanpa --html-only untuk PDF baru"
        )
    if (book / OLD).is_dir():
        shutil.copytree(book / OLD, out / OLD)
    return None
