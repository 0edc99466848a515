"""Every environment variable lkjip reads, in one place.

Environment variables are machinery, so their names are English. They are knobs a
user (or a test) sets; what ``lkjip build`` hands a chapter kernel is no variable but
the notebook parameter ``build`` (:class:`lkjip.chapters.kernel.protocol.KernelBuild`),
and what it tells jupyter-book is written into the staged ``_config.yml``
(:data:`STAGED_BOOK`).

| variable | set by | meaning |
|---|---|---|
| ``LKJIP_ROOT`` | user, tests | the project root (default: :func:`lkjip.paths.find_project`) |
| ``LKJIP_KEEP_STAGING`` | user | ``1``: keep the staging folder of a failed build |
| ``LKJIP_SKIP_BROWSER`` | user, CI | ``1``: skip the tests that need Chromium |
| ``LKJIP_LOCK_WAIT`` | user, tests | seconds to wait for the data lock of a year (default 300) |
"""

from __future__ import annotations

import os

ROOT = "LKJIP_ROOT"
KEEP_STAGING = "LKJIP_KEEP_STAGING"
SKIP_BROWSER = "LKJIP_SKIP_BROWSER"
LOCK_WAIT = "LKJIP_LOCK_WAIT"

#: the Sphinx config value (``sphinx.config`` of the staged ``_config.yml``) that marks a
#: book staged by ``lkjip build``: the book's Sphinx extension runs only there
#: (:mod:`lkjip.render.sphinx_ext`), not in the project's own ``_config.yml``
STAGED_BOOK = "lkjip_build"

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
