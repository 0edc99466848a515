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

from lkjip import paths
from lkjip.chapters.konteks import Bab, pembuka
from lkjip.data import lampiran as lampiran_data
from lkjip.data.reading import LINE
from lkjip.data.reads import record
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import TINGKAT_PK
from lkjip.domain.teks import slug
from lkjip.render import dokumen as dok
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
    dokumen: bool = False,
) -> pd.DataFrame:
    """The target table of one PK level, laid out as printed (sasaran once per group).

    A target is linked (``link(id)``) when its figure ``<indikator_id>.target<akhiran>``
    is in ``tersedia``; otherwise it is formatted from the data. ``dokumen``: as in the
    signed document, the unit in the Target cell (``3,25 (Indeks)``), no Satuan column.
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
        if dokumen:
            shown = target if isinstance(target, RawMarkdown) else escape_md(str(target))
            target = RawMarkdown(f"{shown} ({escape_md(str(row.satuan))})")
        records.append(
            {
                "No.": f"{int(row.no_sasaran)}." if first else "",
                sasaran_h: str(row.sasaran) if first else "",
                indikator_h: str(row.indikator),
                "Target": target,
                "Satuan": str(row.satuan),
            }
        )
    columns = ["No.", sasaran_h, indikator_h, "Target", *([] if dokumen else ["Satuan"])]
    return pd.DataFrame(records, columns=["No.", sasaran_h, indikator_h, "Target", "Satuan"])[
        columns
    ]


# --- anggaran -----------------------------------------------------------------------


def versi_anggaran(pk_anggaran: pd.DataFrame, tahun: int) -> list[str]:
    """The budget versions of a PK year, initial first."""
    present = set(pk_anggaran.loc[pk_anggaran["tahun"] == tahun, "versi"])
    return [v for v in VERSI if v in present]


def id_anggaran(kegiatan: str, versi: str, tahun: int, tahun_laporan: int) -> str:
    """The figure id of a kegiatan's PK budget: ``pk.anggaran.<versi>.<slug>[.t+n]``."""
    return f"pk.anggaran.{versi}.{slug(kegiatan)}{akhiran(tahun, tahun_laporan)}"


def tabel_anggaran(
    pk_anggaran: pd.DataFrame,
    tahun: int,
    versi: str,
    tahun_laporan: int,
    link: Link,
    *,
    jumlah: bool = True,
) -> pd.DataFrame:
    """Program headings, kegiatan with their linked budget, and (``jumlah``) the linked
    total."""
    rows = _ordered(pk_anggaran[(pk_anggaran["tahun"] == tahun) & (pk_anggaran["versi"] == versi)])
    records: list[dict[str, object]] = []
    for program, group in rows.groupby("program", sort=False):
        records.append({"Kegiatan": RawMarkdown(f"**{escape_md(str(program))}**"), "Anggaran": ""})
        for row in group.itertuples():
            fid = id_anggaran(str(row.kegiatan), versi, tahun, tahun_laporan)
            records.append({"Kegiatan": str(row.kegiatan), "Anggaran": link(fid)})
    if records and jumlah:
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


# --- the signed document ------------------------------------------------------------

#: placeholders a statement text may hold, filled from the signatories of its page
ISIAN = (
    "tahun",
    "nama_pertama",
    "jabatan_pertama",
    "nip_pertama",
    "nama_kedua",
    "jabatan_kedua",
    "nip_kedua",
    "tempat",
    "tanggal",
)


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


class _Isian(dict):
    def __missing__(self, key: str) -> str:
        raise ValueError(
            f"isian {{{key}}} pada naskah Perjanjian Kinerja tidak dikenal; "
            f"yang dikenal: {', '.join('{' + k + '}' for k in ISIAN)}"
        )


def isi(teks: str, values: dict[str, str]) -> str:
    """``teks`` with its placeholders filled (an unknown one is an error)."""
    return teks.format_map(_Isian({k: v for k, v in values.items() if k in ISIAN}))


def naskah_markdown(
    pk_naskah: pd.DataFrame | None, pk_penandatangan: pd.DataFrame, tahun: int, dokumen: str
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
            title.append(isi(_teks(row.teks), values).upper())
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
            parts.append(dok.paragraf(isi(_teks(row.teks), values)))
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


#: LaTeX column specs of the document's tables (wrapping columns, relative widths)
LEBAR_TARGET = "\\X{1}{16}\\X{5}{16}\\X{6}{16}\\X{4}{16}"
LEBAR_ANGGARAN = "\\X{3}{4}\\X{1}{4}"


def isi_lampiran(ctx: Bab, tahun: int) -> str:
    """The targets (one table per level) and the signed budget of a PK year."""
    parts: list[str] = []
    pk_indikator = ctx.ds.table("pk_indikator")
    for t in tingkat_pk(pk_indikator, tahun):
        frame = tabel_target(
            pk_indikator,
            tahun,
            t,
            tahun_laporan=ctx.tahun,
            link=ctx.link,
            tersedia=ctx.reg,
            dokumen=True,
        )
        parts.append(dok.tabel(frame, kanan=("Target",), lebar=LEBAR_TARGET))
    pk_anggaran = ctx.ds.table("pk_anggaran")
    versi = versi_anggaran(pk_anggaran, tahun)
    if versi:  # the document signed at the start of the year carries the initial budget
        frame = tabel_anggaran(pk_anggaran, tahun, versi[0], ctx.tahun, ctx.link, jumlah=False)
        parts.append(dok.tabel(frame, kanan=("Anggaran",), lebar=LEBAR_ANGGARAN))
    return "\n".join(parts)


def pindaian(ctx: Bab) -> dict[int, lampiran_data.Pindaian]:
    """The scans of signed PKs in ``data/<tahun>/lampiran/`` (validated with the data)."""
    found, _ = lampiran_data.scan(ctx.ds.data_dir, ctx.tahun)
    return found


def pindaian_markdown(scan: lampiran_data.Pindaian) -> str:
    """The scan of a signed PK, in place of the generated pages."""
    label = f"Perjanjian Kinerja Tahun {scan.tahun}"
    for path in scan.files:
        record("file", paths.display_path(path))
    names = [f"../{lampiran_data.STAGED}/{p.name}" for p in scan.files]
    if scan.pdf:
        return dok.HALAMAN_BARU + dok.pindaian_pdf(names[0], scan.files[0].name, label)
    return dok.pindaian_gambar(names, label)


def dokumen_pk(ctx: Bab, tahun: int) -> str:
    """Every page of the PK of ``tahun`` as MyST, or its scan when one is present."""
    scan = pindaian(ctx).get(tahun)
    if scan is not None:
        return pindaian_markdown(scan)
    penandatangan = ctx.ds.table("pk_penandatangan")
    naskah = ctx.ds.table("pk_naskah") if ctx.ds.has("pk_naskah") else None
    pages = []
    for n, dokumen in enumerate(halaman_pk(naskah, penandatangan, tahun)):
        body = [naskah_markdown(naskah, penandatangan, tahun, dokumen)]
        if dokumen == "lampiran":
            body.append(isi_lampiran(ctx, tahun))
        body.append(ttd_markdown(penandatangan, tahun, dokumen))
        page = "\n".join(part for part in body if part)
        pages.append(page if n == 0 else dok.HALAMAN_BARU + page)
    return "\n".join(pages)


mulai = pembuka("lampiran")


def perjanjian_kinerja(ctx: Bab, offset: int) -> None:
    """The PK of the report year + ``offset`` as the signed document."""
    ctx.tampilkan(dokumen_pk(ctx, ctx.tahun + offset))


def penghargaan(ctx: Bab) -> None:
    ctx.tabel(
        tabel_penghargaan(ctx.ds.table("penghargaan")),
        f"Penghargaan yang diterima tahun {ctx.tahun}",
        "tbl-lampiran-penghargaan",
    )
