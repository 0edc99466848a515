"""``python -m lkjip.cli``: the ``lkjip`` command."""

import sys

from lkjip.cli import main

sys.exit(main())
