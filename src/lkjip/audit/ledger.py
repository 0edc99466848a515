"""The ledger: one row per figure, as CSV and JSON (sorted by id, deterministic)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lkjip.data.writing import atomic_text
from lkjip.domain import formatting as fmt
from lkjip.errors import UserError
from lkjip.figures.registry import Figure, Registry

COLUMNS = (
    "id",
    "value",
    "display",
    "unit",
    "jenis",
    "label",
    "formula",
    "substituted",
    "inputs",
    "sources",
    "notebook",
    "cell_id",
    "url",
    "catatan",
)


def _value(figure: Figure) -> str:
    return str(figure.value)


#: how a draft ledger marks a figure whose data is missing


def rows(reg: Registry, missing: list[str] | tuple[str, ...] = ()) -> list[dict[str, str]]:
    out = []
    for figure in sorted(reg, key=lambda f: f.id):
        out.append(
            {
                "id": figure.id,
                "value": _value(figure),
                "display": figure.display,
                "unit": figure.unit,
                "jenis": figure.jenis,
                "label": figure.label,
                "formula": figure.formula,
                "substituted": figure.substituted,
                "inputs": " ".join(figure.inputs),
                "sources": " ".join(figure.sources),
                "notebook": figure.notebook,
                "cell_id": figure.cell_id,
                "url": figure.url,
                "catatan": figure.catatan,
            }
        )
    for figure_id in missing:
        out.append(
            dict.fromkeys(COLUMNS, "")
            | {"id": figure_id, "display": fmt.BELUM_TERSEDIA, "formula": fmt.BELUM_TERSEDIA}
        )
    return sorted(out, key=lambda r: r["id"])


def write_csv(reg: Registry, path: Path, missing: list[str] | tuple[str, ...] = ()) -> Path:
    with atomic_text(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows(reg, missing))
    return path


def write_json(reg: Registry, path: Path, missing: list[str] | tuple[str, ...] = ()) -> Path:
    data = [
        dict(r, inputs=r["inputs"].split(), sources=r["sources"].split())
        for r in rows(reg, missing)
    ]
    with atomic_text(path) as handle:
        handle.write(
            json.dumps({"tahun": reg.tahun, "figures": data}, ensure_ascii=False, indent=1) + "\n"
        )
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def by_id(path: Path) -> dict[str, dict[str, str]]:
    """A ledger.csv by id; anything else (a folder, another CSV, a binary file) is
    refused with a message (exit 2)."""
    if path.is_dir():
        raise UserError(f"{path} adalah folder, bukan ledger.csv")
    if not path.is_file():
        raise UserError(f"ledger tidak ditemukan: {path}")
    try:
        rows = read_csv(path)
    except (UnicodeDecodeError, csv.Error):
        raise UserError(f"{path} bukan ledger lkjip (bukan teks CSV UTF-8)") from None
    needed = ("id", "value", "display")
    if not rows or any(column not in rows[0] for column in needed):
        raise UserError(
            f"{path} bukan ledger lkjip: kolom {', '.join(needed)} tidak ada "
            "(ledger.csv hasil lkjip build atau lkjip ledger)"
        )
    if any(row["id"] is None or row["value"] is None for row in rows):
        raise UserError(f"{path} bukan ledger lkjip: ada baris yang kolomnya kurang")
    return {row["id"]: row for row in rows}


#: rows of a CSV by their key (a ledger by figure id, a reviu.csv by row number)
Keyed = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Diff:
    """What changed between two keyed CSVs: per changed key, the columns that differ."""

    changed: dict[str, tuple[str, ...]]
    added: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def diff(old: Keyed, new: Keyed, columns: Sequence[str] = ("value",)) -> Diff:
    """The keys whose ``columns`` differ, and the keys only in one side (all sorted)."""
    changed: dict[str, tuple[str, ...]] = {}
    for key in sorted(old.keys() & new.keys()):
        different = tuple(c for c in columns if old[key].get(c) != new[key].get(c))
        if different:
            changed[key] = different
    return Diff(
        changed, tuple(sorted(new.keys() - old.keys())), tuple(sorted(old.keys() - new.keys()))
    )


def diff_lines(
    found: Diff,
    old: Keyed,
    new: Keyed,
    shown: str = "display",
    every_column: bool = False,
    name: Callable[[str], str] = str,
) -> list[str]:
    """The lines ``lkjip diff`` prints: a count, then ``~`` changed, ``+`` new, ``-`` gone.

    ``shown``: the column printed for a key (a ledger's ``display``); ``every_column``
    prints each column that differs instead, as ``name (column): old -> new``.
    """
    lines = [
        f"Berubah: {len(found.changed)}, baru: {len(found.added)}, hilang: {len(found.removed)}."
    ]
    for key, columns in found.changed.items():
        for column in columns if every_column else (shown,):
            label = f"{name(key)} ({column})" if every_column else name(key)
            before, after = old[key].get(column, ""), new[key].get(column, "")
            lines.append(f"  ~ {label}: {before} -> {after}")
    lines += [f"  + {name(key)}: {new[key][shown]}" for key in found.added]
    lines += [f"  - {name(key)}: {old[key][shown]}" for key in found.removed]
    return lines
