"""How much of a published report the reconciliation covers.

``lkjip coverage LAPORAN.txt`` reads the published report's text (as
``pdftotext`` gives it; the build and the tests never read it), finds every
numeric token, sets aside the classes that are not figures (page numbers,
dates, regulation numbers, NIPs, codes, list numbering, years used as labels)
and counts how many of the remaining printed figures have a row in
``publikasi``.

Matching is by printed text, per part of the report (Ikhtisar, BAB I-IV,
Lampiran): a token counts as covered while ``publikasi`` holds at least as
many transcriptions of the same printed number in the same part as the report
prints there. The count does not depend on the order of the rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pandas as pd

from lkjip.audit.baris import DASAR, DIHITUNG_ULANG, STATUS, TIDAK_DAPAT, Baris

#: classes of numeric tokens that are not figures, with the reason (Indonesian, for the summary)
EXCLUDED: dict[str, str] = {
    "halaman": "nomor halaman (daftar isi, daftar tabel)",
    "tanggal": "tanggal (hari, bulan, tahun penandatanganan atau kejadian)",
    "regulasi": "nomor dan tahun peraturan, pasal, ayat",
    "nip": "NIP pegawai (diperiksa sebagai teks pada tabel penandatangan)",
    "kode": "kode (satker, akun, nomor surat, kode yang menempel pada huruf)",
    "penomoran": "penomoran daftar, butir dan nomor urut baris tabel",
    "tahun": "tahun sebagai label (diperiksa melalui label tahun angka yang diberinya)",
}

PARTS = ("Kata Pengantar", "Ikhtisar Eksekutif", "BAB I", "BAB II", "BAB III", "BAB IV", "Lampiran")

_MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    "|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|des"
)
_NUMBER = re.compile(
    r"(?<![\w/.,])(?<![A-Za-z]-)"
    r"(?:Rp\.?\s?)?"
    r"(?P<num>\d{1,3}(?:[.;]\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+)"
    r"(?:,-)?"
    r"(?P<pct>\s?%)?"
    r"(?![\w/]|[.,]\d)"
)
_LIST_START = re.compile(r"^\s*(?:#+\s*)?(?:\*\*|<b>)?\s*(?:[-•]\s*)?\(?(\d+)\s*[.)](?!\d)")
_COLUMN_NUMBERS = re.compile(r"\s*(?:\(\d+\)\s*)+")
_REGULATION = re.compile(
    r"(?:nomor|no\.|pasal|ayat|pp|uu|perpres|permen\w*|kepmen\w*|per-|huruf)\s*:?\s*$", re.I
)
_NIP_LINE = re.compile(r"\bNIP\b", re.I)
_TOC_LINE = re.compile(r"\.{4,}")


@dataclass(frozen=True)
class Token:
    """One numeric token of the report."""

    line: int
    part: str
    text: str
    key: str
    kelas: str  # "angka" or an EXCLUDED class


def key(text: str) -> str:
    """The printed number without currency, dashes, spaces or percent sign."""
    match = _NUMBER.search(text)
    return match.group("num") if match else text.strip()


def _part(line: str, current: str) -> str:
    bare = re.sub(r"[#*<>/b]+", " ", line).strip().upper()
    if _TOC_LINE.search(line):
        return current
    if bare.startswith("KATA PENGANTAR"):
        return "Kata Pengantar"
    if bare.startswith("IKHTISAR EKSEKUTIF"):
        return "Ikhtisar Eksekutif"
    match = re.fullmatch(r"BAB (IV|III|II|I)\b.*", bare)
    if match and len(bare) < 40:
        return f"BAB {match.group(1)}"
    if bare == "LAMPIRAN":
        return "Lampiran"
    return current


def _classify(line: str, start: int, end: int, num: str, pct: bool) -> str:
    before = line[max(0, start - 40) : start]
    after = line[end : end + 25]
    if _TOC_LINE.search(line) or re.fullmatch(r"\s*(?:<b>)?\s*\d+\s*(?:</b>)?\s*", line):
        return "halaman"
    if (
        _NIP_LINE.search(line)
        or re.fullmatch(r"\d{18}", num)
        or (
            re.fullmatch(r"\d{8}|\d{6}|\d{3}", num)
            and re.search(r"\d{8}\s+\d{4,6}\s+\d\s+\d{3}", line)
        )
    ):
        return "nip"
    if re.match(rf"\s*(?:{_MONTHS})\b", after, re.I) or re.search(
        rf"\b(?:{_MONTHS})\s*$", before, re.I
    ):
        return "tanggal"
    if re.match(rf"\s*s\.?\s*d\.?\s*\d+\s+(?:{_MONTHS})\b", after, re.I):
        return "tanggal"  # "16 s.d. 27 Oktober"
    if re.search(r"\bke[\s-]*(?:\d+\s*,\s*)*(?:dan\s*)?$", before, re.I):
        return "penomoran"  # "misi ke 6,7, dan 8"
    if (
        _REGULATION.search(before)
        or re.match(r"\s*/\s*\d{4}", after)
        or (re.search(r"(?:nomor|no\.)\s*[\w./-]+\s+tahun\s*$", before, re.I))
    ):
        return "regulasi"
    if _COLUMN_NUMBERS.fullmatch(line):
        return "penomoran"
    if re.fullmatch(r"0\d+", num) and not pct:
        return "kode"
    if re.fullmatch(r"\d{6,}", num) and not pct and not re.search(r"Rp", before[-4:]):
        return "kode"
    if not pct and re.fullmatch(r"(19|20)\d\d", num):
        return "tahun"
    if re.search(r"\b(?:sasaran|tabel|gambar|wilayah)\s*:?\s*$", before, re.I):
        return "penomoran"  # "Sasaran 2", "Tabel 3.1", a name's number
    if re.search(r"\b(?:target kinerja|tarja)\s*(?:no\.?)?\s*$", before, re.I):
        return "kode"  # a TARJA target's number
    if re.match(r"\s*halaman\b", after, re.I):
        return "kode"  # a passport type ("48 Halaman")
    cells = line.split("\t")
    if len(cells) > 2 and all(re.fullmatch(r"\s*\d{1,2}\s*", c) for c in cells if c.strip()):
        return "penomoran"  # a row of column numbers
    cell = _cell_at(line, start)
    head = cell[: start - _cell_start(line, start)]
    if (
        re.search(r"[A-Za-z]", head)
        and re.search(r"(?:[A-Za-z]|\d{4})\s+$", head)
        and (re.fullmatch(r"\s*\d\s*", cell[start - _cell_start(line, start) :]))
    ):
        return "penomoran"  # a column number after a header ("Target 2023 2")
    if re.match(r"\d{1,2}\.\s", cell.lstrip()) and cell.lstrip().startswith(num):
        return "penomoran"  # "1. Indeks ..." inside a cell
    if re.match(r"\)", line[end : end + 1]) and re.search(r"(?:^|[\s,;:])$", before):
        return "penomoran"  # "1) tempat parkir" in running text
    match = _LIST_START.match(line)
    if match and start <= match.start(1) < end:
        return "penomoran"
    cells = line.split("\t")
    if len(cells) > 2 and re.fullmatch(r"\s*\d{1,3}\.?\s*", cells[0]) and start < len(cells[0]):
        return "penomoran"
    return "angka"


def _cell_start(line: str, position: int) -> int:
    return line.rfind("\t", 0, position) + 1


def _cell_at(line: str, position: int) -> str:
    start = _cell_start(line, position)
    end = line.find("\t", position)
    return line[start : end if end >= 0 else len(line)]


def tokens(text: str) -> list[Token]:
    """Every numeric token of the report's text, classified."""
    out: list[Token] = []
    part = "Sampul"
    for number, line in enumerate(text.splitlines(), start=1):
        part = _part(line, part)
        for match in _NUMBER.finditer(line):
            num = match.group("num")
            kelas = _classify(line, match.start(), match.end(), num, bool(match.group("pct")))
            out.append(Token(number, part, match.group(0).strip(), num, kelas))
    return out


def _part_of(lokasi: str) -> str:
    head = str(lokasi).split(",", 1)[0].strip()
    for part in sorted(PARTS, key=len, reverse=True):
        if head.upper().startswith(part.upper()):
            return part
    return head


def _as_number(num: str) -> Decimal | None:
    text = num.replace(".", "").replace(",", ".") if re.search(r"\.\d{3}(?!\d)", num) else num
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def _printed_number(teks: str, nilai: object) -> str | None:
    """The one printed number a ``publikasi`` row stands for (a row is one figure).

    A row whose text holds several numbers (a formula written out) stands for the one equal
    to its ``nilai``, or for none.
    """
    found = [m.group("num") for m in _NUMBER.finditer(teks)]
    if len(found) == 1:
        return found[0]
    try:
        value = Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        return None
    same = [f for f in found if _as_number(f) == value]
    return same[0] if same else None


@dataclass
class Cakupan:
    """Coverage of a report's printed figures by ``publikasi``."""

    figures: int = 0
    covered: int = 0
    excluded: Counter = field(default_factory=Counter)
    by_part: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: covered figures per basis of the row that covers them, per part and in all
    by_basis: Counter = field(default_factory=Counter)
    basis_by_part: dict[str, Counter] = field(default_factory=dict)
    missing: list[Token] = field(default_factory=list)

    @property
    def persen(self) -> float:
        return 100.0 * self.covered / self.figures if self.figures else 100.0

    @property
    def recomputed(self) -> int:
        """Printed figures met by a real recomputation from finer data."""
        return self.by_basis[DIHITUNG_ULANG]


def cakupan(text: str, publikasi: pd.DataFrame, dasar: dict[int, str] | None = None) -> Cakupan:
    """Coverage of ``text``'s figures by the rows of ``publikasi``.

    ``dasar``: the reconciliation's basis of each row (``no`` -> basis); without it a
    row counts as ``tidak dapat diperiksa``.
    """
    all_tokens = tokens(text)
    result = Cakupan()
    available: dict[tuple[str, str], list[str]] = {}
    for row in publikasi.itertuples():
        printed = _printed_number(str(row.teks), row.nilai)
        if printed is None:
            continue
        basis = (dasar or {}).get(int(getattr(row, "no", 0)), TIDAK_DAPAT)
        available.setdefault((_part_of(row.lokasi), printed), []).append(basis)
    # the count does not depend on the order of the rows; where a part holds more rows of a
    # printed number than it prints, the weakest basis is used first (never overstated)
    for rows in available.values():
        rows.sort(key=DASAR.index)
    per_part: dict[str, list[int]] = {}
    for tok in all_tokens:
        if tok.kelas != "angka":
            result.excluded[tok.kelas] += 1
            continue
        result.figures += 1
        counts = per_part.setdefault(tok.part, [0, 0])
        counts[0] += 1
        rows = available.get((tok.part, tok.key), [])
        if rows:
            basis = rows.pop()
            result.covered += 1
            counts[1] += 1
            result.by_basis[basis] += 1
            result.basis_by_part.setdefault(tok.part, Counter())[basis] += 1
        else:
            result.missing.append(tok)
    result.by_part = {p: (c[0], c[1]) for p, c in per_part.items()}
    return result


def laporan(result: Cakupan, rows: Sequence[Baris] = ()) -> str:
    """The coverage summary (Indonesian), as printed by ``lkjip coverage``; with the
    reconciliation ``rows``, their counts per basis and status first."""
    lines = []
    if rows:
        lines.append(f"Rekonsiliasi tabel publikasi: {len(rows)} baris")
        for basis in DASAR:
            counts = Counter(r.status for r in rows if r.dasar == basis)
            detail = ", ".join(f"{s} {counts[s]}" for s in STATUS if counts[s])
            lines.append(f"  {basis}: {sum(counts.values())} ({detail or '-'})")
    lines += [
        f"Angka tercetak (di luar kelas yang dikecualikan): {result.figures}",
        f"Tercatat di publikasi: {result.covered} ({result.persen:.1f}%), di antaranya:",
        *(f"  {basis}: {result.by_basis.get(basis, 0)}" for basis in DASAR),
        "Per bagian (angka, tercatat, dihitung ulang):",
    ]
    for part, (n, c) in result.by_part.items():
        recomputed = result.basis_by_part.get(part, Counter()).get(DIHITUNG_ULANG, 0)
        lines.append(f"  {part}: {n}, {c}, {recomputed}")
    lines.append("Dikecualikan:")
    for kelas, why in EXCLUDED.items():
        lines.append(f"  {kelas}: {result.excluded.get(kelas, 0)} - {why}")
    return "\n".join(lines)


#: columns of the coverage table written for the working paper (``cakupan_publikasi.csv``)
TABLE_COLUMNS = (
    "tahun",
    "kelompok",
    "bagian",
    "jumlah",
    "tercatat",
    "dihitung_ulang",
    "masukan",
    "nilai_resmi",
    "tidak_dapat_diperiksa",
    "keterangan",
)


def rows_for_table(result: Cakupan, tahun: int) -> list[dict[str, object]]:
    """The coverage as rows of ``cakupan_publikasi``: one per report part, one per exclusion."""
    out: list[dict[str, object]] = []
    for part, (n, c) in result.by_part.items():
        out.append(
            dict(
                tahun=tahun,
                kelompok="angka",
                bagian=part,
                jumlah=n,
                tercatat=c,
                **{
                    basis.replace(" ", "_"): result.basis_by_part.get(part, Counter()).get(basis, 0)
                    for basis in DASAR
                },
                keterangan="",
            )
        )
    for kelas, why in EXCLUDED.items():
        out.append(
            dict(
                tahun=tahun,
                kelompok="dikecualikan",
                bagian=kelas,
                jumlah=result.excluded.get(kelas, 0),
                tercatat="",
                **{basis.replace(" ", "_"): "" for basis in DASAR},
                keterangan=why,
            )
        )
    return out
