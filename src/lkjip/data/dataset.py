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
from lkjip.data.reads import RecordingDict, RecordingList
from lkjip.data.snapshot import Snapshot
from lkjip.data.snapshot import sha256 as snapshot_sha256
from lkjip.errors import Problem


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
    #: tables that are empty because nothing happened (declared in the ``nihil`` table)
    nihil: frozenset[str] = frozenset()
    #: the bytes every table and file was read from (:mod:`lkjip.data.snapshot`)
    snapshot: Snapshot | None = None

    def __post_init__(self) -> None:
        # every table handed out is recorded (lkjip.data.reads: what a chapter reads)
        self.specs = RecordingDict(self.specs)
        self.paths = RecordingDict(self.paths)
        self.frames = RecordingDict(self.frames)
        self.raw_frames = RecordingDict(self.raw_frames)
        self.warnings = RecordingList(self.warnings, "warnings")
        self.problems = RecordingList(self.problems, "problems")

    def table(self, name: str) -> pd.DataFrame:
        """The corrected table ``name`` (a copy)."""
        if name not in self.frames:
            raise KeyError(f"tabel {name} tidak tersedia untuk tahun {self.tahun}")
        return self.frames[name].copy()

    def has(self, name: str) -> bool:
        return name in self.frames

    def is_nihil(self, name: str) -> bool:
        """The table is empty because nothing happened (zero, "tidak ada"), not missing."""
        return name in self.nihil

    def file(self, name: str) -> str:
        return paths.display_path(self.paths[name])

    def files(self) -> dict[str, str]:
        """Each table's file as messages name it."""
        return {name: self.file(name) for name in self.paths}

    def refs(self, name: str, rows: pd.DataFrame | pd.Series | None = None) -> tuple[str, ...]:
        """``file:line`` keys of ``rows`` of table ``name`` (all rows when ``None``).

        All rows of a table declared nihil are its row of the ``nihil`` table.
        """
        if rows is None and name in self.nihil and "nihil" in self.frames:
            nihil = self.frames["nihil"]
            return self.refs("nihil", nihil[nihil["tabel"] == name])
        frame = self.frames[name] if rows is None else rows
        lines = frame[LINE] if isinstance(frame, pd.DataFrame) else pd.Series([frame[LINE]])
        shown = self.file(name)
        refs = tuple(f"{shown}:{int(line)}" for line in sorted(lines))
        # a corrected (or interpreted) row is cited with its koreksi row (koreksi.csv:N)
        declared: dict[str, set[str]] = {}
        for c in self.corrections:
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

    def sha256(self, path: Path) -> str:
        """The hash of ``path`` as this dataset read it."""
        if self.snapshot is not None and self.snapshot.covers(path):
            return self.snapshot.sha256(path)
        return snapshot_sha256(path)
