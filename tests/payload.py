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
#: Markdown and MyST block syntax: a text cell that starts with it prints as typed (a
#: comment, a block break, a colon fence, a code fence with a language, lists, a
#: definition, a quote, a heading, an HTML block, a target)
BLOCK_STARTS = (
    "% ",
    "+++ ",
    "::: cls ",
    "~~~ word ",
    "- ",
    "+ ",
    "1. ",
    "2023) ",
    ": ",
    "> ",
    "# ",
    "```{x} ",
    "<!-- ",
    "(x)= ",
)
#: block syntax only as a whole line: a target, rules, setext underlines, fences
BLOCK_LINES = ("(x)=", "---", "-", "===", "~~~", ":::", "***", "+++", "%", "- - -")
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


def sweep(data: Path, tahun: int, skip: dict[str, set[str]] = ADDRESSING) -> dict[str, str]:
    """Append the payload to one value of every free-text column of ``data/<tahun>``
    (except ``skip``): the column's first value, in every row that holds it. Returns the
    new cell texts by ``table.column``.

    One value per column keeps the book's size (a payload in each of thousands of cells
    would test TeX's memory, not escaping); the corrections that address a changed row
    are pointed at its new value.
    """
    specs = load_catalog(data / "metadata")
    keyed = _keyed(data / str(tahun) / specs["koreksi"].file_name)
    changed: dict[tuple[str, str], tuple[str, str]] = {}
    for name, wanted in columns(data / "metadata").items():
        wanted = [c for c in wanted if c not in skip.get(name, set())]
        path = data / str(tahun) / specs[name].file_name
        if not wanted or not path.is_file():
            continue
        rows = _rows(path)
        for column in wanted:
            first = next((row[column] for row in rows if row.get(column)), None)
            if first is None:
                continue
            new = _hostile(first, specs[name].column(column), payload_for(name, column, keyed))
            for row in rows:
                if row.get(column) == first:
                    row[column] = new
            changed[(name, column)] = (first, new)
        _write(path, specs[name], rows)
    _readdress(data / str(tahun) / specs["koreksi"].file_name, specs["koreksi"], changed)
    return {f"{t}.{c}": new for (t, c), (_, new) in sorted(changed.items())}


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


def _readdress(
    path: Path, spec: TableSpec, changed: dict[tuple[str, str], tuple[str, str]]
) -> None:
    """Point the corrections at the changed rows: their keys and values carry the new
    text where the addressed cell changed."""
    if not path.is_file():
        return
    rows = _rows(path)
    for row in rows:
        table = row["tabel"]
        parts = []
        for part in row["kunci"].split(";"):
            column, _, value = part.partition("=")
            old, new = changed.get((table, column), (None, None))
            parts.append(f"{column}={new if value == old else value}")
        row["kunci"] = ";".join(parts)
        old, new = changed.get((table, row["kolom"]), (None, None))
        for field in ("nilai_dipublikasikan", "nilai_koreksi"):
            if row[field] and row[field] == old:
                row[field] = new
    _write(path, spec, rows)
