"""The chapter cache: an executed chapter is reused only for exactly the same inputs.

Key of a chapter = SHA-256 of its notebook file, its parameters (year, data folder,
draft), and the code version (lkjip's version, the hash of its source files and the
versions of the packages that shape the output, :data:`lkjip.config.OUTPUT_PACKAGES`).
Whether the build makes the PDF is not part of it: a chapter runs the same way for
both (its charts carry no PNG; the PDF step adds them, :mod:`lkjip.assemble.pdf_png`).
Stored with each entry: a fingerprint of everything the chapter read, as recorded
while it ran (:mod:`lkjip.data.reads`; :mod:`lkjip.assemble.dependencies`): each
figure, table (with its metadata and problems), finding, file and folder, by content.
A lookup hits only when the key matches and every fingerprint is the same, so a changed
value re-runs exactly the chapters that show something of it. A read that cannot be
fingerprinted (:data:`UNTRUSTED`) makes the entry a miss, never a hit.

Layout: ``_build/.cache/<tahun>/<chapter>/{entry.json,bab.ipynb}``. The cache
is safe to delete at any time; a missing or damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lkjip
from lkjip import __version__, paths
from lkjip.audit import provenance
from lkjip.audit.provenance import file_sha256
from lkjip.data.snapshot import Snapshot

#: the start of the fingerprint of a read the cache cannot judge (never reused)
UNTRUSTED = "tidak dikenal:"


def code_files() -> list[Path]:
    """lkjip's source files and the data files it reads (the reviu program), sorted; not
    the national reference tables (``rujukan/``: data, in the snapshot of the builds that
    read them)."""
    package = Path(lkjip.__file__).resolve().parent
    return sorted(
        p
        for p in package.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.suffix not in (".pyc", ".pyo")
        and p.relative_to(package).parts[0] != paths.RUJUKAN
    )


@cache
def code_version() -> str:
    """lkjip's version, a hash of its source and data files, and the output-shaping
    packages."""
    package = Path(lkjip.__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in code_files():
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    for name, version in provenance.package_versions().items():
        h.update(f"{name}={version}".encode())
    return h.hexdigest()


def chapter_key(notebook: Path, parameters: dict) -> str:
    h = hashlib.sha256(notebook.read_bytes())
    h.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    h.update(code_version().encode())
    return h.hexdigest()


def replace_entry(tmp: Path, final: Path) -> None:
    """Put the entry written in ``tmp`` at ``final`` by renames (a reader sees the old
    entry or the new one, never half of one)."""
    old = final.with_name(f".{final.name}-{os.getpid()}-lama")
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class ChapterCache:
    folder: Path  # _build/.cache/<tahun>
    root: Path  # the project (recorded file paths are relative to it)

    def lookup(
        self, chapter: str, key: str, current: Callable[[list[str]], dict[str, str]]
    ) -> Path | None:
        """The cached executed notebook, or None when anything it depends on changed.

        ``current``: the fingerprints now of the reads the entry recorded
        (:func:`lkjip.assemble.dependencies.fingerprints`).
        """
        entry_dir = self.folder / chapter
        try:
            entry = json.loads((entry_dir / "entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        notebook = entry_dir / "bab.ipynb"
        if entry.get("key") != key or not notebook.is_file():
            return None
        if file_sha256(notebook) != entry.get("notebook_sha256"):
            return None
        recorded = entry.get("reads")
        if not isinstance(recorded, dict) or current(sorted(recorded)) != recorded:
            return None
        if any(str(value).startswith(UNTRUSTED) for value in recorded.values()):
            return None
        return notebook

    def store(self, chapter: str, key: str, reads: dict[str, str], executed: Path) -> None:
        """Save an executed chapter with the fingerprints of what it read (atomic replace)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{chapter}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        shutil.copy2(executed, tmp / "bab.ipynb")
        entry = {
            "chapter": chapter,
            "key": key,
            "notebook_sha256": file_sha256(tmp / "bab.ipynb"),
            "reads": dict(sorted(reads.items())),
        }
        (tmp / "entry.json").write_text(
            json.dumps(entry, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        replace_entry(tmp, self.folder / chapter)

    def reads(self, chapter: str) -> list[str]:
        """What a cached chapter read (``figure:…``, ``table:…``; for reports and tests)."""
        try:
            entry = json.loads((self.folder / chapter / "entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return sorted(entry.get("reads", {}))


def build_key(root: Path, inputs: Snapshot, options: dict) -> str:
    """Everything a whole build depends on: when it is unchanged, the book is too.

    ``inputs``: the files as the build read them (a refused entry counts with its reason).
    """
    h = hashlib.sha256(code_version().encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    for path, digest in inputs.hashes().items():  # (a package file by its name, anywhere)
        h.update(paths.display_path(path, root).encode())
        h.update(digest.encode())
    for path, reason in inputs.refused().items():
        h.update(f"{path}: {reason}".encode())
    return h.hexdigest()
