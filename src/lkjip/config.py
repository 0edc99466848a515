"""Every environment variable lkjip reads, in one place.

Environment variables are machinery, so their names are English. Most are set
by ``lkjip build`` for the chapter kernels it starts; a user sets only
``LKJIP_ROOT`` (another project folder) or ``LKJIP_KEEP_STAGING`` (debugging).

| variable | set by | meaning |
|---|---|---|
| ``LKJIP_ROOT`` | user, tests | the project root (default: :func:`lkjip.paths.find_project`) |
| ``LKJIP_READS`` | build | file a chapter kernel appends the tables and figures it reads to |
| ``LKJIP_SHARED_CONTEXT`` | build | pickle of the build's validated dataset and registry |
| ``LKJIP_NO_PNG`` | build | ``1``: charts skip the PNG only the PDF uses (the PDF step adds it) |
| ``LKJIP_BOOK_BUILD`` | build | ``1``: jupyter-book runs on a book staged by lkjip build |
| ``LKJIP_KEEP_STAGING`` | user | ``1``: keep the staging folder of a failed build |
| ``LKJIP_SKIP_BROWSER`` | user, CI | ``1``: skip the tests that need Chromium |
| ``LKJIP_LOCK_WAIT`` | user, tests | seconds to wait for the data lock of a year (default 300) |
"""

from __future__ import annotations

import os

ROOT = "LKJIP_ROOT"
READS = "LKJIP_READS"
SHARED_CONTEXT = "LKJIP_SHARED_CONTEXT"
NO_PNG = "LKJIP_NO_PNG"
BOOK_BUILD = "LKJIP_BOOK_BUILD"
KEEP_STAGING = "LKJIP_KEEP_STAGING"
SKIP_BROWSER = "LKJIP_SKIP_BROWSER"
LOCK_WAIT = "LKJIP_LOCK_WAIT"

#: set by the build, inherited by the chapter kernels, removed afterwards
CHAPTER_VARIABLES = (READS, SHARED_CONTEXT, NO_PNG)

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
