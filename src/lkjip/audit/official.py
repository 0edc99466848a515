"""A printed official value (SMART DJA, IKPA) against its recomputation from the
components the report prints with it.

The official value is data; when the report prints its components, the book
recomputes it from them (``<id>.hitung_ulang``) and says how far the rounding of the
printed components could move that recomputation (``<id>.batas_pembulatan``). A
difference beyond rounding is a finding, with the office's recorded reason.
"""

from __future__ import annotations

from decimal import Decimal

from lkjip.audit.baris import DIHITUNG_ULANG, NILAI_RESMI, Baris
from lkjip.audit.printed import join, show, split_year
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import round_half_up
from lkjip.figures.nilai_resmi import BATAS, related
from lkjip.figures.registry import Figure, Registry


def official_row(
    base: dict,
    row,  # a publikasi row
    figure: Figure,
    printed: Decimal,
    places: int,
    reg: Registry,
) -> Baris:
    """An official value whose printed components the book recomputes it from."""
    stem, sfx = split_year(figure.id)
    hitung_ulang, _, alasan_id = related(stem, sfx)
    official = round_half_up(figure.number, places)
    recomputed = round_half_up(reg.v(hitung_ulang), places)
    shown = show(recomputed, places, figure.unit)
    if official != printed:
        return Baris(
            **base,
            dihitung=figure.display,
            status="selisih",
            selisih=show(printed - official, places, figure.unit),
            alasan=f"nilai resmi yang tercatat ({', '.join(figure.sources[:1])}) adalah "
            f"{figure.display}",
            dasar=NILAI_RESMI,
            kategori="kontradiksi",
        )
    if recomputed == printed:
        return Baris(
            **base,
            dihitung=shown,
            status="cocok",
            selisih="",
            alasan=f"nilai resmi; dihitung ulang dari komponennya yang dicetak "
            f"({reg[hitung_ulang].formula})",
            dasar=DIHITUNG_ULANG,
        )
    gap = printed - recomputed
    bound_id = f"{stem}{BATAS}{sfx}"
    bound = ""
    if bound_id in reg:
        limit = reg.v(bound_id)
        bound = (
            f"Pembulatan komponen yang dicetak hanya dapat menggeser hasil paling banyak "
            f"{fmt.angka(limit, 4).rstrip('0').rstrip(',')}, "
            + (
                "sehingga selisih ini tidak dapat dijelaskan oleh pembulatan."
                if abs(gap) > limit
                else "sehingga selisih ini masih dalam batas pembulatan komponen."
            )
        )
    office = reg.d(alasan_id) if alasan_id in reg else ""
    return Baris(
        **base,
        dihitung=shown,
        status="selisih",
        selisih=show(gap, places, figure.unit),
        alasan=join(
            f"nilai resmi aplikasi {row.teks} tidak dihasilkan oleh komponennya yang dicetak: "
            f"{reg[hitung_ulang].formula} = {shown}.",
            bound,
            f"Keterangan kantor: {office}" if office else "",
        ),
        dasar=DIHITUNG_ULANG,
        kategori="nilai_resmi",
    )
