"""BAB II Perencanaan Kinerja: the Renstra, the tata nilai, the Perjanjian Kinerja and the pagu.

The ``tabel_*``, ``komposisi_pagu`` and ``data_grafik_pagu`` functions take the
validated tables of a year and return a DataFrame with Indonesian column
headers, ready for ``Bab.tabel``; the functions at the end show them in the
notebook. Cells holding a
figure of the registry are produced by ``tautan`` (a function from figure id
to table cell, in the notebook ``ctx.link``), so the numbers stay linked to
their calculations; figure ids follow :mod:`lkjip.figures.anggaran`.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd

from lkjip.chapters.bab2_perencanaan.renstra import (  # noqa: F401 (the notebook's calls)
    arah_renstra,
    restrukturisasi,
)
from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import TINGKAT_KANTOR, TINGKAT_PK
from lkjip.errors import IncompleteData
from lkjip.figures import ids
from lkjip.render import charts
from lkjip.render.myst import escape_md

#: a table cell for a figure id (``ctx.link`` in a notebook)
Tautan = Callable[[str], str]

#: headers of the pagu composition per dimension
KOLOM_PAGU: dict[str, str] = {
    "sumber_alokasi": "Sumber Alokasi",
    "jenis_belanja": "Jenis Belanja",
    "sumber_dana": "Sumber Dana",
}


# --- Renstra ----------------------------------------------------------------------


def periode_renstra(renstra: pd.DataFrame, tahun: int) -> tuple[int, int]:
    """The Renstra period (first year, last year) that contains ``tahun``."""
    periods = renstra[["periode_awal", "periode_akhir"]].drop_duplicates()
    hit = periods[(periods["periode_awal"] <= tahun) & (tahun <= periods["periode_akhir"])]
    if len(hit) != 1:
        raise IncompleteData(
            f"harus tepat satu periode Renstra yang mencakup tahun {tahun}, ditemukan {len(hit)}"
        )
    return int(hit["periode_awal"].iloc[0]), int(hit["periode_akhir"].iloc[0])


def teks_periode(periode: tuple[int, int]) -> str:
    """``(2020, 2024)`` -> ``2020–2024``."""
    return f"{periode[0]}–{periode[1]}"


def pernyataan(renstra: pd.DataFrame, periode: tuple[int, int], jenis: str) -> list[str]:
    """The statements of one kind (``visi``, ``misi``, ``tujuan``...) of a period, in order."""
    rows = renstra[
        (renstra["periode_awal"] == periode[0])
        & (renstra["periode_akhir"] == periode[1])
        & (renstra["jenis"] == jenis)
    ].sort_values("no", kind="stable")
    if rows.empty:
        raise IncompleteData(f"Renstra {teks_periode(periode)} tidak memuat {jenis}")
    return [str(text) for text in rows["uraian"]]


def tabel_sasaran_strategis(renstra: pd.DataFrame, periode: tuple[int, int]) -> pd.DataFrame:
    """Kode, Sasaran Strategis, Indikator of the Renstra's sasaran strategis."""
    rows = renstra[
        (renstra["periode_awal"] == periode[0])
        & (renstra["periode_akhir"] == periode[1])
        & (renstra["jenis"] == "sasaran_strategis")
    ].sort_values("no", kind="stable")
    if rows.empty:
        raise IncompleteData(f"Renstra {teks_periode(periode)} tidak memuat sasaran strategis")
    return pd.DataFrame(
        {
            "Kode": rows["kode"].fillna("").astype(str).to_list(),
            "Sasaran Strategis": rows["uraian"].astype(str).to_list(),
            "Indikator": rows["indikator"].fillna("").astype(str).to_list(),
        }
    )


def tabel_tata_nilai(tata_nilai: pd.DataFrame, nama: str, kolom_butir: str) -> pd.DataFrame:
    """One row per butir of the tata nilai ``nama``; No and Nilai only on a value's first row."""
    rows = tata_nilai[tata_nilai["tata_nilai"] == nama].sort_values(["no", "butir"], kind="stable")
    if rows.empty:
        raise IncompleteData(f"tata nilai {nama} tidak ada")
    records = []
    previous = None
    for row in rows.itertuples():
        first = row.no != previous
        previous = row.no
        records.append(
            {
                "No": str(row.no) if first else "",
                "Nilai": str(row.nilai) if first else "",
                kolom_butir: str(row.uraian),
            }
        )
    return pd.DataFrame(records, columns=["No", "Nilai", kolom_butir])


def akronim(tata_nilai: pd.DataFrame, nama: str) -> list[str]:
    """The values of a tata nilai in order (``Berorientasi Pelayanan``, ``Akuntabel``, ...)."""
    rows = tata_nilai[tata_nilai["tata_nilai"] == nama].drop_duplicates("no").sort_values("no")
    return [str(v) for v in rows["nilai"]]


# --- Perjanjian Kinerja -------------------------------------------------------------


def tabel_pk(
    pk: pd.DataFrame,
    tahun: int,
    tingkat: str,
    tautan: Callable[[str], str | None] | None = None,
) -> pd.DataFrame:
    """The PK table of one level: No, sasaran, indikator, Target, Satuan.

    A sasaran with several indicators shows its number and text on its first row
    only, as the printed PK does. ``tautan(indikator_id)`` may return a linked cell
    for the target (``None`` keeps the formatted value).
    """
    if tingkat not in TINGKAT_PK:
        raise ValueError(f"tingkat PK tidak dikenal: {tingkat}")
    col_sasaran, col_indikator = TINGKAT_PK[tingkat]
    rows = pk[(pk["tahun"] == tahun) & (pk["tingkat"] == tingkat)]
    if rows.empty and tingkat == TINGKAT_KANTOR:  # the office's own level must be there
        raise IncompleteData(f"PK tahun {tahun} tidak memuat {tingkat}")
    # a PK may omit the upper levels (the 2024 PK lists sasaran kegiatan only): empty table
    rows = rows.sort_values("no_sasaran", kind="stable")
    records = []
    previous = None
    for row in rows.itertuples():
        first = row.no_sasaran != previous
        previous = row.no_sasaran
        linked = tautan(str(row.indikator_id)) if tautan else None
        records.append(
            {
                "No": str(row.no_sasaran) if first else "",
                col_sasaran: str(row.sasaran) if first else "",
                col_indikator: str(row.indikator),
                "Target": linked if linked is not None else fmt.target(row.target, row.satuan),
                "Satuan": str(row.satuan),
            }
        )
    return pd.DataFrame(records, columns=["No", col_sasaran, col_indikator, "Target", "Satuan"])


def tabel_pk_anggaran(
    pk_anggaran: pd.DataFrame, tahun: int, versi: str, tautan: Tautan, *, offset: int = 0
) -> pd.DataFrame:
    """Program, Kegiatan, Anggaran (linked) of one PK version, and a total row ``Jumlah``.

    ``offset`` is the PK year minus the report year (0 for the report year), as in the
    figure ids.
    """
    rows = pk_anggaran[(pk_anggaran["tahun"] == tahun) & (pk_anggaran["versi"] == versi)]
    if rows.empty:
        raise IncompleteData(f"anggaran PK tahun {tahun} versi {versi} tidak ada")
    records = [
        {
            "Program": str(row.program),
            "Kegiatan": str(row.kegiatan),
            "Anggaran": tautan(ids.pk_anggaran(versi, row.kegiatan, -offset)),
        }
        for row in rows.itertuples()
    ]
    total = ids.pk_anggaran(versi, "jumlah", -offset)
    records.append({"Program": "Jumlah", "Kegiatan": "", "Anggaran": tautan(total)})
    return pd.DataFrame(records, columns=["Program", "Kegiatan", "Anggaran"])


# --- pagu composition -----------------------------------------------------------------


def komposisi_pagu(pagu: pd.DataFrame, tahun: int, dimensi: str) -> pd.DataFrame:
    """``kategori``, ``pagu`` (Rupiah, integer) and ``id`` of one dimension, in printed order."""
    rows = pagu[(pagu["tahun"] == tahun) & (pagu["dimensi"] == dimensi)]
    if rows.empty:
        raise IncompleteData(f"komposisi pagu tahun {tahun} menurut {dimensi} tidak ada")
    return pd.DataFrame(
        {
            "kategori": rows["kategori"].astype(str).to_list(),
            "pagu": [int(v) for v in rows["pagu"]],
            "id": [ids.pagu(dimensi, k) for k in rows["kategori"]],
        }
    )


def tabel_pagu(pagu: pd.DataFrame, tahun: int, dimensi: str, tautan: Tautan) -> pd.DataFrame:
    """One dimension of the pagu as a table (linked amounts) with the row ``Jumlah``."""
    parts = komposisi_pagu(pagu, tahun, dimensi)
    header = KOLOM_PAGU.get(dimensi, dimensi.replace("_", " ").title())
    records = [
        {header: k, "Pagu": tautan(i)} for k, i in zip(parts["kategori"], parts["id"], strict=True)
    ]
    records.append({header: "Jumlah", "Pagu": tautan(ids.pagu(dimensi, "jumlah"))})
    return pd.DataFrame(records, columns=[header, "Pagu"])


def data_grafik_pagu(pagu: pd.DataFrame, tahun: int, dimensi: list[str]) -> pd.DataFrame:
    """Long frame for the pagu chart: ``dimensi`` (header text), ``kategori``, ``pagu``."""
    frames = []
    for name in dimensi:
        part = komposisi_pagu(pagu, tahun, name)[["kategori", "pagu"]]
        part.insert(0, "dimensi", KOLOM_PAGU.get(name, name))
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


# --- the notebook's sections ------------------------------------------------------

#: regulations whose title starts so are the technical guidance for the PK
JUKNIS_PK = "Petunjuk Teknis Perjanjian Kinerja"


def _periode(ctx: Bab) -> tuple[int, int]:
    return periode_renstra(ctx.ds.table("renstra_pernyataan"), ctx.tahun)


def acuan_pk(dasar_hukum: pd.DataFrame) -> str:
    """``Menurut <regulation> tentang <title>,`` for the PK's technical guidance, or ``""``."""
    juknis = dasar_hukum[dasar_hukum["tentang"].str.startswith(JUKNIS_PK)]
    acuan = "; ".join(f"{r.peraturan} tentang {r.tentang}" for r in juknis.itertuples())
    return f"Menurut {acuan}," if acuan else ""


def teks_bab(ctx: Bab) -> dict[str, str]:
    """Text facts of this chapter: the Renstra period and the PK's guidance."""
    return {
        "periode_renstra": teks_periode(_periode(ctx)),
        "acuan_pk": acuan_pk(ctx.ds.table("dasar_hukum")),
    }


mulai = pembuka("bab2_perencanaan", teks_bab)


def visi(ctx: Bab) -> None:
    renstra = ctx.ds.table("renstra_pernyataan")
    ctx.tampilkan(
        "\n\n".join(f"> **{escape_md(v)}**" for v in pernyataan(renstra, _periode(ctx), "visi"))
    )


def daftar_renstra(ctx: Bab, jenis: str) -> None:
    """The Renstra's statements of one kind (``misi``, ``tujuan``), numbered."""
    renstra = ctx.ds.table("renstra_pernyataan")
    ctx.daftar(pernyataan(renstra, _periode(ctx), jenis), bernomor=True)


def tampilkan_renstra_sasaran(ctx: Bab) -> None:
    renstra = ctx.ds.table("renstra_pernyataan")
    ctx.tabel(
        tabel_sasaran_strategis(renstra, _periode(ctx)),
        f"Sasaran strategis yang diampu {ctx.teks()['unit_eselon_i']}",
        "tbl-bab2-sasaran-strategis",
    )


def tampilkan_nilai(ctx: Bab, nama: str, kolom_butir: str, judul: str, label: str) -> None:
    """One tata nilai (BerAKHLAK, PASTI) with its points."""
    ctx.tabel(tabel_tata_nilai(ctx.ds.table("tata_nilai"), nama, kolom_butir), judul, label)


def daftar_upaya(ctx: Bab) -> None:
    ctx.daftar(ctx.ds.table("upaya").sort_values("no")["uraian"], bernomor=True)


def tampilkan_pk_tingkat(ctx: Bab, tingkat: str) -> None:
    """The PK of the year at one level; the office's own targets are linked figures."""

    def tautan_target(indikator_id: str) -> str | None:
        figure_id = ids.indikator(indikator_id, "target")
        return ctx.link(figure_id) if figure_id in ctx.reg else None

    sasaran, indikator = TINGKAT_PK[tingkat]
    ctx.tabel(
        tabel_pk(
            ctx.ds.table("pk_indikator"),
            ctx.tahun,
            tingkat,
            tautan=tautan_target if tingkat == TINGKAT_KANTOR else None,
        ),
        f"Perjanjian Kinerja tahun {ctx.tahun}: {sasaran.lower()} dan {indikator.lower()}",
        f"tbl-bab2-pk-{tingkat.removeprefix('sasaran_')}",
        kanan=["Target"],
    )


def tampilkan_anggaran_pk(ctx: Bab) -> None:
    """The PK budget of the year as revised (the signed one when it was not revised), and
    the calculation of its total."""
    versi = "revisi" if "pk.anggaran.revisi.jumlah" in ctx.reg else "awal"
    ctx.tabel(
        tabel_pk_anggaran(ctx.ds.table("pk_anggaran"), ctx.tahun, versi, ctx.link),
        f"Anggaran Perjanjian Kinerja tahun {ctx.tahun}"
        + (" (revisi)" if versi == "revisi" else ""),
        "tbl-bab2-pk-anggaran",
        kanan=["Anggaran"],
        tebal_terakhir=True,
    )
    ctx.hitung(ids.pk_anggaran(versi, "jumlah"))


#: table labels of the pagu composition per dimension
_LABEL_PAGU = {"sumber_alokasi": "alokasi", "jenis_belanja": "jenis", "sumber_dana": "sumber"}


def tampilkan_komposisi_pagu(ctx: Bab, dimensi: str) -> None:
    """The pagu of the year by one dimension (linked amounts, total row)."""
    ctx.tabel(
        tabel_pagu(ctx.ds.table("pagu_komposisi"), ctx.tahun, dimensi, ctx.link),
        f"Pagu anggaran tahun {ctx.tahun} menurut {KOLOM_PAGU[dimensi].lower()}",
        f"tbl-bab2-pagu-{_LABEL_PAGU[dimensi]}",
        kanan=["Pagu"],
        tebal_terakhir=True,
    )


def grafik_pagu(ctx: Bab) -> None:
    """The pagu by jenis belanja and by sumber dana, one bar panel each."""
    th = ctx.tahun
    data_pagu = data_grafik_pagu(
        ctx.ds.table("pagu_komposisi"), th, ["jenis_belanja", "sumber_dana"]
    )
    kelompok = list(data_pagu["dimensi"].unique())
    dasar = alt.Chart().encode(
        y=alt.Y("kategori:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("pagu:Q", title="Pagu (Rp)", axis=alt.Axis(format=",.0f")),
    )
    batang = dasar.mark_bar().encode(
        color=alt.Color(
            "dimensi:N",
            scale=alt.Scale(domain=kelompok, range=charts.PALET[: len(kelompok)]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("dimensi:N", title="Kelompok"),
            alt.Tooltip("kategori:N", title="Rincian"),
            alt.Tooltip("pagu:Q", title="Pagu (Rp)", format=",.0f"),
        ],
    )
    label = dasar.mark_text(align="left", baseline="middle", dx=3, fontSize=11).encode(
        text=alt.Text("pagu:Q", format=",.0f")
    )
    chart_pagu = (
        alt.layer(batang, label, data=data_pagu)
        .properties(width=330)
        .facet(
            row=alt.Row(
                "dimensi:N",
                title=None,
                sort=kelompok,
                header=alt.Header(
                    labelAngle=0,
                    labelOrient="top",
                    labelAnchor="start",
                    labelFontWeight="bold",
                    labelFontSize=12,
                    labelExpr="'Menurut ' + lower(datum.value)",
                ),
            )
        )
        .resolve_scale(y="independent")
    )
    ctx.grafik(
        chart_pagu,
        "bab2-pagu",
        data=pd.DataFrame(
            {
                "Kelompok": data_pagu["dimensi"],
                "Rincian": data_pagu["kategori"],
                "Pagu": [fmt.rupiah(v) for v in data_pagu["pagu"]],
            }
        ),
        judul_data=f"Data: pagu anggaran tahun {th} menurut jenis belanja dan sumber dana",
    )
