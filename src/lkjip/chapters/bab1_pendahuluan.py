"""BAB I Pendahuluan: the office, its tasks, organisation, staff, area and strategy.

Every table and list is drawn from the year's data; the notebook only places
them between its paragraphs.
"""

from __future__ import annotations

import pandas as pd

from lkjip.chapters.gambar import tampilkan_gambar
from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.chapters.tidak_disajikan import catatan_pengganti
from lkjip.chapters.uraian import tampilkan_narasi
from lkjip.domain import formatting as fmt
from lkjip.figures import ids
from lkjip.render import charts, org_chart
from lkjip.render.myst import escape_md


def teks_bab(ctx: Bab) -> dict[str, str]:
    """Text facts of this chapter: the regulations that set the working area."""
    wilayah = ctx.ds.table("wilayah_kerja")
    return {"dasar_wilayah_kerja": "; ".join(str(d) for d in wilayah["dasar"].dropna().unique())}


mulai = pembuka("bab1_pendahuluan", teks_bab)


def _teks_opsional(utama: object, tambahan: object, pemisah: str) -> str:
    """``utama`` followed by ``tambahan`` when there is one (``Bandung (kota)``)."""
    if pd.isna(tambahan) or not str(tambahan):
        return str(utama)
    return pemisah.format(utama, tambahan)


def riwayat(ctx: Bab) -> None:
    """The office's own history in words (table ``narasi``, section ``bab1.riwayat``)."""
    tampilkan_narasi(ctx, "bab1.riwayat")


def fasilitas(ctx: Bab) -> None:
    """The office's buildings and facilities in words (section ``bab1.fasilitas``)."""
    tampilkan_narasi(ctx, "bab1.fasilitas")


def pengantar_unit_layanan(ctx: Bab) -> None:
    """Why and with whom the office opened service points (section ``bab1.unit_layanan``)."""
    tampilkan_narasi(ctx, "bab1.unit_layanan")


def tampilkan_sejarah(ctx: Bab) -> None:
    sejarah = ctx.ds.table("sejarah").sort_values("urutan")
    ctx.tabel(
        pd.DataFrame(
            {
                "Tahun": sejarah["tahun_peristiwa"].astype(str),
                "Tanggal": [
                    "" if pd.isna(t) else fmt.tanggal(str(t)[:10]) for t in sejarah["tanggal"]
                ],
                "Peristiwa": sejarah["peristiwa"],
            }
        ),
        f"Riwayat singkat {ctx.teks()['satker']}",
        "tbl-bab1-sejarah",
    )


def tampilkan_dasar_hukum(ctx: Bab) -> None:
    hukum = ctx.ds.table("dasar_hukum").sort_values("urutan")
    ctx.tabel(
        pd.DataFrame(
            {
                "No": hukum["urutan"].astype(str),
                "Peraturan": hukum["peraturan"],
                "Tentang": hukum["tentang"],
            }
        ),
        "Dasar hukum",
        "tbl-bab1-dasar-hukum",
    )


def daftar_tugas_fungsi(ctx: Bab) -> None:
    ctx.daftar(ctx.ds.table("tugas_fungsi").sort_values("no")["uraian"], bernomor=True)


def uraian_unit(ctx: Bab) -> None:
    """Each unit with its tugas and fungsi."""
    units = ctx.ds.table("unit_organisasi")
    ctx.tampilkan(org_chart.uraian_unit(units, ctx.ds.table("fungsi_unit")))


def grafik_struktur(ctx: Bab) -> None:
    """The organisation chart, drawn from ``unit_organisasi``."""
    units = ctx.ds.table("unit_organisasi")
    data = org_chart.data_bagan(units)
    top = data[data["Atasan langsung"] == "—"]["Unit"]
    under = [u for u, a in zip(data["Unit"], data["Atasan langsung"], strict=True) if a in set(top)]
    alt_text = (
        f"Bagan struktur organisasi dengan {fmt.angka(len(data))} unit: "
        f"{', '.join(top)} membawahi langsung {', '.join(under)}."
    )
    ctx.grafik(
        org_chart.bagan_organisasi(units).properties(description=alt_text),
        "bab1-struktur",
        data=data,
        judul_data="Data: unit organisasi dan atasan langsungnya",
    )


def _tabel_staf(ctx: Bab, frame: pd.DataFrame, column: str, prefix: str, nama: str) -> None:
    """Staff by ``column`` (jabatan or golongan), each count linked to its figure
    (``<prefix>.<slug>``), the total last, and the total's calculation."""
    header = column.capitalize()
    ctx.tabel(
        pd.DataFrame(
            {
                header: list(frame[column]) + ["Jumlah"],
                "Jumlah Pegawai (orang)": [
                    ctx.link(ids.rincian(prefix, (v,))) for v in frame[column]
                ]
                + [ctx.link(ids.rincian(prefix, ("total",)))],
            }
        ),
        f"Pegawai {ctx.teks()['satker']} menurut {column}",
        nama,
        kanan=["Jumlah Pegawai (orang)"],
        tebal_terakhir=True,
    )
    ctx.hitung(ids.rincian(prefix, ("total",)))


def tampilkan_pegawai(ctx: Bab) -> None:
    """Staff by jabatan, each count linked to its figure, and the total's calculation."""
    _tabel_staf(ctx, ctx.ds.table("pegawai"), "jabatan", "pegawai", "tbl-bab1-pegawai")


def grafik_pegawai(ctx: Bab) -> None:
    pegawai = ctx.ds.table("pegawai")
    data = pd.DataFrame(
        {"Jabatan": pegawai["jabatan"], "Jumlah": [int(v) for v in pegawai["jumlah"]]}
    )
    chart = charts.batang(
        data,
        "Jabatan",
        "Jumlah",
        judul_x="Jabatan",
        judul_y="Jumlah pegawai (orang)",
        urutan=list(data["Jabatan"]),
    ).properties(width=480, height=260)
    ctx.grafik(
        chart,
        "bab1-pegawai",
        data=pd.DataFrame(
            {
                "Jabatan": data["Jabatan"],
                "Jumlah pegawai (orang)": [fmt.angka(v) for v in data["Jumlah"]],
            }
        ),
        judul_data="Data: jumlah pegawai menurut jabatan",
    )


def gambar_pegawai(ctx: Bab) -> None:
    """The office's own pictures of its staff composition, when it provides them."""
    tampilkan_gambar(ctx, "bab1.pegawai")


def tampilkan_pegawai_golongan(ctx: Bab) -> None:
    """Staff by golongan, each count linked, with the total's calculation.

    Without rows: the office's reason when it declares the breakdown not available (table
    ``tidak_tersedia``), then its pictures of the composition, if any; not declared, the
    breakdown is missing (:func:`catatan_pengganti`). No number is made up.
    """
    golongan = ctx.ds.table("pegawai_golongan") if ctx.ds.has("pegawai_golongan") else None
    if golongan is None or golongan.empty:
        catatan_pengganti(ctx, "pegawai_golongan", "Rincian pegawai menurut golongan")
        tampilkan_gambar(ctx, "bab1.pegawai_golongan")
        return
    _tabel_staf(ctx, golongan, "golongan", "pegawai.golongan", "tbl-bab1-pegawai-golongan")
    tampilkan_gambar(ctx, "bab1.pegawai_golongan")


def _daftar_berketerangan(ctx: Bab, rows: pd.DataFrame, tambahan: str, pola: str) -> None:
    """A numbered list of ``nama``, each with its ``tambahan`` column when filled in."""
    ctx.daftar(
        [_teks_opsional(n, k, pola) for n, k in zip(rows["nama"], rows[tambahan], strict=True)],
        bernomor=True,
    )


def daftar_wilayah_kerja(ctx: Bab) -> None:
    wilayah = ctx.ds.table("wilayah_kerja").sort_values("no")
    _daftar_berketerangan(ctx, wilayah, "keterangan", "{} ({})")


def daftar_tpi(ctx: Bab) -> None:
    _daftar_berketerangan(ctx, ctx.ds.table("tpi"), "lokasi", "{}, {}")


def unit_layanan(ctx: Bab) -> None:
    """How many service points outside the office, and their table; a year declared nihil
    says that there are none (and prints no table)."""
    if ctx.ds.is_nihil("unit_layanan"):
        ctx.tampilkan(f"Pada tahun {ctx.tahun} kantor tidak memiliki unit layanan di luar kantor.")
        return
    ctx.ds.table("unit_layanan")  # no table (a draft): no sentence referring to it either
    jumlah = ctx.link("unit_layanan.jumlah")
    ctx.tampilkan(f"Seluruhnya ada {jumlah} unit layanan ({{numref}}`tbl-bab1-unit-layanan`).")
    tampilkan_unit_layanan(ctx)


def tampilkan_unit_layanan(ctx: Bab) -> None:
    layanan = ctx.ds.table("unit_layanan")
    ctx.tabel(
        pd.DataFrame(
            {
                "Unit Layanan": layanan["nama"],
                "Jenis": layanan["nama_jenis"],
                "Lokasi": layanan["lokasi"],
                "Keterangan": layanan["keterangan"],
            }
        ),
        "Unit layanan di luar kantor",
        "tbl-bab1-unit-layanan",
    )


def daftar_aspek_strategis(ctx: Bab) -> None:
    """Numbered strategic aspects, each with its sub-points."""
    aspek = ctx.ds.table("aspek_strategis")
    lines = []
    for no, group in aspek.groupby("no", sort=True):
        main = group[group["sub"] == "-"]
        subs = group[group["sub"] != "-"].sort_values("sub")
        lines.append(f"{no}. " + " ".join(escape_md(t) for t in main["uraian"]))
        for row in subs.itertuples():
            lines.append(f"   - {escape_md(row.uraian)}")
    ctx.tampilkan("\n".join(lines))


def daftar_isu_strategis(ctx: Bab) -> None:
    isu = ctx.ds.table("isu_strategis").sort_values("no")
    ctx.tampilkan(
        "\n".join(
            f"{n}. **{escape_md(j)}**. {escape_md(u)}"
            for n, (j, u) in enumerate(zip(isu["judul"], isu["uraian"], strict=True), start=1)
        )
    )
