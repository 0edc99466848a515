"""The Dask task of ``lkjip rekap``: one office's book, built on a worker.

A top-level function of an importable module, so any worker imports it. It unpacks the
office's payload (:mod:`lkjip.rekap.paket`) into a temporary folder under the worker's
local directory, runs ``lkjip build`` there as a subprocess (a build starts its own
process pool; Dask's worker processes are daemonic and may not), sends each progress
line to the client as a Dask event (:data:`TOPIK`), and returns the exit code, what the
build printed, and the built book and cache folder as tar archives. The temporary folder
is always removed.
"""

from __future__ import annotations

import collections
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lkjip import config, paths
from lkjip.rekap import paket

#: how many lines of stdout and characters of stderr come back
STDOUT_LINES = 40
STDERR_CHARS = 20_000
#: seconds a build has to stop after SIGTERM before it is killed
STOP_SECONDS = 30


@dataclass(frozen=True)
class HasilTugas:
    """What one office's task gives back."""

    baris: int
    #: the exit code of ``lkjip build`` (0 built, 1 failed, 2 invalid data, ...)
    kode: int
    #: the last lines of its progress (stdout)
    stdout: str
    #: the end of what it printed on stderr (the message of a failure)
    stderr: str
    #: the built book folder and the office's cache folder, as tar archives ("" on failure)
    buku: bytes
    cache: bytes
    #: the address of the Dask worker that ran it
    pekerja: str
    detik: float


def _worker() -> object | None:
    """The Dask worker running this task (None when called outside Dask, in tests)."""
    try:
        from distributed import get_worker

        return get_worker()
    except (ImportError, ValueError):
        return None


def _say(worker: object | None, topik: str, baris: int, teks: str) -> None:
    if worker is not None and topik:
        with contextlib.suppress(Exception):  # progress never fails the build
            worker.log_event(topik, {"baris": baris, "teks": teks})  # type: ignore[attr-defined]


def perintah(man: paket.Manifest, asal: Path | None = None) -> list[str]:
    """The ``lkjip build`` command of one office, run in its project's copy; ``asal``:
    the file holding the project's Origin (``--provenance``)."""
    pilihan = man.pilihan
    jobs = pilihan.jobs or max(1, (os.cpu_count() or 1) // max(1, pilihan.per_host))
    command = [sys.executable, "-m", "lkjip.cli", "build", "--tahun", str(pilihan.tahun)]
    command += ["--data-dir", man.data]
    command += ["--draft"] if pilihan.draft else []
    command += ["--html-only"] if pilihan.html_only else []
    command += ["--provenance", str(asal)] if asal is not None else []
    return [*command, "--jobs", str(jobs)]


#: how a build's last progress line starts (``assemble.pipeline``)
DONE = "Selesai dalam"


def bangun(payload: bytes, topik: str = "") -> HasilTugas:
    """Build the office of ``payload`` (see the module docstring)."""
    start = time.perf_counter()
    worker = _worker()
    local = getattr(worker, "local_directory", None) or tempfile.gettempdir()
    Path(local).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="lkjip-rekap-", dir=local)).resolve()
    try:
        man = paket.buka(payload, tmp)
        root = tmp / paket.PROYEK
        place = paths.output(man.pilihan.tahun, root / man.data, root)
        if (tmp / paket.CACHE).is_dir():
            place.cache.parent.mkdir(parents=True, exist_ok=True)
            (tmp / paket.CACHE).rename(place.cache)
        if (tmp / paket.BUKU).is_dir():
            place.book.parent.mkdir(parents=True, exist_ok=True)
            (tmp / paket.BUKU).rename(place.book)
        env = {
            **os.environ,
            config.ROOT: str(root),
            # git looks no higher than the copy: never at a repository around the worker's
            # folder (the copy is no checkout; the project's git state comes as --provenance)
            "GIT_CEILING_DIRECTORIES": str(tmp),
        }
        asal = None
        if man.origin is not None:  # the project's git state, not the copy's
            asal = tmp / "asal.json"
            asal.write_text(man.origin, encoding="utf-8")
        command = perintah(man, asal)
        kode, keluar, galat = _run(command, root, env, tmp, worker, topik, man.baris)
        ok = kode == 0
        return HasilTugas(
            baris=man.baris,
            kode=kode,
            stdout=keluar,
            stderr=galat,
            buku=paket.arsip(place.book) if ok else b"",
            cache=paket.arsip(place.cache) if ok else b"",
            pekerja=str(getattr(worker, "address", "")),
            detik=time.perf_counter() - start,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _stop_with_parent() -> None:
    """In the build's process, before it starts (Linux): SIGTERM when the worker that
    started it dies (a worker killed mid-task leaves no build running; a build stopped
    by SIGTERM stops its own children and removes its staging folder)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _run(
    command: list[str],
    root: Path,
    env: dict[str, str],
    tmp: Path,
    worker: object | None,
    topik: str,
    baris: int,
) -> tuple[int, str, str]:
    """Run the build; (exit code, the last lines of stdout, the end of stderr)."""
    tail: collections.deque[str] = collections.deque(maxlen=STDOUT_LINES)
    with (tmp / "stderr.txt").open("w+", encoding="utf-8", errors="replace") as err:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
            errors="replace",
            preexec_fn=_stop_with_parent,
        )
        try:
            assert process.stdout is not None
            finished = False
            for line in process.stdout:
                text = line.rstrip("\n")
                tail.append(text)
                # the stages, up to the build's "Selesai ..." line; its pre-signing
                # checklist after it is the office's own (in its working paper)
                if not finished:
                    _say(worker, topik, baris, text)
                finished = finished or text.startswith(DONE)
            kode = process.wait()
        finally:
            if process.poll() is None:  # the task itself failed or was stopped
                process.terminate()
                try:
                    process.wait(STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        err.seek(0)
        galat = err.read()
    return kode, "\n".join(tail), galat[-STDERR_CHARS:].strip()
