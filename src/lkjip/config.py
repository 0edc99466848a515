"""Every environment variable lkjip reads, in one place.

Environment variables are machinery, so their names are English. They are knobs a
user (or a test) sets; what ``lkjip build`` hands a chapter kernel is no variable but
the notebook parameter ``build`` (:class:`lkjip.chapters.kernel.protocol.KernelBuild`).
``LKJIP_BOOK_BUILD`` is the one the build still sets for a process of its own.

| variable | set by | meaning |
|---|---|---|
| ``LKJIP_ROOT`` | user, tests | the project root (default: :func:`lkjip.paths.find_project`) |
| ``LKJIP_BOOK_BUILD`` | build | ``1``: jupyter-book runs on a book staged by lkjip build |
| ``LKJIP_KEEP_STAGING`` | user | ``1``: keep the staging folder of a failed build |
| ``LKJIP_SKIP_BROWSER`` | user, CI | ``1``: skip the tests that need Chromium |
| ``LKJIP_LOCK_WAIT`` | user, tests | seconds to wait for the data lock of a year (default 300) |
"""

from __future__ import annotations

import os

ROOT = "LKJIP_ROOT"
BOOK_BUILD = "LKJIP_BOOK_BUILD"
KEEP_STAGING = "LKJIP_KEEP_STAGING"
SKIP_BROWSER = "LKJIP_SKIP_BROWSER"
LOCK_WAIT = "LKJIP_LOCK_WAIT"

#: the packages whose versions shape the book: printed in the stamp, part of
#: the chapter cache key and of the no-change build key
OUTPUT_PACKAGES = (
    "lkjip",
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "papermill",
    "nbclient",
    "pandas",
    "pandera",
    "altair",
    "vl-convert-python",
    "babel",
)


def flag(name: str) -> bool:
    """Whether a ``1``/``0`` variable is on."""
    return os.environ.get(name) == "1"
