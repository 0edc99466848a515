"""Indonesian syllables and hyphenation points (PUEBI/KBBI rules), and bad breaks in PDF text.

Syllables follow the spelling rules, not a dictionary:

* ``ng``, ``ny``, ``sy`` and ``kh`` are one consonant; the diphthongs ``ai``,
  ``au`` and ``oi`` are one vowel unless the second vowel closes a syllable
  (``sam-pai-kan``, ``ca-pai-an`` but ``ba-ik``, ``la-ut``); ``ei`` only at
  the end of a word (``sur-vei`` but ``ke-i-mi-gra-si-an``); all other
  adjacent vowels are split (``pe-nga-du-an``).
* One consonant between vowels starts the next syllable (``di-res-mi-kan``).
* Two consonants are split (``ko-mit-men``), except the loanword onsets of
  :data:`ONSETS`, a consonant followed by ``r``/``l`` (``mi-gra-si``).
* Three or more are split after the first (``in-stru-men``, ``bang-krut``),
  except after ``ks`` (``eks-por``, ``teks-til``) and after ``ns``/``rs``
  not followed by ``t`` (``trans-por-ta-si``, but ``in-stan-si``).

:func:`syllables` is the phonological reading. KBBI divides some derived
words by their parts instead (``ke·bi·jak·an`` where the rule gives
``ke-bi-ja-kan``, ``ber·a·sal`` for ``be-ra-sal``), and PUEBI splits
``Ap-ril`` where the onset rule gives ``A-pril``. Without a dictionary the
two cannot be told apart (``diresmikan`` is ``resmi`` + ``-kan``,
``kebijakan`` is ``bijak`` + ``-an``), so :func:`safe_breaks`, the points
offered to TeX, keeps only breaks that are right under both readings.
"""

from __future__ import annotations

import re
from itertools import pairwise

VOWELS = frozenset("aeiouéè")
DIGRAPHS = ("ng", "ny", "sy", "kh")
DIPHTHONGS = frozenset({"ai", "au", "oi"})
#: two consonants between vowels that start the next syllable together (loanword onsets)
ONSETS = frozenset({"bl", "br", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "pl", "pr", "tr"})
#: prefixes after which a break before a vowel reads well (``ke-adaan``, ``di-ajukan``)
_VOWEL_PREFIXES = ("ke", "se", "di")
#: ``ber-``/``ter-``/``per-``/``meng-``/``peng-`` before a vowel: ``be-ra-sal`` or ``ber-a-sal``
_PREFIX_BEFORE_VOWEL = re.compile(r"(?:[btp]er|[mp]eng)[aeiou]")
#: verbal prefixes: a word with one of them ending in vowel + ``kan`` takes the suffix ``-kan``
_VERB_PREFIX = re.compile(r"(?:me|di|ber|ter|per)")
_FINAL_AN = re.compile(r"(?:ng|ny|sy|kh|[^aeiou])an")
_PLAIN = re.compile(r"[^\W\d_]+")


def _units(word: str) -> list[str]:
    """Letters of a lower-case word, the digraphs as one unit."""
    units, i = [], 0
    while i < len(word):
        step = 2 if word[i : i + 2] in DIGRAPHS else 1
        units.append(word[i : i + step])
        i += step
    return units


def _onset(cons: list[str]) -> int:
    """How many of the consonants between two vowels start the next syllable."""
    if len(cons) <= 1:
        return len(cons)
    if len(cons) == 2:
        return 2 if cons[0] + cons[1] in ONSETS else 1
    pair = cons[0] + cons[1]
    if pair == "ks" or (pair in ("ns", "rs") and cons[2] != "t"):
        return len(cons) - 2
    return len(cons) - 1


def _boundaries(word: str) -> list[int]:
    """Character positions between the syllables of an alphabetic lower-case word."""
    units = _units(word)
    starts = [sum(len(u) for u in units[:k]) for k in range(len(units))]
    vowels = [k for k, u in enumerate(units) if u in VOWELS]
    cuts, joined = [], False
    for a, b in pairwise(vowels):
        cons = units[a + 1 : b]
        if cons:
            cuts.append(starts[b - _onset(cons)])
            joined = False
            continue
        after = units[b + 1 : b + 3]
        closed = len(after) == 1 or (len(after) == 2 and after[1] not in VOWELS)
        closed = closed and after[0] not in VOWELS
        pair = units[a] + units[b]
        final_ei = pair == "ei" and b == len(units) - 1  # sur-vei
        if (pair in DIPHTHONGS or final_ei) and not joined and not closed:
            joined = True
        else:
            cuts.append(starts[b])
            joined = False
    return cuts


def _split(word: str, cuts: list[int]) -> list[str]:
    edges = [0, *cuts, len(word)]
    return [word[i:j] for i, j in pairwise(edges)]


def syllables(word: str) -> list[str]:
    """Syllables of ``word``, case kept: ``Keimigrasian`` -> ``Ke i mi gra si an``.

    A hyphenated compound is split at its hyphens, each part syllabified and
    the hyphen kept on the syllable before it (``ma sing- ma sing``). A word
    with digits, apostrophes or other signs is returned whole.
    """
    if "-" in word and all(_PLAIN.fullmatch(p) for p in word.split("-")):
        parts = [syllables(p) for p in word.split("-")]
        return [s + "-" if i < len(parts) - 1 and j == len(p) - 1 else s
                for i, p in enumerate(parts) for j, s in enumerate(p)]  # fmt: skip
    if not _PLAIN.fullmatch(word):
        return [word]
    return _split(word, _boundaries(word.lower()))


def hyphenated(word: str) -> str:
    """Syllables joined by hyphens: ``di-res-mi-kan`` (a compound keeps one hyphen)."""
    out = ""
    for part in syllables(word):
        out += part if not out or out.endswith("-") else "-" + part
    return out


def safe_breaks(word: str) -> list[int]:
    """Break positions in an alphabetic word that are right under every reading.

    Dropped from the syllable boundaries: a break between two vowels (except
    after ``ke``/``se``/``di``) or just after one (``Kei-migrasian`` reads as a
    diphthong); a break before a loanword onset (``mi-gra`` or ``mig-ra``);
    the break after ``be``/``te``/``pe``/``me`` before ``r``/``ng`` + vowel
    (``be-ra-sal`` or ``ber-a-sal``); and the break before the last consonant
    of a final ``-an`` (``ke-bi-ja-kan`` or ``ke-bi-jak-an``), kept only for
    ``-kan`` after a verbal prefix (``di-res-mi-kan``). A final ``-nya`` is
    looked through (``ke-bi-jakan-nya``).
    """
    w = word.lower()
    if not _PLAIN.fullmatch(w):
        return []
    cuts = _boundaries(w)
    stem = w[:-3] if w.endswith("nya") and len(w) > 6 else w
    keep = []
    for b in cuts:
        vowel_left = w[b - 1] in VOWELS
        if vowel_left and w[b] in VOWELS and not (b == 2 and w[:2] in _VOWEL_PREFIXES):
            continue
        if vowel_left and b >= 2 and w[b - 2] in VOWELS and b - 1 in cuts:
            continue
        if vowel_left and w[b : b + 2] in ONSETS:
            continue
        if b == 2 and _PREFIX_BEFORE_VOWEL.match(w):
            continue
        tail = stem[b:]
        verb = tail == "kan" and _VERB_PREFIX.match(w) is not None
        if vowel_left and _FINAL_AN.fullmatch(tail) and not verb:
            continue
        keep.append(b)
    return keep


def tex_hyphenation(word: str) -> str:
    """The lower-case word with its :func:`safe_breaks` as hyphens (TeX exception form)."""
    w = word.lower()
    return "-".join(_split(w, safe_breaks(w)))


_HYPHENS = "-\u00ad\u2010"
_FRAGMENT = re.compile(rf"[(\"'\u201c\u2018]*([^\W\d_]+)[{_HYPHENS}]")
_START = re.compile(r"[^\W\d_]+")


def _reduplicated(left: str, right: str) -> bool:
    """``masing-masing``, ``perundang-undangan``, ``tolong-menolong``: a real hyphen."""
    left, right = left.lower(), right.lower()
    return any(left[-n:] in right for n in range(3, len(left) + 1))


def bad_breaks(lines: list[str], min_length: int = 5) -> list[str]:
    """Line-end hyphenations in PDF text that are not Indonesian syllable breaks.

    A line ending in letters + hyphen is joined to the first word of the next
    non-blank line. It counts as a hyphenation (not a real hyphen) only if the
    joined word is plain: letters only, lower-case or capitalised, at least
    ``min_length`` letters, and not a compound, that is neither a
    reduplication (``masing-masing``, ``Undang-Undang``), nor a one-letter
    prefix (``e-Performance``), nor a capital after the hyphen. It is bad if
    the break is not a syllable boundary (``diresmik-an``, ``Komi-tmen``) or
    leaves a split vowel pair at the line end (``Kei-migrasian``). Returned as
    ``"diresmik-an"``, in text order. Read the PDF with ``pdftotext -layout``:
    its default mode rejoins hyphenated words itself.
    """
    found = []
    rows = [line.strip() for line in lines]
    for i, row in enumerate(rows):
        match = _FRAGMENT.fullmatch(row.split()[-1]) if row else None
        if not match:
            continue
        start = _START.match(next((r for r in rows[i + 1 :] if r), ""))
        if not start:
            continue
        left, right = match.group(1), start.group(0)
        word = left + right
        plain = word.islower() or (word[0].isupper() and word[1:].islower())
        if not plain or len(word) < min_length or len(left) < 2 or right[0].isupper():
            continue
        if _reduplicated(left, right):
            continue
        cuts = _boundaries(word.lower())
        b = len(left)
        vowel_end = b >= 2 and word[b - 1].lower() in VOWELS and word[b - 2].lower() in VOWELS
        if b not in cuts or (vowel_end and b - 1 in cuts):
            found.append(f"{left}-{right}")
    return found
