"""Stage 5, chapters: what the chapter notebooks call.

Content: one module per notebook (``notebooks/X.ipynb`` imports
``lkjip.chapters.X``) with its tables, charts and text, and the text fragments
several chapters share. Machinery: :mod:`lkjip.chapters.kernel`, the notebook
context :mod:`~lkjip.chapters.kernel.context` (``mulai``, ``ctx.hitung``,
``ctx.tabel``, ...), draft cells and :mod:`~lkjip.chapters.kernel.protocol`,
what the build and the notebooks agree on (kept free of IPython so that the
build can import it).

May import: render, audit and every stage below. Not assemble, newyear or cli.
"""
