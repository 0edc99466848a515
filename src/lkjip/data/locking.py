"""One lock per data folder and report year, shared by everything that writes the
year's data or reads it to build a book.

``lkjip import`` and ``lkjip init`` hold it while they write ``<data>/<tahun>``; a
build holds it while it reads its inputs (:mod:`lkjip.data.snapshot`), so a build
never reads a half-written import and an import never changes files under a build
that is reading them. The lock file lives in the build folder of the data folder
(``_build/.lock-data-<tahun>`` for the project's ``data/``), never in the data
folder itself; it is released when its process ends, however it ends.

A second process waits for the lock (saying so once) up to ``LKJIP_LOCK_WAIT``
seconds (default 300), then stops with a message.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from lkjip import config, paths
from lkjip.errors import UserError

#: seconds a process waits for the lock before giving up (``LKJIP_LOCK_WAIT``)
DEFAULT_WAIT = 300.0


def lock_file(data_dir: Path, tahun: int) -> Path:
    """The lock of ``<data_dir>/<tahun>``: beside the books built from that folder (a data
    folder outside the project, given by a caller of the library: beside that folder)."""
    try:
        return paths.output(tahun, data_dir).parent / f".lock-data-{tahun}"
    except ValueError:
        return data_dir.parent / f".lock-data-{data_dir.name}-{tahun}"


def _wait_seconds() -> float:
    text = os.environ.get(config.LOCK_WAIT, "")
    try:
        return max(0.0, float(text)) if text else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT


@contextlib.contextmanager
def data_lock(
    data_dir: Path, tahun: int, say: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock of ``<data_dir>/<tahun>``, waiting for another holder to finish."""
    path = lock_file(data_dir, tahun)
    path.parent.mkdir(parents=True, exist_ok=True)
    shown = paths.display_path(paths.year_dir(data_dir, tahun))
    deadline = time.monotonic() + _wait_seconds()
    with path.open("a") as handle:
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError(
                        f"data {shown} sedang dipakai proses lain (build, import atau init) "
                        "terlalu lama; coba lagi setelah proses itu selesai"
                    ) from None
                if not told and say is not None:
                    say(f"Menunggu proses lain yang sedang memakai data {shown} ...")
                    told = True
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
