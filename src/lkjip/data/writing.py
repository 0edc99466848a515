"""Writing a text file so that a failure never leaves half of it; new folders and copies
with the user's permissions (umask).

Shared by everything that writes a text file the user keeps: the ledger, the
reconciliation, a new year's tables, the coverage table. (A workbook is written the
same way, through a temporary file: :func:`lkjip.newyear.workbook.export`.)
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
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


def fresh_dir(where: Path, prefix: str) -> Path:
    """A new, empty folder ``where/<prefix><random>`` with the user's permissions (the
    umask's, as any folder the user makes: ``tempfile.mkdtemp`` makes it private, 0700,
    and a folder staged with it and renamed into place would stay so)."""
    for _ in range(100):
        path = where / f"{prefix}{secrets.token_hex(4)}"
        try:
            path.mkdir()
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"tidak dapat membuat folder baru di {where}")


def copy_tree(source: Path, target: Path) -> None:
    """Copy the files of ``source`` into a new folder ``target``: contents only, so that
    folders and files get the user's permissions (umask), not those of the source (which
    may be read-only, or another user's)."""
    target.mkdir()
    for path in sorted(source.iterdir()):
        if path.is_dir():
            copy_tree(path, target / path.name)
        elif path.is_file():
            shutil.copyfile(path, target / path.name)
