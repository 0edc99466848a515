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
from dataclasses import dataclass, field

import pandas as pd

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
    r"(?<![\w/.,-])"
    r"(?:Rp\.?\s?)?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+)"
    r"(?:,-)?"
    r"(?P<pct>\s?%)?"
    r"(?![\w/]|[.,]\d)"
)
_LIST_START = re.compile(r"^\s*(?:#+\s*)?(?:\*\*|<b>)?\s*(?:[-•]\s*)?\(?(\d+)\s*[.)](?!\d)")
_COLUMN_NUMBERS = re.compile(r"\s*(?:\(\d+\)\s*)+")
_REGULATION = re.compile(
    r"(?:nomor|no\.|pasal|ayat|pp|uu|perpres|permen\w*|kepmen\w*|per-|huruf)\s*$", re.I
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
    match = _LIST_START.match(line)
    if match and start <= match.start(1) < end:
        return "penomoran"
    cells = line.split("\t")
    if len(cells) > 2 and re.fullmatch(r"\s*\d{1,3}\.?\s*", cells[0]) and start < len(cells[0]):
        return "penomoran"
    return "angka"


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


@dataclass
class Cakupan:
    """Coverage of a report's printed figures by ``publikasi``."""

    figures: int = 0
    covered: int = 0
    matched: int = 0  # covered by a row reconciled against a computed figure
    excluded: Counter = field(default_factory=Counter)
    by_part: dict[str, tuple[int, int]] = field(default_factory=dict)
    missing: list[Token] = field(default_factory=list)

    @property
    def persen(self) -> float:
        return 100.0 * self.covered / self.figures if self.figures else 100.0


def cakupan(text: str, publikasi: pd.DataFrame) -> Cakupan:
    """Coverage of ``text``'s figures by the rows of ``publikasi``."""
    all_tokens = tokens(text)
    result = Cakupan()
    available: Counter = Counter()
    with_figure: Counter = Counter()
    for row in publikasi.itertuples():
        part = _part_of(row.lokasi)
        for match in _NUMBER.finditer(str(row.teks)):
            available[(part, match.group("num"))] += 1
            if isinstance(row.figure_id, str) and row.figure_id:
                with_figure[(part, match.group("num"))] += 1
    per_part: dict[str, list[int]] = {}
    for tok in all_tokens:
        if tok.kelas != "angka":
            result.excluded[tok.kelas] += 1
            continue
        result.figures += 1
        counts = per_part.setdefault(tok.part, [0, 0])
        counts[0] += 1
        slot = (tok.part, tok.key)
        if available[slot] > 0:
            available[slot] -= 1
            result.covered += 1
            counts[1] += 1
            if with_figure[slot] > 0:
                with_figure[slot] -= 1
                result.matched += 1
        else:
            result.missing.append(tok)
    result.by_part = {p: (c[0], c[1]) for p, c in per_part.items()}
    return result


def laporan(result: Cakupan) -> str:
    """The coverage summary (Indonesian), as printed by ``lkjip coverage``."""
    lines = [
        f"Angka tercetak (di luar kelas yang dikecualikan): {result.figures}",
        f"Tercatat di publikasi: {result.covered} ({result.persen:.1f}%)",
        f"  di antaranya direkonsiliasi dengan angka hitungan: {result.matched}",
        "Per bagian (angka, tercatat):",
    ]
    for part, (n, c) in result.by_part.items():
        lines.append(f"  {part}: {n}, {c}")
    lines.append("Dikecualikan:")
    for kelas, why in EXCLUDED.items():
        lines.append(f"  {kelas}: {result.excluded.get(kelas, 0)} - {why}")
    return "\n".join(lines)
