"""The validated, corrected tables of one report year (:func:`lkjip.data.loading.load_dataset`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lkjip import paths
from lkjip.data.corrections import Correction
from lkjip.data.metadata import TableSpec
from lkjip.data.reading import (
    LINE,
)
from lkjip.data.reads import RecordingDict, RecordsFields, record, recorded_fields, unrecorded
from lkjip.data.snapshot import DISK, Snapshot
from lkjip.errors import Problem

#: the dataset's fields that record each table they hand out (``table:<name>``)
BY_TABLE = ("specs", "paths", "frames", "raw_frames")


@dataclass
class Dataset(RecordsFields):
    """The validated tables of one report year.

    What a chapter reads of it is recorded (:mod:`lkjip.data.reads`): a table's
    metadata (``spec:<name>``), a table by name (``table:<name>``, also through
    :meth:`is_nihil`, :meth:`problems_of` and :meth:`corrections_of`), one cell of a
    one-row table (``cell:<name>.<column>``, :meth:`fact`), any other field as a whole
    (``dataset:<field>``; ``tahun`` and ``data_dir`` are parameters of the chapter).
    """

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
    #: tables that are empty because nothing happened (declared in the ``nihil`` table)
    nihil: frozenset[str] = frozenset()
    #: the bytes every table and file was read from (:mod:`lkjip.data.snapshot`)
    snapshot: Snapshot | None = None

    def __setattr__(self, name: str, value: object) -> None:
        # every table handed out is recorded, also from a dict assigned later
        if name in BY_TABLE and not isinstance(value, RecordingDict):
            # a table's metadata alone (a title in a box) is ``spec:<name>``
            value = RecordingDict(value, kind="spec" if name == "specs" else "table")
        super().__setattr__(name, value)

    def table(self, name: str) -> pd.DataFrame:
        """The corrected table ``name`` (a copy)."""
        if name not in self.frames:
            raise KeyError(f"tabel {name} tidak tersedia untuk tahun {self.tahun}")
        return self.frames[name].copy()

    def has(self, name: str) -> bool:
        return name in self.frames

    def fact(self, name: str, column: str) -> object:
        """The cell ``column`` of the one-row table ``name`` (``identitas``), recorded as
        that cell alone (``cell:<name>.<column>``): a chapter that prints the office's
        name does not depend on its address. KeyError when the table is not there,
        IndexError when it has no row."""
        record("cell", f"{name}.{column}")
        frame = dict.get(self.frames, name)
        if frame is None:
            raise KeyError(f"tabel {name} tidak tersedia untuk tahun {self.tahun}")
        return frame[column].iloc[0]

    def is_nihil(self, name: str) -> bool:
        """The table is empty because nothing happened (zero, "tidak ada"), not missing."""
        record("table", name)
        return name in unrecorded(self, "nihil")

    def problems_of(self, name: str) -> list[Problem]:
        """The problems found in table ``name``'s file (a draft names the first)."""
        record("table", name)
        spec = self.specs.get(name)
        if spec is None:
            return []
        problems = unrecorded(self, "problems")
        return [p for p in problems if p.file.rsplit("/", 1)[-1] == spec.file_name]

    def corrections_of(self, name: str) -> list[Correction]:
        """The corrections (koreksi rows) of table ``name``."""
        record("table", name)
        return [c for c in unrecorded(self, "corrections") if c.tabel == name]

    def file(self, name: str) -> str:
        return paths.display_path(self.paths[name])

    def files(self) -> dict[str, str]:
        """Each table's file as messages name it."""
        return {name: self.file(name) for name in self.paths}

    def refs(self, name: str, rows: pd.DataFrame | pd.Series | None = None) -> tuple[str, ...]:
        """``file:line`` keys of ``rows`` of table ``name`` (all rows when ``None``).

        All rows of a table declared nihil are its row of the ``nihil`` table.
        """
        if rows is None and self.is_nihil(name) and "nihil" in self.frames:
            nihil = self.frames["nihil"]
            return self.refs("nihil", nihil[nihil["tabel"] == name])
        frame = self.frames[name] if rows is None else rows
        lines = frame[LINE] if isinstance(frame, pd.DataFrame) else pd.Series([frame[LINE]])
        shown = self.file(name)
        refs = tuple(f"{shown}:{int(line)}" for line in sorted(lines))
        # a corrected (or interpreted) row is cited with its koreksi row (koreksi.csv:N)
        declared: dict[str, set[str]] = {}
        for c in self.corrections_of(name):
            declared.setdefault(c.target_source, set()).add(c.source)
        return refs + tuple(sorted(set().union(*(declared.get(r, set()) for r in refs))))

    def input_files(self) -> list[Path]:
        """Every file this dataset was read from (for hashing), sorted: the tables, the
        metadata, the files in the year's subfolders (images, scans) and the emblem."""
        if self.snapshot is None:
            return sorted(set(self.paths.values()))
        year = paths.year_dir(self.data_dir, self.tahun)
        metadata = paths.metadata_dir(self.data_dir)
        assets = set(paths.emblem_files(self.data_dir))
        files = set(self.paths.values())
        files.update(
            p
            for p in self.snapshot.files()
            if (p.is_relative_to(year) and p.parent != year) or p.parent == metadata or p in assets
        )
        return sorted(files)

    def inputs(self) -> Snapshot:
        """The snapshot this dataset was read from, to read its other files (images,
        scans, the emblem) as the build read them; :data:`~lkjip.data.snapshot.DISK`
        when it has none. Not recorded as a whole: each read through it records its
        file."""
        snap = unrecorded(self, "snapshot")
        return snap if snap is not None else DISK

    def sha256(self, path: Path) -> str:
        """The hash of ``path`` as this dataset read it."""
        return self.inputs().sha256(path)


#: every field but the parameters and the by-table ones is recorded when read
Dataset._recorded_fields = recorded_fields(Dataset, {"tahun", "data_dir", *BY_TABLE})
