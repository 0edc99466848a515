"""What produced a book: file hashes, package versions and the git state.

Shared by the reproducibility stamp (what the Reviu page and ``stamp.json``
print) and by the build's caches (what decides that nothing changed).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from lkjip import config, paths
from lkjip.errors import UserError

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
    found = _git_inputs(root, files)
    return None if found is None else found[0]


def _git_inputs(
    root: Path, files: Iterable[Path]
) -> tuple[dict[Path, str], dict[Path, list[Path]]] | None:
    """(:func:`git_inputs`, each input as given -> the entries of it that hold it)."""
    top_text = _git(root, "rev-parse", "--show-toplevel")
    entries = _status_entries(Path(top_text)) if top_text else None
    tracked_text = _git_raw(Path(top_text), "ls-files", "-z") if top_text else None
    if top_text is None or entries is None or tracked_text is None:
        return None
    top = Path(top_text).resolve()
    tracked = set(tracked_text.split("\0"))
    given = {path: path.resolve() for path in files}
    inputs = {}
    for resolved in given.values():
        inputs[resolved] = (
            resolved.relative_to(top).as_posix() if resolved.is_relative_to(top) else None
        )
    found: dict[Path, str] = {}
    held: dict[Path, list[Path]] = {}  # a resolved input -> the entries that hold it
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
            for f in hits:
                held.setdefault(f, []).append(top / entry)
    for f, rel in inputs.items():
        if f in held or (rel is not None and rel in tracked):
            continue
        if rel is None:
            if paths.shipped_name(f) is None:  # (the installed tool's files: its version)
                found[f] = OUTSIDE
                held[f] = [f]
            continue
        own = _git(f.parent, "rev-parse", "--show-toplevel")  # a repository inside the project
        key = Path(own).resolve() if own else f
        found[key] = OWN_REPOSITORY if own else OUTSIDE
        held[f] = [key]
    return found, {path: held.get(resolved, []) for path, resolved in given.items()}


def shown(path: Path, root: Path) -> str:
    """An input or a folder of inputs as the stamp names it (a folder ends with ``/``)."""
    return paths.display_path(path, root) + ("/" if path.is_dir() else "")


@dataclass(frozen=True)
class Origin:
    """What git says of the project a book is built from, as the build key and the stamp
    use it; made where the project is (:func:`origin`), so that a build of a copy of it
    (``lkjip rekap`` on a worker, ``lkjip build --provenance``) records the original's.
    Every path is relative to the project (:func:`lkjip.paths.display_path`)."""

    #: ``git rev-parse HEAD``; None outside git
    commit: str | None
    #: ``git status --porcelain --untracked-files=no``; None outside git
    status: str | None
    #: the entries of ``git status`` holding an input (a folder ends with ``/``) -> what
    #: git says of it (:func:`git_inputs`); None outside git
    uncommitted: dict[str, str] | None
    #: each input in those entries (as the stamp names it) -> the entries holding it
    held: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def state(self) -> tuple[str | None, str | None]:
        """(commit, uncommitted changes), as :func:`git_state` gives them."""
        return self.commit, self.status

    def uncommitted_of(self, names: Iterable[str]) -> dict[str, str] | None:
        """The entries of :attr:`uncommitted` that hold one of the inputs ``names`` (sorted),
        None outside git."""
        if self.uncommitted is None:
            return None
        keep = {entry for name in names for entry in self.held.get(name, ())}
        return {entry: text for entry, text in sorted(self.uncommitted.items()) if entry in keep}

    def to_json(self) -> str:
        return json.dumps(
            {
                FORMAT: FORMAT_VERSION,
                "commit": self.commit,
                "status": self.status,
                "uncommitted": self.uncommitted,
                "held": {name: list(entries) for name, entries in sorted(self.held.items())},
            },
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Origin:
        """The origin :meth:`to_json` wrote; ValueError (Indonesian) for anything else."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"bukan JSON yang sah ({exc})") from None
        if not isinstance(data, dict) or data.get(FORMAT) != FORMAT_VERSION:
            raise ValueError(f"bukan asal-usul git lkjip (kunci {FORMAT!r} harus {FORMAT_VERSION})")
        problems = [
            f"kunci {name!r} {wanted}"
            for name, wanted, fits in (
                ("commit", "harus teks atau null", _optional_text),
                ("status", "harus teks atau null", _optional_text),
                ("uncommitted", "harus objek teks -> teks atau null", _optional_texts),
                ("held", "harus objek teks -> daftar teks", _held),
            )
            if not fits(data.get(name, _ABSENT))
        ]
        if problems:
            raise ValueError("; ".join(problems))
        held = {name: tuple(entries) for name, entries in data["held"].items()}
        return cls(data["commit"], data["status"], data["uncommitted"], held)


#: the key (and its value) that marks a JSON file as an :class:`Origin`
FORMAT = "lkjip_asal_usul_git"
FORMAT_VERSION = 1
_ABSENT = object()


def _optional_text(value: object) -> bool:
    return value is None or isinstance(value, str)


def _optional_texts(value: object) -> bool:
    return value is None or (
        isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    )


def _held(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, list) and all(isinstance(e, str) for e in v) for v in value.values()
    )


def origin(root: Path, inputs: Iterable[Path]) -> Origin:
    """What git says of the project at ``root`` and of ``inputs``, as a build there
    records it: ``inputs``, every file the build reads (the snapshot's files,
    :func:`lkjip.assemble.inputs.read_inputs`); the stamp names those it hashes."""
    commit, status = git_state(root)
    found = _git_inputs(root, inputs) if status is not None else None
    if found is None:
        return Origin(commit, status, None)
    entries, held = found
    return Origin(
        commit,
        status,
        {shown(path, root): text for path, text in sorted(entries.items())},
        {
            paths.display_path(path, root): tuple(shown(entry, root) for entry in holding)
            for path, holding in sorted(held.items())
            if holding
        },
    )


def read_origin(path: Path) -> Origin:
    """The :class:`Origin` in the JSON file ``path`` (``lkjip build --provenance``);
    UserError naming the file when it cannot be read or is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"berkas asal-usul git tidak ditemukan: {path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} adalah folder, bukan berkas asal-usul git (JSON)") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: bukan teks UTF-8 (berkas asal-usul git, JSON)") from None
    except OSError as exc:
        raise UserError(f"{path} tidak dapat dibaca: {exc.strerror or exc}") from None
    try:
        return Origin.from_json(text)
    except ValueError as exc:
        raise UserError(f"{path}: bukan asal-usul git yang sah: {exc}") from None
