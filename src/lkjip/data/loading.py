"""Load one report year: read, validate, apply the recorded corrections, check.

``load_dataset`` either returns a :class:`~lkjip.data.dataset.Dataset` whose
tables are typed and corrected, or raises :class:`~lkjip.errors.DataInvalid`
with every problem found in the year's folder (structure, types, ranges, keys,
references, table rules, corrections and cross-table consistency).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from lkjip import paths
from lkjip.data import catatan, characters, national, placeholders, snapshot, tidak_tersedia
from lkjip.data.consistency import check_consistency
from lkjip.data.corrections import KOREKSI, apply_corrections
from lkjip.data.dataset import Dataset
from lkjip.data.lampiran import emblem_problems
from lkjip.data.lampiran import scan as scan_attachments
from lkjip.data.metadata import load_catalog
from lkjip.data.reading import LINE, RawTable, read_csv
from lkjip.data.rules import (
    check_files,
    check_identifiers,
    check_references,
    check_table_rules,
    missing_cells,
    nihil_refusal,
)
from lkjip.data.schema import validate_types
from lkjip.data.snapshot import Snapshot
from lkjip.errors import DataInvalid, Problem, sort_problems

#: the table declaring which tables are empty because nothing happened (docs/analis.md)
NIHIL = "nihil"


def load_dataset(
    tahun: int,
    data_dir: Path | None = None,
    tables: Iterable[str] | None = None,
    *,
    strict: bool = True,
    snap: Snapshot | None = None,
) -> Dataset:
    """Read and validate the year ``tahun`` from ``data_dir``; raise DataInvalid on problems.

    ``tables``: only these tables (and ``koreksi``'s rows on them) are read and checked;
    a check across tables sees only those (select every table it compares). ``None``
    (the build, ``validate``): every table.

    Reads come from ``snap`` (a build's, :mod:`lkjip.data.snapshot`) when it holds the
    year's folder, else from one taken here of the metadata and the year's folder: every
    file is read once. The dataset keeps the snapshot it was read from.
    """
    data_dir = (data_dir or paths.data_dir()).resolve()
    folder = paths.year_dir(data_dir, tahun)
    if snap is None or not snap.covers(folder):
        snap = snapshot.take(
            paths.project_root(),
            [paths.metadata_dir(data_dir), folder, *national.trees(tahun)],
            optional=paths.emblem_files(data_dir),
        )
    dataset = _load(tahun, data_dir, folder, tables, snap)
    dataset.snapshot = snap
    if dataset.problems and strict:
        raise DataInvalid(dataset.problems)
    return dataset


def _load(
    tahun: int, data_dir: Path, folder: Path, tables: Iterable[str] | None, snap: Snapshot
) -> Dataset:
    specs = load_catalog(paths.metadata_dir(data_dir), snap)
    wanted = set(tables) if tables is not None else set(specs)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    kind = snap.kind(folder)
    if kind != "dir":
        reason = (
            f"folder data tahun {tahun} tidak ada"
            if kind is None
            else f"folder data tahun {tahun} tidak dapat dipakai: {snap.refusal(folder)}"
        )
        raise DataInvalid([Problem(paths.display_path(folder), None, None, None, reason)])
    problems.extend(_refused(folder, specs, paths.emblem_files(data_dir), snap))
    for spec in specs.values():
        shown = paths.display_path(paths.metadata_dir(data_dir) / f"{spec.name}.yaml")
        problems.extend(characters.metadata_problems(spec, shown))
    raws: dict[str, RawTable] = {}
    typed: dict[str, pd.DataFrame] = {}
    for name, spec in specs.items():
        if name not in wanted and name != KOREKSI:
            continue
        # a national reference table: the package's copy unless the office has its own
        path = national.table_path(spec, folder, tahun, snap)
        if snap.kind(path) is None:
            if spec.required:
                missing = (
                    national.missing(spec, tahun)
                    if national.is_national(spec)
                    else f"tabel wajib '{spec.title}' tidak ada"
                )
                problems.append(Problem(paths.display_path(path), None, None, None, missing))
            continue
        raw, read_problems = read_csv(spec, path, snap)
        problems.extend(read_problems)
        if raw is None:
            continue
        raws[name] = raw
        problems.extend(missing_cells(raw))
        frame, type_problems = validate_types(raw, tahun)
        problems.extend(type_problems)
        if frame is None and spec.fill_by_cell:
            frame = _without_bad_cells(raw, tahun, type_problems)
        if frame is None:
            continue
        problems.extend(check_table_rules(raw, frame, tahun))
        problems.extend(check_files(raw, frame, folder, snap))
        typed[name] = frame
    nihil, nihil_problems = _nihil(typed, raws, specs)
    problems.extend(nihil_problems)
    problems.extend(catatan.problems(typed, raws, specs))
    problems.extend(tidak_tersedia.problems(typed, raws, specs, nihil, folder, tahun, wanted, snap))
    for name in sorted(typed):
        spec = specs[name]
        if not typed[name].empty or spec.allow_empty or not spec.required or name in nihil:
            continue
        # empty is not zero: an empty required table that is not declared nihil is missing
        problems.append(
            Problem(
                raws[name].display,
                None,
                None,
                None,
                f"tabel wajib '{spec.title}' belum berisi data"
                + (
                    f"; bila memang tidak ada kejadian tahun {tahun}, nyatakan di tabel "
                    f"{NIHIL} (tabel={name})"
                    if nihil_refusal(spec) is None
                    else ""
                ),
            )
        )
        del typed[name]
    for path in snap.listdir(folder):
        if path.suffix == ".csv" and path.stem not in specs and snap.is_file(path):
            warnings.append(
                Problem(
                    paths.display_path(path),
                    None,
                    None,
                    None,
                    "berkas tidak dikenal (tidak ada metadata); diabaikan",
                    severity="peringatan",
                )
            )
    _, scan_problems = scan_attachments(data_dir, tahun, snap)
    problems.extend(p for p in scan_problems if p.severity != "peringatan")
    warnings.extend(p for p in scan_problems if p.severity == "peringatan")
    problems.extend(emblem_problems(data_dir, snap))
    problems.extend(check_references({n: (raws[n], typed[n]) for n in typed}))
    if tables is not None and KOREKSI in typed:
        # a selection is checked alone: corrections of tables not read are not its own
        typed[KOREKSI] = typed[KOREKSI][typed[KOREKSI]["tabel"].isin(wanted)]
    corrected, corrections, correction_problems = apply_corrections(typed, raws, specs)
    problems.extend(correction_problems)
    for name, frame in corrected.items():
        problems.extend(check_identifiers(frame, specs[name], raws[name].display))
    problems.extend(placeholders.syntax_problems(corrected, {n: raws[n].display for n in raws}))
    dataset = Dataset(
        tahun=tahun,
        data_dir=data_dir,
        specs=specs,
        paths={name: raws[name].path for name in typed},
        frames=corrected,
        raw_frames=typed,
        corrections=corrections,
        warnings=warnings,
        nihil=nihil,
    )
    errors, soft = check_consistency(dataset)
    problems.extend(errors)
    dataset.warnings.extend(soft)
    dataset.problems = sort_problems(problems)
    return dataset


def _refused(folder: Path, specs: dict, assets: list[Path], snap: Snapshot) -> list[Problem]:
    """Entries of the year's folder and the data folder's ``assets`` (the emblem) the
    data folder policy refuses (outside the project, not a regular file), except the
    tables' own files (reported when read)."""
    found = []
    for path in snap.refused():
        table = path.parent == folder and path.stem in specs
        if (path.is_relative_to(folder) and not table) or path in assets:
            found.append(Problem(paths.display_path(path), None, None, None, snap.refusal(path)))
    return found


def _nihil(
    typed: dict[str, pd.DataFrame], raws: dict[str, RawTable], specs: dict
) -> tuple[frozenset[str], list[Problem]]:
    """The tables declared nihil this year, and the contradictions of that declaration."""
    if NIHIL not in typed:
        return frozenset(), []
    frame = typed[NIHIL]
    display = raws[NIHIL].display
    problems = []
    names = set()
    for row in frame.itertuples():
        line = int(getattr(row, LINE))
        name = str(row.tabel)
        if name not in specs or name == NIHIL:
            problems.append(
                Problem(display, line, "tabel", name, "bukan nama tabel data (lihat data/metadata)")
            )
        elif national.is_national(specs[name]):
            problems.append(
                Problem(display, line, "tabel", name, national.nihil_refusal(specs[name]))
            )
        elif (refusal := nihil_refusal(specs[name])) is not None:
            problems.append(Problem(display, line, "tabel", name, refusal))
        elif name in typed and not typed[name].empty:
            problems.append(
                Problem(
                    display,
                    line,
                    "tabel",
                    name,
                    f"tabel {name} dinyatakan nihil tetapi berisi {len(typed[name])} baris; "
                    "kosongkan tabel itu atau hapus baris nihil ini",
                )
            )
        else:
            names.add(name)
    return frozenset(names), problems


def _without_bad_cells(raw: RawTable, tahun: int, found: list[Problem]) -> pd.DataFrame | None:
    """A table filled cell by cell whose type problems are all in single cells outside
    its key: typed with those cells left empty (a draft shows them as missing and prints
    the rest; the problems stay, so a strict load still refuses). ``None`` otherwise."""
    spec = raw.spec
    cells = {(p.line, p.column) for p in found}
    if any(line is None or column not in spec.column_names for line, column in cells) or any(
        column in spec.primary_key for _, column in cells
    ):
        return None
    frame = raw.frame.copy()
    for line, column in cells:
        frame.loc[frame[LINE] == line, column] = None
    typed, rest = validate_types(RawTable(spec, raw.path, frame), tahun)
    return typed if not rest else None
