"""Many offices in one run (``lkjip rekap``): every office's book built as a Dask task,
then the comparison book of the offices (for a Kanwil or the Directorate General).

Modules: :mod:`.hasil` (the office list and what each build gave: the contract between
the run and the comparison book), :mod:`.kantor` (reading ``KANTOR.csv``), the run on
Dask, the comparison book, and :mod:`.sintetis` (synthetic offices for tests and the
benchmark).
"""
