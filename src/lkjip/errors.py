"""Every exception lkjip raises, and the data problem that validation reports.

The bottom of the package: imports nothing from lkjip, so every stage can use it.
Messages shown to users are Indonesian; class names are English (machinery).
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    severity: str = "galat"  # "galat" (error) or "peringatan" (warning)

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"baris {self.line}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        text = ", ".join(where)
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            text += f", nilai '{visible(shown)}'"
        return f"{text}: {self.rule}"


#: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters that
#: print as nothing, some of which Python counts as printable (U+3164, U+FE0F)
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def visible(text: str) -> str:
    """``text`` with every unprintable character (control, zero-width, bidi, any other
    invisible one) shown as its code point, so a message never hides what is wrong (or
    prints a NUL)."""
    return "".join(
        c if c.isprintable() and not INVISIBLE.match(c) else f"<U+{ord(c):04X}>" for c in text
    )


class DataInvalid(Exception):
    """Raised when a year's data cannot be used; carries every problem found.

    Its text lists the problems as ``lkjip validate`` prints them (one a line, with file,
    row, column and rule), so a traceback (a chapter notebook run by papermill) shows
    what to fix; at most :data:`SHOWN` of them, then how many more. ``saran``: what to do
    next, after the list.
    """

    #: problems listed in the exception's text (``lkjip validate`` prints every one)
    SHOWN = 50

    def __init__(self, problems: list[Problem], saran: str = ""):
        self.problems = sorted(problems, key=_sort_key)
        self.saran = saran
        super().__init__(f"{len(self.problems)} masalah pada data")

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a strict build (not the warnings)."""
        return [p for p in self.problems if p.severity == "galat"]

    def report(self, limit: int | None = None) -> str:
        """The problems as ``lkjip validate`` prints them; ``limit``: list at most that many."""
        errors = self.errors
        lines = [f"Data tidak valid: {len(errors)} masalah ditemukan."]
        shown = errors if limit is None else errors[:limit]
        lines += [f"  {number}. {problem}" for number, problem in enumerate(shown, start=1)]
        if len(shown) < len(errors):
            lines.append(
                f"  ... dan {len(errors) - len(shown)} masalah lain "
                "(daftar lengkap: lkjip validate)."
            )
        if self.saran:
            lines.append(self.saran)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report(self.SHOWN)


def _sort_key(p: Problem) -> tuple:
    return (p.file, p.line if p.line is not None else 0, p.column or "", p.rule)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=_sort_key)


class ParameterError(ValueError):
    """A bad parameter (Indonesian message, shown to the user without traceback)."""


class UserError(Exception):
    """A problem the user can fix (parameters, paths); printed without traceback."""


class MetadataError(Exception):
    """The metadata itself is broken (a developer error, not a data error)."""


class IncompleteData(ValueError):
    """A table a chapter needs has no row for the requested year, period or level."""


#: what code raises when the data it needs is missing or empty (a table not there, no row
#: for the year, an empty frame's first row, a division by a zero count): a draft shows
#: these as "data belum tersedia". Anything else (TypeError, AttributeError, NameError,
#: ...) is a bug, and fails a draft as it fails a strict build.
MISSING_DATA: tuple[type[Exception], ...] = (KeyError, ValueError, IndexError, ArithmeticError)


class DuplicateFigure(ValueError):
    """A figure id registered twice."""


class InvalidOrgChart(ValueError):
    """The units do not form one tree (no or several roots, unknown parent, cycle)."""


class BuildError(Exception):
    """A build step failed; the message says which (Indonesian)."""


class BuildStopped(BaseException):
    """The build was stopped by a signal (not an error in the book)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(f"build dihentikan oleh sinyal {signal.Signals(signum).name}")
