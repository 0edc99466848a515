"""Advance widths of the PDF's fonts, for sizing table columns (:mod:`lkjip.render.columns`)."""

from __future__ import annotations

from lkjip.render.latex import ZWSP

#: advance widths of the PDF's fonts in thousandths of an em, measured with xelatex:
#: the characters of :data:`_MEASURED` (ASCII from the space to ``~``, then a few others)
#: in FreeSerif (body cells), FreeSerif Bold (headers, a bold last row) and FreeSans
_MEASURED = (
    "".join(map(chr, range(32, 127)))
    + "\u2013\u2014\u2212\u00e9\u2019\u2018\u201c\u201d\u2026\u2022\u00d7"
)
_SERIF_MILLI = (
    "250 333 400 500 500 833 778 200 333 333 500 564 250 333 250 296 500 500 500 500 500 "
    "500 500 500 500 500 250 250 564 564 564 444 865 721 631 670 719 610 564 722 714 327 "
    "385 709 611 881 725 724 576 723 667 529 606 721 701 947 714 701 613 333 296 333 469 "
    "500 200 435 500 444 499 444 373 467 498 278 348 513 258 779 489 491 500 499 345 367 "
    "283 490 468 683 482 471 417 480 200 480 500 500 1000 564 444 200 200 400 400 1000 "
    "400 564"
)
_BOLD_MILLI = (
    "250 333 500 500 500 1000 833 250 333 333 507 676 250 333 250 278 500 500 500 500 "
    "500 500 500 500 500 500 333 333 676 676 676 500 930 721 658 708 731 671 617 776 778 "
    "390 501 774 668 947 725 778 639 778 719 568 645 725 705 982 713 704 646 333 278 333 "
    "581 500 250 500 545 435 552 444 393 500 554 299 400 555 277 832 554 501 545 545 427 "
    "406 335 564 482 702 508 482 444 394 220 394 520 500 1000 676 444 250 250 500 500 "
    "1000 500 676"
)
_SANS_MILLI = (
    "250 333 400 556 556 889 667 250 333 333 389 584 278 333 250 278 556 556 556 556 556 "
    "556 556 556 556 556 250 250 584 584 584 556 1015 666 664 709 698 633 599 765 721 "
    "278 528 674 563 846 730 784 656 784 709 667 632 720 645 937 657 678 615 278 278 277 "
    "469 556 250 543 559 506 559 533 280 550 536 222 243 514 214 812 537 534 559 559 332 "
    "493 280 537 496 722 476 478 486 333 250 333 500 500 1000 584 533 250 250 400 400 "
    "680 400 584"
)
#: a character not measured counts as this wide (em)
_OTHER_EM = 0.75
_EM = {
    face: dict(zip(_MEASURED, (int(m) / 1000 for m in milli.split()), strict=True)) | {ZWSP: 0.0}
    for face, milli in (("serif", _SERIF_MILLI), ("bold", _BOLD_MILLI), ("sans", _SANS_MILLI))
}


def text_em(text: str, face: str = "serif") -> float:
    """Width of ``text`` on one line in em of the PDF's table type (kerning left out), in
    FreeSerif (``serif``), its bold (``bold``: headers, a bold row) or FreeSans (``sans``)."""
    widths = _EM[face]
    return sum(widths.get(char, _OTHER_EM) for char in text)
