"""Sentences that state an event, each printed only when the year's data say so.

An additional budget (ABT), a revision of the Perjanjian Kinerja budget, awards,
service innovations and how often the TARJA are scored are facts of one office and
one year: the chapters glue these fragments (``narasi.<...>``, through
:func:`lkjip.chapters.narasi.fragments`) instead of typing the sentence, and each
fragment holds the sentence that is true for the data (or none). A fragment whose
figure is missing (a draft) returns None: it is not glued, and the draft shows
"belum tersedia" in its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from lkjip.domain import formatting as fmt
from lkjip.figures import ids
from lkjip.figures.registry import Registry
from lkjip.render.myst import link_markdown

#: the category of ``pagu_komposisi`` (dimension ``sumber_alokasi``) of an additional budget
ABT = "Anggaran Belanja Tambahan (ABT)"
#: a TARJA score of one assessment month (``tarja.<no>.b<mm>``)
_TARJA_BULAN = re.compile(r"tarja\.\d+\.b(\d{2})")
#: the assessment months of a quarterly score
TRIWULAN = (3, 6, 9, 12)


def _l(reg: Registry, figure_id: str) -> str:
    return link_markdown(reg[figure_id])


def _ada(reg: Registry, figure_id: str) -> bool:
    """The figure is there and is more than zero (an event that happened)."""
    return figure_id in reg and reg.v(figure_id) > 0


def pagu_alokasi(reg: Registry) -> str | None:
    """The DIPA, then the additional budget (ABT) and the total only when the year's pagu
    has an ABT row: ``Rp18.350.332.000. Dalam tahun anggaran yang sama kantor menerima
    ABT sebesar …, sehingga pagu seluruhnya menjadi …``."""
    dipa = "pagu.sumber_alokasi.dipa"
    if dipa not in reg:
        return None
    text = _l(reg, dipa)
    abt = ids.pagu("sumber_alokasi", ABT)
    if _ada(reg, abt):
        text += (
            f". Dalam tahun anggaran yang sama kantor menerima {ABT} sebesar {_l(reg, abt)}, "
            f"sehingga pagu seluruhnya menjadi {_l(reg, 'pagu.sumber_alokasi.jumlah')}"
        )
    return text


def pk_revisi(reg: Registry) -> str:
    """The revised PK budget only when the year's PK budget has a revised version; the
    sentence ends where the notebook names the table."""
    revisi = "pk.anggaran.revisi.jumlah"
    if revisi in reg:
        return (
            f"Setelah revisi, jumlahnya menjadi {_l(reg, revisi)}, dengan rincian per program "
            "dan kegiatan pada"
        )
    return "Rinciannya per program dan kegiatan disajikan pada"


def jika_ada(reg: Registry, figure_id: str, text: str, lain: str) -> str | None:
    """``text`` (its ``{n}`` the count, linked) when the count ``figure_id`` is above zero,
    ``lain`` when it is zero (a table declared nihil), None when the count is missing."""
    if figure_id not in reg:
        return None
    return text.format(n=_l(reg, figure_id)) if reg.v(figure_id) > 0 else lain


def tarja_penilaian(reg: Registry) -> str | None:
    """How often the TARJA are scored, from the months that have a score."""
    months = sorted({int(m[1]) for f in reg.ids("tarja.") if (m := _TARJA_BULAN.fullmatch(f))})
    if not months:
        return None
    if tuple(months) == TRIWULAN:
        return "dinilai setiap triwulan"
    if months == list(range(1, 13)):
        return "dinilai setiap bulan"
    names = [fmt.nama_bulan(m) for m in months]
    shown = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} dan {names[-1]}"
    return f"dinilai pada bulan {shown}"


#: the sentences before the lists of awards and innovations, by glue key: the count, the
#: sentence (``{n}``: the count) and what there was none of (a table declared nihil)
PENGANTAR = {
    "narasi.penghargaan.bab": (
        "penghargaan.jumlah",
        "Sepanjang tahun ini kantor menerima {n} penghargaan:",
        "penghargaan yang diterima kantor",
    ),
    "narasi.penghargaan.ikhtisar": (
        "penghargaan.jumlah",
        "Penghargaan yang diterima sepanjang tahun ini:",
        "penghargaan yang diterima kantor",
    ),
    "narasi.inovasi.bab": (
        "inovasi.jumlah",
        "Inovasi layanan yang dijalankan pada tahun ini:",
        "inovasi layanan",
    ),
    "narasi.inovasi.ikhtisar": (
        "inovasi.jumlah",
        "Untuk meningkatkan mutu layanan, kantor menjalankan inovasi berikut:",
        "inovasi layanan",
    ),
}


def makers(reg: Registry) -> dict[str, Callable[[], str | None]]:
    """The event fragments by glue key. A count of zero is a table declared nihil: the
    fragment then says there was none, in place of the sentence before the list."""
    made: dict[str, Callable[[], str | None]] = {
        key: partial(jika_ada, reg, count, text, tidak_ada(benda, reg.tahun))
        for key, (count, text, benda) in PENGANTAR.items()
    }
    made["narasi.penghargaan.lampiran"] = partial(
        jika_ada,
        reg,
        "penghargaan.jumlah",
        "menerima {n} penghargaan dari pihak luar.",
        "tidak menerima penghargaan dari pihak luar.",
    )
    made["narasi.pagu.alokasi"] = partial(pagu_alokasi, reg)
    made["narasi.pk.revisi"] = partial(pk_revisi, reg)
    made["narasi.tarja.penilaian"] = partial(tarja_penilaian, reg)
    return made


def tidak_ada(benda: str, tahun: int) -> str:
    """The sentence of a table declared nihil: ``Tidak ada inovasi layanan pada tahun 2024.``"""
    return f"Tidak ada {benda} pada tahun {tahun}."
