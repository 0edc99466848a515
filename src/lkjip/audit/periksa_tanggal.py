"""Dates of the data whose order cannot be right (an item kind of the pre-signing
checklist, :mod:`lkjip.audit.pra_tanda_tangan`)."""

from __future__ import annotations

import datetime as dt

from lkjip.audit.butir_periksa import Bahan, Butir
from lkjip.audit.butir_periksa import tanggal as _date
from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt


def tanggal(b: Bahan) -> list[Butir]:
    """Dates the data hold whose order cannot be right."""
    out: list[Butir] = []
    ds, tahun = b.ds, b.ds.tahun
    end = dt.date(tahun, 12, 31)
    ident = b.frame("identitas")
    signed = _date(ident.iloc[0].get("tanggal_pengesahan")) if ident is not None else None
    ident_ref = _own(ds, "identitas", ident.iloc[0]) if ident is not None else ()
    if signed is not None and signed <= end:
        out.append(
            Butir(
                "tanggal",
                f"Kata Pengantar bertanggal {fmt.tanggal(signed)}, sebelum tahun {tahun} yang "
                "dilaporkan berakhir.",
                "Kata Pengantar (tempat dan tanggal penandatanganan)",
                f"tanggal Kata Pengantar {fmt.tanggal(signed)}; tahun laporan berakhir "
                f"{fmt.tanggal(end)}",
                "Tetapkan tanggal penandatanganan sesudah tahun laporan berakhir.",
                sumber=ident_ref,
            )
        )
    pk = b.frame("pk_penandatangan")
    if pk is not None:
        for year, group in pk.groupby("tahun", sort=True):
            year = int(year)
            dates = {d: g for d, g in group.groupby("tanggal", sort=True) if _date(d)}
            refs = _own(ds, "pk_penandatangan", group)
            shown = ", ".join(fmt.tanggal(d) for d in dates)
            where = f"Lampiran, Perjanjian Kinerja Tahun {year}"
            if len(dates) > 1:
                pages = "; ".join(
                    f"halaman {', '.join(sorted(set(g['dokumen'])))}: {fmt.tanggal(d)}"
                    for d, g in dates.items()
                )
                out.append(
                    Butir(
                        "tanggal",
                        f"Halaman-halaman Perjanjian Kinerja Tahun {year} bertanggal berbeda.",
                        where,
                        pages,
                        "Pastikan tanggal penandatanganan PK yang benar dan samakan semua "
                        "halamannya.",
                        sumber=refs,
                    )
                )
            for d in dates:
                day = _date(d)
                assert day is not None
                if not year - 1 <= day.year <= year:
                    out.append(
                        Butir(
                            "tanggal",
                            f"Perjanjian Kinerja Tahun {year} bertanggal {fmt.tanggal(day)}, "
                            f"bukan pada tahun {year - 1} atau {year}.",
                            where,
                            f"tanggal PK {fmt.tanggal(day)}",
                            "Periksa tanggal PK pada dokumen yang ditandatangani.",
                            sumber=refs,
                        )
                    )
                if signed is not None and day > signed:
                    out.append(
                        Butir(
                            "tanggal",
                            f"Kata Pengantar bertanggal {fmt.tanggal(signed)}, tetapi Perjanjian "
                            f"Kinerja Tahun {year} yang dilampirkan bertanggal "
                            f"{fmt.tanggal(day)}, sesudahnya.",
                            f"Kata Pengantar; {where}",
                            f"Kata Pengantar {fmt.tanggal(signed)}; PK {year} {shown}",
                            f"Tetapkan tanggal Kata Pengantar paling awal {fmt.tanggal(day)}, "
                            f"atau lampirkan PK {year} hanya bila sudah ditandatangani sebelum "
                            "laporan ditandatangani.",
                            sumber=ident_ref + refs,
                        )
                    )
    out.extend(_reviu_dates(b, end))
    return out


#: the reviu's dates (filled by the APIP): table -> (column, what it dates)
REVIU_TANGGAL = {
    "reviu_penugasan": (("tanggal", "Catatan Hasil Reviu dan Pernyataan Telah Direviu"),),
    "reviu_langkah": (
        ("tanggal_disusun", "penyusunan langkah program reviu"),
        ("tanggal_direviu", "reviu langkah program reviu"),
    ),
    "reviu_tanggapan": (("tanggal", "tanggapan auditi"),),
}


def _reviu_dates(b: Bahan, end: dt.date) -> list[Butir]:
    """A reviu of the year's report dated before that year ended; a step reviewed before
    it was prepared."""
    out = []
    for table, columns in REVIU_TANGGAL.items():
        frame = b.frame(table)
        if frame is None:
            continue
        for column, what in columns:
            early = frame[[(d := _date(v)) is not None and d <= end for v in frame[column]]]
            if len(early):
                first = min(_date(v) for v in early[column])
                out.append(
                    Butir(
                        "tanggal",
                        f"Tanggal {what} ({fmt.tanggal(first)}) jatuh sebelum tahun "
                        f"{b.ds.tahun} yang dilaporkan berakhir.",
                        "Kertas Kerja Reviu (isian APIP)",
                        ", ".join(sorted({fmt.tanggal(v) for v in early[column]})),
                        "Minta APIP memeriksa tanggal reviu.",
                        sumber=_own(b.ds, table, early),
                    )
                )
    steps = b.frame("reviu_langkah")
    if steps is not None:
        for row in steps.itertuples():
            made, seen = _date(row.tanggal_disusun), _date(row.tanggal_direviu)
            if made is not None and seen is not None and seen < made:
                out.append(
                    Butir(
                        "tanggal",
                        f"Langkah reviu {row.langkah} direviu ({fmt.tanggal(seen)}) sebelum "
                        f"disusun ({fmt.tanggal(made)}).",
                        "Kertas Kerja Reviu, program reviu",
                        f"disusun {fmt.tanggal(made)}; direviu {fmt.tanggal(seen)}",
                        "Minta APIP memeriksa tanggal langkah reviu.",
                        sumber=_own(b.ds, "reviu_langkah", steps.loc[row.Index]),
                    )
                )
    return out


def _own(ds: Dataset, table: str, rows) -> tuple[str, ...]:  # a row or rows
    """The ``file:line`` of ``rows`` of ``table`` (without the koreksi rows that
    :meth:`Dataset.refs` adds: a date item points at the dates)."""
    shown = ds.file(table)
    return tuple(r for r in ds.refs(table, rows) if r.rpartition(":")[0] == shown)
