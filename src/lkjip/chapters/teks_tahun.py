"""The plain text facts of a year the prose pastes (year, the office's identity).

Read lazily, one identity cell per fact (:func:`lkjip.data.identity.cell`): a chapter
depends only on the facts it reads, so filling the office's address re-runs the
chapters that print the address, not every chapter (:mod:`lkjip.data.reads`). A cell
not known yet (a draft) is :data:`lkjip.data.identity.BELUM`, only that cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lkjip.data import identity
from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt

IDENTITAS = identity.TABLE

#: text fact -> its column of ``identitas``
KOLOM = {
    "satker": "nama_satker",
    "kementerian": "kementerian",
    "kanwil": "kanwil",
    "alamat": "alamat",
    "kota": "kota",
    "kepala_kantor": "kepala_kantor",
    "program": "program",
    "nip_kepala_kantor": "nip_kepala_kantor",
    "jabatan_penandatangan": "jabatan_penandatangan",
    "tempat_pengesahan": "tempat_pengesahan",
    "tanggal_pengesahan": "tanggal_pengesahan",
    "unit_eselon_i": "unit_eselon_i",
    "divisi": "divisi",
    "pedoman_lkjip": "pedoman_lkjip",
    "dasar_renstra": "dasar_renstra",
}
#: facts of the year itself (no data read): name -> years after the report year
TAHUN = {"tahun": 0, "tahun_lalu": -1, "tahun_depan": 1}


class Identitas(Mapping[str, object]):
    """The office's identity row, read cell by cell (``ctx.identitas["nama_satker"]``)."""

    def __init__(self, ds: Dataset):
        self._ds = ds

    def __getitem__(self, column: str) -> object:
        return self._ds.fact(IDENTITAS, column)

    def __contains__(self, column: object) -> bool:
        spec = self._ds.specs.get(IDENTITAS)
        return spec is not None and column in spec.column_names

    def __iter__(self) -> Iterator[str]:
        spec = self._ds.specs.get(IDENTITAS)
        return iter(spec.column_names if spec is not None else [])

    def __len__(self) -> int:
        return sum(1 for _ in self)


class TeksTahun(Mapping[str, str]):
    """Fact name -> text; a fact is read when it is looked up."""

    def __init__(self, ds: Dataset):
        self._ds = ds

    def __getitem__(self, key: str) -> str:
        if key in TAHUN:
            return str(self._ds.tahun + TAHUN[key])
        value = identity.cell(self._ds, KOLOM[key])
        if value is None:
            return identity.BELUM
        return fmt.tanggal(value) if key == "tanggal_pengesahan" else value

    def __contains__(self, key: object) -> bool:
        return key in TAHUN or key in KOLOM

    def __iter__(self) -> Iterator[str]:
        return iter((*TAHUN, *KOLOM))

    def __len__(self) -> int:
        return len(TAHUN) + len(KOLOM)
