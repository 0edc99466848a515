"""Atomic builds: a staging folder per build, a lock per book, clean stops.

A book is ``<parent>/<name>`` (:class:`lkjip.paths.Output`; ``_build/<tahun>`` for the
project's own data). A build works in ``<parent>/.tmp-<name>-<pid>-*`` and only a
finished book is renamed to ``<parent>/<name>``. If a build is stopped:

* by SIGTERM or Ctrl-C: every child process (chapter workers, their kernels,
  jupyter-book) is stopped, the staging folder is removed, the previous book is
  untouched (:class:`BuildStopped` is raised);
* by SIGKILL (or a power cut): nothing can run, so the next build removes the
  staging folders whose process is gone, and puts back a book that was half-way
  through the final rename. Leftovers that are files (a file that stood where the
  book goes) are removed like folders; a build refuses to replace such a file
  (:func:`lkjip.params.check_output`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from lkjip import paths
from lkjip.errors import BuildError, BuildStopped

STAGING_PREFIX = ".tmp-"
OLD_PREFIX = ".old-"
#: ``.tmp-<name>-<pid>-<mkdtemp suffix>`` or ``.old-<name>-<pid>-book`` (the suffix
#: has no hyphen, so the last two hyphens delimit the pid whatever the name holds)
_PID = re.compile(r"^\.(?:tmp|old)-(.+)-(\d+)-[a-z0-9_]*$")


def _alive(pid: int) -> bool:
    return psutil.pid_exists(pid)


def staging_name(name: int | str) -> str:
    """Prefix of a staging folder of the book ``name`` (``2023`` for ``_build/2023``)."""
    return f"{STAGING_PREFIX}{name}-{os.getpid()}-"


def old_name(name: int | str) -> str:
    return f"{OLD_PREFIX}{name}-{os.getpid()}-book"


def clean_stale(build_root: Path, name: int | str) -> list[Path]:
    """Remove leftovers of builds of the book ``build_root/name`` whose process is gone;
    returns them. Leftovers of other books in ``build_root`` are left alone.

    A book renamed aside (``.old-``) by a build killed before it moved the new
    book in is put back first, so a reader always finds the last good book.
    """
    removed: list[Path] = []
    if not build_root.is_dir():
        return removed
    final = build_root / str(name)
    for path in sorted(build_root.iterdir()):
        match = _PID.match(path.name)
        if not match or match.group(1) != str(name) or _alive(int(match.group(2))):
            continue
        if path.name.startswith(OLD_PREFIX) and path.is_dir() and not final.exists():
            path.rename(final)
            continue
        remove(path)
        removed.append(path)
    return removed


def remove(path: Path) -> None:
    """Remove a leftover folder or file (``rmtree`` alone leaves a file in place).

    A book folder renamed aside may be a plain file when something else stood at
    ``_build/<tahun>``: it is removed too, or it would stay as ``.old-*`` forever.
    """
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def year_lock(build_root: Path, name: int | str) -> Iterator[None]:
    """One build of the book ``build_root/name`` at a time (the lock dies with its process)."""
    build_root.mkdir(parents=True, exist_ok=True)
    with (build_root / f".lock-{name}").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"build lain ke {paths.display_path(build_root / str(name))} sedang berjalan; "
                "tunggu sampai selesai"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren, ...); empty when it is gone."""
    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def stop_children() -> None:
    """Stop every process this one started: chapter workers, their kernels, jupyter-book.

    SIGKILL, because they hold nothing worth saving (the staging folder is removed
    by the build) and a gentler signal makes each of them print a traceback.
    """
    for _ in range(5):  # a process may start a child while we look
        pids = descendants(os.getpid())
        if not pids:
            break
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.1)
        _reap()


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


@contextlib.contextmanager
def stoppable() -> Iterator[None]:
    """Turn SIGTERM into :class:`BuildStopped` for the duration (main thread only)."""

    def handler(signum: int, frame: object) -> None:
        raise BuildStopped(signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold SIGTERM and SIGINT back while the finished book is renamed into place."""
    held = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def swap(staged: Path, final: Path) -> None:
    """Replace ``final`` by ``staged`` (renames, so readers never see a half book)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(old_name(final.name))
    with uninterrupted():
        if final.exists():
            final.rename(old)
        staged.rename(final)
    if old.exists():
        remove(old)
