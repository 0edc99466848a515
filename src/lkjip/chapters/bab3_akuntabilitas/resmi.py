"""BAB III C: official values of other institutions' systems beside our recomputation.

The report prints the official value (SMART DJA, IKPA); the working paper shows
the recomputation and the difference as a check (:mod:`lkjip.figures.nilai_resmi`).
"""

from __future__ import annotations

from decimal import Decimal

from lkjip.chapters.kernel.context import Bab
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import round_score, to_decimal
from lkjip.figures import ids
from lkjip.figures.nilai_resmi import related


def hitung_ulang(ctx: Bab, base: str) -> list[str]:
    """Ids of the recomputation of the official figure ``base`` (report year) and its difference.

    The report prints the official value; these show our recomputation as a
    check beside its calculation. The reason is listed only when the office
    recorded one (in a draft the missing ids show as not yet available).
    """
    recomputed, difference, reason = related(base)
    return [recomputed, difference] + ([reason] if reason in ctx.reg else [])


def total_ikpa(ctx: Bab) -> list[str]:
    """The IKPA total: the application's value and its check when the office recorded it,
    else our recomputation only (the total is not an indicator of its own)."""
    base = "ikpa.nilai_total"
    if base in ctx.reg:
        return [base, *hitung_ulang(ctx, base)]
    return [related(base)[0]]


def ikpa_tak_terbaca(ctx: Bab, tahun: int) -> dict[int, str]:
    """IKPA indicator columns of ``tahun`` whose value is only a reading of a garbled print
    (a ``tafsiran`` of the ``nilai`` cell): no -> printed label. The report does not list
    them as indicators."""
    out = {}
    frame = ctx.ds.table("ikpa_indikator")
    for corr in ctx.ds.corrections:
        if corr.tabel != "ikpa_indikator" or corr.kolom != "nilai" or corr.changes_value:
            continue
        key = dict(part.split("=", 1) for part in corr.kunci.split(";"))
        if key.get("tahun") == str(tahun) and "no" in key:
            no = int(key["no"])
            row = frame[(frame["tahun"] == tahun) & (frame["no"] == no)]
            out[no] = str(row["indikator"].iloc[0]) if not row.empty else str(no)
    return out


def catatan_ikpa(ctx: Bab, tahun: int) -> None:
    """A note under an IKPA table whose rows do not give the application's value.

    The value printed is the application's; the note says so and gives what the rows
    printed in the table add up to (each weighted value as printed, rounded), so a reader
    who adds the column finds the same number. Columns of the application's table that
    are not indicators (:func:`ikpa_tak_terbaca`) are counted, not named.
    """
    notes = []
    hidden = ikpa_tak_terbaca(ctx, tahun)
    frame = ctx.ds.table("ikpa_indikator")
    year = frame[frame["tahun"] == tahun]
    rows = year[~year["no"].isin(list(hidden))]
    shown = sum(
        (
            round_score(to_decimal(n) * to_decimal(b) / 100)
            for n, b in zip(rows["nilai"], rows["bobot"], strict=True)
        ),
        Decimal(0),
    )
    total, akhir, konversi = (
        ids.ikpa(k, ctx.tahun - tahun) for k in ("nilai_total", "nilai_akhir", "konversi")
    )
    jumlah = f"jumlah nilai tertimbang indikator pada tabel adalah {fmt.angka(shown, 2)}"
    if total in ctx.reg and shown != round_score(ctx.reg.v(total)):
        notes.append(
            f"Nilai total {ctx.link(total)} sebagaimana ditetapkan aplikasi IKPA; {jumlah}, "
            "tidak sama dengan nilai total."
        )
    elif total not in ctx.reg and akhir in ctx.reg and konversi in ctx.reg:
        from_rows = round_score(shown * 100 / ctx.reg.v(konversi))
        if from_rows != round_score(ctx.reg.v(akhir)):
            notes.append(
                f"Nilai akhir {ctx.link(akhir)} sebagaimana ditetapkan aplikasi IKPA; {jumlah}, "
                f"dibagi konversi bobot {ctx.link(konversi)}% menjadi "
                f"{fmt.angka(from_rows, 2)}, tidak sama dengan nilai akhir."
            )
    if hidden:
        bobot = year[year["no"].isin(list(hidden))]["bobot"].sum()
        notes.append(
            f"Hasil aplikasi juga memuat {len(hidden)} kolom lain dengan bobot seluruhnya "
            f"{fmt.angka(bobot, 0)}% yang tidak dicantumkan karena nilainya tidak dapat "
            "dipastikan sebagai nilai indikator."
        )
    if notes:
        ctx.tampilkan("_Catatan:_ " + " ".join(notes))
