"""The hostile payload sweep: every text column of every table carries markup.

:func:`sweep` appends :data:`PAYLOAD` to every cell of every free-text column of a
year's tables. A free-text column is a string column whose values are not a closed
vocabulary: no ``allowed`` list, no identifier form, no file name, no reference to or
from another table (those are refused by validation when hostile:
:func:`refusing_columns`). The book built from the swept data must show the payload as
literal text, and no element, link or command may come from it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lkjip.data.metadata import ColumnSpec, TableSpec, load_catalog

#: HTML elements and attributes, MyST roles, Markdown emphasis, links and code, a
#: substitution, LaTeX commands and math: each must reach the reader as typed
PAYLOAD = (
    "<img src=x onerror=alert(1)><script>alert(2)</script> {ref}`x` "
    "[k](javascript:alert(3)) \\input{/etc/passwd} $x$ **b** &amp; |p| `c` {{ y }}"
)
#: the payload of a narrative (``{{...}}`` is its placeholder syntax: a figure id or a
#: table label, checked when the chapter runs)
TEMPLATE_PAYLOAD = PAYLOAD.replace(" {{ y }}", "")
#: the payload of the PK's text, whose ``{name}`` are placeholders (a role is one)
PK_PAYLOAD = TEMPLATE_PAYLOAD.replace(" {ref}`x`", "")
#: columns with a syntax of their own, and the payload they get
TEMPLATES = {
    ("narasi", "teks"): TEMPLATE_PAYLOAD,
    ("narasi_tarja", "teks"): TEMPLATE_PAYLOAD,
    ("pk_naskah", "teks"): PK_PAYLOAD,
}


def payload_for(table: str, column: str, keyed: set[tuple[str, str]]) -> str:
    """The payload of one column: its syntax's, a key's, or the whole payload."""
    if (table, column) in keyed:
        return KEY_PAYLOAD
    return TEMPLATES.get((table, column), PAYLOAD)


#: the payload of a column a correction addresses rows by (``kolom=nilai;...``: no ``=``
#: or ``;`` in a key value)
KEY_PAYLOAD = (
    "<script>alert(2)</script> {ref}`x` [k](javascript:alert(3)) \\input{/etc/passwd} "
    "$x$ **b** |p| `c` {{ y }}"
)


#: columns that address other rows (which table, row, column and value a correction
#: changes): a hostile value there matches nothing and validation refuses it
ADDRESSING = {"koreksi": {"tabel", "kunci", "kolom", "nilai_dipublikasikan", "nilai_koreksi"}}


def referenced(specs: dict[str, TableSpec]) -> set[tuple[str, str]]:
    """``(table, column)`` pairs another table refers to."""
    found = set()
    for spec in specs.values():
        for col in spec.columns:
            if col.references:
                table, column = col.references.split(".")
                found.add((table, column))
    return found


def free_text(spec: TableSpec, col: ColumnSpec, targets: set[tuple[str, str]]) -> bool:
    return (
        col.type == "string"
        and col.allowed is None
        and col.identifier is None
        and not col.file_in
        and not col.references
        and (spec.name, col.name) not in targets
    )


def columns(metadata: Path) -> dict[str, list[str]]:
    """The free-text columns of every table, by table."""
    specs = load_catalog(metadata)
    targets = referenced(specs)
    return {
        name: [c.name for c in spec.columns if free_text(spec, c, targets)]
        for name, spec in specs.items()
    }


def sweep(data: Path, tahun: int, skip: dict[str, set[str]] = ADDRESSING) -> dict[str, int]:
    """Append the payload to every non-empty cell of every free-text column of
    ``data/<tahun>`` (except ``skip``); returns the number of cells changed per table."""
    specs = load_catalog(data / "metadata")
    keyed = _keyed(data / str(tahun) / specs["koreksi"].file_name)
    changed: dict[str, int] = {}
    for name, wanted in columns(data / "metadata").items():
        wanted = [c for c in wanted if c not in skip.get(name, set())]
        path = data / str(tahun) / specs[name].file_name
        if not wanted or not path.is_file():
            continue
        rows = _rows(path)
        count = 0
        for row in rows:
            for column in wanted:
                if row.get(column):
                    row[column] = _hostile(
                        row[column], specs[name].column(column), payload_for(name, column, keyed)
                    )
                    count += 1
        _write(path, specs[name], rows)
        changed[name] = count
    _readdress(data, tahun, specs, skip, keyed)
    return changed


def _hostile(value: str, col: ColumnSpec, payload: str) -> str:
    return (value + " " + payload)[: col.max_length]


def _keyed(koreksi: Path) -> set[tuple[str, str]]:
    """``(table, column)`` pairs a correction's ``kunci`` names."""
    if not koreksi.is_file():
        return set()
    return {
        (row["tabel"], part.partition("=")[0])
        for row in _rows(koreksi)
        for part in row["kunci"].split(";")
    }


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write(path: Path, spec: TableSpec, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=spec.column_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _readdress(data: Path, tahun: int, specs: dict[str, TableSpec], skip: dict, keyed: set) -> None:
    """Point the corrections at the swept rows: their keys and values carry the payload
    where the addressed column does."""
    path = data / str(tahun) / specs["koreksi"].file_name
    if not path.is_file():
        return
    swept = {(name, c) for name, cols in columns(data / "metadata").items() for c in cols} - {
        (name, c) for name, cols in skip.items() for c in cols
    }
    rows = _rows(path)
    for row in rows:
        table = row["tabel"]
        parts = []
        for part in row["kunci"].split(";"):
            column, _, value = part.partition("=")
            if (table, column) in swept:
                value = _hostile(value, specs[table].column(column), KEY_PAYLOAD)
            parts.append(f"{column}={value}")
        row["kunci"] = ";".join(parts)
        if (table, row["kolom"]) in swept:
            col = specs[table].column(row["kolom"])
            for field in ("nilai_dipublikasikan", "nilai_koreksi"):
                if row[field]:
                    row[field] = _hostile(row[field], col, payload_for(table, row["kolom"], keyed))
    _write(path, specs["koreksi"], rows)
