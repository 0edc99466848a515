"""What an import says, in Indonesian: table by table and row by row what it changed
(rows added, changed with their columns' old and new values, removed), which CSVs it
kept, and why it refused to overwrite changes made to the CSVs since the export.

Rows are matched by the table's primary key when it is unique on both sides, else by
their order (:mod:`difflib`); each is named by its CSV line (an added row: its line
in the new file; a sheet's row: its Excel row) and its key. At most
:data:`SHOWN` rows are listed per table, then how many more.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from lkjip.data.metadata import TableSpec
from lkjip.errors import UserError, visible
from lkjip.newyear.fingerprint import Content, Row
from lkjip.newyear.threeway import Decision

#: rows listed per table (the rest are counted)
SHOWN = 20
#: characters of a value shown
WIDTH = 60
#: cells of an added row shown
CELLS = 6


@dataclass(frozen=True)
class RowChange:
    #: "+" added, "~" changed, "-" removed
    kind: str
    line: int
    key: str
    #: (column, old, new): the changed cells; the filled cells of an added row
    cells: tuple[tuple[str, str, str], ...] = ()


@dataclass
class TableChange:
    table: str
    file: str
    rows: list[RowChange]
    #: written over changes made to the CSV since the export (``--overwrite``)
    overwrote: bool = False
    #: the CSV did not exist
    created: bool = False


@dataclass
class ImportReport:
    tahun: int
    workbook: str
    written: list[TableChange] = field(default_factory=list)
    #: tables whose CSV changed since the export while the sheet did not: kept
    kept: list[str] = field(default_factory=list)
    #: why the workbook's fingerprint was not used (None: it was)
    no_fingerprint: str | None = None
    #: a note on the record of imported sheets (:mod:`lkjip.newyear.imported`)
    note: str | None = None
    #: the command that exports a fresh workbook of this data
    export: str = "lkjip export"

    @property
    def changed(self) -> list[str]:
        return sorted(change.table for change in self.written)


class ImportConflict(UserError):
    """The import would overwrite changes made to the CSVs since the export."""


def _shown(value: str, start: int = 0) -> str:
    """A value, quoted; a long one cut to :data:`WIDTH` characters from ``start``."""
    if value == "":
        return "(kosong)"
    if len(value) <= WIDTH:
        return f"'{visible(value)}'"
    start = min(start, len(value) - WIDTH)
    head = "..." if start > 0 else ""
    tail = "..." if start + WIDTH < len(value) else ""
    return f"'{head}{visible(value[start : start + WIDTH])}{tail}'"


def _pair(old: str, new: str, sep: str = " -> ") -> str:
    """Two values of a cell, long ones shown from a little before where they differ."""
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - WIDTH // 3)
    return f"{_shown(old, start)}{sep}{_shown(new, start)}"


def _key(spec: TableSpec, row: Row) -> str:
    index = {name: i for i, name in enumerate(spec.column_names)}
    return ", ".join(f"{k}={visible(row[index[k]])[:WIDTH]}" for k in spec.primary_key)


def _keys(spec: TableSpec, content: Content) -> list[tuple[str, ...]] | None:
    """Each row's primary key, or None when the table has none or it repeats."""
    if not spec.primary_key:
        return None
    index = [spec.column_names.index(k) for k in spec.primary_key]
    keys = [tuple(row[i] for i in index) for row in content.rows]
    return keys if len(set(keys)) == len(keys) else None


def _changed(spec: TableSpec, old: Row, new: Row) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (name, a, b) for name, a, b in zip(spec.column_names, old, new, strict=True) if a != b
    )


def _added(spec: TableSpec, line: int, row: Row) -> RowChange:
    cells = tuple(
        (name, "", value)
        for name, value in zip(spec.column_names, row, strict=True)
        if value and name not in spec.primary_key
    )
    return RowChange("+", line, _key(spec, row), cells)


def diff(spec: TableSpec, old: Content, new: Content) -> list[RowChange]:
    """The rows of ``new`` added, changed and removed against ``old``."""
    old_keys, new_keys = _keys(spec, old), _keys(spec, new)
    if old_keys is not None and new_keys is not None:
        where = {key: i for i, key in enumerate(old_keys)}
        present = set(new_keys)
        gone = [i for i, key in enumerate(old_keys) if key not in present]
        came = [j for j, key in enumerate(new_keys) if key not in where]
        pairs = _similar_pairs(old, new, gone, came)  # a key cell edited: one row changed
        changes = []
        for j, key in enumerate(new_keys):
            i = where.get(key, pairs.get(j))
            if i is None:
                changes.append(_added(spec, new.lines[j], new.rows[j]))
            elif old.rows[i] != new.rows[j]:
                cells = _changed(spec, old.rows[i], new.rows[j])
                changes.append(RowChange("~", old.lines[i], _key(spec, old.rows[i]), cells))
        paired = set(pairs.values())
        changes += [
            RowChange("-", old.lines[i], _key(spec, old.rows[i])) for i in gone if i not in paired
        ]
        return changes
    return _diff_by_order(spec, old, new)


def _similar_pairs(old: Content, new: Content, gone: list[int], came: list[int]) -> dict[int, int]:
    """Removed and added rows taken in order as one changed row when most of their
    cells are equal: new row -> old row."""
    pairs = {}
    for i, j in zip(gone, came, strict=False):
        same = sum(a == b for a, b in zip(old.rows[i], new.rows[j], strict=True))
        if 2 * same >= len(old.columns):
            pairs[j] = i
    return pairs


def _diff_by_order(spec: TableSpec, old: Content, new: Content) -> list[RowChange]:
    changes = []
    matcher = difflib.SequenceMatcher(None, old.rows, new.rows, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            cells = _changed(spec, old.rows[i1 + k], new.rows[j1 + k])
            changes.append(RowChange("~", old.lines[i1 + k], _key(spec, new.rows[j1 + k]), cells))
        changes += [_added(spec, new.lines[j], new.rows[j]) for j in range(j1 + pairs, j2)]
        changes += [
            RowChange("-", old.lines[i], _key(spec, old.rows[i])) for i in range(i1 + pairs, i2)
        ]
    return changes


def _row_line(change: RowChange) -> str:
    key = f" ({change.key})" if change.key else ""
    if change.kind == "~":
        cells = "; ".join(f"{c}: {_pair(a, b)}" for c, a, b in change.cells)
        return f"~ baris {change.line}{key}: {cells}"
    if change.kind == "+":
        cells = ", ".join(f"{c} {_shown(b)}" for c, _, b in change.cells[:CELLS])
        more = ", ..." if len(change.cells) > CELLS else ""
        return f"+ baris {change.line}{key}" + (f": {cells}{more}" if cells else "")
    return f"- baris {change.line}{key}"


def _counts(rows: list[RowChange]) -> str:
    words = {"+": "ditambah", "~": "diubah", "-": "dihapus"}
    parts = []
    for kind, word in words.items():
        count = sum(1 for r in rows if r.kind == kind)
        if count:
            cells = sum(len(r.cells) for r in rows if r.kind == kind) if kind == "~" else 0
            parts.append(f"{count} baris {word}" + (f" ({cells} sel)" if cells else ""))
    return ", ".join(parts) or "urutan baris berubah"


def _listed(lines: list[str], indent: str) -> list[str]:
    out = [indent + line for line in lines[:SHOWN]]
    if len(lines) > SHOWN:
        out.append(f"{indent}... dan {len(lines) - SHOWN} baris lain")
    return out


def describe(report: ImportReport) -> list[str]:
    """The lines an import prints."""
    out = []
    if report.written:
        out.append(
            f"{len(report.written)} tabel tahun {report.tahun} berubah, ditulis dari "
            f"{report.workbook}:"
        )
        for change in sorted(report.written, key=lambda c: c.table):
            mark = "; menimpa isi CSV yang tidak dimuat buku kerja (--overwrite)"
            mark = mark if change.overwrote else ""
            counts = _counts(change.rows)
            if change.created:
                counts = "berkas baru, " + (counts if change.rows else "judul kolom saja")
            out.append(f"  {change.table} ({change.file}): {counts}{mark}")
            out += _listed([_row_line(r) for r in change.rows], "    ")
    elif report.kept:
        out.append(f"Tidak ada tabel tahun {report.tahun} yang diubah oleh {report.workbook}.")
    else:
        out.append(
            f"Tidak ada tabel tahun {report.tahun} yang berubah: isi {report.workbook} "
            "sama dengan CSV."
        )
    if report.kept:
        out.append(
            f"CSV dipertahankan ({len(report.kept)} tabel): berubah sejak buku kerja diekspor "
            "atau lembarnya terakhir diimpor, sedangkan lembarnya tidak diubah sejak itu: "
            + ", ".join(sorted(report.kept))
            + "."
        )
        out.append(
            "  Buku kerja ini tidak memuat perubahan itu; ekspor buku kerja baru "
            f"({report.export}) sebelum menyunting tabel-tabel itu di Excel."
        )
    if report.no_fingerprint and report.written:
        out.append(f"Catatan: {report.no_fingerprint}.")
    if report.note:
        out.append(f"Catatan: {report.note}.")
    return out


def export_command(tahun: int, data_dir: str | None) -> str:
    """How to export a fresh workbook (``data_dir``: shown, None for the project's data/);
    into the project's folder: an output is never written into a data folder."""
    option = f" --data-dir {data_dir}" if data_dir else ""
    return f"lkjip export --tahun {tahun}{option} --out lkjip-{tahun}-baru.xlsx"


def conflict(
    conflicts: list[Decision],
    specs: dict[str, TableSpec],
    report: ImportReport,
    files: dict[str, str],
) -> ImportConflict:
    """The refusal of an import whose sheets would overwrite CSV changes (nothing written)."""
    lines = [
        f"impor {report.workbook} dibatalkan, tidak ada berkas yang diubah: "
        f"{len(conflicts)} lembar yang berubah akan menimpa isi CSV yang tidak dimuat "
        "buku kerja ini:"
    ]
    unmarked = [d for d in conflicts if not d.fingerprinted]
    for decision in sorted(conflicts, key=lambda d: d.table):
        spec = specs[decision.table]
        lines.append(f"  - {decision.table} ({files[decision.table]}):")
        lines += _listed(_conflict_rows(spec, decision), "      ")
    if unmarked:
        if report.no_fingerprint:
            lines.append(f"  Catatan: {report.no_fingerprint}.")
        lines.append(
            "  Tanpa sidik ekspor, impor tidak dapat membedakan suntingan di buku kerja dari "
            "perubahan CSV sesudah buku kerja dibuat, maka tidak menimpa CSV yang sudah berisi."
        )
    lines.append(
        f"  Pilihan: ekspor buku kerja baru ({report.export}) dan ulangi suntingan di sana; atau "
        "salin perubahan CSV itu ke lembarnya lalu impor lagi; atau impor dengan --overwrite "
        "bila isi lembar memang harus menggantikan CSV (hanya tabel di atas yang ditimpa; "
        "CSV yang lembarnya tidak diubah tetap dipertahankan)."
    )
    return ImportConflict("\n".join(lines))


def _conflict_rows(spec: TableSpec, decision: Decision) -> list[str]:
    out = [
        f"CSV tidak terbaca utuh: {problem}; lembar akan menggantikannya"
        for problem in decision.unreadable
    ]
    if not decision.fingerprinted:
        if decision.csv.rows == decision.sheet.rows:
            return out
        changes = diff(spec, decision.csv, decision.sheet)
        out.append(
            f"tanpa sidik ekspor; CSV berisi {len(decision.csv.rows)} baris, "
            f"lembar akan mengubahnya: {_counts(changes)}"
        )
        return out + [_row_line(change) for change in changes]
    sheet_rows = {_key(spec, row): row for row in decision.sheet.rows}
    changed = {_key(spec, i.row) for i in decision.lost if i.kind == "csv"} & sheet_rows.keys()
    for item in decision.lost:
        key = _key(spec, item.row)
        named = f" ({key})" if key else ""
        if item.kind == "kembali" and key and key in changed:
            continue  # the sheet's version of a row changed in the CSV: named below
        if item.kind == "kembali":
            out.append(
                f"baris{named} sudah dihapus dari CSV sejak ekspor, tetapi masih ada di lembar "
                f"(baris {item.line}): impor akan mengembalikannya"
            )
        elif key and key in sheet_rows:
            cells = _changed(spec, item.row, sheet_rows[key])
            shown = "; ".join(f"{c}: CSV {_pair(a, b, ', lembar ')}" for c, a, b in cells)
            out.append(f"baris {item.line}{named} diubah di CSV sejak ekspor: {shown}")
        else:
            out.append(
                f"baris {item.line}{named} ditambah atau diubah di CSV sejak ekspor, "
                "tidak ada di lembar: impor akan menghapusnya"
            )
    return out
