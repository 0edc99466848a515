"""Stage 5, chapters: what the chapter notebooks call.

One module per notebook (``notebooks/X.ipynb`` imports ``lkjip.chapters.X``),
the notebook context :mod:`~lkjip.chapters.konteks` (``mulai``, ``ctx.hitung``,
``ctx.tabel``, ...), narrative fragments, and :mod:`~lkjip.chapters.protocol`,
what the build and the notebooks agree on (kept free of IPython so that the
build can import it).

May import: render, audit and every stage below. Not assemble, newyear or cli.
"""
