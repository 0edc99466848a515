"""``lkjip rekap``: every office of KANTOR.csv built on Dask, then their comparison book."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lkjip import console, paths
from lkjip.cli.exits import EXIT_BUILD_FAILED, EXIT_SOME_OFFICES_FAILED
from lkjip.rekap import kantor as kantor_csv
from lkjip.rekap import ringkasan
from lkjip.rekap.hasil import HasilKantor


def default_out(tahun: int) -> Path:
    """``<project root or the current folder>/_build/rekap/<tahun>``."""
    return (paths.find_project() or Path.cwd()).resolve() / paths.BUILD / "rekap" / str(tahun)


def jalankan(*args: object, **kwargs: object) -> list[HasilKantor]:
    """:func:`lkjip.rekap.jalankan.jalankan`, imported when the command runs (it loads
    the build; every other command starts without it)."""
    from lkjip.rekap.jalankan import jalankan as run

    return run(*args, **kwargs)  # type: ignore[arg-type]


def cmd_rekap(args: argparse.Namespace) -> int:
    from lkjip.rekap.paket import Pilihan

    tahun = args.tahun
    offices = kantor_csv.baca(args.kantor, tahun, paths.find_project())  # DataInvalid: exit 2
    progress = console.Progress()
    hasil = jalankan(
        offices,
        Pilihan(tahun, draft=args.draft, html_only=args.html_only),
        scheduler=args.scheduler,
        workers=args.workers,
        progress=progress,
    )
    for line in ringkasan.baris(hasil, tahun):
        progress(line)
    out = args.out or default_out(tahun)
    if not _perbandingan(tahun, hasil, out, not args.html_only, progress):
        return EXIT_BUILD_FAILED
    return EXIT_SOME_OFFICES_FAILED if any(not h.berhasil for h in hasil) else 0


def _perbandingan(
    tahun: int, hasil: list[HasilKantor], out: Path, pdf: bool, progress: console.Progress
) -> bool:
    """Build the comparison book into ``out``; False when it failed."""
    from lkjip.rekap import perbandingan

    try:
        perbandingan.bangun(tahun, hasil, out, pdf=pdf, progress=progress)
    except OSError as exc:
        print(f"Buku perbandingan gagal dibangun: {console.os_message(exc, out)}", file=sys.stderr)
        return False
    except Exception as exc:  # a failed jupyter-book or LaTeX step, ...
        print(f"Buku perbandingan gagal dibangun: {exc}", file=sys.stderr)
        return False
    return True
