"""One row of the reconciliation: a published figure, our value and its status."""

from __future__ import annotations

from dataclasses import dataclass

#: outcomes of a row, in the order the summaries list them
STATUS = ("cocok", "selisih", "kontradiksi", "masukan", "nilai resmi", "tidak dapat diperiksa")
#: what a printed value was compared with
DIHITUNG_ULANG = "dihitung ulang"
MASUKAN = "masukan"
NILAI_RESMI = "nilai resmi"
TIDAK_DAPAT = "tidak dapat diperiksa"
DASAR = (DIHITUNG_ULANG, MASUKAN, NILAI_RESMI, TIDAK_DAPAT)
#: the statuses that are findings of the reviu
TEMUAN = ("selisih", "kontradiksi")


@dataclass(frozen=True)
class Baris:
    """One published figure and its reconciliation."""

    no: int
    lokasi: str
    jenis: str
    figure_id: str
    dipublikasikan: str
    dihitung: str
    status: str
    selisih: str
    alasan: str
    #: what the printed value was compared with (:data:`lkjip.audit.reconciliation.DASAR`)
    dasar: str = ""
    #: the kind of finding (a code of the reviu program's ``temuan``), "" when none
    kategori: str = ""
