"""Which characters a text cell may hold: checked when a table is read, named by code point.

Refused:

* **control characters**: Unicode category Cc (the C0 and C1 controls, DEL, U+0085 NEXT
  LINE) and the line and paragraph separators U+2028 and U+2029: a line break inside a
  cell, or a character that prints as nothing;
* **invisible characters**: Unicode's default-ignorable code points (:data:`INVISIBLE`):
  zero-width spaces and joiners, bidi controls, the soft hyphen, variation selectors
  (U+FE0F), the Mongolian vowel separator (U+180E), Hangul fillers (U+3164), tags. They
  print as nothing and make two equal-looking texts differ;
* **characters the PDF's fonts cannot print**: every character outside
  :data:`PDF_FONTS`, the characters that every face of the fonts the PDF sets text in
  has (FreeSerif and FreeSans: upright, bold, italic and bold italic). XeTeX leaves a
  character its font lacks out of the PDF; :mod:`lkjip.assemble.pdf_glyphs` still reads
  the typesetting log after the fact, for text that is not data.

The fonts' characters are read from the font files into ``pdf_fonts.txt`` (a test
compares it with the installed fonts); regenerate it with
``python -c "from lkjip.data import characters; characters.write_font_table()"``.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

from lkjip import errors
from lkjip.data.metadata import TableSpec
from lkjip.errors import Problem

#: the file listing the characters of :data:`FONT_FACES`, one range of code points a line
FONT_TABLE = Path(__file__).with_name("pdf_fonts.txt")
#: the font faces the PDF may set text in (Sphinx's xelatex fonts: text and tables in
#: FreeSerif, its sans face FreeSans loaded too; any of them bold or italic): file stem ->
#: fontconfig pattern
FONT_FACES = {
    "FreeSerif": "FreeSerif:style=Regular",
    "FreeSerifBold": "FreeSerif:style=Bold",
    "FreeSerifItalic": "FreeSerif:style=Italic",
    "FreeSerifBoldItalic": "FreeSerif:style=Bold Italic",
    "FreeSans": "FreeSans:style=Regular",
    "FreeSansBold": "FreeSans:style=Bold",
    "FreeSansOblique": "FreeSans:style=Oblique",
    "FreeSansBoldOblique": "FreeSans:style=Bold Oblique",
}
#: the fonts as a message names them
FONT_NAMES = "FreeSerif, FreeSans"

#: Unicode's Default_Ignorable_Code_Point: printed as nothing
INVISIBLE = errors.INVISIBLE
#: line and paragraph separators: a line break, like the control characters
_SEPARATORS = ("Zl", "Zp")
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def name(char: str) -> str:
    """``U+200B (ZERO WIDTH SPACE)``: a character as a message names it."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'tanpa nama')})"


def _names(chars: set[str]) -> str:
    return ", ".join(name(c) for c in sorted(chars))


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or unicodedata.category(char) in _SEPARATORS


def invisible_rule(value: str) -> str | None:
    """Why ``value`` holds invisible characters (naming their code points), or None."""
    found = set(INVISIBLE.findall(value))
    if not found:
        return None
    return (
        f"berisi karakter tak terlihat {_names(found)}; hapus karakter itu "
        "(sering terbawa dari salin-tempel)"
    )


def problems(value: str, *, lines: bool = False) -> list[str]:
    """Why ``value`` cannot be a cell (control, invisible, not in the PDF's fonts): one
    rule per kind of character found, each naming the characters' code points.
    ``lines``: a text of several lines (metadata), whose line ends are allowed."""
    if lines:
        value = value.replace("\n", " ")
    if value.isascii():  # the fonts have every printable ASCII character
        control = {c for c in value if _ASCII_CONTROL.match(c)}
        return [_control_rule(control)] if control else []
    rules = []
    control = {c for c in value if is_control(c)}
    if control:
        rules.append(_control_rule(control))
    hidden = invisible_rule(value)
    if hidden:
        rules.append(hidden)
    fonts = pdf_fonts()
    missing = {
        c for c in value if ord(c) not in fonts and not is_control(c) and not INVISIBLE.match(c)
    }
    if missing:
        shown = ", ".join(_letter(c) for c in sorted(missing))
        rules.append(
            f"huruf {shown} tidak ada pada fon PDF ({FONT_NAMES}) dan akan hilang dari PDF; "
            "ganti atau hapus huruf itu"
        )
    return rules


def _letter(char: str) -> str:
    """``'😀' (U+1F600 GRINNING FACE)``; an unprintable character by its code point only."""
    code = f"U+{ord(char):04X} {unicodedata.name(char, 'tanpa nama')}"
    return f"'{char}' ({code})" if char.isprintable() else f"({code})"


def _control_rule(chars: set[str]) -> str:
    codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(chars))
    return f"karakter kendali {codes} tidak boleh ada dalam sel (termasuk baris baru di dalam sel)"


# --- the fonts' characters -----------------------------------------------------------


def _ranges(codes: set[int]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for code in sorted(codes):
        if out and out[-1][1] == code - 1:
            out[-1][1] = code
        else:
            out.append([code, code])
    return [(a, b) for a, b in out]


@cache
def pdf_fonts() -> frozenset[int]:
    """The code points every face of :data:`FONT_FACES` has (from :data:`FONT_TABLE`)."""
    codes: set[int] = set()
    for line in FONT_TABLE.read_text(encoding="ascii").splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(codes)


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def installed_fonts() -> frozenset[int]:
    """The code points every face of :data:`FONT_FACES` has, read from the installed font
    files with fontconfig (``fc-match``, ``fc-query``); empty when a face is missing."""
    found: list[set[int]] = []
    for face, pattern in FONT_FACES.items():
        try:
            path = _run("fc-match", "--format=%{file}", pattern)
            charset = _run("fc-query", "--format=%{charset}", path)
        except (OSError, subprocess.CalledProcessError):
            return frozenset()
        if Path(path).stem != face:
            return frozenset()
        codes: set[int] = set()
        for part in charset.split():
            first, _, last = part.partition("-")
            codes.update(range(int(first, 16), int(last or first, 16) + 1))
        found.append(codes)
    return frozenset(set.intersection(*found))


def write_font_table(codes: frozenset[int] | None = None) -> None:
    """Write :data:`FONT_TABLE` from the installed fonts."""
    codes = installed_fonts() if codes is None else codes
    if not codes:
        raise RuntimeError(f"fonts not installed: {', '.join(FONT_FACES)}")
    lines = [
        "# Characters every face of the PDF's fonts has: " + ", ".join(FONT_FACES) + ".",
        "# Written by lkjip.data.characters.write_font_table from the installed font files",
        "# (GNU FreeFont); one range of code points (hex) a line.",
        *(f"{a:04X}" if a == b else f"{a:04X}-{b:04X}" for a, b in _ranges(set(codes))),
    ]
    FONT_TABLE.write_text("\n".join(lines) + "\n", encoding="ascii")


def metadata_problems(spec: TableSpec, shown: str) -> list[Problem]:
    """The characters of a table's metadata text (title, descriptions, units, allowed
    values) that a cell could not hold: the book prints them too. ``shown``: the file."""
    texts = [("title", spec.title), ("description", spec.description), ("source", spec.source)]
    for col in spec.columns:
        texts += [(f"columns.{col.name}.description", col.description)]
        texts += [(f"columns.{col.name}.unit", col.unit or "")]
        texts += [(f"columns.{col.name}.allowed", value) for value in col.allowed or ()]
    return [
        Problem(shown, None, key, text, rule)
        for key, text in texts
        for rule in problems(str(text), lines=True)
    ]
