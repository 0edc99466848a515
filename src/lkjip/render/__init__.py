"""Stage 4, render: turning figures and tables into MyST, LaTeX and charts.

MyST text (escaping, figure links and anchors, calculation blocks, official
tables), LaTeX column sizing and escaping, Vega-Lite charts rendered offline
(vl-convert), the organisation chart, and the Sphinx extension of the book.

May import: :mod:`lkjip.figures` and every stage below it. Not audit, chapters
or assemble. Never IPython.
"""
