"""Figures that text of the report refers to: year labels, codes, regulations, counts of
lists, categories and labels (checked by the reconciliation against what the report prints).
"""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain.indikator import INDIKATOR
from lkjip.domain.kategori import mutu_pelayanan
from lkjip.figures.hitungan import banyaknya, nilai
from lkjip.figures.registry import Registry

#: step -> the tables it needs (a step whose table is absent adds nothing)
_NEEDS = {
    "_tahun": (),  # the build's year: known without identitas (its row is the source)
    "_kode": ("identitas", "kategori_nilai"),
    "_sasaran": ("pk_indikator",),
    "_kategori_unsur": ("mutu_pelayanan",),
    "_smart": ("smart_bobot",),
    "_ikpa": ("kategori_nilai",),
    "_tarja": ("tarja_rencana_aksi",),
}


def register(reg: Registry, ds: Dataset) -> None:
    for name, step, bab in (
        ("tahun", _tahun, "jejak_angka"),
        ("identitas.kode", _kode, "jejak_angka"),
        ("kinerja.sasaran", _sasaran, "ikhtisar"),
        ("ipk.kategori_unsur", _kategori_unsur, "bab3_akuntabilitas"),
        ("smart.jumlah_komponen", _smart, "bab3_akuntabilitas"),
        ("ikpa.rentang", _ikpa, "bab3_akuntabilitas"),
        ("tarja.rencana_aksi", _tarja, "bab3_akuntabilitas"),
    ):
        if all(ds.has(t) for t in _NEEDS[step.__name__]):
            with reg.bab(bab):
                reg.step(name, step, reg, ds)


def _tahun(reg: Registry, ds: Dataset) -> None:
    """The report year and the two before it, for year labels in titles and sentences."""
    row = ds.refs("identitas") if ds.has("identitas") else ()
    for offset, label in (
        (0, "Tahun laporan"),
        (1, "Tahun sebelumnya"),
        (2, "Dua tahun sebelumnya"),
    ):
        sfx = f".t-{offset}" if offset else ""
        reg.add(
            f"tahun.laporan{sfx}",
            ds.tahun - offset,
            "tahun",
            label,
            formula=f"tahun laporan − {offset}" if offset else "tahun laporan",
            substituted=f"{ds.tahun} − {offset}" if offset else str(ds.tahun),
            sources=row,
        )


def _kode(reg: Registry, ds: Dataset) -> None:
    frame = ds.table("identitas")
    if "kode_satker" in frame and isinstance(frame["kode_satker"].iloc[0], str):
        reg.add(
            "identitas.kode_satker",
            frame["kode_satker"].iloc[0],
            "teks",
            "Kode satuan kerja",
            sources=ds.refs("identitas"),
        )
    with reg.bab("bab3_akuntabilitas"):  # BAB III names the IKPA rule
        rules = ds.table("kategori_nilai")
        ikpa = rules[rules["skema"] == "ikpa"]
        if not ikpa.empty:
            reg.add(
                "ikpa.dasar",
                ikpa["dasar"].iloc[0],
                "teks",
                "Peraturan dasar penilaian IKPA",
                sources=ds.refs("kategori_nilai", ikpa.head(1)),
            )


def _sasaran(reg: Registry, ds: Dataset) -> None:
    """Per sasaran kegiatan: how many indicators it has; per indicator: its abbreviation."""
    pk = ds.table("pk_indikator")
    rows = pk[(pk["tahun"] == ds.tahun) & (pk["tingkat"] == "sasaran_kegiatan")]
    for no, group in rows.groupby("no_sasaran"):
        n = banyaknya(group)
        reg.add(
            f"kinerja.sasaran.{int(no)}.jumlah_indikator",
            n.nilai,
            "jumlah",
            f"Jumlah indikator kinerja kegiatan sasaran {int(no)}",
            formula="hitung(indikator sasaran kegiatan)",
            substituted=n.teks,
            sources=ds.refs("pk_indikator", group),
        )
    with reg.bab("bab3_akuntabilitas"):  # BAB III abbreviates its indicators
        for row in rows.itertuples():
            if row.indikator_id in INDIKATOR:
                reg.add(
                    f"{row.indikator_id}.singkatan",
                    str(row.indikator_id).upper(),
                    "teks",
                    f"Singkatan indikator {row.indikator}",
                    formula="kode indikator dalam huruf besar",
                    substituted=f"{row.indikator_id} → {str(row.indikator_id).upper()}",
                    sources=ds.refs("pk_indikator", rows[rows["indikator_id"] == row.indikator_id]),
                )


def _kategori_unsur(reg: Registry, ds: Dataset) -> None:
    """The mutu pelayanan category of each IPK unsur value (same intervals as the IKM)."""
    intervals = ds.table("mutu_pelayanan")
    for fid in reg.ids("ipk."):
        parts = fid.split(".")
        if len(parts) == 4 and parts[2] == "unsur":
            kategori = mutu_pelayanan(reg.v(fid), intervals)
            reg.add(
                f"{fid}.kategori",
                kategori.kinerja,
                "teks",
                f"Kategori {reg[fid].label.lower()}",
                formula="interval nilai pada tabel mutu pelayanan",
                substituted=f"{reg.d(fid)} → {kategori.kinerja}",
                inputs=(fid,),
                sources=ds.refs("mutu_pelayanan"),
            )


def _smart(reg: Registry, ds: Dataset) -> None:
    n = banyaknya(ds.table("smart_bobot"))
    reg.add(
        "smart.jumlah_komponen",
        n.nilai,
        "jumlah",
        "Jumlah komponen penilaian SMART",
        formula="hitung(baris smart_bobot)",
        substituted=n.teks,
        sources=ds.refs("smart_bobot"),
    )


def _ikpa(reg: Registry, ds: Dataset) -> None:
    """The range of the IKPA category of the report year (printed as "range nilai 95-100")."""
    if "ikpa.kategori" not in reg:
        return
    rules = ds.table("kategori_nilai")
    row = rules[(rules["skema"] == "ikpa") & (rules["kategori"] == reg["ikpa.kategori"].value)]
    for bound in ("batas_bawah", "batas_atas"):
        batas = nilai(row[bound].iloc[0], "batas")
        reg.add(
            f"ikpa.kategori.{bound}",
            batas.nilai,
            "batas",
            f"{'Batas bawah' if bound == 'batas_bawah' else 'Batas atas'} kategori IKPA",
            inputs=("ikpa.kategori",),
            formula=f"{bound.replace('_', ' ')} kategori {reg['ikpa.kategori'].value}",
            substituted=batas.teks,
            sources=ds.refs("kategori_nilai", row),
        )


def _tarja(reg: Registry, ds: Dataset) -> None:
    """Each TARJA action's target, realisasi and previous capaian as printed in its table."""
    frame = ds.table("tarja_rencana_aksi")
    frame = frame[frame["tahun"] == ds.tahun]
    for row in frame.itertuples():
        one = frame[frame["no_tarja"] == row.no_tarja]
        for column, label in (
            ("target", "Target"),
            ("realisasi", "Realisasi"),
            ("capaian_sebelumnya", "Capaian tahun sebelumnya"),
        ):
            value = getattr(row, column)
            reg.add(
                f"tarja.{int(row.no_tarja)}.{column}",
                value,
                "teks" if isinstance(value, str) else "jumlah",
                f"{label} rencana aksi TARJA {int(row.no_tarja)}",
                sources=ds.refs("tarja_rencana_aksi", one),
            )
