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
from lkjip.data.consistency import check_consistency
from lkjip.data.corrections import KOREKSI, apply_corrections
from lkjip.data.dataset import Dataset
from lkjip.data.lampiran import scan as scan_attachments
from lkjip.data.metadata import load_catalog
from lkjip.data.reading import RawTable, read_csv
from lkjip.data.rules import check_files, check_references, check_table_rules
from lkjip.data.schema import validate_types
from lkjip.errors import DataInvalid, Problem, sort_problems


def load_dataset(
    tahun: int,
    data_dir: Path | None = None,
    tables: Iterable[str] | None = None,
    *,
    strict: bool = True,
) -> Dataset:
    """Read and validate the year ``tahun`` from ``data_dir``; raise DataInvalid on problems."""
    data_dir = (data_dir or paths.data_dir()).resolve()
    specs = load_catalog(paths.metadata_dir(data_dir))
    wanted = set(tables) if tables is not None else set(specs)
    folder = paths.year_dir(data_dir, tahun)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if not folder.is_dir():
        raise DataInvalid(
            [
                Problem(
                    paths.display_path(folder),
                    None,
                    None,
                    None,
                    f"folder data tahun {tahun} tidak ada",
                )
            ]
        )
    raws: dict[str, RawTable] = {}
    typed: dict[str, pd.DataFrame] = {}
    for name, spec in specs.items():
        if name not in wanted and name != KOREKSI:
            continue
        path = folder / spec.file_name
        if not path.exists():
            if spec.required:
                problems.append(
                    Problem(
                        paths.display_path(path),
                        None,
                        None,
                        None,
                        f"tabel wajib '{spec.title}' tidak ada",
                    )
                )
            continue
        raw, read_problems = read_csv(spec, path)
        problems.extend(read_problems)
        if raw is None:
            continue
        raws[name] = raw
        frame, type_problems = validate_types(raw, tahun)
        problems.extend(type_problems)
        if frame is None:
            continue
        problems.extend(check_table_rules(raw, frame, tahun))
        problems.extend(check_files(raw, frame, folder))
        if frame.empty and spec.required and not spec.allow_empty:
            problems.append(
                Problem(
                    raw.display, None, None, None, f"tabel wajib '{spec.title}' belum berisi data"
                )
            )
        typed[name] = frame
    for path in sorted(folder.glob("*.csv")):
        if path.stem not in specs:
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
    _, scan_problems = scan_attachments(data_dir, tahun)
    problems.extend(p for p in scan_problems if p.severity != "peringatan")
    warnings.extend(p for p in scan_problems if p.severity == "peringatan")
    problems.extend(check_references({n: (raws[n], typed[n]) for n in typed}))
    corrected, corrections, correction_problems = apply_corrections(typed, raws, specs)
    problems.extend(correction_problems)
    dataset = Dataset(
        tahun=tahun,
        data_dir=data_dir,
        specs=specs,
        paths={name: raws[name].path for name in typed},
        frames=corrected,
        raw_frames=typed,
        corrections=corrections,
        warnings=warnings,
    )
    errors, soft = check_consistency(dataset)
    problems.extend(errors)
    dataset.warnings.extend(soft)
    if problems and strict:
        raise DataInvalid(problems)
    dataset.problems = sort_problems(problems)
    return dataset
