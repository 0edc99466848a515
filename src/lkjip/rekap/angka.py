"""What the comparison book reads of one office: its ledger and its identity.

The ledger (``<book>/ledger.csv``) is the contract between an office's book and the
comparison: the comparison takes each figure as the office's book printed it
(``display``) and links to its calculation (``url``), and never recomputes it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from lkjip.audit import ledger as ledger_io
from lkjip.errors import UserError
from lkjip.rekap.hasil import GAGAL, HasilKantor

#: the ledger's file name in an office's book folder
LEDGER = "ledger.csv"
#: the identity table of a year's data folder
IDENTITAS = "identitas.csv"


@dataclass(frozen=True)
class Angka:
    """One figure of an office's ledger."""

    id: str
    #: ``value`` as written (empty: the office has no such figure)
    nilai: str
    #: ``display``: the figure as the office's book prints it
    tampil: str
    #: its row in ledger.csv (the header is row 1)
    baris: int
    #: its calculation in the office's book, relative to the book folder
    url: str
    label: str = ""


@dataclass(frozen=True)
class DataKantor:
    """One office as the comparison sees it."""

    hasil: HasilKantor
    #: ``identitas.nama_satker`` (else the ``folder`` cell of KANTOR.csv)
    nama: str
    kota: str
    kode_satker: str
    #: the ledger read, or None for an office without a current book
    ledger: Path | None
    angka: dict[str, Angka] = field(default_factory=dict)
    #: why the office has no values (a failed build, an unreadable ledger); "" otherwise
    pesan: str = ""

    @property
    def kanwil(self) -> str:
        return self.hasil.kantor.kanwil

    @property
    def gagal(self) -> bool:
        return bool(self.pesan)

    def nilai(self, figure_id: str) -> Angka | None:
        """The figure, or None when the ledger has no such id or its value is empty
        (a figure the office has not: "data belum tersedia", never 0)."""
        found = self.angka.get(figure_id)
        if found is None or not found.nilai.strip() or not found.tampil.strip():
            return None
        return found


def baca_ledger(path: Path) -> dict[str, Angka]:
    """The figures of a ledger.csv by id, with their row numbers; a file that is not a
    ledger is refused (:func:`lkjip.audit.ledger.by_id`)."""
    ledger_io.by_id(path)
    out: dict[str, Angka] = {}
    for row_number, row in enumerate(ledger_io.read_csv(path), start=2):
        figure_id = row.get("id") or ""
        if not figure_id or figure_id in out:
            continue
        out[figure_id] = Angka(
            id=figure_id,
            nilai=row.get("value") or "",
            tampil=row.get("display") or "",
            baris=row_number,
            url=row.get("url") or "",
            label=row.get("label") or "",
        )
    return out


def baca_identitas(data_dir: Path, tahun: int) -> dict[str, str]:
    """The first row of ``<data>/<tahun>/identitas.csv`` (empty when it cannot be read:
    the office is then named by its folder)."""
    path = data_dir / str(tahun) / IDENTITAS
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                return {k: (v or "").strip() for k, v in row.items() if k}
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return {}


def baca_kantor(hasil: HasilKantor, tahun: int) -> DataKantor:
    """What the comparison knows of one office of the run."""
    kantor = hasil.kantor
    ident = baca_identitas(kantor.data_dir, tahun)
    common = {
        "hasil": hasil,
        "nama": ident.get("nama_satker") or kantor.folder,
        "kota": ident.get("kota", ""),
        "kode_satker": ident.get("kode_satker", ""),
    }
    if hasil.status == GAGAL:
        return DataKantor(**common, ledger=None, pesan=hasil.pesan or "gagal dibangun")
    path = kantor.buku / LEDGER
    try:
        figures = baca_ledger(path)
    except UserError as error:
        return DataKantor(**common, ledger=None, pesan=str(error))
    return DataKantor(**common, ledger=path, angka=figures)


def kunci_indikator(kantor: list[DataKantor]) -> list[str]:
    """The indicators of the offices' Perjanjian Kinerja as their ledgers have them: every
    ``k`` with a ``k.indikator`` figure (today ikm, ipk, iki), sorted by ``k``."""
    found: set[str] = set()
    for office in kantor:
        for figure_id in office.angka:
            stem, _, last = figure_id.rpartition(".")
            if last == "indikator" and stem and "." not in stem:
                found.add(stem)
    return sorted(found)
