"""Every byte of input comes through here: read once, checked, hashed from what was read.

Two guarantees:

* **Data folder policy.** Only regular files inside the project are read. A file or
  folder that resolves outside the project (a symbolic link), a folder named like a
  table, a FIFO, socket or device is refused with a message (:class:`Refused`), never
  opened in a way that could hang (FIFOs are opened non-blocking and checked with
  ``fstat``).
* **One read per build.** A build takes a :class:`Snapshot` of its inputs while it holds
  the data lock (:mod:`lkjip.data.locking`): every file's bytes, read once. Every read
  goes through a snapshot passed in: the build's code reads through the build's, a
  chapter kernel through the same snapshot, carried by the build's shared dataset
  (:meth:`lkjip.data.dataset.Dataset.inputs`). A read of a file the snapshot covers
  returns those bytes, and every hash (the build key, the chapter cache, the stamp) is
  the hash of those bytes. A file changed on disk during the build changes nothing in
  it; the next build sees the change. Loading a year takes a snapshot of its own when
  it is given none (:func:`lkjip.data.loading.load_dataset`); a command that reads
  single files as they are now (the workbook) reads through :data:`DISK`.

Paths are keyed lexically (absolute, symbolic links not followed), so a file is the
same entry however it is reached from the data folder.

Every read through a snapshot (bytes, kind, hash, a folder's listing) is recorded for
the chapter cache (``file:<path>``, ``dir:<path>``, :mod:`lkjip.data.reads`): a chapter
that shows a file, or a box because it is missing, runs again when the file changes,
appears or goes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from lkjip import paths
from lkjip.data import reads
from lkjip.errors import UserError


class Refused(UserError):
    """A path the data folder policy refuses (or the system could not read); Indonesian."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{paths.display_path(path)}: {reason}")


def _key(path: Path | str) -> Path:
    return Path(os.path.abspath(path))


_KINDS = {
    stat.S_IFDIR: "sebuah folder",
    stat.S_IFIFO: "sebuah FIFO (pipa bernama)",
    stat.S_IFSOCK: "sebuah soket",
    stat.S_IFCHR: "sebuah perangkat",
    stat.S_IFBLK: "sebuah perangkat",
}


def _not_regular(kind: int) -> str:
    shown = _KINDS.get(kind, "jenis berkas lain")
    return f"ini {shown}, bukan berkas biasa; hanya berkas biasa yang dibaca"


#: why a path whose symbolic links never end is refused
LOOP = (
    "tautan simbolik berputar (menunjuk ke dirinya sendiri atau ke tautan lain yang "
    "kembali ke sini); ganti dengan berkas atau folder biasa"
)


def _outside(path: Path, root: Path) -> str | None:
    """Why ``path``, inside the project, is refused for leading outside it (a symbolic
    link) or nowhere (a loop of symbolic links), or None. A path given outside the
    project is the caller's choice (the CLI refuses a data folder outside the project
    before reading it)."""
    if not _key(path).is_relative_to(root):
        return None
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # Python < 3.13: RuntimeError; then OSError ELOOP
        return LOOP
    if target.is_relative_to(root):
        return None
    return (
        f"menunjuk ke luar folder proyek ({target}); data hanya dibaca dari dalam proyek: "
        "salin berkasnya ke folder data, jangan pakai tautan simbolik"
    )


def read_disk(path: Path, root: Path | None = None) -> bytes:
    """The bytes of the regular file ``path`` inside the project, or :class:`Refused`."""
    base = (root or paths.project_root()).resolve()
    why = _outside(path, base)
    if why:
        raise Refused(path, why)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise Refused(path, "berkas tidak ada") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(path, LOOP) from None
        raise Refused(path, f"berkas tidak dapat dibaca ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):  # (before fdopen, which refuses a folder with a traceback)
        os.close(fd)
        raise Refused(path, _not_regular(stat.S_IFMT(mode)))
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise Refused(path, f"berkas tidak dapat dibaca ({exc.strerror})") from None


class Snapshot:
    """The bytes of a build's input files, read once, and every read of them (see the
    module docstring). A snapshot that took nothing (:data:`DISK`) reads the disk."""

    def __init__(self, root: Path | None):
        #: the project the files are taken from (None: :data:`DISK`, which takes none)
        self.root = root.resolve() if root is not None else None
        self._files: dict[Path, bytes] = {}
        self._refused: dict[Path, str] = {}
        self._dirs: set[Path] = set()
        self._absent: set[Path] = set()
        self._hashes: dict[Path, str] = {}

    # -- taking -------------------------------------------------------------------
    def add_file(self, path: Path) -> None:
        key = _key(path)
        try:
            self._files[key] = read_disk(key, self.root)
        except Refused as exc:
            self._refused[key] = exc.reason

    def add_optional(self, path: Path) -> None:
        """``path`` when it exists; otherwise recorded as absent (a later read does not
        look at the disk again)."""
        key = _key(path)
        if os.path.lexists(key):
            self.add_file(key)
        else:
            self._absent.add(key)

    def add_tree(self, folder: Path) -> None:
        """Every file below ``folder`` (a missing folder adds nothing)."""
        key = _key(folder)
        if not os.path.lexists(key):
            return
        why = _outside(key, self.root or paths.project_root().resolve())
        if why:
            self._refused[key] = why
            return
        if not key.is_dir():
            self.add_file(key)
            return
        self._dirs.add(key)
        for entry in sorted(os.scandir(key), key=lambda e: e.name):
            self.add_tree(Path(entry.path))

    # -- reading ------------------------------------------------------------------
    # Every read is recorded for the chapter cache; a path the snapshot does not cover
    # is read from disk (policy checked), as it is now.
    def covers(self, path: Path) -> bool:
        key = _key(path)
        return (
            key in self._files
            or key in self._refused
            or key in self._dirs
            or key in self._absent
            or key.parent in self._dirs
        )

    def read_bytes(self, path: Path) -> bytes:
        """The bytes of ``path`` as taken, else from disk (or :class:`Refused`)."""
        _record("file", path)
        return self._bytes(path) if self.covers(path) else read_disk(path)

    def read_text(self, path: Path) -> str:
        return self.read_bytes(path).decode("utf-8")

    def kind(self, path: Path) -> str | None:
        """``file``, ``dir``, ``refused`` (exists but is not readable data) or None
        (absent)."""
        _record("file", path)
        if self.covers(path):
            key = _key(path)
            if key in self._files:
                return "file"
            if key in self._dirs:
                return "dir"
            return "refused" if key in self._refused else None
        if not os.path.lexists(path):
            return None
        if _outside(Path(path), paths.project_root().resolve()):
            return "refused"
        if path.is_dir():
            return "dir"
        return "file" if path.is_file() else "refused"

    def refusal(self, path: Path) -> str:
        """Why ``path`` (of kind ``refused``) is not read."""
        try:
            self.read_bytes(path)
        except Refused as exc:
            return exc.reason
        return "berkas dapat dibaca"

    def is_file(self, path: Path) -> bool:
        return self.kind(path) == "file"

    def is_dir(self, path: Path) -> bool:
        return self.kind(path) == "dir"

    def listdir(self, folder: Path) -> list[Path]:
        """The entries of ``folder`` (sorted): as taken when the snapshot covers it (none
        unless it took a folder there), else on disk."""
        _record("dir", folder)
        key = _key(folder)
        if key in self._dirs:
            names = {p for p in (*self._files, *self._refused, *self._dirs) if p.parent == key}
            return sorted(names)
        if self.covers(folder) or not folder.is_dir():
            return []
        return sorted(Path(os.path.abspath(p)) for p in folder.iterdir())

    def sha256(self, path: Path) -> str:
        """SHA-256 of ``path``'s bytes as read through this snapshot."""
        _record("file", path)
        if not self.covers(path):
            return hashlib.sha256(read_disk(path)).hexdigest()
        key = _key(path)
        if key not in self._files:
            self._bytes(key)  # raises Refused: a folder, a refused entry or absent
        return self._digest(key)

    def _bytes(self, path: Path) -> bytes:
        key = _key(path)
        if key in self._files:
            return self._files[key]
        if key in self._dirs:
            raise Refused(key, _not_regular(stat.S_IFDIR))
        raise Refused(key, self._refused.get(key, "berkas tidak ada"))

    def files(self) -> list[Path]:
        """Every file read, sorted."""
        return sorted(self._files)

    def hashes(self) -> dict[Path, str]:
        """The SHA-256 of every file read, by path, sorted (for a key over the whole
        snapshot: not recorded as reads)."""
        return {key: self._digest(key) for key in sorted(self._files)}

    def _digest(self, key: Path) -> str:
        if key not in self._hashes:
            self._hashes[key] = hashlib.sha256(self._files[key]).hexdigest()
        return self._hashes[key]

    def refused(self) -> dict[Path, str]:
        return dict(sorted(self._refused.items()))


def take(
    root: Path,
    trees: Iterable[Path] = (),
    files: Iterable[Path] = (),
    optional: Iterable[Path] = (),
) -> Snapshot:
    """Read every file below ``trees``, every file in ``files`` and those of ``optional``
    that exist (hold the data lock)."""
    snap = Snapshot(root)
    for folder in trees:
        snap.add_tree(folder)
    for path in files:
        snap.add_file(path)
    for path in optional:
        snap.add_optional(path)
    return snap


#: reads from disk, policy checked and recorded: the snapshot that covers nothing (for
#: a command that reads the data folder as it is now, outside a build)
DISK = Snapshot(None)


def _record(kind: str, path: Path) -> None:
    if reads.listening():
        reads.record(kind, paths.display_path(Path(path)))
