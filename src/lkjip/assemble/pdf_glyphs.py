"""Characters the PDF's fonts cannot show: reported by the build, never dropped silently.

Validation already refuses such characters in data cells and metadata, naming file, row,
column and code point (:mod:`lkjip.data.characters`, from the fonts' own character
tables); this check of the typesetting log is the backstop for everything else.

XeTeX leaves a character its font lacks out of the PDF and only writes "Missing
character" into its log (:func:`lkjip.render.latex.missing_characters`). After each
edition is typeset, :func:`check_characters` looks for those characters in the data
cells: in a build they are a data error naming file, row and column (exit 2); in a
draft they are warnings in the build output. A character that is in no data cell
(chapter text) is a build error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lkjip.data.dataset import Dataset
from lkjip.data.reading import LINE
from lkjip.errors import BuildError, DataInvalid, Problem
from lkjip.render.latex import character_name, missing_characters


def _fonts(names: set[str]) -> str:
    return ", ".join(sorted(n.rsplit(".", 1)[0] for n in names))


def unprintable_places(ds: Dataset, missing: dict[str, set[str]]) -> list[Problem]:
    """Each data cell holding a character the PDF's fonts lack (``missing``: character
    -> fonts, :func:`lkjip.render.latex.missing_characters`), as a problem naming the
    file, row and column."""
    problems = []
    for name in sorted(ds.frames):
        frame = ds.frames[name]
        for column in frame.columns:
            if column == LINE or frame[column].dtype.kind not in "OSU":
                continue
            for line, value in zip(frame[LINE], frame[column], strict=True):
                if not isinstance(value, str):
                    continue
                for char in sorted(set(value) & missing.keys()):
                    problems.append(
                        Problem(
                            ds.file(name),
                            int(line),
                            str(column),
                            value,
                            f"huruf {character_name(char)} tidak ada pada fon PDF "
                            f"({_fonts(missing[char])}) dan akan hilang dari PDF; "
                            "ganti atau hapus huruf itu",
                        )
                    )
    return problems


def check_characters(
    ds: Dataset, log: Path, edition: str, *, draft: bool, say: Callable[[str], None]
) -> None:
    """Characters of an edition (``edition``: its name in messages) the PDF's fonts cannot
    show (XeTeX drops them): a data error naming file, row and column (exit 2); in a
    draft, warnings in the build output. A character found in no data cell (chapter
    text) is a build error."""
    missing = missing_characters(log.read_text(encoding="utf-8", errors="replace"))
    if not missing:
        return
    problems = unprintable_places(ds, missing)
    placed = {c for p in problems for c in missing if c in (p.value or "")}
    elsewhere = sorted(set(missing) - placed)
    where = f"PDF {edition}"
    if draft:
        for problem in problems:
            say(f"Peringatan ({where}): {problem}")
        for char in elsewhere:
            say(
                f"Peringatan ({where}): huruf {character_name(char)} tidak ada pada fon PDF "
                f"({_fonts(missing[char])}) dan hilang dari PDF"
            )
        return
    if problems:
        raise DataInvalid(problems)
    raise BuildError(
        f"{where}: huruf yang tidak ada pada fon PDF dan akan hilang dari PDF: "
        + "; ".join(f"{character_name(c)} ({_fonts(missing[c])})" for c in elsewhere)
        + ". Huruf itu tidak berasal dari sel data; periksa teks bab."
    )
