"""``python -m tests.golden [--rewrite] [--book BOOK]``: the diff of the current 2023 output
from the golden snapshots; ``--rewrite`` accepts it (rewrites the snapshots)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lkjip.audit.figures import compute_all
from lkjip.data.loading import load_dataset

from ..helpers import DATA, TAHUN
from . import CELLS, FOLDER, LEDGER, cells, compare, differences, read, write, write_cells


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--rewrite", action="store_true", help="write the current output")
    parser.add_argument(
        "--book", type=Path, help="a built 2023 book (_build/2023): its ledger's cells too"
    )
    args = parser.parse_args(argv)
    ds = load_dataset(TAHUN, DATA)
    reg = compute_all(ds)
    lines = compare(ds, reg)
    if args.book is not None:
        lines += differences(CELLS, read(FOLDER / CELLS), cells(args.book / LEDGER))
    print("\n".join(lines) if lines else "Golden snapshots are up to date.")
    if not args.rewrite:
        return 1 if lines else 0
    write(ds, reg, FOLDER)
    if args.book is not None:
        write_cells(cells(args.book / LEDGER), FOLDER / CELLS)
    print(f"Rewritten in {FOLDER}" + (" (with the book's cells)." if args.book else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
