"""Replace a year's data folder all at once: write into a staged copy, then swap it in.

``lkjip import`` writes several tables; a failure half-way (a file that cannot be
written, a full disk, a stopped process) must leave ``<data>/<tahun>`` as it was.
:func:`staged_year` holds the data lock (:mod:`lkjip.data.locking`), copies the
year folder to ``<data>/.tmp-import-<tahun>-<pid>``, lets the caller write there,
and only when the caller's block ends without error renames the year folder to
``<data>/.old-import-<tahun>-<pid>``, the staged copy to the year folder, and
removes the old one. On any error the staged copy is removed and the year folder
is untouched.

Leftovers of a process that was killed are handled the next time, under the lock:
a staged copy is removed; an old folder is removed when the year folder exists and
renamed back when it does not (the process stopped between the two renames). The
loader reads only ``<data>/<tahun>/*.csv``, so a leftover is never read as data.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from lkjip import paths
from lkjip.data.locking import data_lock

STAGED = ".tmp-import-{tahun}-"
OLD = ".old-import-{tahun}-"


def _leftovers(data_dir: Path, prefix: str) -> list[Path]:
    return sorted(p for p in data_dir.glob(prefix + "*") if p.is_dir() and not p.is_symlink())


def recover(data_dir: Path, tahun: int) -> None:
    """Clean up after an import that was stopped (call under the data lock)."""
    year = paths.year_dir(data_dir, tahun)
    for staged in _leftovers(data_dir, STAGED.format(tahun=tahun)):
        shutil.rmtree(staged, ignore_errors=True)
    for old in _leftovers(data_dir, OLD.format(tahun=tahun)):
        if not year.exists():
            os.rename(old, year)  # stopped between the two renames: the old folder is the data
        else:
            shutil.rmtree(old, ignore_errors=True)


def _failed(year: Path, staged: Path, exc: OSError) -> OSError:
    """The environment failure of an import (exit 1), naming the file of the year's
    folder it was writing (not its staged copy), or the year's folder."""
    name = Path(exc.filename) if exc.filename else year
    if name.is_relative_to(staged):
        name = year / name.relative_to(staged)
    elif not name.is_relative_to(year):
        name = year
    return type(exc)(exc.errno, exc.strerror, str(name))


@contextlib.contextmanager
def staged_year(data_dir: Path, tahun: int) -> Iterator[Path]:
    """A copy of ``<data_dir>/<tahun>`` to write into, swapped in when the block succeeds.

    Raises OSError (naming the file) when the copy or the swap fails; exceptions of the
    block propagate. In both cases the year folder is left unchanged.
    """
    year = paths.year_dir(data_dir, tahun)
    pid = os.getpid()
    staged = data_dir / f"{STAGED.format(tahun=tahun)}{pid}"
    old = data_dir / f"{OLD.format(tahun=tahun)}{pid}"
    with data_lock(data_dir, tahun):
        try:
            recover(data_dir, tahun)
            if year.exists():
                shutil.copytree(year, staged, symlinks=True)
            else:
                staged.mkdir(parents=True)
        except OSError as exc:
            shutil.rmtree(staged, ignore_errors=True)
            raise _failed(year, staged, exc) from None
        try:
            yield staged
            _swap(year, staged, old)
        except OSError as exc:
            shutil.rmtree(staged, ignore_errors=True)
            raise _failed(year, staged, exc) from None
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)  # a leftover is removed by the next import


def _swap(year: Path, staged: Path, old: Path) -> None:
    if not year.exists():
        os.rename(staged, year)
        return
    os.rename(year, old)
    try:
        os.rename(staged, year)
    except BaseException:
        os.rename(old, year)
        raise
