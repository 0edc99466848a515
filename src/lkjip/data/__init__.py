"""Stage 2, data: one report year's tables, read, validated and corrected.

The table catalog (``data/metadata/*.yaml``), CSV reading with messages naming
file, line and column, the pandera schemas, table rules and references,
corrections (``koreksi.csv``), cross-table consistency, the :class:`Dataset`,
and the recording of which tables a chapter reads (for the chapter cache).

May import: :mod:`lkjip.domain`, :mod:`lkjip.errors`, :mod:`lkjip.config`,
:mod:`lkjip.paths`. Never figures, audit or anything above (validating data
must not load the computation).
"""
