"""Lampiran: the Perjanjian Kinerja pages and the awards.

The ``tabel_*`` functions take a table of the dataset and return a DataFrame
with Indonesian headers, ready for ``ctx.tabel``; ``para_pihak``,
``target_kinerja`` and ``anggaran`` show one PK year in the notebook. Amounts
that the engine computed (``pk.anggaran.<versi>.<kegiatan>[.t+n]``) are passed
through ``link`` so the cells link to their calculation; text is kept exactly
as printed.
"""

from __future__ import annotations

from collections.abc import Callable, Container

import pandas as pd

from lkjip.chapters.konteks import Bab, pembuka
from lkjip.data.reading import LINE
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import TINGKAT_PK
from lkjip.domain.teks import slug
from lkjip.render.myst import RawMarkdown, escape_md

#: budget versions in chronological order
VERSI: dict[str, str] = {"awal": "awal", "revisi": "revisi"}
PIHAK: dict[str, str] = {"pertama": "Pihak Pertama", "kedua": "Pihak Kedua"}
#: PK pages on which signatures are printed -> how the page is named in the text
DOKUMEN: dict[str, str] = {
    "perjanjian": "halaman perjanjian",
    "lampiran": "halaman lampiran (target dan anggaran)",
    "pernyataan": "halaman pernyataan",
}

Link = Callable[[str], object]


def akhiran(tahun: int, tahun_laporan: int) -> str:
    """Figure-id suffix of a PK year: same year ``""``, next year ``".t+1"``."""
    offset = int(tahun) - int(tahun_laporan)
    if offset == 0:
        return ""
    return f".t+{offset}" if offset > 0 else f".t{offset}"


def tahun_pk(*tables: pd.DataFrame) -> list[int]:
    """The PK years present in any of the given tables, ascending."""
    years: set[int] = set()
    for table in tables:
        years.update(int(t) for t in table["tahun"].unique())
    return sorted(years)


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(LINE, kind="stable") if LINE in frame else frame


def _teks(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


# --- para pihak ---------------------------------------------------------------------


def tabel_pihak(
    pk_penandatangan: pd.DataFrame, tahun: int, dokumen: str = "perjanjian"
) -> pd.DataFrame:
    """Pihak pertama and kedua of a PK page: nama, jabatan, NIP as printed."""
    rows = pk_penandatangan[
        (pk_penandatangan["tahun"] == tahun) & (pk_penandatangan["dokumen"] == dokumen)
    ]
    rows = rows.assign(_urut=rows["pihak"].map(list(PIHAK).index)).sort_values("_urut")
    return pd.DataFrame(
        {
            "Pihak": [PIHAK[p] for p in rows["pihak"]],
            "Nama": [_teks(v) for v in rows["nama"]],
            "Jabatan": [_teks(v) for v in rows["jabatan"]],
            "NIP": [_teks(v) for v in rows["nip"]],
        }
    )


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


def perbedaan_cetak(pk_penandatangan: pd.DataFrame, tahun: int) -> list[str]:
    """Where another page of the PK prints a signatory's nama or NIP differently.

    The perjanjian page is the reference; each difference is one sentence.
    """
    rows = pk_penandatangan[pk_penandatangan["tahun"] == tahun]
    acuan = rows[rows["dokumen"] == "perjanjian"].set_index("pihak")
    out: list[str] = []
    for dokumen in DOKUMEN:
        if dokumen == "perjanjian":
            continue
        page = rows[rows["dokumen"] == dokumen]
        for pihak in PIHAK:
            one = page[page["pihak"] == pihak]
            if one.empty or pihak not in acuan.index:
                continue
            row, ref = one.iloc[0], acuan.loc[pihak]
            diffs = []
            for kolom, nama in (("nama", "nama"), ("nip", "NIP")):
                if _teks(row[kolom]) != _teks(ref[kolom]):
                    diffs.append(
                        f"{nama} dicetak “{_teks(row[kolom])}” "
                        f"(halaman perjanjian: “{_teks(ref[kolom])}”)"
                    )
            if diffs:
                out.append(f"{DOKUMEN[dokumen].capitalize()}, {PIHAK[pihak]}: {'; '.join(diffs)}")
    return out


# --- target -------------------------------------------------------------------------


def tingkat_pk(pk_indikator: pd.DataFrame, tahun: int) -> list[str]:
    """The PK levels present in a year, in printed order."""
    present = set(pk_indikator.loc[pk_indikator["tahun"] == tahun, "tingkat"])
    return [t for t in TINGKAT_PK if t in present]


def tabel_target(
    pk_indikator: pd.DataFrame,
    tahun: int,
    tingkat: str,
    *,
    tahun_laporan: int | None = None,
    link: Link | None = None,
    tersedia: Container[str] = (),
) -> pd.DataFrame:
    """The target table of one PK level, laid out as printed (sasaran once per group).

    A target is linked (``link(id)``) when its figure ``<indikator_id>.target<akhiran>``
    is in ``tersedia``; otherwise it is formatted from the data.
    """
    sasaran_h, indikator_h = TINGKAT_PK[tingkat]
    rows = _ordered(
        pk_indikator[(pk_indikator["tahun"] == tahun) & (pk_indikator["tingkat"] == tingkat)]
    ).sort_values("no_sasaran", kind="stable")
    sfx = akhiran(tahun, tahun_laporan if tahun_laporan is not None else tahun)
    records = []
    previous = None
    for row in rows.itertuples():
        first = row.no_sasaran != previous
        previous = row.no_sasaran
        fid = f"{row.indikator_id}.target{sfx}"
        target: object = fmt.target(row.target, str(row.satuan))
        if link is not None and fid in tersedia:
            target = link(fid)
        records.append(
            {
                "No.": f"{int(row.no_sasaran)}." if first else "",
                sasaran_h: str(row.sasaran) if first else "",
                indikator_h: str(row.indikator),
                "Target": target,
                "Satuan": str(row.satuan),
            }
        )
    return pd.DataFrame(records, columns=["No.", sasaran_h, indikator_h, "Target", "Satuan"])


# --- anggaran -----------------------------------------------------------------------


def versi_anggaran(pk_anggaran: pd.DataFrame, tahun: int) -> list[str]:
    """The budget versions of a PK year, initial first."""
    present = set(pk_anggaran.loc[pk_anggaran["tahun"] == tahun, "versi"])
    return [v for v in VERSI if v in present]


def id_anggaran(kegiatan: str, versi: str, tahun: int, tahun_laporan: int) -> str:
    """The figure id of a kegiatan's PK budget: ``pk.anggaran.<versi>.<slug>[.t+n]``."""
    return f"pk.anggaran.{versi}.{slug(kegiatan)}{akhiran(tahun, tahun_laporan)}"


def tabel_anggaran(
    pk_anggaran: pd.DataFrame, tahun: int, versi: str, tahun_laporan: int, link: Link
) -> pd.DataFrame:
    """Program headings, kegiatan with their linked budget, and the linked total."""
    rows = _ordered(pk_anggaran[(pk_anggaran["tahun"] == tahun) & (pk_anggaran["versi"] == versi)])
    records: list[dict[str, object]] = []
    for program, group in rows.groupby("program", sort=False):
        records.append({"Kegiatan": RawMarkdown(f"**{escape_md(str(program))}**"), "Anggaran": ""})
        for row in group.itertuples():
            fid = id_anggaran(str(row.kegiatan), versi, tahun, tahun_laporan)
            records.append({"Kegiatan": str(row.kegiatan), "Anggaran": link(fid)})
    if records:
        total = f"pk.anggaran.{versi}.jumlah{akhiran(tahun, tahun_laporan)}"
        records.append({"Kegiatan": "Jumlah", "Anggaran": link(total)})
    return pd.DataFrame(records, columns=["Kegiatan", "Anggaran"])


# --- penghargaan --------------------------------------------------------------------


def tabel_penghargaan(penghargaan: pd.DataFrame) -> pd.DataFrame:
    """Awards: number, name, giver and remark as recorded."""
    rows = penghargaan.sort_values("no")
    return pd.DataFrame(
        {
            "No.": [f"{int(n)}." for n in rows["no"]],
            "Penghargaan": [_teks(v) for v in rows["penghargaan"]],
            "Pemberi": [_teks(v) for v in rows["pemberi"]],
            "Keterangan": [_teks(v) for v in rows["keterangan"]],
        }
    )


mulai = pembuka("lampiran")


def _kosong(ctx: Bab, apa: str, tahun: int) -> None:
    ctx.tampilkan(f"_(data {apa} Perjanjian Kinerja tahun {tahun} tidak tersedia)_")


def para_pihak(ctx: Bab, offset: int) -> None:
    """The parties of the PK of the report year + ``offset``: who, where and when they
    signed, and where another page of the document prints a name or NIP differently."""
    tahun = ctx.tahun + offset
    penandatangan = ctx.ds.table("pk_penandatangan")
    frame = tabel_pihak(penandatangan, tahun)
    if frame.empty:
        return _kosong(ctx, "penandatangan", tahun)
    ctx.tabel(
        frame, f"Para pihak Perjanjian Kinerja Tahun {tahun}", f"tbl-lampiran-pk-pihak-t{offset}"
    )
    tempat = escape_md(tempat_tanggal(penandatangan, tahun))
    ctx.tampilkan(f"Perjanjian ditandatangani kedua pihak di {tempat}.")
    beda = perbedaan_cetak(penandatangan, tahun)
    if beda:
        ctx.tampilkan("Pada halaman lain dokumen yang sama, nama atau NIP tercetak berbeda:")
        ctx.daftar(beda)


def target_kinerja(ctx: Bab, offset: int) -> None:
    """The targets of the PK of the report year + ``offset``, one table per level."""
    tahun = ctx.tahun + offset
    pk_indikator = ctx.ds.table("pk_indikator")
    tingkat = tingkat_pk(pk_indikator, tahun)
    if not tingkat:
        return _kosong(ctx, "target", tahun)
    for t in tingkat:
        sasaran, indikator = TINGKAT_PK[t]
        frame = tabel_target(
            pk_indikator, tahun, t, tahun_laporan=ctx.tahun, link=ctx.link, tersedia=ctx.reg
        )
        ctx.tabel(
            frame,
            f"{sasaran} dan {indikator}, Perjanjian Kinerja Tahun {tahun}",
            f"tbl-lampiran-pk-{t.replace('_', '-')}-t{offset}",
            kanan=("Target",),
        )


def anggaran(ctx: Bab, offset: int) -> None:
    """The budget of the PK of the report year + ``offset``, one table per version."""
    tahun = ctx.tahun + offset
    pk_anggaran = ctx.ds.table("pk_anggaran")
    versi = versi_anggaran(pk_anggaran, tahun)
    if not versi:
        return _kosong(ctx, "anggaran", tahun)
    for v in versi:
        frame = tabel_anggaran(pk_anggaran, tahun, v, ctx.tahun, ctx.link)
        ctx.tabel(
            frame,
            f"Anggaran Perjanjian Kinerja Tahun {tahun} (versi {v})",
            f"tbl-lampiran-pk-anggaran-{v}-t{offset}",
            kanan=("Anggaran",),
            tebal_terakhir=True,
        )


def penghargaan(ctx: Bab) -> None:
    ctx.tabel(
        tabel_penghargaan(ctx.ds.table("penghargaan")),
        f"Penghargaan yang diterima tahun {ctx.tahun}",
        "tbl-lampiran-penghargaan",
    )
