"""Sentence fragments whose wording depends on the numbers (trend words, met/not met).

Each returns MyST text in which every number is a link to its calculation,
so a chapter glues the fragment instead of typing a conclusion by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from lkjip.chapters import peristiwa
from lkjip.domain import formatting as fmt
from lkjip.domain.indikator import INDIKATOR
from lkjip.domain.uraian_capaian import MATERIAL
from lkjip.figures import ids
from lkjip.figures.registry import UNITS, Registry
from lkjip.render.myst import link_markdown


def _l(reg: Registry, figure_id: str, text: str | None = None) -> str:
    return link_markdown(reg[figure_id], text)


def _kata(diff) -> str:
    return "naik" if diff > 0 else "turun" if diff < 0 else "sama"


def tren(reg: Registry, now: str, prev: str, nama: str) -> str:
    """``<nama> naik dari X (tahun lalu) menjadi Y``; ``sama``/``turun`` likewise."""
    if prev not in reg:
        return f"{nama} sebesar {_l(reg, now)}"
    tahun_lalu = str(reg.tahun - 1)
    kata = _kata(reg.v(now) - reg.v(prev))
    if kata == "sama":
        return f"{nama} sama dengan tahun {tahun_lalu}, yaitu {_l(reg, now)}"
    return f"{nama} {kata} dari {_l(reg, prev)} pada tahun {tahun_lalu} menjadi {_l(reg, now)}"


def status(reg: Registry, k: str) -> str:
    """``melampaui target`` / ``tepat mencapai target`` / ``belum mencapai target``."""
    realisasi, target = reg.v(ids.indikator(k, "realisasi")), reg.v(ids.indikator(k, "target"))
    if realisasi > target:
        return "melampaui target"
    if realisasi == target:
        return "tepat mencapai target"
    return "belum mencapai target"


def tren_capaian(reg: Registry, k: str) -> str:
    """How the capaian moved and why: the larger of its two computed parts (realisation,
    target; :mod:`lkjip.domain.uraian_capaian`) is named, the other too when material."""
    if ids.indikator(k, "selisih_capaian") not in reg:
        return ""
    tahun_lalu = str(reg.tahun - 1)
    diff = reg.v(ids.indikator(k, "selisih_capaian"))
    parts = {b: ids.uraian_capaian(k, b) for b in ("realisasi", "target")}
    if not all(fid in reg for fid in parts.values()):
        if diff == 0:
            return f"Persentase capaian sama dengan tahun {tahun_lalu}."
        return _perubahan(reg, k, diff) + "."
    sebab = {"realisasi": _sebab_realisasi(reg, k), "target": _sebab_target(reg, k)}
    value = {name: reg.v(fid) for name, fid in parts.items()}
    besar = "target" if abs(value["target"]) > abs(value["realisasi"]) else "realisasi"
    kecil = "realisasi" if besar == "target" else "target"
    if diff == 0:
        if value[besar] == 0:
            return f"Persentase capaian sama dengan tahun {tahun_lalu}."
        return (
            f"Persentase capaian sama dengan tahun {tahun_lalu}: {sebab[besar]} "
            f"{_arah_kata(value[besar])} capaian {_poin(reg, parts[besar])} poin, dan "
            f"{sebab[kecil]} {_arah_kata(value[kecil])} capaian {_poin(reg, parts[kecil])} poin."
        )
    text = _perubahan(reg, k, diff)
    if value[kecil] == 0:
        return f"{text}, seluruhnya karena {sebab[besar]}."
    if abs(value[kecil]) < MATERIAL:
        return f"{text}, terutama karena {sebab[besar]}."
    if (value[kecil] > 0) == (value[besar] > 0):
        return (
            f"{text}, terutama karena {sebab[besar]}, yang {_arah_kata(value[besar])} capaian "
            f"{_poin(reg, parts[besar])} poin; {_poin(reg, parts[kecil])} poin sisanya karena "
            f"{sebab[kecil]}."
        )
    return (
        f"{text} karena {sebab[besar]}, yang {_arah_kata(value[besar])} capaian "
        f"{_poin(reg, parts[besar])} poin; sebaliknya, {sebab[kecil]} dan "
        f"{_arah_kata(value[kecil])} capaian {_poin(reg, parts[kecil])} poin."
    )


def _perubahan(reg: Registry, k: str, diff) -> str:
    """``Persentase capaian turun 4,55 poin dibanding tahun 2022 (124,36%)``."""
    amount = _l(reg, ids.indikator(k, "selisih_capaian"), fmt.angka(abs(diff), 2))
    return (
        f"Persentase capaian {_kata(diff)} {amount} poin dibanding tahun {reg.tahun - 1} "
        f"({_l(reg, ids.indikator(k, 'capaian', 1))})"
    )


def _poin(reg: Registry, figure_id: str) -> str:
    """A part's size (no sign: the words say the direction), linked to its calculation."""
    return _l(reg, figure_id, UNITS[reg[figure_id].unit](abs(reg.v(figure_id))))


def _arah_kata(value) -> str:
    return "menaikkan" if value > 0 else "menurunkan"


def _sebab_realisasi(reg: Registry, k: str) -> str:
    """``realisasi turun 0,13 poin`` (``realisasi tidak berubah``)."""
    diff = reg.v(ids.indikator(k, "selisih_realisasi"))
    if diff == 0:
        return "realisasi tidak berubah"
    amount = _l(reg, ids.indikator(k, "selisih_realisasi"), fmt.angka(abs(diff), 2))
    return f"realisasi {_kata(diff)} {amount} poin"


def _sebab_target(reg: Registry, k: str) -> str:
    """``target tahun ini 0,01 poin lebih tinggi dari target tahun 2022 (3,12)``."""
    diff = reg.v(ids.indikator(k, "selisih_target"))
    if diff == 0:
        return "target tidak berubah"
    amount = _l(reg, ids.indikator(k, "selisih_target"), fmt.angka(abs(diff), 2))
    lebih = "lebih tinggi" if diff > 0 else "lebih rendah"
    return (
        f"target tahun ini {amount} poin {lebih} dari target tahun {reg.tahun - 1} "
        f"({_l(reg, ids.indikator(k, 'target', 1))})"
    )


def pengantar_faktor(reg: Registry, now: str, prev: str, nama: str) -> str:
    """The heading of the office's factors, worded after the figure's direction:
    ``Faktor yang mendorong kenaikan PNBP:`` only when it rose."""
    if now in reg and prev in reg:
        kata = _kata(reg.v(now) - reg.v(prev))
        if kata == "naik":
            return f"Faktor yang mendorong kenaikan {nama}:"
        if kata == "turun":
            return f"Faktor yang memengaruhi penurunan {nama}:"
    return f"Faktor yang memengaruhi realisasi {nama}:"


#: the value of a list figure that lists nothing
KOSONG = "-"


def di_bawah(reg: Registry, daftar_id: str, pembanding_id: str, benda: str, pembanding: str) -> str:
    """Which items are below a printed value, compared as printed (two decimals).

    The list figure is computed on the rounded values (``figures.perbandingan``,
    ``figures.ipk``), like the bars and the reference line of the chart beside it;
    an empty list is said in words, never as "-".
    """
    if daftar_id not in reg or pembanding_id not in reg:
        return ""
    ref = f"{pembanding} ({_l(reg, pembanding_id)})"
    if str(reg[daftar_id].value) == KOSONG:
        return f"tidak ada {benda} yang nilainya, dibulatkan dua desimal, di bawah {ref}"
    return (
        f"{benda} yang nilainya, dibulatkan dua desimal, di bawah {ref} adalah {_l(reg, daftar_id)}"
    )


def _kalimat(text: str) -> str:
    return text[:1].upper() + text[1:] + "." if text else ""


def di_bawah_ipk(reg: Registry) -> str:
    """Both parties' unsur below the party's value, the lowest external one named."""
    parts = []
    for pihak in ("eksternal", "internal"):
        text = di_bawah(
            reg,
            ids.ipk(pihak, "unsur_di_bawah_rerata"),
            ids.ipk(pihak),
            "unsur",
            "nilai pihak tersebut",
        )
        if not text:
            continue
        lowest = ids.ipk(pihak, "unsur_terendah")
        if pihak == "eksternal" and lowest in reg:
            text += f", dengan nilai terendah pada unsur {_l(reg, lowest)}"
        parts.append(f"Pada pihak {pihak}, {text}.")
    return " ".join(parts)


def reviu_ringkasan(reg: Registry) -> str:
    """The reconciliation summary, or why there is none."""
    if "reviu.jumlah" not in reg:
        return (
            "Laporan yang dipublikasikan untuk tahun ini belum ditranskripsikan ke tabel "
            "`publikasi`, sehingga rekonsiliasi belum dapat dilakukan; pemeriksaan konsistensi "
            "di bawah tetap dijalankan."
        )
    n = {
        s: _l(reg, ids.reviu(s))
        for s in (
            "jumlah",
            "cocok",
            "selisih",
            "kontradiksi",
            "masukan",
            "nilai_resmi",
            "tidak_dapat_diperiksa",
            "dasar.dihitung_ulang",
        )
    }
    return (
        f"Sebanyak {n['jumlah']} angka dan klaim yang dicetak dalam laporan tahun {reg.tahun} "
        "dicatat apa adanya beserta letaknya. Setiap baris menyebut apa yang dilakukan "
        f"terhadapnya. **{n['dasar.dihitung_ulang']} angka dihitung ulang** dari data yang "
        "lebih rinci dan dibandingkan setelah hasilnya dibulatkan setengah ke atas ke "
        f"ketelitian yang dicetak, tanpa toleransi: {n['cocok']} **cocok**, dan sisanya "
        "berbeda (lihat di bawah). "
        f"{n['masukan']} angka berstatus **masukan**: angka itu sendiri menjadi data buku ini, "
        "sehingga tidak ada yang dihitung ulang; angka tersebut hanya dibandingkan dengan "
        "angka yang sama di tempat lain laporan. "
        f"{n['nilai_resmi']} angka berstatus **nilai resmi**: nilai aplikasi instansi lain "
        "(SMART DJA, IKPA) yang komponennya tidak tercetak. "
        f"Temuan: {n['selisih']} **selisih** (hasil perhitungan ulang atau data sumber "
        "berbeda dari yang dicetak, atau label tahun, satuan dan klaim yang tidak sesuai) dan "
        f"{n['kontradiksi']} **kontradiksi** (angka yang sama dicetak benar di tempat lain "
        f"tetapi berbeda di sini). {n['tidak_dapat_diperiksa']} angka **tidak dapat "
        "diperiksa** karena data tidak dapat menghasilkannya, masing-masing dengan alasannya."
    )


def fragments(reg: Registry, wanted: Iterable[str] | None = None) -> dict[str, str]:
    """The fragments the chapters glue, keyed ``narasi.<...>`` (``wanted``: only those, so
    that a chapter reads only the figures of the fragments it pastes); the sentences that
    state an event are :mod:`lkjip.chapters.peristiwa`'s, left out when their figure is
    missing."""
    makers: dict[str, Callable[[], str | None]] = {}
    for k in INDIKATOR:
        name = k.upper()
        makers[f"narasi.{k}.status"] = partial(status, reg, k)
        makers[f"narasi.{k}.tren_realisasi"] = partial(
            tren,
            reg,
            ids.indikator(k, "realisasi"),
            ids.indikator(k, "realisasi", 1),
            f"realisasi {name}",
        )
        makers[f"narasi.{k}.tren_capaian"] = partial(tren_capaian, reg, k)
    makers["narasi.ikm.di_bawah_rerata"] = lambda: _kalimat(
        di_bawah(
            reg, "ikm.unsur_di_bawah_rerata", "ikm.realisasi", "unsur", "nilai IKM keseluruhan"
        )
    )
    makers["narasi.iki.di_bawah_rerata"] = lambda: _kalimat(
        di_bawah(
            reg,
            "iki.variabel_di_bawah_rerata",
            "iki.realisasi",
            "variabel",
            "nilai IKI keseluruhan",
        )
    )
    makers["narasi.ipk.di_bawah_rerata"] = partial(di_bawah_ipk, reg)
    makers["narasi.reviu.ringkasan"] = partial(reviu_ringkasan, reg)
    makers["narasi.anggaran.tren"] = partial(
        tren, reg, "anggaran.persen", "anggaran.persen.t-1", "persentase realisasi anggaran"
    )
    makers["narasi.pnbp.tren"] = partial(
        tren, reg, "pnbp.realisasi", "pnbp.realisasi.t-1", "realisasi PNBP"
    )
    makers["narasi.pnbp.pengantar_faktor"] = partial(
        pengantar_faktor, reg, "pnbp.realisasi", "pnbp.realisasi.t-1", "PNBP"
    )
    makers.update(peristiwa.makers(reg))
    keys = makers if wanted is None else [k for k in makers if k in set(wanted)]
    made = {key: makers[key]() for key in keys}
    return {key: text for key, text in made.items() if text is not None}
