"""Every row of ``publikasi.csv`` is what the published LKjIP 2023 prints, where ``lokasi`` says.

The oracle is the published report's text (a markdown conversion of the PDF), kept beside the
project in ``../shared/seed/`` (as in CI) and never copied into it; without it these tests are
skipped.

How a row is checked:

1. **Part.** The report is cut into parts at its headings (``PARTS``: the heading text is
   searched for, in reading order, so no line numbers are hard-coded). A part runs from its
   heading to the next heading in ``PARTS``: "BAB III A" is the introduction and the summary
   table before A.1, "BAB III D.5.a" the sentence before "1) Paspor". A row's part is the
   longest key of ``PARTS`` that begins its ``lokasi`` ("BAB III A.1 IKM, tabel ..." ->
   "BAB III A.1"; "LAMPIRAN, Perjanjian Kinerja Tahun 2024, ..." -> that Lampiran part).
2. **Text.** ``teks`` occurs in its part once both are normalised (``normal``: bold markup
   ``**``/``<b>``/``</b>`` and backslash escapes removed, whitespace collapsed; digits,
   punctuation and case untouched), as a whole token: "3,99" is not found in "13,99" or
   "3,995".
3. **Table row.** When ``lokasi`` names a table row (", baris <label>"), one line of the part
   holds both ``teks`` and a recognisable piece of the label (``label_pieces``); when that
   table is a simple grid (a one-line header naming the column ``lokasi`` gives, with as many
   cells as the row), ``teks`` is in the cell under that column. Rows without a row label
   (paragraphs, formulas, lists, and cells named by column only, as in the one-row tables of
   IKM/IPK/IKI 2021-2023 and TARJA whose headers span two lines or carry column numbers) are
   checked at part level only; in the tables of ``COLUMN_NOT_CHECKED`` the row line is checked
   but not the column.
4. **Value.** When ``teks`` prints exactly one number and the row is not a word claim
   (``kata`` empty), ``nilai`` is that number and ``desimal`` its printed decimals; a printed
   "-" is nil (0). A row with a value but no printed number is a count shown as a list
   (``jenis`` "daftar"), whose ``catatan`` names the listed items, each printed in the part
   (``test_list_counts_name_the_listed_items``).

Every failing row is reported in one assertion message.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from .helpers import DATA, TAHUN

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_dbe0bcf1ce03d6ed.txt"
PUBLIKASI = DATA / str(TAHUN) / "publikasi.csv"

# --- normalisation ------------------------------------------------------------------------

_MARKUP = re.compile(r"\*\*|</?b>")  # bold in markdown and in HTML table cells
_ESCAPE = re.compile(r"\\([^\w\s])")  # a markdown/LaTeX escape ("\%" -> "%"); "\times" stays
_SPACE = re.compile(r"\s+")


def normal(text: str) -> str:
    """The text with bold markup (``**``, ``<b>``, ``</b>``) and backslash escapes removed and
    every run of whitespace (spaces, tabs, line breaks) made one space.

    Nothing else changes: digits, punctuation and case are compared as printed, so "3,97" is
    not "3,98", "Rp." is not "Rp" and "Nihil" is not "nihil".
    """
    text = _MARKUP.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACE.sub(" ", text).strip()


def occurs(teks: str, text: str) -> bool:
    """``teks`` occurs in ``text`` as a whole token (not inside a longer number or word)."""
    pattern = re.escape(teks)
    if teks[:1].isalnum():
        pattern = r"(?<!\w)(?<!\d[.,;])" + pattern
    if teks[-1:].isalnum():
        pattern += r"(?!\w)(?![.,;]\d)"
    return re.search(pattern, text) is not None


# --- the report's parts ---------------------------------------------------------------------

#: (key, heading) in reading order. A heading is a regular expression that the whole of a line
#: must match once markdown heading marks and bold are removed (so the table of contents,
#: whose lines end in dotted leaders, never matches). Keys are the prefixes ``lokasi`` uses.
PARTS: tuple[tuple[str, str], ...] = (
    ("Kata Pengantar", r"KATA PENGANTAR"),
    ("Daftar Isi", r"DAFTAR ISI"),
    ("Ikhtisar Eksekutif", r"IKHTISAR EKSEKUTIF"),
    ("BAB I", r"BAB I"),
    ("BAB I A", r"A\. Latar Belakang"),
    ("BAB I B", r"B\. Tugas, Fungsi dan Struktur Organisasi"),
    ("BAB I C", r"C\. Maksud dan Tujuan"),
    ("BAB I D", r"D\. Aspek Strategis"),
    ("BAB I E", r"E\. Isu Strategis"),
    ("BAB I F", r"F\. Sistematika Laporan"),
    ("BAB II", r"BAB II"),
    ("BAB II A", r"A\. Rencana Strategis"),
    ("BAB II B", r"B\. Perjanjian Kinerja"),
    ("BAB III", r"BAB III"),
    ("BAB III A", r"A\. Capaian Kinerja Kantor Imigrasi Kelas I TPI Bandung"),
    ("BAB III A.1", r"1\. Indikator Kinerja Kegiatan Indeks Kepuasan Masyarakat .*"),
    ("BAB III A.2", r"2\. Indikator Kinerja Kegiatan Indeks Pengamanan Keimigrasian .*"),
    ("BAB III A.3", r"3\. Indikator Kinerja Kegiatan Indeks Kepuasan Internal .*"),
    ("BAB III B", r"B\. Realisasi Anggaran"),
    ("BAB III C", r"C\. Capaian Kinerja Anggaran"),
    ("BAB III D", r"D\. Capaian Kinerja Lainnya"),
    ("BAB III D.2", r"2\. Pengisian E-Performance"),
    ("BAB III D.4", r"4\. Kontribusi terhadap Target Kinerja Kantor Wilayah"),
    ("BAB III D.5", r"5\. Capaian Kinerja Lainnya"),
    ("BAB III D.5.a", r"a\. Kinerja Layanan Keimigrasian"),
    ("BAB III D.5.a.1", r"1\) Paspor"),
    ("BAB III D.5.a.2", r"2\) Izin Tinggal"),
    ("BAB III D.5.a.3", r"3\) Data Perlintasan"),
    ("BAB III D.5.b", r"b\. Data Penegakan Hukum Keimigrasian"),
    ("BAB III D.5.b.1", r"1\) Tindakan Administratif Keimigrasian \(TAK\) dan Projustitia"),
    ("BAB III D.6", r"6\. Penghargaan"),
    ("BAB IV", r"BAB IV(?: PENUTUP)?"),
    ("BAB IV A", r"A\. Kesimpulan"),
    ("BAB IV B", r"B\. Saran"),
    ("LAMPIRAN", r"LAMPIRAN"),
    ("LAMPIRAN, Perjanjian Kinerja Tahun 2023", r"(?:- )?Perjanjian Kinerja Tahun 2023"),
    ("LAMPIRAN, Perjanjian Kinerja Tahun 2024", r"PERJANJIAN KINERJA TAHUN 2024"),
)

_HEADING_MARKS = re.compile(r"^#+\s*|\*\*|</?b>")


@dataclass(frozen=True)
class Part:
    key: str
    first: int  # line number of the heading (1-based)
    lines: tuple[str, ...]  # the raw lines of the part, heading included

    @property
    def text(self) -> str:
        return normal("\n".join(self.lines))


def split_parts(text: str) -> dict[str, Part]:
    """The report cut at the headings of ``PARTS``, each searched for after the previous one."""
    lines = text.splitlines()
    starts: list[tuple[str, int]] = []
    at = 0
    for key, heading in PARTS:
        for index in range(at, len(lines)):
            if re.fullmatch(heading, _HEADING_MARKS.sub("", lines[index]).strip()):
                starts.append((key, index))
                at = index + 1
                break
        else:
            raise AssertionError(f"heading of {key!r} ({heading}) not found after line {at}")
    ends = [index for _, index in starts[1:]] + [len(lines)]
    return {
        key: Part(key, start + 1, tuple(lines[start:end]))
        for (key, start), end in zip(starts, ends, strict=True)
    }


def part_key(lokasi: str) -> str | None:
    """The longest key of ``PARTS`` that begins ``lokasi`` (followed by a space, comma or end)."""
    keys = [k for k, _ in PARTS if re.match(re.escape(k) + r"(?:[ ,]|$)", lokasi)]
    return max(keys, key=len) if keys else None


# --- table rows -----------------------------------------------------------------------------

#: tables whose row lines are checked but not the cell under the named column, with the reason
COLUMN_NOT_CHECKED: dict[str, str] = {
    "BAB III C, Tabel IKPA Tahun 2021": "a two-line header whose cells are shifted against the "
    "value rows in the text (the reading of the shifted cells is declared in koreksi.csv)",
}

#: abbreviations lokasi uses for a row label the report prints in full
ALIASES = {
    "IKM": "Kepuasan Masyarakat",
    "IPK": "Pengamanan Keimigrasian",
    "IKI": "Kepuasan Internal",
    "Kanwil": "Kantor Wilayah",
    "Ditjen": "Direktorat Jenderal",
}


def row_label(lokasi: str) -> str | None:
    """The row label of ``lokasi`` ("..., baris Nilai SKM, kolom NOV" -> "Nilai SKM")."""
    match = re.search(r", baris (.+)", lokasi)
    if not match:
        return None
    return re.split(r",? kolom\b", match.group(1), maxsplit=1)[0].strip()


def label_pieces(label: str) -> set[str]:
    """Pieces of a row label, any one of which identifies the printed row: the label, the text
    inside and outside its parentheses, each without a leading row number or "kegiatan", and the
    full names of abbreviations (``ALIASES``)."""
    pieces = {label, label.split(",")[0], re.sub(r"\s*\([^()]*\)", "", label).strip()}
    pieces |= set(re.findall(r"\(([^()]+)\)", label))
    pieces |= {re.sub(r"^(?:\d+(?:\.\d+)*\.?|kegiatan)\s+", "", p) for p in pieces}
    # a trailing number or letter names a cell ("nilai persepsi 1 (mutu D)": "1", "D")
    pieces |= {m.group(1) for p in pieces if (m := re.search(r" (\d+|[A-Z])$", p))}
    for piece in list(pieces):
        for short, full in ALIASES.items():
            if re.search(rf"\b{short}\b", piece):
                pieces.add(full)
    return {p for p in pieces if p}


def _has_piece(line: str, piece: str) -> bool:
    """A row number, year or letter must be a whole cell; a name may be part of one (any case)."""
    if re.fullmatch(r"\d+(?:\.\d+)*|[A-Z]", piece):
        cells = [normal(c).rstrip(".") for c in line.split("\t")]
        return piece in cells
    return normal(piece).lower() in normal(line).lower()


def column_label(lokasi: str) -> str | None:
    """The column label of ``lokasi`` ("..., kolom NOV" -> "NOV")."""
    match = re.search(r"\bkolom (.+?)(?:,|$)", lokasi)
    return match.group(1).strip() if match else None


def _cells(line: str) -> list[str]:
    return [normal(c) for c in line.split("\t")]


def _column_cell(part: Part, row_index: int, column: str) -> str | None:
    """The cell of line ``row_index`` under ``column``, when the nearest header line above it
    that names the column has as many cells as the row (a simple grid); else None."""
    row = _cells(part.lines[row_index])
    for line in reversed(part.lines[:row_index]):
        header = _cells(line)
        if column in header:
            return row[header.index(column)] if len(header) == len(row) else None
    return None


def row_problem(part: Part, lokasi: str, teks: str) -> str | None:
    """Why no line of ``part`` is the table row ``lokasi`` names, printing ``teks`` (or None).

    The row's line holds a piece of the row label. Where such a line is a row of a simple grid
    (``_column_cell`` finds the cell under the column ``lokasi`` names), ``teks`` must be in
    that cell (a cell may print a range, "1.00 – 2.5996"); otherwise ``teks`` must be on one of
    the lines holding the label.
    """
    label = row_label(lokasi)
    if label is None:
        return None
    pieces = label_pieces(label)
    rows = [i for i, line in enumerate(part.lines) if any(_has_piece(line, p) for p in pieces)]
    if not rows:
        return f"no line of {part.key} holds the row label {label!r}"
    column = column_label(lokasi)
    if column and lokasi.split(", baris", 1)[0] not in COLUMN_NOT_CHECKED:
        cells = {i: cell for i in rows if (cell := _column_cell(part, i, column)) is not None}
        if cells:
            if any(occurs(teks, cell) for cell in cells.values()):
                return None
            shown = ", ".join(f"line {part.first + i}: {c!r}" for i, c in cells.items())
            return f"row {label!r}, column {column!r} prints something else ({shown})"
    if not any(occurs(teks, normal(part.lines[i])) for i in rows):
        return f"no line of {part.key} holds both the row label {label!r} and teks"
    return None


# --- printed numbers ------------------------------------------------------------------------

_THOUSANDS = r"\d{1,3}(?:[.;]\d{3})+(?:,\d+)?"  # "1.234.567" or "20.578;348.000,5" (a typo)
_NUMBER = re.compile(rf"(?<!\w)(?<!\d[.,;])(?:{_THOUSANDS}|\d+[.,]\d+|\d+)(?!\w)(?![.,;]\d)")


def printed_numbers(teks: str) -> list[str]:
    """The numbers ``teks`` prints ("Rp.20.372.405.794,-" -> ["20.372.405.794"]); digits inside
    a word or code ("M2", "42T058") are not numbers."""
    return _NUMBER.findall(teks)


def value_of(number: str, desimal: int | None) -> tuple[Decimal, int]:
    """A printed number's value and its printed decimals.

    Thousands are grouped with dots and decimals follow a comma ("1.234,56"); some tables (IKPA
    2021, the IKM interval table) print a decimal point instead ("95.06", "3.064"). A number
    that reads both ways ("3.064") is a decimal point only when ``desimal`` says so.
    """
    if re.fullmatch(_THOUSANDS, number):
        whole, _, decimals = number.partition(",")
        dot_decimal = (
            not decimals and re.fullmatch(r"\d+\.\d{3}", whole) is not None and desimal == 3
        )
        if not dot_decimal:
            digits = re.sub(r"[.;]", "", whole) + (f".{decimals}" if decimals else "")
            return Decimal(digits), len(decimals)
    if "," in number:
        return Decimal(number.replace(",", ".")), len(number.split(",")[1])
    if "." in number:
        return Decimal(number), len(number.split(".")[1])
    return Decimal(number), 0


# --- the rows -------------------------------------------------------------------------------

#: phrases that argue a difference away instead of describing what is printed
EXCUSES = ("tidak bertentangan", "daftar contoh")

#: how a list count's catatan names the listed items: "... 3 butir: A; B; C"
LISTED = re.compile(r"(?P<n>\d+) butir: (?P<names>[^.]+)")


def rows() -> list[dict[str, str]]:
    with PUBLIKASI.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def parts() -> dict[str, Part]:
    if not SEED.is_file():
        pytest.skip(f"the published report's text is not beside the project: {SEED}")
    return split_parts(SEED.read_text(encoding="utf-8"))


def _where(teks: str, parts: dict[str, Part]) -> str:
    found = [k for k, p in parts.items() if occurs(teks, p.text)]
    return f" (printed in: {', '.join(found)})" if found else " (printed nowhere in the report)"


def problems(row: dict[str, str], parts: dict[str, Part]) -> Iterator[str]:
    """What is wrong with one row (nothing if it is what the report prints there)."""
    lokasi, teks = row["lokasi"], row["teks"]
    if teks != normal(teks):
        yield "teks holds markup or extra whitespace"
    key = part_key(lokasi)
    if key is None:
        yield "lokasi names no part of the report"
        return
    part = parts[key]
    text = normal(teks)
    if not occurs(text, part.text):
        yield f"teks is not printed in {key}{_where(text, parts)}"
    else:
        problem = row_problem(part, lokasi, text)
        if problem:
            yield problem
    yield from value_problems(row)


def value_problems(row: dict[str, str]) -> Iterator[str]:
    teks, nilai, desimal = normal(row["teks"]), row["nilai"], row["desimal"]
    if row["kata"].strip():
        return  # a word claim (a category, a trend, a name or a code); nilai is not its value
    numbers = printed_numbers(teks)
    if teks == "-":
        expected, places = Decimal(0), 0  # a printed "-" is nil
    elif len(numbers) == 1:
        expected, places = value_of(numbers[0], int(desimal) if desimal else None)
    elif not numbers:
        if nilai and row["jenis"] != "daftar":
            yield f"nilai {nilai} but teks prints no number (a list count is jenis 'daftar')"
        return
    else:
        return  # a formula written out: nilai is what it stands for (see catatan)
    try:
        value = Decimal(nilai)
    except InvalidOperation:
        yield f"nilai {nilai!r} is not the printed number {expected}"
        return
    if value != expected:
        yield f"nilai {nilai} is not the printed number {expected}"
    if desimal == "" or int(desimal) != places:
        yield f"desimal {desimal or '(empty)'} but {places} decimals are printed"


def is_list_count(row: dict[str, str]) -> bool:
    """A row whose value counts listed items (jenis "daftar", or its catatan says so)."""
    return (
        row["jenis"] == "daftar" or re.search(r"nilai\s*=\s*banyaknya", row["catatan"]) is not None
    )


def list_problems(row: dict[str, str], part: Part) -> Iterator[str]:
    """A value that counts listed items names them in catatan, each printed in the part."""
    match = LISTED.search(row["catatan"])
    if not match:
        yield "a list count whose catatan does not name the items ('<n> butir: A; B; ...')"
        return
    names = [n.strip() for n in match.group("names").split(";") if n.strip()]
    if not (row["nilai"] and Decimal(row["nilai"]) == int(match.group("n")) == len(names)):
        yield f"nilai {row['nilai']} but catatan names {len(names)} items ({match.group('n')})"
    text = part.text.lower()
    for name in names:
        if normal(name).lower() not in text:
            yield f"listed item {name!r} is not printed in {part.key}"


def _report(failures: list[str]) -> str:
    return f"{len(failures)} rows of publikasi.csv are not what the report prints:\n" + "\n".join(
        failures
    )


# --- tests ----------------------------------------------------------------------------------


def test_the_report_is_cut_at_its_headings(parts: dict[str, Part]) -> None:
    assert list(parts) == [key for key, _ in PARTS]
    firsts = [part.first for part in parts.values()]
    assert firsts == sorted(set(firsts))
    # the table of contents and BAB I F (Sistematika Laporan) name the chapters too; a part
    # starts at the chapter's own heading, never at such a mention
    assert not any("..." in part.lines[0] for part in parts.values())
    assert parts["BAB III"].first > parts["BAB II B"].first
    assert all(part_key(row["lokasi"]) for row in rows()), "a lokasi names no part"


def test_every_row_is_printed_where_lokasi_says(parts: dict[str, Part]) -> None:
    failures = [
        f"no {row['no']} [{row['lokasi']}] teks {row['teks']!r}: {problem}"
        for row in rows()
        for problem in problems(row, parts)
    ]
    assert not failures, _report(failures)


def test_list_counts_name_the_listed_items(parts: dict[str, Part]) -> None:
    listed = [row for row in rows() if is_list_count(row) and part_key(row["lokasi"])]
    assert listed, "no row counts listed items"
    failures = [
        f"no {row['no']} [{row['lokasi']}]: {problem}"
        for row in listed
        for problem in list_problems(row, parts[part_key(row["lokasi"]) or ""])
    ]
    assert not failures, _report(failures)
    # a count changed away from the items listed is caught (BAB IV A butir 6 lists three)
    bab4 = next(row for row in listed if row["lokasi"].startswith("BAB IV A, butir 6"))
    assert list(list_problems({**bab4, "nilai": "4"}, parts["BAB IV A"]))


def test_no_catatan_argues_a_difference_away() -> None:
    """A catatan says what is printed; it never explains why a difference is acceptable."""
    failures = [
        f"no {row['no']} [{row['lokasi']}]: catatan says {excuse!r}"
        for row in rows()
        for excuse in EXCUSES
        if excuse in row["catatan"].lower()
    ]
    assert not failures, _report(failures)


def test_the_check_finds_a_changed_row(parts: dict[str, Part]) -> None:
    """The check is not vacuous: a value, a text, a place and a row label changed are caught."""
    row = next(r for r in rows() if r["no"] == "3114")  # Nilai SKM, NOV: printed 3,97
    assert not list(problems(row, parts))
    assert list(problems({**row, "nilai": "3.98"}, parts))
    assert list(problems({**row, "teks": "3,98", "nilai": "3.98"}, parts))
    assert list(problems({**row, "lokasi": row["lokasi"].replace("A.1 IKM", "A.2 IPK")}, parts))
    assert list(problems({**row, "lokasi": row["lokasi"].replace("Nilai SKM", "Responden")}, parts))
