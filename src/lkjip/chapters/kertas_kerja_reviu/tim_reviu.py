"""The reviu team's own entries: team, assignment, paraf, signatories.

The APIP fills the ``reviu_*`` tables; what is blank there is printed as a line to
fill (:data:`ISIAN`), never invented. Also the year's Kertas Kerja Reviu, computed
once per chapter context.
"""

from __future__ import annotations

import weakref

import pandas as pd

from lkjip.audit import kkr
from lkjip.chapters.kernel.context import Bab
from lkjip.domain import formatting as fmt

#: what a blank entry of the reviu team prints: a line to fill in by hand
ISIAN = "...................."


def isian(value: object) -> str:
    """A team's entry, or a line to fill when it is blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ISIAN
    text = str(value).strip()
    return text or ISIAN


def tanggal(value: object) -> str:
    text = isian(value)
    return text if text == ISIAN else fmt.tanggal(text)


#: the last chapter context's worksheet: (a weak reference to the context, its worksheet);
#: a kept kernel runs other chapters after it, whose contexts may get the same id()
_computed: list[tuple[weakref.ref[Bab], kkr.KertasKerjaReviu]] = []


def susun(ctx: Bab) -> kkr.KertasKerjaReviu:
    """The Kertas Kerja Reviu of the chapter's year (computed once per chapter context)."""
    if not _computed or _computed[0][0]() is not ctx:
        _computed[:] = [(weakref.ref(ctx), kkr.susun(ctx.ds, ctx.reg))]
    return _computed[0][1]


def tabel_tahun(ctx: Bab, name: str) -> pd.DataFrame | None:
    if not ctx.ds.has(name):
        return None
    frame = ctx.ds.table(name)
    return frame[frame["tahun"] == ctx.tahun] if "tahun" in frame else frame


# --- A. the team ---------------------------------------------------------------------


def tampilkan_tim(ctx: Bab) -> None:
    """The reviu team and its assignment, as the APIP entered them (blanks to fill)."""
    tim = tabel_tahun(ctx, "reviu_tim")
    if tim is None or tim.empty:
        tim = pd.DataFrame(
            {"peran": ["Penanggung Jawab", "Pengendali Teknis", "Ketua Tim", "Anggota Tim"]}
        )
    rows = [
        {
            "Peran": r.get("peran"),
            "Nama": isian(r.get("nama")),
            "NIP": isian(r.get("nip")),
            "Jabatan": isian(r.get("jabatan")),
        }
        for _, r in tim.iterrows()
    ]
    ctx.tabel(pd.DataFrame(rows), "Tim reviu", "tbl-kkr-tim")
    tugas = penugasan(ctx)
    ctx.tabel(
        pd.DataFrame(
            [
                {"Keterangan": "Unit APIP", "Isian": tugas["unit_apip"]},
                {"Keterangan": "Surat tugas", "Isian": tugas["surat_tugas"]},
                {"Keterangan": "Tempat dan tanggal", "Isian": tempat_tanggal(tugas)},
            ]
        ),
        "Penugasan reviu",
        "tbl-kkr-penugasan",
    )


def penugasan(ctx: Bab) -> dict[str, str]:
    frame = tabel_tahun(ctx, "reviu_penugasan")
    row = frame.iloc[0] if frame is not None and not frame.empty else pd.Series(dtype=object)
    return {
        "unit_apip": isian(row.get("unit_apip")),
        "surat_tugas": isian(row.get("surat_tugas")),
        "tempat": isian(row.get("tempat")),
        "tanggal": tanggal(row.get("tanggal")),
    }


def tempat_tanggal(tugas: dict[str, str]) -> str:
    return f"{tugas['tempat']}, {tugas['tanggal']}"


def baris(ctx: Bab, name: str, column: str, value: str) -> pd.Series:
    """The first row of the team's table ``name`` whose ``column`` is ``value`` (an empty
    row when there is none: every entry of it is a line to fill)."""
    frame = tabel_tahun(ctx, name)
    if frame is not None:
        hit = frame[frame[column] == value]
        if not hit.empty:
            return hit.iloc[0]
    return pd.Series(dtype=object)


def anggota(ctx: Bab, peran: str) -> tuple[str, str]:
    """Name and NIP of the first member with ``peran`` (lines to fill when blank)."""
    row = baris(ctx, "reviu_tim", "peran", peran)
    return isian(row.get("nama")), isian(row.get("nip"))
