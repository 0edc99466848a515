"""Read one CSV table as text, with every problem named by file, line and column.

Normalised silently: a UTF-8 BOM, Windows line endings, blank lines, spaces
around cells and header names, quoted numbers, and Unicode composition (every cell
and header to NFC, so a key typed with a combining accent equals the same key typed
precomposed). Reported: another encoding (UTF-16 by name) or delimiter, Indonesian
number notation, control characters, invisible characters and characters the PDF's
fonts lack (with their code points: :mod:`lkjip.data.characters`), overlong text,
unclosed quotes and ragged rows.
Types and ranges are checked next by :mod:`lkjip.data.schema`, table rules by
:mod:`lkjip.data.rules`. Every problem is collected, none stops the run: the caller
gets the complete list at once.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lkjip.data import characters
from lkjip.data.metadata import ColumnSpec, TableSpec
from lkjip.data.snapshot import DISK, Refused, Snapshot
from lkjip.errors import Problem
from lkjip.paths import display_path

#: name of the column carrying the CSV line number of each row
LINE = "baris_sumber"


@dataclass
class RawTable:
    """A CSV file read as text: one string per cell, plus the line numbers."""

    spec: TableSpec
    path: Path
    frame: pd.DataFrame  # all columns str/None, plus LINE

    @property
    def display(self) -> str:
        return display_path(self.path)


#: characters that print as nothing (:data:`lkjip.data.characters.INVISIBLE`)
INVISIBLE = characters.INVISIBLE
invisible_problem = characters.invisible_rule


def _utf16(data: bytes) -> bool:
    """A UTF-16 file (Excel's "Unicode text"): a UTF-16 byte order mark, or NUL bytes
    between the letters of ASCII text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:200]
    return len(head) >= 4 and head.count(0) >= len(head) // 3


CANONICAL = {
    "integer": re.compile(r"[+-]?\d+"),
    "number": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"),
}
_INDONESIAN_NUMBER = re.compile(
    r"(?:Rp\.?\s*)?[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?\s*%?|[+-]?\d+,\d+\s*%?"
)


#: a line end: Windows, Unix, or old Macintosh (CR only: Excel for Mac's "CSV (Macintosh)")
_LINE_END = re.compile(rb"\r\n|\r|\n")


def _cells(line: str) -> list[str]:
    """The cells of one line of CSV text, or none when it does not parse (a binary file)."""
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return []


def _decode(data: bytes, shown: str, spec: TableSpec) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a CSV file (a UTF-8 byte order mark is dropped), or the problem,
    naming the line and, when the header names one of the table's columns there, the
    column and the value of the first bad byte."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        mac = b"\r" in data and b"\n" not in data
        codec = "mac_roman" if mac else "cp1252"  # what such a file most likely is
        before = _LINE_END.split(data[: exc.start])
        line = len(before)
        after = _LINE_END.split(data[exc.start :], maxsplit=1)[0]
        start = before[-1].decode(codec, "replace")
        text = start + after.decode(codec, "replace")
        index = start.count(",")
        header = _cells(_LINE_END.split(data, maxsplit=1)[0].decode("utf-8-sig", "replace"))
        column = header[index].strip() if index < len(header) and line > 1 else None
        column = column if column in spec.column_names else None
        cell = _cells(text)
        value = cell[index].strip() if index < len(cell) and column else None
        origin = (
            "kemungkinan 'CSV (Macintosh)' dari Excel untuk Mac, akhir baris CR saja"
            if mac
            else "kemungkinan Windows-1252/ANSI dari Excel"
        )
        return None, [
            Problem(
                shown,
                line,
                column,
                value,
                f"berkas bukan UTF-8: byte 0x{data[exc.start]:02X} tidak valid ({origin}, "
                "atau bukan berkas teks); simpan ulang sebagai 'CSV UTF-8'",
            )
        ]


def read_csv(
    spec: TableSpec, path: Path, snap: Snapshot = DISK
) -> tuple[RawTable | None, list[Problem]]:
    """Read ``path`` (through ``snap``) as text. Structural problems (encoding, header,
    ragged rows) are returned.

    Normalised silently (documented in docs/reference.md): a UTF-8 byte order mark, Windows line
    endings, blank lines, spaces around cells and header names.
    """
    shown = display_path(path)
    try:
        data = snap.read_bytes(path)
    except Refused as exc:
        return None, [Problem(shown, None, None, None, exc.reason)]
    if _utf16(data):
        return None, [
            Problem(
                shown,
                None,
                None,
                None,
                "berkas tersimpan sebagai UTF-16 (Unicode), bukan UTF-8; simpan ulang "
                "sebagai 'CSV UTF-8 (dipisahkan koma)'",
            )
        ]
    text, problems = _decode(data, shown, spec)
    if text is None:
        return None, problems
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return None, [Problem(shown, None, None, None, "berkas kosong (tidak ada baris judul)")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    header: list[str] | None = None
    end = 0  # last physical line of the previous record (a quoted cell may span lines)
    try:
        for record in reader:
            line, end = end + 1, reader.line_num
            if header is None:
                header = [h.strip() for h in record]
                delimiter = _foreign_delimiter(header, spec)
                if delimiter:
                    return None, [
                        Problem(
                            shown,
                            1,
                            None,
                            None,
                            f"pemisah kolom harus koma (,), berkas ini memakai {delimiter}; "
                            "simpan ulang sebagai CSV dengan pemisah koma",
                        )
                    ]
                continue
            if not record or all(not cell.strip() for cell in record):
                continue  # blank line
            if len(record) != len(header):
                hint = (
                    " (angka berkoma desimal? tulis angka dengan titik, mis. 3.98, dan apit "
                    'teks yang memuat koma dengan tanda kutip ")'
                    if len(record) > len(header)
                    else " (baris terpotong?)"
                )
                problems.append(
                    Problem(
                        shown,
                        line,
                        None,
                        None,
                        f"baris berisi {len(record)} kolom, seharusnya {len(header)} "
                        f"sesuai baris judul{hint}",
                    )
                )
                continue
            rows.append([*record, line])
    except csv.Error as exc:
        problems.append(
            Problem(
                shown,
                end + 1,
                None,
                None,
                f"baris tidak dapat dibaca sebagai CSV: {_csv_error_text(str(exc))}",
            )
        )
        return None, problems
    assert header is not None
    expected = spec.column_names
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    for col in missing:
        problems.append(Problem(shown, 1, col, None, "kolom wajib tidak ada di baris judul"))
    for col in unknown:
        problems.append(
            Problem(
                shown,
                1,
                col,
                None,
                "kolom tidak dikenal (tidak ada di metadata tabel " + spec.name + ")",
            )
        )
    if len(set(header)) != len(header):
        problems.append(Problem(shown, 1, None, None, "nama kolom ganda di baris judul"))
    for col in unknown:
        hidden = invisible_problem(col)
        if hidden:
            problems.append(Problem(shown, 1, col, None, f"nama kolom {hidden}"))
    if missing or len(set(header)) != len(header):
        return None, problems
    frame = pd.DataFrame(rows, columns=[*header, LINE], dtype=object)
    frame = frame[[*expected, LINE]]
    for col in expected:
        frame[col] = frame[col].map(
            lambda v: None if v is None or not str(v).strip() else str(v).strip()
        )
    frame[LINE] = frame[LINE].astype(int)
    frame.index = pd.RangeIndex(len(frame))
    problems += _check_cells(spec, shown, frame)
    return RawTable(spec, path, frame), problems


def _csv_error_text(message: str) -> str:
    """The csv module's error in Indonesian (its English is never shown)."""
    if "unexpected end of data" in message:
        return "berkas berakhir di dalam tanda kutip (berkas terpotong atau kutip tidak ditutup)"
    if "expected after" in message:
        return (
            "setelah tanda kutip penutup harus ada koma; tanda kutip di dalam teks "
            'ditulis ganda ("")'
        )
    if "NUL" in message:
        return "berisi byte NUL (berkas biner, bukan CSV teks?)"
    if "field larger than field limit" in message:
        return "sel terlalu panjang (lebih dari 131.072 karakter; berkas biner, bukan CSV?)"
    return "bukan CSV yang sah (berkas biner atau rusak?)"


def _foreign_delimiter(header: list[str], spec: TableSpec) -> str | None:
    """The delimiter of a header written with ``;`` or tab instead of commas."""
    if len(header) != 1 or len(spec.columns) == 1:
        return None
    for sign, name in ((";", "titik koma (;)"), ("\t", "tab")):
        if sign in header[0]:
            return name
    return None


def _check_cells(spec: TableSpec, shown: str, frame: pd.DataFrame) -> list[Problem]:
    """Cell text rules: no control or invisible characters, only characters the PDF's
    fonts have (:mod:`lkjip.data.characters`), strings not too long."""
    problems: list[Problem] = []
    for col in spec.columns:
        for value, line in zip(frame[col.name], frame[LINE], strict=True):
            if not isinstance(value, str):
                continue  # empty cell
            rules = characters.problems(value)
            for rule in rules:
                problems.append(Problem(shown, int(line), col.name, value, rule))
            if not rules and col.type == "string" and len(value) > col.max_length:
                problems.append(
                    Problem(
                        shown,
                        int(line),
                        col.name,
                        value,
                        f"teks terlalu panjang ({len(value)} karakter, paling banyak "
                        f"{col.max_length})",
                    )
                )
    return problems


def number_problem(col: ColumnSpec, value: str) -> str | None:
    """Why ``value`` is not a number in canonical CSV form (None when it is)."""
    pattern = CANONICAL.get(col.type)
    if pattern is None or pattern.fullmatch(value):
        return None
    text = TYPE_TEXT[col.type]
    if _INDONESIAN_NUMBER.fullmatch(value.strip()):
        digits = re.sub(r"^Rp\.?\s*|\s*%$", "", value.strip()).replace(".", "").replace(",", ".")
        return f"{text}; format angka Indonesia tidak diterima, tulis {digits}"
    return text


TYPE_TEXT = {
    "integer": "harus bilangan bulat (tanpa pemisah ribuan)",
    "number": "harus angka dengan titik sebagai pemisah desimal, tanpa pemisah ribuan, Rp atau %",
    "string": "harus teks",
    "date": "harus tanggal dengan format YYYY-MM-DD",
}


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")
