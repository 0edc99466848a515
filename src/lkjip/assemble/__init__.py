"""Stage 6, assemble: building the book of a year.

The pipeline (validate, run the chapter notebooks with papermill, build HTML and
PDF with jupyter-book), notebook execution and output scanning, the PDF
settings, staging folders with atomic publication, and the chapter cache.

May import: every stage below (chapters only through
:mod:`lkjip.chapters.kernel.protocol`, which needs no IPython). Not newyear or cli.
"""
