"""Stage 6, new year: preparing the tables of a new report year.

``lkjip init`` (carry over what is known from the previous year) and the Excel
workbook route (export, import with every problem reported at once).

May import: data, figures, audit and the stages below. Not assemble or cli.
"""
