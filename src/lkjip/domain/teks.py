"""Text keys derived from names: the key part of figure ids and file names."""

from __future__ import annotations

import re
import unicodedata

#: figure ids keep at most this many words of a name (long kegiatan names)
SLUG_WORDS = 5


def slug(
    text: str, *, separator: str = "_", words: int | None = SLUG_WORDS, lower: bool = True
) -> str:
    """ASCII words of ``text`` joined by ``separator``.

    With the defaults, the key part of figure ids: ``"Sarana/ Prasarana"`` ->
    ``sarana_prasarana``, long names cut to their first :data:`SLUG_WORDS` words
    (the registry refuses duplicate ids, so two names that shorten alike are
    caught, not merged). With ``separator="-", words=None, lower=False`` (file
    names): ``Kantor Imigrasi Kelas I TPI Bandung`` ->
    ``Kantor-Imigrasi-Kelas-I-TPI-Bandung``.
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    if lower:
        ascii_text = ascii_text.lower()
    parts = [w for w in re.split(r"[^A-Za-z0-9]+", ascii_text) if w]
    return separator.join(parts if words is None else parts[:words])
