"""Text keys derived from names: the key part of figure ids and file names."""

from __future__ import annotations

import re
import unicodedata

#: figure ids keep at most this many words of a name (long kegiatan names)
SLUG_WORDS = 5


def slug(
    text: str,
    *,
    separator: str = "_",
    words: int | None = SLUG_WORDS,
    lower: bool = True,
    limit: int | None = None,
) -> str:
    """ASCII words of ``text`` joined by ``separator``.

    With the defaults, the key part of figure ids: ``"Sarana/ Prasarana"`` ->
    ``sarana_prasarana``, long names cut to their first :data:`SLUG_WORDS` words
    (the registry refuses duplicate ids, so two names that shorten alike are
    caught, not merged). With ``separator="-", words=None, lower=False`` (file
    names): ``Kantor Imigrasi Kelas I TPI Bandung`` ->
    ``Kantor-Imigrasi-Kelas-I-TPI-Bandung``. With ``limit``: at most that many
    characters, cut after the last whole word that fits (a first word longer than that
    is cut), so a file name made from a long name stays a name the system accepts.
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    if lower:
        ascii_text = ascii_text.lower()
    parts = [w for w in re.split(r"[^A-Za-z0-9]+", ascii_text) if w]
    joined = separator.join(parts if words is None else parts[:words])
    if limit is None or len(joined) <= limit:
        return joined
    cut = joined[: limit + 1].rsplit(separator, 1)[0]
    return cut if 0 < len(cut) <= limit else joined[:limit]
