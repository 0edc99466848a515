"""The exit codes of the ``lkjip`` command."""

from __future__ import annotations

import signal

EXIT_USER_ERROR = 2
EXIT_BUILD_FAILED = 1
#: ``lkjip rekap``: some offices failed (the others were built)
EXIT_SOME_OFFICES_FAILED = 3
#: an environment failure (permission, full disk, ...): the same code as a failed build
EXIT_ENVIRONMENT = 1
#: what a shell reports for a process killed by SIGPIPE
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE
