"""A data problem found by validation, reported to the user in Indonesian."""

from __future__ import annotations

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
            text += f", nilai '{shown}'"
        return f"{text}: {self.rule}"


class DataInvalid(Exception):
    """Raised when a year's data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(f"{len(self.problems)} masalah pada data")


def _sort_key(p: Problem) -> tuple:
    return (p.file, p.line if p.line is not None else 0, p.column or "", p.rule)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=_sort_key)
