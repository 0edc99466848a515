"""Text a spreadsheet would run as a formula, and how the book's CSV downloads disarm it.

A spreadsheet (Excel, LibreOffice) reads a CSV cell that starts with ``=``, ``+``, ``-``
or ``@`` (or a tab or carriage return before one) as a formula: ``=cmd|' /C calc'!A0``
would ask to run a program. Such a cell is *formula-like* (:func:`formula_like`) when it
starts with one of those characters, has more than that one character, and is not a
number (``-3``, ``-1,61``, ``-3,00%``, ``-Rp1.000``, ``-2.5e3``: a negative number stays a
number).

The CSVs the book offers for download (each data table on its page in the working paper,
each chart's data) prefix a formula-like cell with ``'``, as OWASP recommends
(:func:`neutralise`, :func:`neutralise_csv`); everything else is left byte for byte.
Validation names formula-like text in free-text columns as a warning
(:func:`formula_warnings`): it is kept as typed, and disarmed in downloads.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from lkjip.data.metadata import ColumnSpec, TableSpec
from lkjip.data.reading import LINE
from lkjip.errors import Problem

#: the first characters that make a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: a number, as data or as the book prints it: a spreadsheet reads it as a number
NUMBER = re.compile(
    r"[+-]?(?:Rp\.?\s?)?[+-]?\d[\d.,]*%?"
    r"|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
)
#: what a disarmed cell starts with
PREFIX = "'"
#: the rule as a page states it (Indonesian)
RULE = (
    "sel teks yang diawali =, +, -, @, tab atau CR (kecuali angka, mis. -1,61) diberi "
    "awalan ' (apostrof), agar program spreadsheet membacanya sebagai teks, bukan rumus"
)

#: what the pages say of ``ledger.csv``: the audit's exact figures, never prefixed (its
#: values are read back by ``lkjip diff`` and auditors' tools; ``ledger.json`` likewise)
LEDGER_RAW = (
    "Berkas ledger.csv adalah data mentah untuk alat audit (nilai persis seperti dihitung, "
    "tanpa awalan); bukalah di program spreadsheet dengan mengimpor setiap kolom sebagai teks."
)


def formula_like(text: object) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (see the module docstring)."""
    return (
        isinstance(text, str)
        and len(text) > 1
        and text.startswith(FORMULA_START)
        and NUMBER.fullmatch(text) is None
    )


def neutralise(text: object) -> object:
    """``text`` with ``'`` in front when it is formula-like; anything else unchanged."""
    return PREFIX + text if formula_like(text) else text  # type: ignore[operator]


def neutralise_csv(text: str) -> str:
    """A CSV text with every formula-like cell prefixed; ``text`` itself (the same bytes)
    when it has none. Lines stay where they are: line ``n`` of the result is line ``n``
    of ``text`` (a data page's row numbers name lines of the file)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(formula_like(cell) for row in rows for cell in row):
        return text
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n" if "\r\n" in text else "\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def download(data: bytes) -> bytes:
    """The bytes of a CSV file as the book offers it: :func:`neutralise_csv` of its text
    (UTF-8), or ``data`` itself when nothing is formula-like or it is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # refused by validation; a draft offers it as it is
        return data
    disarmed = neutralise_csv(text)
    return data if disarmed is text else disarmed.encode("utf-8")


def neutralise_frame(data: pd.DataFrame) -> pd.DataFrame:
    """A table for a CSV download, its column names and text cells disarmed."""
    disarmed = data.map(neutralise)
    disarmed.columns = [neutralise(c) for c in data.columns]
    return disarmed


def free_text(col: ColumnSpec) -> bool:
    """A text column whose values are not a closed vocabulary, an identifier or a file."""
    return col.type == "string" and col.allowed is None and not col.identifier and not col.file_in


def formula_warnings(
    specs: dict[str, TableSpec], frames: dict[str, pd.DataFrame], files: dict[str, str]
) -> list[Problem]:
    """A warning for each formula-like cell of a free-text column (file, row, column)."""
    found = []
    for name in sorted(frames):
        frame = frames[name]
        for col in specs[name].columns:
            if not free_text(col) or col.name not in frame.columns:
                continue
            for line, value in zip(frame[LINE], frame[col.name], strict=True):
                if formula_like(value):
                    found.append(
                        Problem(
                            files[name],
                            int(line),
                            col.name,
                            value,
                            "teks diawali =, +, - atau @ dibaca program spreadsheet sebagai "
                            "rumus; unduhan CSV buku memberinya awalan ' (teks tetap dicetak "
                            "apa adanya)",
                            severity="peringatan",
                        )
                    )
    return found
