"""Writing a text file so that a failure never leaves half of it.

Shared by everything that writes a text file the user keeps: the ledger, the
reconciliation, a new year's tables, the coverage table. (A workbook is written the
same way, through a temporary file: :func:`lkjip.newyear.workbook.export`.)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """Write ``path`` through ``<path>.tmp``, renamed over it only when complete; the
    ``.tmp`` file is removed when anything fails (a full disk, ``path`` a folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            yield handle
        tmp.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and exc.filename in (None, str(tmp)):
            exc.filename = str(path)  # the file the user named (a failed write names none)
        raise
