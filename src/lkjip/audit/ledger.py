"""The ledger: one row per figure, as CSV and JSON (sorted by id, deterministic)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lkjip.domain import formatting as fmt
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
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows(reg, missing))
    tmp.replace(path)
    return path


def write_json(reg: Registry, path: Path, missing: list[str] | tuple[str, ...] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    data = [
        dict(r, inputs=r["inputs"].split(), sources=r["sources"].split())
        for r in rows(reg, missing)
    ]
    tmp.write_text(
        json.dumps({"tahun": reg.tahun, "figures": data}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    tmp.replace(path)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
