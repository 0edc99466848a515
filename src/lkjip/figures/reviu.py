"""The reviu chapter's counts: published figures by reconciliation status."""

from __future__ import annotations

from ..dataset import Dataset
from ..registry import Registry
from ..reviu import STATUS, rekonsiliasi, ringkasan


def register(reg: Registry, ds: Dataset) -> None:
    if not ds.has("publikasi") or reg.draft:
        return
    rows = rekonsiliasi(ds, reg)
    counts = ringkasan(rows)
    sources = ds.refs("publikasi")
    reg.add(
        "reviu.jumlah",
        len(rows),
        "jumlah",
        "Angka yang dicetak laporan dan direkonsiliasi",
        formula="hitung(baris publikasi)",
        substituted=str(len(rows)),
        sources=sources,
    )
    for status in STATUS:
        reg.add(
            f"reviu.{status.replace(' ', '_')}",
            counts[status],
            "jumlah",
            f"Angka berstatus {status}",
            formula=f"hitung(rekonsiliasi berstatus {status})",
            substituted=str(counts[status]),
            inputs=("reviu.jumlah",),
        )
