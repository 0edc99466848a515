"""Command line: ``lkjip build``, ``validate``, ``ledger``, ``diff``, ``init``, ``export``,
``import``, ``rekap`` (many offices on Dask).

Every failure is an Indonesian message, never a Python traceback:

* exit 2: the user's input (bad data, bad parameters, an ``--out`` that is a folder or
  lies among the project's inputs: :func:`lkjip.params.output_refusal`, a file that
  is not a ledger);
* exit 1: the environment or the build (no permission, a full disk, a read-only
  file system, a failed build step; for ``rekap``, the comparison book);
* exit 3 (``rekap``): some offices failed (invalid data, a failed build, a lost
  worker); the others were built;
* 128 + signal: a build stopped by SIGTERM or Ctrl-C; 141 (as SIGPIPE would) when
  the reader of the output went away before a command other than ``build`` finished.

A build whose output pipe closes (``lkjip build | head -1``) keeps building with its
progress lines silenced, so its exit status says whether the book was made.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from pathlib import Path

from lkjip import console, paths
from lkjip.cli.book import (
    cmd_build,
    cmd_coverage,
    cmd_diff,
    cmd_ledger,
    cmd_validate,
    print_problems,
)
from lkjip.cli.data import cmd_export, cmd_import, cmd_init
from lkjip.cli.exits import (
    EXIT_BROKEN_PIPE,
    EXIT_BUILD_FAILED,
    EXIT_ENVIRONMENT,
    EXIT_SOME_OFFICES_FAILED,
    EXIT_USER_ERROR,
)
from lkjip.cli.parser import make_parser
from lkjip.cli.rekap import cmd_rekap
from lkjip.errors import DataInvalid, ParameterError, UserError

__all__ = [
    "COMMANDS",
    "EXIT_BROKEN_PIPE",
    "EXIT_BUILD_FAILED",
    "EXIT_ENVIRONMENT",
    "EXIT_SOME_OFFICES_FAILED",
    "EXIT_USER_ERROR",
    "main",
]

COMMANDS = {
    "validate": cmd_validate,
    "ledger": cmd_ledger,
    "build": cmd_build,
    "diff": cmd_diff,
    "init": cmd_init,
    "export": cmd_export,
    "import": cmd_import,
    "coverage": cmd_coverage,
    "rekap": cmd_rekap,
}


def main(argv: list[str] | None = None) -> int:
    # a file-size limit (ulimit -f) makes writes fail with EFBIG instead of killing us
    with contextlib.suppress(ValueError, AttributeError):  # not the main thread / platform
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        args = make_parser().parse_args(argv)
        _check_project(args)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except DataInvalid as exc:
        return _fail(EXIT_USER_ERROR, problems=exc)
    except (UserError, ParameterError) as exc:
        return _fail(EXIT_USER_ERROR, f"Galat: {exc}")
    except BrokenPipeError:
        # the reader of stdout went away (``| head``) before the command finished
        console.silence("stdout")
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # the environment, whatever the command: a message, not a traceback
        return _fail(EXIT_ENVIRONMENT, f"Galat lingkungan: {console.os_message(exc)}")
    except KeyboardInterrupt:
        return _fail(128 + signal.SIGINT, "Dihentikan (Ctrl-C).")


def _check_project(args: argparse.Namespace) -> None:
    """Refuse a command that works on a project when there is none here (an installed
    package run outside an office project): ``diff`` needs none, ``init --dir`` makes one,
    ``rekap`` may list office projects only."""
    if args.command in ("diff", "rekap") or (args.command == "init" and args.dir is not None):
        return
    if paths.find_project() is None:
        raise UserError(
            f"tidak ada proyek lkjip di {Path.cwd()} atau di folder di atasnya (folder berisi "
            "_config.yml, notebooks/ dan data/). Buat proyek kantor dengan "
            'lkjip init --tahun <tahun> --satker "<nama kantor>" --dir <folder>, lalu '
            "jalankan perintah dari folder itu."
        )


def _fail(code: int, message: str = "", problems: DataInvalid | None = None) -> int:
    """Print a failure on stderr; a closed stderr does not turn it into a traceback."""
    try:
        if problems is not None:
            print_problems(problems)
        else:
            print(message, file=sys.stderr)
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        console.silence("stderr")
    return code
