"""What a many-office run works on and what it gives: the contract between the run on
Dask and the comparison book (which reads only these, the offices' ledgers and their
``identitas``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: statuses of one office in a run
DIBANGUN = "dibangun"  # built by this run
TIDAK_BERUBAH = "tidak_berubah"  # nothing it depends on changed: its book was kept
GAGAL = "gagal"  # invalid data, a failed build or a lost worker: no new book


@dataclass(frozen=True)
class Kantor:
    """One office of ``KANTOR.csv``."""

    #: its line in KANTOR.csv (the header is line 1)
    baris: int
    #: the ``folder`` cell as written
    folder: str
    #: the ``kanwil`` cell (the group in the comparison)
    kanwil: str
    #: the office's project (this project, for a data folder inside it)
    proyek: Path
    #: its data folder
    data_dir: Path
    #: where a single ``lkjip build`` of it writes the book (``paths.output(...).book``)
    buku: Path


@dataclass(frozen=True)
class HasilKantor:
    """What the run gave for one office."""

    kantor: Kantor
    #: :data:`DIBANGUN`, :data:`TIDAK_BERUBAH` or :data:`GAGAL`
    status: str
    #: for a failure, the Indonesian message (what ``lkjip build`` printed); else ""
    pesan: str = ""
    #: wall time of its build (0 when not rebuilt)
    detik: float = 0.0
    #: the Dask worker that built it ("" when nothing was submitted)
    pekerja: str = ""

    @property
    def berhasil(self) -> bool:
        """Whether the office has a current book (built now, or unchanged)."""
        return self.status != GAGAL
