"""Lampiran: the Perjanjian Kinerja as the signed document, and the awards.

``dokumen_pk`` writes every page of one PK (perjanjian, lampiran with the
targets and the signed budget, pernyataan) from the office's text
(``pk_naskah``) and the signatories (``pk_penandatangan``, corrected), or the
signed scan from ``data/<tahun>/lampiran/`` when there is one (every page a whole
sheet of the PDF, an image in HTML); a draft marks a retyped PK as such. The ``tabel_*``
functions take a table of the dataset and return a DataFrame with Indonesian
headers; amounts the engine computed (``pk.anggaran.<versi>.<kegiatan>[.t+n]``)
and targets with a figure are passed through ``link``.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable

import pandas as pd

from lkjip import paths
from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.chapters.lampiran.naskah_pk import (
    PIHAK,
    halaman_pk,
    naskah_markdown,
    ttd_markdown,
)
from lkjip.data import lampiran as lampiran_data
from lkjip.data.reading import LINE
from lkjip.data.reads import record
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import TINGKAT_PK
from lkjip.figures import ids
from lkjip.render import dokumen as dok
from lkjip.render.myst import RawMarkdown, code_md, escape_md

#: budget versions in chronological order
VERSI: dict[str, str] = {"awal": "awal", "revisi": "revisi"}
Link = Callable[[str], object]


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


# --- target -------------------------------------------------------------------------


def _present(table: pd.DataFrame, tahun: int, column: str, order: Iterable[str]) -> list[str]:
    """The values of ``column`` in ``tahun``'s rows of ``table``, in ``order``."""
    present = set(table.loc[table["tahun"] == tahun, column])
    return [value for value in order if value in present]


def tingkat_pk(pk_indikator: pd.DataFrame, tahun: int) -> list[str]:
    """The PK levels present in a year, in printed order."""
    return _present(pk_indikator, tahun, "tingkat", TINGKAT_PK)


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
    lalu = (tahun_laporan if tahun_laporan is not None else tahun) - tahun
    records = []
    previous = None
    for row in rows.itertuples():
        first = row.no_sasaran != previous
        previous = row.no_sasaran
        fid = ids.indikator(row.indikator_id, "target", lalu)
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
    return _present(pk_anggaran, tahun, "versi", VERSI)


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
            fid = ids.pk_anggaran(versi, str(row.kegiatan), tahun_laporan - tahun)
            records.append({"Kegiatan": str(row.kegiatan), "Anggaran": link(fid)})
    if records and jumlah:
        total = ids.pk_anggaran(versi, "jumlah", tahun_laporan - tahun)
        records.append({"Kegiatan": "Jumlah", "Anggaran": link(total)})
    return pd.DataFrame(records, columns=["Kegiatan", "Anggaran"])


# --- penghargaan --------------------------------------------------------------------


def tabel_penghargaan(penghargaan: pd.DataFrame) -> pd.DataFrame:
    """Awards: number, name and giver as recorded.

    The ``keterangan`` column (where else the published report names the award, in its
    wording) is a note for the working paper: it stays on the table's data page and is not
    printed in the report.
    """
    rows = penghargaan.sort_values("no")
    return pd.DataFrame(
        {
            "No.": [f"{int(n)}." for n in rows["no"]],
            "Penghargaan": [_teks(v) for v in rows["penghargaan"]],
            "Pemberi": [_teks(v) for v in rows["pemberi"]],
        }
    )


# --- the signed document ------------------------------------------------------------

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
    found, _ = lampiran_data.scan(ctx.ds.data_dir, ctx.tahun, ctx.ds.inputs())
    return found


def pindaian_markdown(scan: lampiran_data.Pindaian) -> str:
    """The scan of a signed PK, in place of the generated pages: a sentence saying so, then
    every page as a whole sheet of the PDF and as an image in HTML."""
    label = f"Perjanjian Kinerja Tahun {scan.tahun}"
    for path in scan.files:
        record("file", paths.display_path(path))
    intro = f"Dokumen {label} yang telah ditandatangani dimuat pada halaman berikut.\n\n"
    staged = f"../{lampiran_data.STAGED}"
    names = [f"{staged}/{p.name}" for p in scan.files]
    if scan.pdf:
        pages = [
            f"{staged}/{lampiran_data.halaman_html(scan.tahun, n)}"
            for n in range(1, scan.halaman() + 1)
        ]
        return intro + dok.pindaian_pdf(names[0], scan.files[0].name, label, pages)
    return intro + dok.pindaian_gambar(names, [p.name for p in scan.files], label)


def catatan_disusun_ulang(ctx: Bab, tahun: int) -> str:
    """A draft's note above a PK retyped from the data: the signed document is not attached
    yet, and where to put its scan. Never in a final build."""
    where = paths.display_path(lampiran_data.folder(ctx.ds.data_dir, ctx.tahun))
    return (
        ":::{admonition} Naskah disusun ulang dari data\n:class: warning\n\n"
        f"Halaman Perjanjian Kinerja Tahun {tahun} berikut disusun ulang dari tabel data "
        "dan tidak memuat tanda tangan: dokumen yang telah ditandatangani belum dilampirkan. "
        f"Untuk melampirkannya, simpan pindaiannya sebagai {code_md(f'{where}/pk-{tahun}.pdf')} "
        f"(atau satu gambar per halaman: {code_md(f'pk-{tahun}-1.png')}, "
        f"{code_md(f'pk-{tahun}-2.png')}, ...; "
        "JPG juga diterima), lalu bangun ulang; halaman pindaian itu menggantikan naskah ini.\n"
        ":::\n"
    )


def dokumen_pk(ctx: Bab, tahun: int) -> str:
    """Every page of the PK of ``tahun`` as MyST, or its scan when one is present (a draft
    marks the retyped pages as such)."""
    scan = pindaian(ctx).get(tahun)
    if scan is not None:
        return pindaian_markdown(scan)
    penandatangan = ctx.ds.table("pk_penandatangan")
    naskah = ctx.ds.table("pk_naskah") if ctx.ds.has("pk_naskah") else None
    pages = []
    for n, dokumen in enumerate(halaman_pk(naskah, penandatangan, tahun)):
        where = ctx.ds.file("pk_naskah") if naskah is not None else ""
        body = [naskah_markdown(naskah, penandatangan, tahun, dokumen, where)]
        if dokumen == "lampiran":
            body.append(isi_lampiran(ctx, tahun))
        body.append(ttd_markdown(penandatangan, tahun, dokumen))
        page = "\n".join(part for part in body if part)
        pages.append(page if n == 0 else dok.HALAMAN_BARU + page)
    if ctx.draft:
        pages.insert(0, catatan_disusun_ulang(ctx, tahun))
    return "\n".join(pages)


mulai = pembuka("lampiran")


def perjanjian_kinerja(ctx: Bab, offset: int) -> None:
    """The PK of the report year + ``offset`` as the signed document."""
    ctx.tampilkan(dokumen_pk(ctx, ctx.tahun + offset))


def penghargaan(ctx: Bab) -> None:
    """The year's awards; none for a year declared nihil (the text above says so)."""
    if ctx.ds.table("penghargaan").empty:
        return
    ctx.tabel(
        tabel_penghargaan(ctx.ds.table("penghargaan")),
        f"Penghargaan yang diterima tahun {ctx.tahun}",
        "tbl-lampiran-penghargaan",
    )
