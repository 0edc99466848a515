"""Rankings of the offices: standard competition ranking (1, 2, 2, 4) on the value as
printed (two offices printed ``3,99`` are tied), the highest first; an office without
the figure is not ranked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from lkjip.domain import formatting as fmt

#: what an Indonesian printed number may carry besides digits ("Rp", "%", spaces)
_NOT_NUMBER = re.compile(r"[^0-9,.\-−]")


def angka_tercetak(tampil: str) -> Decimal | None:
    """The number a printed figure shows (``Rp20.578.348.000``, ``99,00%``, ``3,99``,
    ``-0,40``), or None when it shows none (a text)."""
    text = _NOT_NUMBER.sub("", tampil.strip()).replace("−", "-")
    text = text.replace(fmt.RIBUAN, "").replace(fmt.DESIMAL, ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def peringkat(nilai: Mapping[str, Decimal | None]) -> dict[str, int]:
    """Rank of each key with a value, highest first; equal values share the better rank
    and the next rank skips (1, 2, 2, 4). Keys whose value is None get no rank."""
    ranked = sorted((v, k) for k, v in nilai.items() if v is not None)
    values = [v for v, _ in ranked]
    out: dict[str, int] = {}
    for value, key in ranked:
        out[key] = 1 + sum(1 for other in values if other > value)
    return out


def peringkat_kelompok(
    nilai: Mapping[str, Decimal | None], kelompok: Mapping[str, str]
) -> dict[str, int]:
    """Rank of each key within its group (``kelompok``: key -> group)."""
    out: dict[str, int] = {}
    for group in sorted(set(kelompok.values())):
        out |= peringkat({k: v for k, v in nilai.items() if kelompok.get(k) == group})
    return out
