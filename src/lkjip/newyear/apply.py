"""The writing half of an import: every sheet already checked, decide what each table
gets (:mod:`lkjip.newyear.threeway`), refuse a conflict, write the rest into a staged
copy of the year folder swapped in at once (:mod:`lkjip.newyear.yearswap`, under the
data lock), and say what changed (:mod:`lkjip.newyear.report`).

The CSVs are read from the staged copy, made under the lock, so what is compared is
what is replaced. The sheet contents now in the CSVs are recorded
(:mod:`lkjip.newyear.imported`) only after the swap.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lkjip import paths
from lkjip.data.metadata import TableSpec
from lkjip.newyear import fingerprint, imported, threeway
from lkjip.newyear.fingerprint import Content, Fingerprint
from lkjip.newyear.report import ImportReport, TableChange, conflict, diff, export_command
from lkjip.newyear.yearswap import staged_year


def write_sheets(
    workbook: Path,
    tahun: int,
    data_dir: Path,
    specs: dict[str, TableSpec],
    tables: dict[str, Path],
    contents: dict[str, Content],
    marks: Fingerprint | None,
    why: str | None,
    overwrite: bool,
    replace: Callable[[Path, Path], None],
) -> ImportReport:
    """Write the checked sheets (``tables``: table -> its sheet as a CSV file; ``contents``:
    their content named by Excel row) as the CSVs of ``tahun``; ``marks``: the workbook's
    fingerprint (None: ``why``); ``replace``: how a file is written into the staged copy.
    Raises ImportConflict (nothing written) when a sheet would undo a CSV change and
    ``overwrite`` is not set."""
    default = data_dir.resolve() == paths.data_dir().resolve()
    shown = None if default else paths.display_path(data_dir)
    report = ImportReport(tahun, str(workbook), no_fingerprint=why)
    report.export = export_command(tahun, shown)
    year = paths.year_dir(data_dir, tahun)
    files = {name: paths.display_path(year / specs[name].file_name) for name in tables}
    with staged_year(data_dir, tahun) as staged:
        last = imported.last_imported(data_dir, tahun)
        decisions = [
            threeway.decide(
                name,
                contents[name],
                fingerprint.content(specs[name], staged / specs[name].file_name, shown=files[name]),
                marks.tables.get(name) if marks is not None else None,
                last.get(name),
            )
            for name in tables
        ]
        conflicts = [d for d in decisions if d.action == threeway.CONFLICT]
        if conflicts and not overwrite:
            raise conflict(conflicts, specs, report, files)
        for decision in decisions:
            name = decision.table
            csv_changed = decision.csv.rows != decision.sheet.rows
            if decision.action == threeway.KEEP and csv_changed:
                report.kept.append(name)
            if decision.action not in (threeway.WRITE, threeway.CONFLICT):
                continue
            replace(tables[name], staged / specs[name].file_name)
            written = fingerprint.content(specs[name], tables[name])
            rows = diff(specs[name], decision.csv, written)
            overwrote = decision.action == threeway.CONFLICT
            created = not decision.csv.exists
            report.written.append(TableChange(name, files[name], rows, overwrote, created))
    # the sheets the CSVs now equal, once they are in place
    synced = {
        d.table: d.sheet.table_hash()
        for d in decisions
        if d.action in (threeway.SAME, threeway.WRITE, threeway.CONFLICT)
    }
    report.note = imported.remember(data_dir, tahun, synced)
    return report
