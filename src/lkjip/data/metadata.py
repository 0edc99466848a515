"""Table metadata: the YAML files in ``data/metadata`` (format: data/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lkjip.data.snapshot import DISK, Snapshot
from lkjip.errors import MetadataError

COLUMN_TYPES = ("integer", "number", "string", "date")
YEAR_SCOPES = ("current", "history", "plan", "none")
#: values of a table's ``rujukan`` key: ``nasional``, the same rows for every immigration
#: office, shipped with the package for each year (:mod:`lkjip.data.national`)
RUJUKAN = ("nasional",)

#: a breakdown column's value for a total given without its parts (metadata ``tidak_dirinci``)
TIDAK_DIRINCI = "tidak dirinci"

#: identifier kinds (column ``identifier``): the pattern of the value, digits only, spaces
#: ignored, and what the rule says
IDENTIFIERS = {
    "nip": (18, "NIP terdiri atas 18 angka"),
    "kode": (None, "kode ditulis sebagai teks"),
}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    description: str = ""
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    references: str | None = None
    nullable: bool = False
    decimals: int | None = None
    #: the value must be strictly greater than ``min`` (e.g. a target that divides)
    exclusive_min: bool = False
    #: longest text accepted in a string column (characters)
    max_length: int = 1000
    #: the value names a file in this subfolder of the year's folder (e.g. ``gambar``)
    file_in: str | None = None
    #: the value identifies (NIP, codes): a text cell in the workbook, never a number
    identifier: str | None = None
    #: the value belongs to one report year (a signing date): ``lkjip init`` of the next
    #: year leaves it empty for the analyst instead of carrying it over
    new_each_year: bool = False

    @property
    def reference_table(self) -> str | None:
        return self.references.split(".", 1)[0] if self.references else None

    @property
    def reference_column(self) -> str | None:
        return self.references.split(".", 1)[1] if self.references else None


@dataclass(frozen=True)
class TableCheck:
    rule: str
    group_by: tuple[str, ...] = ()
    column: str | None = None
    value: float | None = None


@dataclass(frozen=True)
class TableSpec:
    name: str
    title: str
    description: str
    source: str
    required: bool
    year_scope: str
    allow_empty: bool
    primary_key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    checks: tuple[TableCheck, ...] = field(default_factory=tuple)
    #: breakdown columns that may say "tidak dirinci": one row per year carrying the total
    tidak_dirinci: tuple[str, ...] = ()
    #: the row's cells are facts known one by one (``identitas``): an empty required cell
    #: outside the key is a missing fact, not a malformed row (import accepts it, a draft
    #: prints the rest, validation and a strict build name it)
    fill_by_cell: bool = False
    #: the table may be declared empty because nothing happened (the ``nihil`` table)
    nihil: bool = True
    #: the office may declare the table not available for the year, with its reason (the
    #: ``tidak_tersedia`` table); filled or declared, never empty in a strict build
    tidak_tersedia: bool = False
    #: ``nasional``: a national reference table (the package's copy unless overridden)
    rujukan: str | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


def _column(raw: dict[str, Any], table: str, tidak_dirinci: bool = False) -> ColumnSpec:
    if raw.get("type") not in COLUMN_TYPES:
        raise MetadataError(f"{table}.{raw.get('name')}: unknown type {raw.get('type')!r}")
    identifier = raw.get("identifier")
    if identifier is not None and identifier not in IDENTIFIERS:
        raise MetadataError(f"{table}.{raw.get('name')}: unknown identifier {identifier!r}")
    allowed = raw.get("allowed")
    if tidak_dirinci and allowed is not None:
        allowed = [*allowed, TIDAK_DIRINCI]
    return ColumnSpec(
        name=str(raw["name"]),
        type=raw["type"],
        description=str(raw.get("description", "")),
        unit=raw.get("unit"),
        min=raw.get("min"),
        max=raw.get("max"),
        allowed=tuple(str(a) for a in allowed) if allowed is not None else None,
        references=raw.get("references"),
        nullable=bool(raw.get("nullable", False)),
        decimals=raw.get("decimals"),
        exclusive_min=bool(raw.get("exclusive_min", False)),
        max_length=int(raw.get("max_length", 1000)),
        file_in=raw.get("file_in"),
        identifier=identifier,
        new_each_year=bool(raw.get("new_each_year", False)),
    )


#: libyaml's safe loader when PyYAML has it (its wheels do): the 67 metadata files
#: parse in a tenth of the pure-Python loader's time, and every validation parses them
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_table_spec(path: Path, snap: Snapshot = DISK) -> TableSpec:
    raw = yaml.load(snap.read_text(path), Loader=YAML_LOADER)
    name = raw.get("name")
    if name != path.stem:
        raise MetadataError(f"{path}: name {name!r} differs from the file name")
    if raw.get("year_scope") not in YEAR_SCOPES:
        raise MetadataError(f"{path}: year_scope must be one of {YEAR_SCOPES}")
    rujukan = raw.get("rujukan")
    if rujukan is not None and rujukan not in RUJUKAN:
        raise MetadataError(f"{path}: rujukan must be one of {RUJUKAN}, not {rujukan!r}")
    tidak_dirinci = tuple(raw.get("tidak_dirinci", ()) or ())
    columns = tuple(_column(c, name, c.get("name") in tidak_dirinci) for c in raw["columns"])
    names = [c.name for c in columns]
    for key in tidak_dirinci:
        if key not in names:
            raise MetadataError(f"{path}: tidak_dirinci column {key!r} is not a column")
    for key in raw.get("primary_key", []):
        if key not in names:
            raise MetadataError(f"{path}: primary key column {key!r} is not a column")
    if raw["year_scope"] != "none" and "tahun" not in names:
        raise MetadataError(f"{path}: year_scope {raw['year_scope']} needs a tahun column")
    if raw.get("tidak_tersedia") and (raw["year_scope"] == "none" or rujukan is not None):
        raise MetadataError(f"{path}: tidak_tersedia needs a table of the office's year")
    checks = tuple(
        TableCheck(
            rule=c["rule"],
            group_by=tuple(c.get("group_by", ())),
            column=c.get("column"),
            value=c.get("value"),
        )
        for c in raw.get("checks", []) or []
    )
    return TableSpec(
        name=name,
        title=str(raw.get("title", name)),
        description=str(raw.get("description", "")).strip(),
        source=str(raw.get("source", "")),
        required=bool(raw.get("required", True)),
        allow_empty=bool(raw.get("allow_empty", False)),
        year_scope=raw["year_scope"],
        primary_key=tuple(raw.get("primary_key", [])),
        columns=columns,
        checks=checks,
        tidak_dirinci=tidak_dirinci,
        fill_by_cell=bool(raw.get("fill_by_cell", False)),
        nihil=bool(raw.get("nihil", True)),
        tidak_tersedia=bool(raw.get("tidak_tersedia", False)),
        rujukan=rujukan,
    )


def load_catalog(metadata_dir: Path, snap: Snapshot = DISK) -> dict[str, TableSpec]:
    """All table specs, keyed and sorted by name (deterministic order), read through
    ``snap``."""
    specs = {}
    for path in snap.listdir(metadata_dir):
        if path.suffix != ".yaml":
            continue
        spec = load_table_spec(path, snap)
        specs[spec.name] = spec
    return specs
