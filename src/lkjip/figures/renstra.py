"""The Renstra: its IKU and the program restructuring that came with it (Ikhtisar, BAB II A)."""

from __future__ import annotations

import pandas as pd

from lkjip.data.dataset import Dataset
from lkjip.domain.teks import slug
from lkjip.figures.hitungan import banyaknya
from lkjip.figures.registry import Registry

#: the ``kelompok`` of a count that is not broken down
TANPA_RINCIAN = "-"


def register(reg: Registry, ds: Dataset) -> None:
    reg.step("renstra.iku", _iku, reg, ds)
    if ds.has("renstra_restrukturisasi"):
        with reg.bab("bab2_perencanaan"):
            reg.step("renstra.restrukturisasi", _restrukturisasi, reg, ds)


def periode(frame: pd.DataFrame, tahun: int) -> tuple[int, int] | None:
    """The Renstra period of ``frame`` (``periode_awal``, ``periode_akhir``) holding ``tahun``."""
    periods = frame[["periode_awal", "periode_akhir"]].drop_duplicates()
    hit = periods[(periods["periode_awal"] <= tahun) & (tahun <= periods["periode_akhir"])]
    if len(hit) != 1:
        return None
    return int(hit["periode_awal"].iloc[0]), int(hit["periode_akhir"].iloc[0])


def _iku(reg: Registry, ds: Dataset) -> None:
    """How many IKU the Renstra sets for the program (the Ikhtisar states the count)."""
    renstra = ds.table("renstra_pernyataan")
    periode_iku = periode(renstra, ds.tahun)
    if periode_iku is None:
        return
    in_period = renstra[renstra["periode_awal"] == periode_iku[0]]
    with reg.bab("jejak_angka"):  # the Renstra's period, for the text
        reg.add(
            "renstra.jumlah_tahun",
            periode_iku[1] - periode_iku[0] + 1,
            "jumlah",
            f"Lama periode Renstra {periode_iku[0]}–{periode_iku[1]} (tahun)",
            formula="tahun akhir − tahun awal + 1",
            substituted=f"{periode_iku[1]} − {periode_iku[0]} + 1",
            sources=ds.refs("renstra_pernyataan", in_period.head(1)),
        )
        sasaran = in_period[in_period["jenis"] == "sasaran_strategis"]
        if not sasaran.empty:
            n = banyaknya(sasaran)
            reg.add(
                "renstra.sasaran_strategis.jumlah",
                n.nilai,
                "jumlah",
                f"Jumlah sasaran strategis Renstra {periode_iku[0]}–{periode_iku[1]}",
                formula="banyaknya baris sasaran strategis Renstra",
                substituted=n.teks,
                sources=ds.refs("renstra_pernyataan", sasaran),
            )
    rows = in_period[in_period["jenis"] == "iku"]
    if rows.empty:
        return
    n = banyaknya(rows)
    with reg.bab("ikhtisar"):  # the Ikhtisar states the count
        reg.add(
            "renstra.iku.jumlah",
            n.nilai,
            "jumlah",
            f"Jumlah Indikator Kinerja Utama Renstra {periode_iku[0]}–{periode_iku[1]}",
            formula="banyaknya baris IKU Renstra",
            substituted=n.teks,
            sources=ds.refs("renstra_pernyataan", rows),
        )


def restrukturisasi_id(lingkup: str, objek: str, tahap: str, kelompok: str | None = None) -> str:
    """``renstra.restrukturisasi.<lingkup>.<objek>.<tahap>[.<kelompok>]``."""
    base = f"renstra.restrukturisasi.{slug(lingkup)}.{objek}.{tahap}"
    if kelompok is None or kelompok == TANPA_RINCIAN:
        return base
    return f"{base}.{slug(kelompok)}"


def _restrukturisasi(reg: Registry, ds: Dataset) -> None:
    """Each count as published; a count broken down into groups also gets its total."""
    frame = ds.table("renstra_restrukturisasi")
    awal = periode(frame, ds.tahun)
    if awal is None:
        return
    rows = frame[frame["periode_awal"] == awal[0]]
    for (lingkup, objek, tahap), group in rows.groupby(["lingkup", "objek", "tahap"], sort=False):
        ids = []
        for row in group.itertuples():
            fid = restrukturisasi_id(lingkup, objek, tahap, row.kelompok)
            detail = "" if row.kelompok == TANPA_RINCIAN else f" ({row.kelompok})"
            rows_of = group[group["kelompok"] == row.kelompok]
            reg.add(
                fid,
                int(row.jumlah),
                "jumlah",
                f"Jumlah {objek} {lingkup} {tahap} restrukturisasi{detail}",
                sources=ds.refs("renstra_restrukturisasi", rows_of),
            )
            ids.append(fid)
        total = restrukturisasi_id(lingkup, objek, tahap)
        if total not in ids:
            reg.add(
                total,
                sum(int(reg.v(i)) for i in ids),
                "jumlah",
                f"Jumlah {objek} {lingkup} {tahap} restrukturisasi",
                formula="Σ kelompok",
                substituted=" + ".join(reg.d(i) for i in ids),
                inputs=tuple(ids),
            )
