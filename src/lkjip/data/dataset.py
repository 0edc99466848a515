"""Load one report year: read, validate, apply the recorded corrections.

``load_dataset`` either returns a :class:`Dataset` whose tables are typed and
corrected, or raises :class:`~lkjip.problems.DataInvalid` with every problem
found in the year's folder (structure, types, ranges, keys, references,
table rules, corrections and cross-table consistency).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lkjip import paths
from lkjip.data.metadata import TableSpec, load_catalog
from lkjip.data.reading import (
    LINE,
    RawTable,
    check_references,
    check_table_rules,
    read_csv,
    validate_types,
)
from lkjip.data.reads import TercatatDict, TercatatList
from lkjip.errors import DataInvalid, Problem, sort_problems

#: the corrections table (optional, same folder as the data)
KOREKSI = "koreksi"


@dataclass(frozen=True)
class Correction:
    """One explicit correction of a published value (a row of koreksi.csv)."""

    tabel: str
    kunci: str
    kolom: str
    nilai_dipublikasikan: str
    nilai_koreksi: str
    alasan: str
    source: str  # file:line of the correction itself
    target_source: str  # file:line of the corrected cell


@dataclass
class Dataset:
    """The validated tables of one report year."""

    tahun: int
    data_dir: Path
    specs: dict[str, TableSpec]
    paths: dict[str, Path]
    frames: dict[str, pd.DataFrame]  # corrected, typed, with LINE
    raw_frames: dict[str, pd.DataFrame]  # typed as published, with LINE
    corrections: list[Correction] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: problems of a non-strict (draft) load; the affected tables are left out
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        # every table handed out is recorded (lkjip.bacaan: what a chapter reads)
        self.specs = TercatatDict(self.specs)
        self.paths = TercatatDict(self.paths)
        self.frames = TercatatDict(self.frames)
        self.raw_frames = TercatatDict(self.raw_frames)
        self.warnings = TercatatList(self.warnings)
        self.problems = TercatatList(self.problems)

    def table(self, name: str) -> pd.DataFrame:
        """The corrected table ``name`` (a copy)."""
        if name not in self.frames:
            raise KeyError(f"tabel {name} tidak tersedia untuk tahun {self.tahun}")
        return self.frames[name].copy()

    def has(self, name: str) -> bool:
        return name in self.frames

    def file(self, name: str) -> str:
        return paths.display_path(self.paths[name])

    def refs(self, name: str, rows: pd.DataFrame | pd.Series | None = None) -> tuple[str, ...]:
        """``file:line`` keys of ``rows`` of table ``name`` (all rows when ``None``)."""
        frame = self.frames[name] if rows is None else rows
        lines = frame[LINE] if isinstance(frame, pd.DataFrame) else pd.Series([frame[LINE]])
        shown = self.file(name)
        return tuple(f"{shown}:{int(line)}" for line in sorted(lines))

    def input_files(self) -> list[Path]:
        """Every file this dataset was read from (for hashing), sorted."""
        files = set(self.paths.values())
        files.update(self.data_dir.joinpath("metadata").glob("*.yaml"))
        return sorted(files)


def _parse_key(kunci: str) -> dict[str, str] | None:
    parts = {}
    for item in kunci.split(";"):
        if "=" not in item:
            return None
        name, value = item.split("=", 1)
        parts[name.strip()] = value.strip()
    return parts


def _same_value(cell: object, text: str) -> bool:
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return text == ""
    if isinstance(cell, str):
        return cell == text
    try:
        return float(cell) == float(text)
    except ValueError:
        return False


def _apply_corrections(
    typed: dict[str, pd.DataFrame],
    raws: dict[str, RawTable],
    specs: dict[str, TableSpec],
) -> tuple[dict[str, pd.DataFrame], list[Correction], list[Problem]]:
    corrected = {name: frame.copy() for name, frame in typed.items()}
    corrections: list[Correction] = []
    problems: list[Problem] = []
    if KOREKSI not in typed:
        return corrected, corrections, problems
    shown = raws[KOREKSI].display
    for row in typed[KOREKSI].itertuples(index=False):
        line = int(getattr(row, LINE))
        table = row.tabel
        if table not in corrected or table == KOREKSI:
            problems.append(Problem(shown, line, "tabel", table, "tabel yang dikoreksi tidak ada"))
            continue
        spec = specs[table]
        if row.kolom not in spec.column_names:
            problems.append(
                Problem(shown, line, "kolom", row.kolom, f"kolom tidak ada di tabel {table}")
            )
            continue
        key = _parse_key(row.kunci)
        if key is None or any(k not in spec.column_names for k in key):
            problems.append(
                Problem(
                    shown, line, "kunci", row.kunci, "kunci harus berbentuk kolom=nilai;kolom=nilai"
                )
            )
            continue
        frame = corrected[table]
        mask = pd.Series(True, index=frame.index)
        for name, value in key.items():
            mask &= frame[name].astype(str) == value
        if int(mask.sum()) != 1:
            problems.append(
                Problem(
                    shown,
                    line,
                    "kunci",
                    row.kunci,
                    f"kunci harus menunjuk tepat satu baris tabel {table} "
                    f"(ditemukan {int(mask.sum())})",
                )
            )
            continue
        index = frame.index[mask][0]
        if not _same_value(frame.at[index, row.kolom], str(row.nilai_dipublikasikan)):
            problems.append(
                Problem(
                    shown,
                    line,
                    "nilai_dipublikasikan",
                    str(row.nilai_dipublikasikan),
                    f"tidak sama dengan nilai di tabel {table} ({frame.at[index, row.kolom]}); "
                    "koreksi sudah usang",
                )
            )
            continue
        col_type = spec.column(row.kolom).type
        try:
            new_value = _convert(str(row.nilai_koreksi), col_type)
        except ValueError:
            problems.append(
                Problem(
                    shown,
                    line,
                    "nilai_koreksi",
                    str(row.nilai_koreksi),
                    f"bukan nilai bertipe {col_type}",
                )
            )
            continue
        frame.at[index, row.kolom] = new_value
        target_line = int(frame.at[index, LINE])
        corrections.append(
            Correction(
                tabel=table,
                kunci=row.kunci,
                kolom=row.kolom,
                nilai_dipublikasikan=str(row.nilai_dipublikasikan),
                nilai_koreksi=str(row.nilai_koreksi),
                alasan=row.alasan,
                source=f"{shown}:{line}",
                target_source=f"{raws[table].display}:{target_line}",
            )
        )
    return corrected, corrections, problems


def _convert(text: str, col_type: str) -> object:
    if col_type == "integer":
        return int(text)
    if col_type == "number":
        return float(text)
    return text


def load_dataset(
    tahun: int,
    data_dir: Path | None = None,
    tables: Iterable[str] | None = None,
    *,
    strict: bool = True,
) -> Dataset:
    """Read and validate the year ``tahun`` from ``data_dir``; raise DataInvalid on problems."""
    from lkjip.data.consistency import check_consistency  # late import: consistency needs Dataset

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
    problems.extend(check_references({n: (raws[n], typed[n]) for n in typed}))
    corrected, corrections, correction_problems = _apply_corrections(typed, raws, specs)
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
