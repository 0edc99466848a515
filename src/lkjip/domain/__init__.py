"""Stage 1, domain: the report's pure rules, with no I/O and no pandas tables.

Rounding (half-up), Indonesian number and date formatting, capaian and target
status, survey indices (SKM, IPK, IIO), SMART DJA, IKPA, score categories, the
indicator constants, text slugs and the book's chapter list (:mod:`bab`).

May import: the standard library, Babel, :mod:`lkjip.errors`. Nothing else of lkjip.
"""
