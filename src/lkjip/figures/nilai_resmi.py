"""Official values: figures another institution's system publishes (table ``nilai_resmi``).

An official figure keeps the id the prose uses (``smart.nilai_kinerja``,
``ikpa.nilai_akhir.t-1``) and holds the published value as data, of kind
``resmi``. Our recomputation of it lives at ``<base>.hitung_ulang<sfx>``; when
both exist, ``<base>.selisih<sfx>`` is official minus recomputed and
``<base>.selisih.alasan<sfx>`` the office's reason for a difference (column
``catatan``). Without an official row the figure is missing: it is never
replaced by the recomputation.
"""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.figures._common import suffix
from lkjip.figures.registry import Registry

#: the related ids of an official figure ``base`` + year suffix
HITUNG_ULANG = ".hitung_ulang"
SELISIH = ".selisih"
ALASAN = ".selisih.alasan"
#: the most the rounding of the printed components can move the recomputation
BATAS = ".batas_pembulatan"
#: the value each system is known by; other official values are named in the checks
HEADLINE = ("nilai_kinerja", "nilai_akhir")


def related(base: str, sfx: str = "") -> tuple[str, str, str]:
    """Ids of the recomputation, the difference and its reason for ``base`` in a year."""
    return (f"{base}{HITUNG_ULANG}{sfx}", f"{base}{SELISIH}{sfx}", f"{base}{ALASAN}{sfx}")


def add_official(
    reg: Registry, ds: Dataset, sistem: str, indikator: str, base: str, label: str
) -> list[str]:
    """Add ``base<sfx>`` for every year ``nilai_resmi`` records; returns the ids added.

    ``label`` is formatted with ``tahun``. The difference with a recomputation
    already in the registry (``<base>.hitung_ulang<sfx>``) is added too.
    """
    if not ds.has("nilai_resmi"):
        return []
    frame = ds.table("nilai_resmi")
    rows = frame[(frame["sistem"] == sistem) & (frame["indikator"] == indikator)]
    added = []
    for row in rows.sort_values("tahun").itertuples():
        tahun = int(row.tahun)
        sfx = suffix(ds.tahun - tahun)
        fid = f"{base}{sfx}"
        refs = ds.refs("nilai_resmi", rows[rows["tahun"] == tahun])
        reg.add(
            fid,
            row.nilai,
            "skor",
            f"{label.format(tahun=tahun)} (nilai resmi {sistem})",
            sources=refs,
            jenis="resmi",
        )
        added.append(fid)
        what = sistem if indikator in HEADLINE else f"{sistem} ({indikator.replace('_', ' ')})"
        _difference(reg, fid, base, sfx, tahun, what, row.catatan, refs)
    return added


def _difference(
    reg: Registry,
    fid: str,
    base: str,
    sfx: str,
    tahun: int,
    sistem: str,
    catatan: object,
    refs: tuple[str, ...],
) -> None:
    hitung_ulang, selisih, alasan = related(base, sfx)
    if hitung_ulang not in reg:
        return
    reg.add(
        selisih,
        reg.v(fid) - reg.v(hitung_ulang),
        "poin",
        f"Selisih nilai resmi {sistem} tahun {tahun} dan perhitungan ulang",
        formula="nilai resmi − nilai hitung ulang",
        substituted=f"{reg.d(fid)} − {reg.d(hitung_ulang)}",
        inputs=(fid, hitung_ulang),
    )
    if isinstance(catatan, str) and catatan.strip():
        reg.add(
            alasan,
            catatan.strip(),
            "teks",
            f"Alasan selisih nilai resmi {sistem} tahun {tahun} dan perhitungan ulang",
            sources=refs,
        )
