"""Every worked calculation of the 2023 ledger gives its printed result.

A figure's ``substituted`` text is its formula with the operands written in: the
expression left of the last `` = `` is read back with the Indonesian number format
(``1.674,59``, ``Rp20.578.348.000``, ``122,77%``), computed, and rounded half-up to the
printed precision; it must give the printed result, which must be the figure's value at
that precision. A Python number (``100.0``) in the text is not Indonesian and fails.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from lkjip.domain.rounding import round_half_up
from lkjip.figures.registry import Figure, Registry

#: formulas whose worked calculation is not arithmetic: the formula, and why
NOT_ARITHMETIC = {
    "interval nilai pada tabel mutu pelayanan": "pencarian kategori teks dalam tabel",
    "interval nilai IKM pada tabel mutu pelayanan (PermenPAN-RB 14/2017)": "pencarian kategori",
    "rentang nilai kategori SMART (PMK 22/PMK.02/2021)": "pencarian kategori dalam rentang",
    "rentang nilai kategori IKPA (PER-5/PB/2022)": "pencarian kategori dalam rentang",
    "kode indikator dalam huruf besar": "teks",
    "unsur dengan nilai minimum": "nama unsur, bukan angka",
    "dua unsur dengan nilai terkecil": "nama unsur, bukan angka",
    "min(nilai persepsi)": "nilai terkecil dari daftar skala",
    "max(nilai persepsi)": "nilai terbesar dari daftar skala",
    "hitung(indikator dengan status tercapai)": "hitungan nama indikator yang tercapai",
    "tahun pertama – tahun terakhir yang ada realisasinya": "rentang tahun (teks)",
    "unsur dengan bulatkan(nilai, 2) < realisasi IKM": "nama unsur, bukan angka",
    "variabel dengan bulatkan(nilai, 2) < realisasi IKI": "nama variabel, bukan angka",
    "unsur yang nilainya di bawah nilai IPK internal dibulatkan dua desimal": "nama unsur",
    "unsur yang nilainya di bawah nilai IPK eksternal dibulatkan dua desimal": "nama unsur",
}

#: formulas of years, printed without a thousands separator (``2023 − 1``)
TAHUN = {"tahun laporan", "tahun laporan − 1", "tahun laporan − 2", "tahun akhir − tahun awal + 1"}
#: a number of four digits or more without its separator is a Python number, not Indonesian
_UNGROUPED = re.compile(r"(?<![\d.,])\d{4,}")

#: a direction printed for the sign of the expression
ARAH = {1: "naik", -1: "turun", 0: "sama"}

_NUMBER = r"(?:Rp)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_TOKEN = re.compile(rf"\s*({_NUMBER}|bulatkan|[-−+×/()\[\]%^½])")


class NotEvaluable(ValueError):
    """The text is not an arithmetic expression in Indonesian number format."""


def number(text: str) -> Decimal:
    """``Rp1.674,59`` -> ``Decimal("1674.59")``."""
    if not re.fullmatch(_NUMBER, text):
        raise NotEvaluable(text)
    return Decimal(text.removeprefix("Rp").replace(".", "").replace(",", "."))


def tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise NotEvaluable(f"{text[pos:]!r} in {text!r}")
        out.append(match.group(1))
        pos = match.end()
    return out


class _Parser:
    """Recursive descent over ``+ − × / ( ) [ ] % ^ ½ bulatkan(…)``; ``x%`` is ``x / 100``."""

    def __init__(self, text: str) -> None:
        self.items = tokens(text)
        self.pos = 0

    def peek(self) -> str | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def take(self, expected: str | None = None) -> str:
        item = self.peek()
        if item is None or (expected is not None and item != expected):
            raise NotEvaluable(f"expected {expected!r}, got {item!r}")
        self.pos += 1
        return item

    def parse(self) -> Decimal:
        value = self.expr()
        if self.peek() is not None:
            raise NotEvaluable(f"trailing {self.peek()!r}")
        return value

    def expr(self) -> Decimal:
        value = self.term()
        while self.peek() in ("+", "−", "-"):
            value = value + self.term() if self.take() == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self.peek() in ("×", "/"):
            value = value * self.factor() if self.take() == "×" else value / self.factor()
        return value

    def factor(self) -> Decimal:
        item = self.take()
        if item in ("-", "−"):
            return -self.factor()
        if item in ("(", "["):
            value = self.expr()
            self.take(")" if item == "(" else "]")
        elif item == "½":
            value = Decimal("0.5")
        elif item == "bulatkan":
            self.take("(")
            value = round_half_up(self.expr(), 2)
            self.take(")")
        else:
            value = number(item)
        if self.peek() == "^":
            self.take()
            value = value ** int(self.factor())
        if self.peek() == "%":
            self.take()
            value = value / 100
        return value


def evaluate(text: str) -> Decimal:
    return _Parser(text).parse()


def places(printed: str) -> int:
    decimals = printed.rstrip("%").partition(",")[2]
    return len(decimals)


def worked(reg: Registry) -> list[Figure]:
    return [f for f in reg if f.formula != "data" and f.substituted]


def check(figure: Figure) -> None:
    """Raise AssertionError when the worked calculation does not give its printed result."""
    expression, _, printed = figure.substituted.rpartition(" = ")
    assert printed == figure.display, figure.id
    if figure.formula not in TAHUN and _UNGROUPED.search(expression):
        raise NotEvaluable(f"{figure.id}: {expression!r} has a number without separators")
    if printed in ARAH.values():  # naik / turun / sama: the sign of the change
        result = evaluate(expression)
        assert ARAH[(result > 0) - (result < 0)] == printed, f"{figure.id}: {result}"
        return
    if printed in ("tercapai", "tidak tercapai"):  # realisasi ≥ target
        realisasi, _, target = expression.partition(" ≥ ")
        met = evaluate(realisasi) >= evaluate(target)
        assert ("tercapai" if met else "tidak tercapai") == printed, figure.id
        return
    result = evaluate(expression)
    shown = -number(printed[1:].rstrip("%")) if printed.startswith("-") else None
    shown = number(printed.rstrip("%")) if shown is None else shown
    if printed.endswith("%"):
        result *= 100  # x% is x / 100: the printed result is in percent
    elif figure.unit in ("poin", "poin_bagian") and "%" in expression:
        result *= 100  # a difference of percentages, in percentage points
    digits = places(printed)
    assert round_half_up(result, digits) == shown, f"{figure.id}: {figure.substituted}"
    assert round_half_up(figure.number, digits) == shown, f"{figure.id}: value {figure.value}"


def test_parser_reads_indonesian_numbers() -> None:
    assert evaluate("Rp1.674,59 + 0,41") == Decimal("1675.00")
    assert evaluate("½ × [(124,69% − 124,38%) + 1]") == Decimal("0.50155")
    assert evaluate("0,5 × 10^-2") == Decimal("0.005")
    assert evaluate("bulatkan(3,9871)") == Decimal("3.99")
    for raw in ("(100.0 + 100.0) / 2", "95.0", "Pengaduan 3,69"):
        with pytest.raises(NotEvaluable):
            evaluate(raw)


def test_check_fails_on_a_wrong_result_or_a_python_number() -> None:
    wrong = Figure("x", Decimal("5"), "5,00", "skor", "x", "a + b", "2,00 + 2,00 = 5,00")
    with pytest.raises(AssertionError):
        check(wrong)
    raw = Figure("x", 1248, "1.248", "jumlah", "x", "hitung(baris)", "1248 = 1.248")
    with pytest.raises(NotEvaluable):
        check(raw)
    check(Figure("x", 1248, "1.248", "jumlah", "x", "hitung(baris)", "1.248 = 1.248"))


def test_every_worked_calculation_gives_its_printed_result(reg2023: Registry) -> None:
    figures = worked(reg2023)
    failures = []
    for figure in figures:
        if figure.formula in NOT_ARITHMETIC:
            with pytest.raises(NotEvaluable):  # the exemption is still needed
                evaluate(figure.substituted.rpartition(" = ")[0])
            continue
        try:
            check(figure)
        except (AssertionError, NotEvaluable, ArithmeticError) as exc:
            failures.append(f"{figure.id}: {figure.substituted!r} ({type(exc).__name__}: {exc})")
    assert not failures, "\n".join(failures)
    assert len(figures) > 300  # the 2023 ledger's worked calculations, not a subset
    assert set(NOT_ARITHMETIC) <= {f.formula for f in figures}  # no stale exemption
