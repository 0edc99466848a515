"""The hostile payload sweep: every text a book prints from its data folder carries markup.

:func:`sweep` writes :data:`PAYLOAD` into one value of every free-text column of a
year's tables, after one of :data:`BLOCK_STARTS` (Markdown/MyST block syntax at the
start of the cell), and whole-line block syntax (:data:`BLOCK_LINES`) into the cells
that print as lines of their own (:data:`LINE_CELLS`). A free-text column is a string
column whose values are not a closed vocabulary: no ``allowed`` list, no identifier
form, no file name, no reference to or from another table (those are refused by
validation when hostile). :func:`sweep_metadata` appends the payload to every table's
title and description in the metadata (each data folder carries its own). The
identity of the office (``identitas``: name, ministry, regional office) is a table
like the others. The book built from the swept data must show the payload as literal
text, and no element, link, script or command may come from it; every payload that
would run in a browser sets ``window.lkjipXss`` (:data:`FLAG`).
"""

from __future__ import annotations

import csv
import io
import shutil
import string
from pathlib import Path

import yaml

from lkjip.data import national
from lkjip.data.metadata import ColumnSpec, TableSpec, load_catalog

#: what a payload that runs in a browser sets (a global of the page: ``window.lkjipXss``)
FLAG = "lkjipXss"
#: the HTML parser's double-escaped script state (``<!--<script>``: an inline script
#: that holds it is not ended by ``</script>``), HTML elements and attributes, MyST
#: roles, Markdown emphasis, links and code, a way out of a LaTeX command's argument
#: and a comment, a substitution, LaTeX commands and math: each must reach the reader
#: as typed
PAYLOAD = (
    f"<!--<script> <img src=x onerror={FLAG}=1><script>{FLAG}=2</script> "
    f"{{ref}}`x` [k](javascript:{FLAG}=3) \\input{{/etc/passwd}} "
    "}\\AtBeginDocument{\\VerbatimInput{/etc/passwd}}\\title{X % "
    "$x$ **b** &amp; |p| `c` {{ y }}"
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
#: cells printed as lines of their own (paragraphs of the narratives, the lines of a
#: PK party's signature block: a jabatan "-" under "Pihak Kedua,"), and the whole-line
#: block syntax their second, third, ... values get
LINE_CELLS = {("narasi", "teks"): BLOCK_LINES, ("pk_penandatangan", "jabatan"): ("-",)}
#: the payload of a narrative: ``{{...}}`` is its placeholder syntax (a figure id or a
#: table label), and validation refuses a ``{{`` or ``}}`` that is not a placeholder, so
#: the LaTeX breakout closes its two braces apart
TEMPLATE_PAYLOAD = PAYLOAD.replace(" {{ y }}", "").replace("/etc/passwd}}", "/etc/passwd} }")
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
    f"<!--<script> <script>Object.assign(window,{{{FLAG}:2}})</script> {{ref}}`x` "
    "[k](javascript:alert(3)) \\input{/etc/passwd} }\\AtBeginDocument{\\VerbatimInput"
    "{/etc/passwd}}\\title{X % $x$ **b** |p| `c` {{ y }}"
)


#: columns that address other rows or tables (which table, row, column and value a
#: correction changes; which table a note, a nihil or a not-available declaration is
#: about): a hostile value there matches nothing and validation refuses it
ADDRESSING = {
    "koreksi": {"tabel", "kunci", "kolom", "nilai_dipublikasikan", "nilai_koreksi"},
    "catatan_tabel": {"tabel"},
    "nihil": {"tabel"},
    "tidak_tersedia": {"tabel"},
}


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


def swept_columns(metadata: Path) -> set[tuple[str, str]]:
    """``(table, column)`` of every free-text column the sweep writes the payload into
    (the addressing columns of :data:`ADDRESSING` left out)."""
    addressing = {(n, c) for n, cs in ADDRESSING.items() for c in cs}
    return {(n, c) for n, cs in columns(metadata).items() for c in cs} - addressing


def closed_columns(metadata: Path) -> list[tuple[str, str]]:
    """String columns that are not swept free text: their values are a vocabulary
    (validation refuses the payload there)."""
    specs = load_catalog(metadata)
    strings = {(n, c.name) for n, s in specs.items() for c in s.columns if c.type == "string"}
    return sorted(strings - swept_columns(metadata))


def inert(text: str) -> str:
    """``text`` without its markup: every ASCII punctuation character a space (letters,
    digits, words and length kept)."""
    return "".join(" " if char in string.punctuation else char for char in text)


def sweep(
    data: Path, tahun: int, skip: dict[str, set[str]] = ADDRESSING, *, control: bool = False
) -> dict[str, str]:
    """Write the payload into one value of every free-text column of ``data/<tahun>``
    (except ``skip``): the column's first value, in every row that holds it, after a
    block syntax (:data:`BLOCK_STARTS`, in turn); and whole-line block syntax into the
    next values of :data:`LINE_CELLS`. Returns the new cell texts by ``table.column``
    (``table.column:n`` for the n-th whole line).

    ``control``: the same cells changed the same way, with what is added made
    :func:`inert`: the data of the book the swept book is compared with (the same
    groups, ids and numbers, no markup).

    One value per column keeps the book's size (a payload in each of thousands of cells
    would test TeX's memory, not escaping); the corrections that address a changed row
    are pointed at its new value.
    """
    specs = load_catalog(data / "metadata")
    keyed = _keyed(data / str(tahun) / specs["koreksi"].file_name)
    changed: dict[tuple[str, str], tuple[str, str]] = {}
    lines: dict[str, str] = {}
    for name, wanted in columns(data / "metadata").items():
        wanted = [c for c in wanted if c not in skip.get(name, set())]
        path = data / str(tahun) / specs[name].file_name
        shipped = national.package_file(tahun, specs[name])
        if wanted and not path.is_file() and national.is_national(specs[name]):
            if shipped.is_file():  # the office's own copy of a national table, swept
                shutil.copy2(shipped, path)
        if not wanted or not path.is_file():
            continue
        rows = _rows(path)
        for column in wanted:
            first = next((row[column] for row in rows if row.get(column)), None)
            if first is None:
                continue
            start = BLOCK_STARTS[len(changed) % len(BLOCK_STARTS)]
            payload = payload_for(name, column, keyed)
            if control:
                start, payload = inert(start), inert(payload)
            new = _hostile(start + first, specs[name].column(column), payload)
            for row in rows:
                if row.get(column) == first:
                    row[column] = new
            changed[(name, column)] = (first, new)
            if (name, column) not in keyed:
                texts = LINE_CELLS.get((name, column), ())
                texts = tuple("x" * len(t) for t in texts) if control else texts
                lines |= _whole_lines(rows, name, column, texts)
        _write(path, specs[name], rows)
    _readdress(data / str(tahun) / specs["koreksi"].file_name, specs["koreksi"], changed)
    return {f"{t}.{c}": new for (t, c), (_, new) in sorted(changed.items())} | lines


def _whole_lines(
    rows: list[dict[str, str]], table: str, column: str, texts: tuple[str, ...]
) -> dict[str, str]:
    """Replace the values after the first of ``column`` by ``texts`` (one value each)."""
    values = list(dict.fromkeys(row[column] for row in rows if row.get(column)))[1:]
    out = {}
    for n, (old, text) in enumerate(zip(values, texts, strict=False), start=2):
        for row in rows:
            if row.get(column) == old:
                row[column] = text
        out[f"{table}.{column}:{n}"] = text
    return out


def sweep_metadata(metadata: Path, *, control: bool = False) -> dict[str, str]:
    """Append the payload (``control``: made :func:`inert`) to every table's title and
    description and to every column's description in ``metadata``; returns the new
    titles and descriptions by ``metadata.<table>.title`` and
    ``metadata.<table>.description``."""
    added = inert(PAYLOAD) if control else PAYLOAD
    out = {}
    for path in sorted(metadata.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("title", "description"):
            spec[key] = f"{spec[key]} {added}"
            out[f"metadata.{spec['name']}.{key}"] = spec[key]
        for column in spec.get("columns", []):
            if column.get("description"):
                column["description"] = f"{column['description']} {added}"
        path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "utf-8")
    return out


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
