"""Small helpers shared by the figure modules."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """``"Sarana/ Prasarana"`` -> ``sarana_prasarana``."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def suffix(offset: int) -> str:
    """Relative year suffix of figure ids: 0 -> ``""``, 1 -> ``".t-1"``."""
    return "" if offset == 0 else f".t-{offset}"


def tahun_label(tahun: int, offset: int) -> str:
    return str(tahun - offset)
