"""The text of a signed Perjanjian Kinerja page: statement, parties, signatures.

Pure functions of the PK tables (``pk_naskah``, ``pk_penandatangan``, corrected)
returning MyST through :mod:`lkjip.render.dokumen`; the Lampiran chapter
(:mod:`lkjip.chapters.lampiran`) puts the pages together.
"""

from __future__ import annotations

import re

import pandas as pd

from lkjip.data.placeholders import ISIAN, PK_PLACEHOLDER, pk_rule
from lkjip.data.reading import LINE
from lkjip.domain import formatting as fmt
from lkjip.errors import IncompleteData
from lkjip.render import dokumen as dok

PIHAK: dict[str, str] = {"pertama": "Pihak Pertama", "kedua": "Pihak Kedua"}
#: PK pages on which signatures are printed -> how the page is named in the text
DOKUMEN: dict[str, str] = {
    "perjanjian": "halaman perjanjian",
    "lampiran": "halaman lampiran (target dan anggaran)",
    "pernyataan": "halaman pernyataan",
}


def _teks(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(LINE, kind="stable") if LINE in frame else frame


def tempat_tanggal(pk_penandatangan: pd.DataFrame, tahun: int, dokumen: str = "perjanjian") -> str:
    """``Bandung, 2 Januari 2023`` of a PK page (several distinct ones joined by ``;``)."""
    rows = _ordered(
        pk_penandatangan[
            (pk_penandatangan["tahun"] == tahun) & (pk_penandatangan["dokumen"] == dokumen)
        ]
    )
    seen: list[str] = []
    for row in rows.itertuples():
        text = f"{row.tempat}, {fmt.tanggal(_tanggal_iso(row.tanggal))}"
        if text not in seen:
            seen.append(text)
    return "; ".join(seen)


def _tanggal_iso(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)[:10]


def halaman_pk(
    pk_naskah: pd.DataFrame | None, pk_penandatangan: pd.DataFrame, tahun: int
) -> list[str]:
    """The pages of a PK (``perjanjian``, ``lampiran``, ``pernyataan``) in document order.

    A page exists when its text or its signatures are in the data; the lampiran
    page (targets and budget) always does.
    """
    present = {"lampiran"}
    present.update(pk_penandatangan.loc[pk_penandatangan["tahun"] == tahun, "dokumen"])
    if pk_naskah is not None:
        present.update(pk_naskah.loc[pk_naskah["tahun"] == tahun, "dokumen"])
    return [d for d in DOKUMEN if d in present]


def _penandatangan(pk_penandatangan: pd.DataFrame, tahun: int, dokumen: str) -> dict[str, object]:
    """Per party, the row of ``dokumen``, else of the first page that prints the party."""
    rows = pk_penandatangan[pk_penandatangan["tahun"] == tahun]
    out: dict[str, object] = {}
    for page in [dokumen, *DOKUMEN]:
        for row in rows[rows["dokumen"] == page].itertuples():
            out.setdefault(str(row.pihak), row)
    return out


def isian(pk_penandatangan: pd.DataFrame, tahun: int, dokumen: str) -> dict[str, str]:
    """The values of the placeholders of one page."""
    values = {"tahun": str(tahun), "tempat": "", "tanggal": ""}
    for pihak, row in _penandatangan(pk_penandatangan, tahun, dokumen).items():
        values[f"nama_{pihak}"] = _teks(row.nama)
        values[f"jabatan_{pihak}"] = _teks(row.jabatan)
        values[f"nip_{pihak}"] = _teks(row.nip)
        if not values["tempat"]:
            values["tempat"] = _teks(row.tempat)
            values["tanggal"] = fmt.tanggal(_tanggal_iso(row.tanggal))
    return values


#: ``{nama}``: a placeholder (any other brace is text, never a format expression)
_ISIAN = PK_PLACEHOLDER


def isi(teks: str, values: dict[str, str]) -> str:
    """``teks`` with its ``{placeholders}`` filled; an unknown one is an error (ValueError).

    Plain substitution: data text is never a Python format string (no attribute
    access, no padding), and braces that are not a placeholder stay as typed.
    """

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in ISIAN:
            raise ValueError(pk_rule(key))
        return values.get(key, "")

    return _ISIAN.sub(fill, teks)


def _isi_baris(row: object, values: dict[str, str], where: str) -> str:
    """:func:`isi` of one ``pk_naskah`` row; an unknown placeholder names the row."""
    try:
        return isi(_teks(row.teks), values)
    except ValueError as exc:
        raise IncompleteData(
            f"{where}, baris {int(getattr(row, LINE))}, kolom 'teks': {exc}"
        ) from None


def naskah_markdown(
    pk_naskah: pd.DataFrame | None,
    pk_penandatangan: pd.DataFrame,
    tahun: int,
    dokumen: str,
    where: str = "pk_naskah.csv",
) -> str:
    """Title, paragraphs and party blocks of one page, from the office's text."""
    if pk_naskah is None:
        return ""
    rows = pk_naskah[(pk_naskah["tahun"] == tahun) & (pk_naskah["dokumen"] == dokumen)]
    values = isian(pk_penandatangan, tahun, dokumen)
    parts: list[str] = []
    title: list[str] = []
    for row in rows.sort_values("urut").itertuples():
        if row.jenis == "judul":
            title.append(_isi_baris(row, values, where).upper())
            continue
        if title:
            parts.append(dok.judul(title))
            title = []
        if row.jenis == "pihak":
            pihak = _teks(row.pihak)
            parts.append(
                dok.identitas(values.get(f"nama_{pihak}", ""), values.get(f"jabatan_{pihak}", ""))
            )
        else:
            parts.append(dok.paragraf(_isi_baris(row, values, where)))
    if title:
        parts.append(dok.judul(title))
    return "\n".join(parts)


def ttd_markdown(pk_penandatangan: pd.DataFrame, tahun: int, dokumen: str) -> str:
    """Place, date and signature blocks of one page: Pihak Kedua left, Pihak Pertama right."""
    rows = pk_penandatangan[
        (pk_penandatangan["tahun"] == tahun) & (pk_penandatangan["dokumen"] == dokumen)
    ]
    if rows.empty:
        return ""
    by_party = {str(r.pihak): r for r in rows.itertuples()}
    two = len(by_party) > 1
    penanda = [
        dok.Penanda(
            sebutan=PIHAK[p] if two else "",
            jabatan=_teks(by_party[p].jabatan),
            nama=_teks(by_party[p].nama),
            nip=_teks(by_party[p].nip),
        )
        for p in ("kedua", "pertama")
        if p in by_party
    ]
    return dok.tanda_tangan(tempat_tanggal(pk_penandatangan, tahun, dokumen), penanda)
