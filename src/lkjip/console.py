"""What the command line shows when things go wrong: argparse's errors and
environment failures in Indonesian, and output that survives a closed pipe.

:mod:`lkjip.cli` prints these; they live here to keep the commands short.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
import threading
from pathlib import Path
from typing import NoReturn

from lkjip import paths
from lkjip.errors import UserError

#: the cause of an environment failure, by errno (Indonesian)
_CAUSES = {
    errno.EACCES: "tidak punya izin menulis atau membaca",
    errno.EPERM: "tidak punya izin menulis atau membaca",
    errno.ENOSPC: "ruang disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EFBIG: "berkas melebihi batas ukuran (ulimit -f) atau ruang disk penuh",
    errno.EROFS: "sistem berkas hanya dapat dibaca (read-only)",
    errno.ENOENT: "berkas atau folder tidak ditemukan",
    errno.EISDIR: "berupa folder, bukan berkas",
    errno.ENOTDIR: "bagian jalurnya bukan folder",
    errno.ENOTEMPTY: "folder tidak kosong",
    errno.EEXIST: "sudah ada",
    errno.EIO: "galat baca/tulis perangkat disk",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ENFILE: "terlalu banyak berkas terbuka",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.ELOOP: "tautan simbolik berputar",
    errno.ETXTBSY: "berkas sedang dipakai",
    errno.EBUSY: "berkas atau folder sedang dipakai",
    errno.EXDEV: "tidak dapat dipindah antar-sistem berkas",
}


def os_message(exc: OSError, near: Path | None = None) -> str:
    """An environment failure in Indonesian: the path(s) and the cause. ``near``: the
    folder being written, named when the error names no file (a failed write)."""
    cause = _CAUSES.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    names = [str(n) for n in (exc.filename, exc.filename2) if n is not None]
    where = " -> ".join(paths.display_path(Path(n)) for n in names)
    if where:
        return f"{where}: {cause}"
    return f"saat menulis ke {paths.display_path(near)}: {cause}" if near else cause


def output_file(path: Path, option: str) -> Path:
    """Refuse an output file the user named that can never be written (exit 2)."""
    if path.is_dir():
        raise UserError(
            f"{option} {path} adalah folder; beri nama berkas, mis. {path / 'ledger.csv'}"
        )
    parent = next((d for d in path.parents if d.exists()), None)
    if parent is not None and not parent.is_dir():
        raise UserError(f"{option} {path}: {parent} adalah berkas, bukan folder")
    return path


class Progress:
    """Build progress on stdout that stops quietly when the reader goes away.

    After a closed pipe (``lkjip build | head -1``) stdout is pointed at
    ``/dev/null`` (as the Python docs advise for SIGPIPE) and the build goes on, so
    its exit status still says whether the book was made.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # the PDF thread reports too
        self.closed = False

    def __call__(self, text: str) -> None:
        with self._lock:
            if self.closed:
                return
            try:
                print(text, flush=True)
            except (BrokenPipeError, ValueError):  # ValueError: stdout already closed
                self.closed = True
                silence()


def silence(name: str = "stdout") -> None:
    """Point ``sys.stdout`` (or ``sys.stderr``) at /dev/null, so later writes and the
    flush at exit cannot fail once its reader has gone (what is still buffered then
    goes to /dev/null)."""
    stream = getattr(sys, name)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    except (AttributeError, OSError, ValueError):  # not a real file (captured in tests)
        setattr(sys, name, open(os.devnull, "w"))  # lives until exit
    finally:
        os.close(devnull)


#: argparse's English, in Indonesian (the rest of its messages are built from these)
_ARGPARSE_WORDS = (
    ("the following arguments are required", "argumen wajib belum diberikan"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("expected one argument", "membutuhkan satu nilai"),
    ("invalid choice", "pilihan tidak dikenal"),
    ("choose from", "pilih dari"),
    ("not allowed with argument", "tidak boleh bersama argumen"),
    ("ambiguous option", "opsi ambigu"),
    ("could match", "dapat berarti"),
    ("argument ", "argumen "),
)


class Parser(argparse.ArgumentParser):
    """argparse, with errors raised as UserError (Indonesian, exit 2, no usage dump)."""

    def error(self, message: str) -> NoReturn:
        for english, indonesian in _ARGPARSE_WORDS:
            message = message.replace(english, indonesian)
        raise UserError(f"{message} (lihat: {self.prog} --help)")


def jobs(text: str) -> int:
    """``--jobs``: a whole number of processes, at least 1."""
    if not re.fullmatch(r"[+-]?[0-9]+", text.strip()):  # int() also takes "४" and "1_0"
        raise argparse.ArgumentTypeError(f"jumlah proses harus bilangan bulat, bukan '{text}'")
    number = int(text.strip())
    if number < 1:
        raise argparse.ArgumentTypeError(f"jumlah proses paling sedikit 1, bukan {number}")
    return number
