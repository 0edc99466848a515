"""Stage 4, audit: what an auditor gets besides the book.

The ledger of every figure, the reconciliation of the published report with the
recomputation (and the reconciliation counts as figures), the consistency
checks shown in the Reviu chapter, and the reproducibility stamp.

May import: :mod:`lkjip.figures` and every stage below it. Not render, chapters
or assemble.
"""
