"""What produced a book: file hashes, package versions and the git state.

Shared by the reproducibility stamp (what the Reviu page and ``stamp.json``
print) and by the build's caches (what decides that nothing changed).
"""

from __future__ import annotations

import hashlib
import subprocess
from importlib import metadata
from pathlib import Path

from lkjip import config

#: what :func:`file_sha256` gives for a file that does not exist
MISSING = "-"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, :data:`MISSING` when it does not exist."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return MISSING


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return MISSING


def package_versions() -> dict[str, str]:
    """The installed version of every package that shapes the book."""
    return {name: package_version(name) for name in config.OUTPUT_PACKAGES}


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip()


def git_state(root: Path) -> tuple[str | None, str | None]:
    """(commit, uncommitted changes) of the checkout; None outside git."""
    return _git(root, "rev-parse", "HEAD"), _git(
        root, "status", "--porcelain", "--untracked-files=no"
    )
