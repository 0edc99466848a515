"""BAB IV Penutup: conclusions and recommendations generated from the computed figures.

Every statement is MyST text in which each number (and each computed verdict
or category) is a link to its calculation. Whether a target is met is never
decided here: it is read from the figure ``<k>.status`` that the engine
computed (``tercapai`` / ``tidak tercapai``), so the wording follows the
numbers of whatever year is built.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lkjip.chapters.kernel.context import Bab, pembuka
from lkjip.chapters.uraian import tampilkan_narasi
from lkjip.domain.capaian import tercapai
from lkjip.domain.indikator import INDIKATOR, TINGKAT_KANTOR
from lkjip.errors import IncompleteData
from lkjip.figures import ids
from lkjip.figures.registry import Registry
from lkjip.render.myst import escape_md, link_markdown

#: the status value of a met target
TERCAPAI = "tercapai"
#: the value of a list figure when the list is empty
KOSONG = "-"

mulai = pembuka("bab4_penutup")


def _l(reg: Registry, figure_id: str, text: str | None = None) -> str:
    return link_markdown(reg[figure_id], text)


def _nama(reg: Registry, k: str) -> str:
    """The indicator's printed name (from the registry), or its code."""
    key = ids.indikator(k, "indikator")
    return escape_md(reg.d(key)) if key in reg else k.upper()


def tercapai_menurut_status(reg: Registry, k: str) -> bool:
    """True only when the engine's figure ``<k>.status`` says ``tercapai``."""
    return str(reg[ids.indikator(k, "status")].value) == TERCAPAI


def indikator_tercapai(reg: Registry) -> list[str]:
    """The indicators (of :data:`INDIKATOR` present) whose status is ``tercapai``."""
    return [
        k
        for k in INDIKATOR
        if ids.indikator(k, "status") in reg and tercapai_menurut_status(reg, k)
    ]


# --- indikator kinerja kegiatan -------------------------------------------------


def pernyataan_indikator(reg: Registry, k: str) -> str:
    """One sentence on realisasi, target, capaian and status, plus the indicator's note."""
    name = f"**{_nama(reg, k)}** ({k.upper()})"
    realisasi, target = _l(reg, ids.indikator(k, "realisasi")), _l(reg, ids.indikator(k, "target"))
    capaian, status = _l(reg, ids.indikator(k, "capaian")), _l(reg, ids.indikator(k, "status"))
    if tercapai_menurut_status(reg, k):
        text = (
            f"{name} memenuhi target: realisasinya {realisasi} dari target {target}, "
            f"sehingga capaian kinerjanya {capaian} (status: {status})."
        )
    else:
        text = (
            f"{name} belum memenuhi target: realisasinya {realisasi} masih di bawah target "
            f"{target}, sehingga capaian kinerjanya hanya {capaian} (status: {status})."
        )
    note = catatan_indikator(reg, k)
    return f"{text} {note}" if note else text


def catatan_indikator(reg: Registry, k: str) -> str:
    """The weak parts of an indicator: IKM unsur, IPK external unsur, IKI variabel."""
    met = tercapai_menurut_status(reg, k)
    if k == "ikm":
        return _catatan_daftar(
            reg,
            "ikm.unsur_di_bawah_rerata",
            "ikm.unsur_di_bawah_rerata.jumlah",
            benda="unsur layanan",
            pembanding=f"nilai IKM keseluruhan ({_l(reg, 'ikm.realisasi')})",
            met=met,
        )
    if k == "ipk":
        return _catatan_ipk(reg, met)
    if k == "iki":
        return _catatan_daftar(
            reg,
            "iki.variabel_di_bawah_rerata",
            "iki.variabel_di_bawah_rerata.jumlah",
            benda="variabel integritas",
            pembanding=f"nilai IKI keseluruhan ({_l(reg, 'iki.realisasi')})",
            met=met,
        )
    return ""


def _pembuka(met: bool) -> str:
    return "Meski demikian, " if met else "Perbaikan perlu diarahkan terutama pada "


def _catatan_daftar(
    reg: Registry, daftar_id: str, jumlah_id: str, *, benda: str, pembanding: str, met: bool
) -> str:
    if daftar_id not in reg:
        return ""
    if str(reg[daftar_id].value) == KOSONG:
        return (
            f"Tidak ada {benda} yang bernilai di bawah {pembanding}, sehingga indikator ini "
            "tidak menyisakan catatan khusus."
        )
    jumlah = f"{_l(reg, jumlah_id)} " if jumlah_id in reg else ""
    daftar = _l(reg, daftar_id)
    if met:
        return (
            f"{_pembuka(met)}{jumlah}{benda}, yaitu {daftar}, bernilai di bawah {pembanding} "
            "dan menjadi prioritas rekomendasi peningkatan kinerja."
        )
    return f"{_pembuka(met)}{jumlah}{benda} yang bernilai di bawah {pembanding}, yaitu {daftar}."


def _catatan_ipk(reg: Registry, met: bool) -> str:
    daftar_id = "ipk.eksternal.unsur_di_bawah_rerata"
    if daftar_id not in reg:
        return ""
    pembanding = f"nilai pihak eksternal ({_l(reg, 'ipk.eksternal')})"
    if str(reg[daftar_id].value) == KOSONG:
        return (
            f"Pada penilaian pihak eksternal tidak ada unsur yang bernilai di bawah {pembanding}."
        )
    terendah = ""
    if "ipk.eksternal.unsur_terendah" in reg:
        terendah = f", dengan nilai terendah pada unsur {_l(reg, 'ipk.eksternal.unsur_terendah')}"
    if met:
        return (
            f"{_pembuka(met)}pada penilaian pihak eksternal unsur {_l(reg, daftar_id)} bernilai "
            f"di bawah {pembanding}{terendah}; unsur-unsur tersebut menjadi catatan perbaikan."
        )
    return (
        f"{_pembuka(met)}unsur penilaian pihak eksternal yang bernilai di bawah {pembanding}, "
        f"yaitu {_l(reg, daftar_id)}{terendah}."
    )


def ringkasan_kinerja(reg: Registry) -> str:
    """How many indicators met their target (from the statuses) and the mean capaian."""
    met = indikator_tercapai(reg)
    present = [k for k in INDIKATOR if ids.indikator(k, "status") in reg]
    jumlah = _l(reg, "kinerja.jumlah_indikator")
    rerata = _l(reg, "kinerja.rerata_capaian")
    if met and len(met) == len(present):
        head = (
            f"Seluruh {jumlah} indikator kinerja kegiatan dalam Perjanjian Kinerja "
            "mencapai targetnya"
        )
    elif not met:
        head = f"Tidak satu pun dari {jumlah} indikator kinerja kegiatan mencapai targetnya"
    else:
        belum = ", ".join(k.upper() for k in present if k not in met)
        head = (
            f"Sebanyak {_l(reg, 'kinerja.jumlah_tercapai')} dari {jumlah} indikator kinerja "
            f"kegiatan mencapai targetnya; yang belum tercapai: {belum}"
        )
    return f"{head}, dengan rata-rata capaian {rerata}."


def capaian_per_sasaran(reg: Registry, pk_indikator: pd.DataFrame) -> str:
    """A MyST list: each sasaran kegiatan with the statements of its indicators."""
    rows = pk_indikator[
        (pk_indikator["tahun"] == reg.tahun) & (pk_indikator["tingkat"] == TINGKAT_KANTOR)
    ].sort_values("no_sasaran", kind="stable")
    lines: list[str] = []
    for _, group in rows.groupby("no_sasaran", sort=True):
        sasaran = escape_md(str(group["sasaran"].iloc[0]))
        lines.append(f"- Sasaran kegiatan “{sasaran}”:")
        for n, k in enumerate(group["indikator_id"], start=1):
            if ids.indikator(k, "status") not in reg:
                continue
            lines.append(f"  {n}. {pernyataan_indikator(reg, str(k))}")
    return "\n".join(lines)


def catatan_kesimpulan(ctx: Bab) -> None:
    """The office's own reading of its results (table ``narasi``, section ``bab4.kesimpulan``)."""
    tampilkan_narasi(ctx, "bab4.kesimpulan")


# --- keuangan, penghargaan ---------------------------------------------------------


def pernyataan_anggaran(reg: Registry) -> str:
    """Budget realisasi against pagu."""
    text = (
        f"Realisasi anggaran belanja mencapai {_l(reg, 'anggaran.realisasi')}, atau "
        f"{_l(reg, 'anggaran.persen')} dari pagu {_l(reg, 'anggaran.pagu')}"
    )
    if "anggaran.sisa" in reg:
        text += f"; anggaran yang tidak terserap sebesar {_l(reg, 'anggaran.sisa')}"
    return text + "."


def pernyataan_pnbp(reg: Registry) -> str:
    """PNBP realisasi against its target (met when realisasi ≥ target)."""
    realisasi, target = _l(reg, "pnbp.realisasi"), _l(reg, "pnbp.target")
    capaian = _l(reg, "pnbp.capaian")
    if tercapai(reg.v("pnbp.realisasi"), reg.v("pnbp.target")):
        verdict = "sehingga target PNBP terpenuhi"
    else:
        verdict = "sehingga target PNBP belum terpenuhi"
    return (
        f"Penerimaan Negara Bukan Pajak (PNBP) terealisasi {realisasi}, atau {capaian} "
        f"dari target {target}, {verdict}."
    )


def _dengan_kategori(reg: Registry, nilai_id: str, kategori_id: str) -> str:
    text = _l(reg, nilai_id)
    if kategori_id in reg:
        text += f" (kategori {_l(reg, kategori_id)})"
    return text


def pernyataan_pengelolaan_anggaran(reg: Registry) -> str:
    """SMART DJA nilai kinerja and IKPA nilai akhir with their categories."""
    parts = []
    if "smart.nilai_kinerja" in reg:
        parts.append(
            "nilai kinerja anggaran pada aplikasi SMART DJA sebesar "
            + _dengan_kategori(reg, "smart.nilai_kinerja", "smart.kategori")
        )
    if "ikpa.nilai_akhir" in reg:
        parts.append(
            "nilai akhir Indikator Kinerja Pelaksanaan Anggaran (IKPA) sebesar "
            + _dengan_kategori(reg, "ikpa.nilai_akhir", "ikpa.kategori")
        )
    if not parts:
        return ""
    return "Kualitas pengelolaan anggaran tercermin dari " + " serta ".join(parts) + "."


def pernyataan_penghargaan(reg: Registry) -> str:
    """The awards of the year: recognition only when there are awards, "tidak ada" only
    when the awards table is declared nihil; without the figure there is no statement."""
    if "penghargaan.jumlah" not in reg:
        raise IncompleteData(
            "penghargaan belum tersedia: isi tabel penghargaan, atau nyatakan nihil "
            "di tabel nihil bila tidak ada penghargaan"
        )
    if int(reg.v("penghargaan.jumlah")) == 0:
        return f"Tidak ada penghargaan yang diterima kantor pada tahun {reg.tahun}."
    return (
        "Kinerja kantor juga mendapat pengakuan dari pihak luar.\n\n"
        f"Sepanjang tahun {reg.tahun} kantor menerima {_l(reg, 'penghargaan.jumlah')} "
        "penghargaan atas kinerja dan layanannya."
    )


def penghargaan(ctx: Bab) -> None:
    """The awards statement, then the list of awards when there are any."""
    ctx.tampilkan(pernyataan_penghargaan(ctx.reg))
    hadiah = ctx.ds.table("penghargaan")
    if not hadiah.empty:
        ctx.daftar(hadiah.sort_values("no")["penghargaan"])


def kesimpulan_keuangan(reg: Registry) -> str:
    """Budget, PNBP and budget-quality statements as a MyST bullet list."""
    items = [pernyataan_anggaran(reg), pernyataan_pnbp(reg), pernyataan_pengelolaan_anggaran(reg)]
    return "\n".join(f"- {item}" for item in items if item)


# --- lists from data -----------------------------------------------------------------


def daftar_isu(isu_strategis: pd.DataFrame) -> str:
    """The isu strategis as a numbered MyST list: bold title, then the description."""
    rows = isu_strategis.sort_values("no")
    lines = [
        f"{n}. **{escape_md(str(row.judul))}**: {escape_md(str(row.uraian))}"
        for n, row in enumerate(rows.itertuples(), start=1)
    ]
    return "\n".join(lines) if lines else "_(tidak ada data)_"


def _teks(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def saran_per_indikator(reg: Registry, rekomendasi: pd.DataFrame) -> str:
    """The recommendations grouped per indicator (and per IKM unsur) as numbered lists."""
    blocks: list[str] = []
    order = [k for k in INDIKATOR if k in set(rekomendasi["indikator_id"])]
    order += sorted(set(rekomendasi["indikator_id"]) - set(order))
    for k in order:
        rows = rekomendasi[rekomendasi["indikator_id"] == k].sort_values("no")
        blocks.append(f"**{_nama(reg, k)}** ({k.upper()})")
        for unsur, group in _per_unsur(rows):
            if unsur:
                blocks.append(f"*Unsur {escape_md(unsur)}*")
            blocks.append(_bernomor(group))
    return "\n\n".join(blocks) if blocks else "_(tidak ada data)_"


def _per_unsur(rows: pd.DataFrame) -> Iterable[tuple[str, pd.DataFrame]]:
    """Consecutive runs of the same unsur (empty unsur = one run)."""
    labels = rows["unsur"].map(_teks) if "unsur" in rows else pd.Series("", index=rows.index)
    run = (labels != labels.shift()).cumsum()
    for _, group in rows.groupby(run, sort=False):
        yield str(labels.loc[group.index[0]]), group


def _bernomor(rows: pd.DataFrame) -> str:
    """A numbered list keeping the data's numbers (a later run starts at its own number)."""
    return "\n".join(f"{int(row.no)}. {escape_md(str(row.uraian))}" for row in rows.itertuples())


__all__ = [
    "capaian_per_sasaran",
    "catatan_kesimpulan",
    "catatan_indikator",
    "daftar_isu",
    "indikator_tercapai",
    "kesimpulan_keuangan",
    "penghargaan",
    "pernyataan_anggaran",
    "pernyataan_indikator",
    "pernyataan_penghargaan",
    "pernyataan_pengelolaan_anggaran",
    "pernyataan_pnbp",
    "ringkasan_kinerja",
    "saran_per_indikator",
    "tercapai_menurut_status",
]
