"""What produced a book: file hashes, package versions and the git state.

Shared by the reproducibility stamp (what the Reviu page and ``stamp.json``
print) and by the build's caches (what decides that nothing changed).
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from lkjip import config, paths

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


#: what git says of an entry of ``git status --porcelain`` (its two-letter code)
UNTRACKED = "belum dilacak git"
IGNORED = "diabaikan git (.gitignore)"
CHANGED = "berubah sejak commit terakhir"
#: an input git does not see: in a repository of its own, or outside the project's
OWN_REPOSITORY = "repositori git tersendiri, di luar repositori git proyek"
OUTSIDE = "di luar repositori git proyek"


def _status_text(code: str) -> str:
    return {"??": UNTRACKED, "!!": IGNORED}.get(code, CHANGED)


def _status_entries(top: Path) -> list[tuple[str, str]] | None:
    """``(path, code)`` of every entry of ``git status`` (relative to the repository's top;
    an untracked or ignored folder is one entry ending in ``/``), None when git fails."""
    out = _git_raw(top, "status", "--porcelain=v1", "-z", "--ignored", "--untracked-files=normal")
    if out is None:
        return None
    entries, tokens = [], iter(out.split("\0"))
    for token in tokens:
        if len(token) < 4:
            continue
        code, path = token[:2], token[3:]
        if code[0] in "RC":  # a rename or copy: the next token is the old path
            next(tokens, None)
        entries.append((path, code))
    return entries


def _git_raw(root: Path, *args: str) -> str | None:
    """The output of a git command as it is (``-z`` output keeps its NULs), None on failure."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout


def git_inputs(root: Path, files: Iterable[Path]) -> dict[Path, str] | None:
    """The inputs git does not have committed as they are, as git reports them: each entry
    of ``git status`` that holds an input (a file, or a whole untracked or ignored folder)
    -> what git says of it; an input git does not see at all (in a repository of its own,
    or outside the project's) is named with its folder, except the files shipped with an
    installed lkjip (named by its version). None: the project is not a git repository (or
    git cannot run)."""
    top_text = _git(root, "rev-parse", "--show-toplevel")
    entries = _status_entries(Path(top_text)) if top_text else None
    tracked_text = _git_raw(Path(top_text), "ls-files", "-z") if top_text else None
    if top_text is None or entries is None or tracked_text is None:
        return None
    top = Path(top_text).resolve()
    tracked = set(tracked_text.split("\0"))
    inputs = {}
    for path in files:
        resolved = path.resolve()
        inputs[resolved] = (
            resolved.relative_to(top).as_posix() if resolved.is_relative_to(top) else None
        )
    found: dict[Path, str] = {}
    seen: set[Path] = set()
    for entry, code in entries:
        folder = entry.endswith("/")
        hits = {
            f
            for f, rel in inputs.items()
            if rel is not None and (rel.startswith(entry) if folder else rel == entry)
        }
        if hits:
            text = OWN_REPOSITORY if folder and (top / entry / ".git").exists() else None
            found[top / entry] = text or _status_text(code)
            seen |= hits
    for f, rel in inputs.items():
        if f in seen or (rel is not None and rel in tracked):
            continue
        if rel is None:
            if paths.shipped_name(f) is None:  # (the installed tool's files: its version)
                found[f] = OUTSIDE
            continue
        own = _git(f.parent, "rev-parse", "--show-toplevel")  # a repository inside the project
        found[Path(own).resolve() if own else f] = OWN_REPOSITORY if own else OUTSIDE
    return found
