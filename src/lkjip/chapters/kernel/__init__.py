"""The chapter kernels' machinery, shared by every chapter notebook.

:mod:`.context` (``mulai``, ``ctx.hitung``, ``ctx.tabel``, ...: what a notebook
calls), :mod:`.draft` (draft chapters: a cell failing for missing data shows a
box) and :mod:`.protocol` (what the build and the notebooks agree on; free of
IPython so that the build can import it). The report's content (tables,
charts, text) is in the chapter modules beside this package.
"""
