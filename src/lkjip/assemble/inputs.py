"""What a build reads, read once: its inputs, and the keys that say whether they changed.

:func:`read_inputs` takes the snapshot (:mod:`lkjip.data.snapshot`) of every file a
build reads, under the data lock; :func:`check_sources` refuses a book source the
snapshot refused (the data folder's refusals are named by validation); :func:`keys`
gives the build key of this build and of a full build (HTML and PDFs) of the same
inputs, which says whether the last PDFs are current (:mod:`lkjip.assemble.pdf_keep`);
:func:`book_keys` gives them for a book (what ``build-key.txt`` holds), the one
definition the build and ``lkjip rekap`` (an office unchanged: no task) share.
"""

from __future__ import annotations

from pathlib import Path

from lkjip import paths
from lkjip.assemble import cache
from lkjip.audit.provenance import Origin
from lkjip.data import national, snapshot
from lkjip.data.snapshot import Snapshot
from lkjip.errors import UserError


def read_inputs(root: Path, data_dir: Path, tahun: int) -> Snapshot:
    """Every file a build of ``tahun`` reads, read once (hold the data lock): the book's
    own files, the metadata, the year's folder with its images and scans, the emblem, and
    the national reference tables the package ships for the year."""
    return snapshot.take(
        root,
        [paths.metadata_dir(data_dir), paths.year_dir(data_dir, tahun), *national.trees(tahun)],
        paths.book_files(root),
        paths.emblem_files(data_dir),
    )


def check_sources(inputs: Snapshot, data_dir: Path) -> None:
    """Refuse a book source the snapshot refused (a file of ``book/`` or ``notebooks/``
    leading outside the project); the data folder's are named by validation."""
    refused = [
        f"{paths.display_path(path)}: {reason}"
        for path, reason in inputs.refused().items()
        if not path.is_relative_to(data_dir)
    ]
    if refused:
        raise UserError("sumber buku tidak dapat dipakai: " + "; ".join(refused))


def keys(root: Path, inputs: Snapshot, options: dict, pdf: bool) -> tuple[str, str]:
    """(the build key of this build, the build key of a full build of the same inputs)."""
    full = cache.build_key(root, inputs, {**options, "pdf": True})
    return (full if pdf else cache.build_key(root, inputs, {**options, "pdf": False})), full


def book_keys(
    root: Path,
    inputs: Snapshot,
    tahun: int,
    data_dir: Path,
    draft: bool,
    pdf_enabled: bool,
    origin: Origin,
) -> tuple[str, str]:
    """(the build key a build of ``tahun`` from ``data_dir`` writes to ``build-key.txt``,
    the key of a full build of the same inputs). ``inputs``: :func:`read_inputs`;
    ``origin``: what git says of the project (:func:`lkjip.audit.provenance.origin`)."""
    options = {
        "tahun": tahun,
        "data_dir": paths.display_path(data_dir, root),
        "draft": draft,
        "git": origin.state,
    }
    return keys(root, inputs, options, pdf_enabled)
