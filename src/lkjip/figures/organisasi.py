"""BAB I: organisation facts that are numbers (staff, areas, counts)."""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain.teks import slug
from lkjip.figures import ids
from lkjip.figures._common import sum_of
from lkjip.figures.hitungan import banyaknya
from lkjip.figures.registry import Registry

#: list tables whose row count the text states
COUNTED = {
    "tugas_fungsi": "Jumlah tugas dan fungsi",
    "wilayah_kerja": "Jumlah kabupaten/kota wilayah kerja",
    "tpi": "Jumlah Tempat Pemeriksaan Imigrasi",
    "unit_layanan": "Jumlah unit layanan di luar kantor",
    "upaya": "Jumlah upaya peningkatan kinerja",
    "isu_strategis": "Jumlah isu strategis",
}


def register(reg: Registry, ds: Dataset) -> None:
    with reg.bab("bab1_pendahuluan"):
        reg.step("pegawai", _pegawai, reg, ds)
        if ds.has("pegawai_golongan"):
            reg.step("pegawai.golongan", _pegawai_golongan, reg, ds)
        reg.step("fasilitas", _fasilitas, reg, ds)
    for table, label in COUNTED.items():
        # the efforts to improve performance are planned in BAB II
        with reg.bab("bab2_perencanaan" if table == "upaya" else "bab1_pendahuluan"):
            reg.step(table, _count, reg, ds, table, label)


def _staff(reg: Registry, ds: Dataset, table: str, column: str, prefix: str, what: str) -> None:
    """One figure per row of a staff table (``<prefix>.<slug>``) and their total."""
    frame = ds.table(table)
    parts = []
    for row in frame.itertuples():
        key = getattr(row, column)
        fid = ids.rincian(prefix, (key,))
        reg.add(
            fid,
            int(row.jumlah),
            "orang",
            f"Pegawai {what}{key}",
            sources=ds.refs(table, frame[frame[column] == key]),
        )
        parts.append(fid)
    reg.add(
        ids.rincian(prefix, ("total",)),
        0 if ds.is_nihil(table) else sum_of(reg, parts, f"Pegawai {what}".strip()),
        "orang",
        "Jumlah pegawai" + (f" menurut {what.strip()}" if what else ""),
        formula=f"Σ pegawai per {what.strip() or 'jabatan'}",
        substituted=" + ".join(reg.d(i) for i in parts),
        inputs=tuple(parts),
    )


def _pegawai(reg: Registry, ds: Dataset) -> None:
    _staff(reg, ds, "pegawai", "jabatan", "pegawai", "")


def _pegawai_golongan(reg: Registry, ds: Dataset) -> None:
    """Staff by golongan (when the office gives them) and their total."""
    if not ds.table("pegawai_golongan").empty:
        _staff(reg, ds, "pegawai_golongan", "golongan", "pegawai.golongan", "golongan ")


def _fasilitas(reg: Registry, ds: Dataset) -> None:
    fasilitas = ds.table("fasilitas")
    for row in fasilitas.itertuples():
        reg.add(
            f"fasilitas.{slug(row.fasilitas)}",
            int(row.luas_m2),
            "jumlah",
            f"Luas {row.fasilitas} (m²)",
            sources=ds.refs("fasilitas", fasilitas[fasilitas["fasilitas"] == row.fasilitas]),
        )


def _count(reg: Registry, ds: Dataset, table: str, label: str) -> None:
    frame = ds.table(table)
    n = banyaknya(frame)
    reg.add(
        f"{table}.jumlah",
        n.nilai,
        "jumlah",
        label,
        formula=f"hitung(baris {table})",
        substituted=n.teks,
        sources=ds.refs(table),
    )
