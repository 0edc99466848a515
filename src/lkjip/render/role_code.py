"""The text of our roles' content (``angka``): written by the chapters, read by the
Sphinx extension (which loads neither pandas nor the data: :mod:`lkjip.render.sphinx_ext`)."""

from __future__ import annotations

import re

#: characters that end or split a role's content, or that MyST would read in it
_ROLE_SPECIAL = re.compile(r"[`<>{}\\]")

_ROLE_CODE = re.compile(r"\\u([0-9a-f]{4})")


def role_text(text: str) -> str:
    """``text`` inside one of our roles (``angka``): each character that would end the
    role, make a target or a substitution is written ``\\uXXXX`` (a backslash too, so the
    coding is unambiguous); the role decodes it (:func:`role_decode`), and the reader
    sees ``text`` exactly."""
    return _ROLE_SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def role_decode(text: str) -> str:
    """The text :func:`role_text` encoded."""
    return _ROLE_CODE.sub(lambda m: chr(int(m.group(1), 16)), text)
