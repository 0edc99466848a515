"""Small helpers shared by the figure modules."""

from __future__ import annotations

from ..links import slug

__all__ = ["slug", "suffix"]


def suffix(offset: int) -> str:
    """Relative year suffix of figure ids: 0 -> ``""``, 1 -> ``".t-1"``."""
    return "" if offset == 0 else f".t-{offset}"
