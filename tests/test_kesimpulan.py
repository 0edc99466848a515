"""BAB IV conclusions: wording follows the computed status; every number is a link."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from lkjip.chapters import bab4_penutup as k
from lkjip.domain.capaian import capaian, tercapai
from lkjip.errors import IncompleteData
from lkjip.figures.registry import Registry
from lkjip.render.myst import anchor

NAMA = {
    "ikm": "Indeks Kepuasan Masyarakat",
    "ipk": "Indeks Pengamanan Keimigrasian",
    "iki": "Indeks Kepuasan Internal",
}
ROLE = re.compile(r"\{angka\}`[^`]*`")


def _indikator(reg: Registry, key: str, real: str, tgt: str, status: str | None) -> None:
    realisasi, target = Decimal(real), Decimal(tgt)
    reg.add(f"{key}.indikator", NAMA[key], "teks", f"Nama {key}")
    reg.add(f"{key}.target", target, "indeks", f"Target {key}")
    reg.add(f"{key}.realisasi", realisasi, "indeks", f"Realisasi {key}")
    reg.add(
        f"{key}.capaian",
        capaian(realisasi, target),
        "persen",
        f"Capaian {key}",
        formula="realisasi / target × 100%",
        inputs=(f"{key}.realisasi", f"{key}.target"),
    )
    if status is None:
        status = "tercapai" if tercapai(realisasi, target) else "tidak tercapai"
    reg.add(f"{key}.status", status, "teks", f"Status {key}", formula="realisasi ≥ target")


def tiny(
    nilai: dict[str, tuple[str, str]] | None = None,
    *,
    status: dict[str, str] | None = None,
    ikm_unsur: tuple[str, int] = ("Respon", 1),
    ipk_unsur: str = "Pencegahan",
    iki_variabel: tuple[str, int] = ("-", 0),
    pnbp: tuple[int, int] = (120, 100),
    kategori: bool = True,
    penghargaan: int | None = 2,
) -> Registry:
    """A hand-made registry with just the figures BAB IV reads."""
    nilai = nilai or {"ikm": ("3.50", "3.25"), "ipk": ("3.40", "3.13"), "iki": ("3.60", "3.13")}
    status = status or {}
    reg = Registry(tahun=2030, default_bab="bab3_akuntabilitas")
    for key, (realisasi, target) in nilai.items():
        _indikator(reg, key, realisasi, target, status.get(key))
    met = [key for key in nilai if reg[f"{key}.status"].value == "tercapai"]
    reg.add("kinerja.jumlah_indikator", len(nilai), "jumlah", "Jumlah indikator")
    reg.add("kinerja.jumlah_tercapai", len(met), "jumlah", "Jumlah tercapai")
    reg.add("kinerja.rerata_capaian", Decimal("100.50"), "persen", "Rata-rata capaian")
    reg.add("ikm.unsur_di_bawah_rerata", ikm_unsur[0], "teks", "Unsur di bawah")
    reg.add("ikm.unsur_di_bawah_rerata.jumlah", ikm_unsur[1], "jumlah", "Banyak unsur")
    reg.add("ipk.eksternal", Decimal("3.30"), "indeks", "IPK eksternal")
    reg.add("ipk.eksternal.unsur_di_bawah_rerata", ipk_unsur, "teks", "Unsur eksternal di bawah")
    reg.add("ipk.eksternal.unsur_terendah", ipk_unsur.split(", ")[-1], "teks", "Terendah")
    reg.add("iki.variabel_di_bawah_rerata", iki_variabel[0], "teks", "Variabel di bawah")
    reg.add("iki.variabel_di_bawah_rerata.jumlah", iki_variabel[1], "jumlah", "Banyak variabel")
    reg.add("anggaran.pagu", 1000, "rupiah", "Pagu")
    reg.add("anggaran.realisasi", 900, "rupiah", "Realisasi")
    reg.add("anggaran.persen", Decimal("90.00"), "persen", "Persen")
    reg.add("anggaran.sisa", 100, "rupiah", "Sisa")
    reg.add("pnbp.realisasi", pnbp[0], "rupiah", "PNBP realisasi")
    reg.add("pnbp.target", pnbp[1], "rupiah", "PNBP target")
    reg.add("pnbp.capaian", capaian(*pnbp), "persen", "PNBP capaian")
    reg.add("smart.nilai_kinerja", Decimal("85.10"), "skor", "SMART")
    reg.add("ikpa.nilai_akhir", Decimal("96.00"), "skor", "IKPA")
    if kategori:
        reg.add("smart.kategori", "Baik", "teks", "Kategori SMART")
        reg.add("ikpa.kategori", "Sangat Baik", "teks", "Kategori IKPA")
    if penghargaan is not None:
        reg.add("penghargaan.jumlah", penghargaan, "jumlah", "Penghargaan")
    return reg


def ref(reg: Registry, figure_id: str) -> str:
    return f"{{angka}}`{reg.d(figure_id)} <{anchor(figure_id)}>`"


def no_bare_digits(text: str, allowed: tuple[str, ...] = ()) -> None:
    """Every number sits inside an {angka} link (``allowed`` strings removed first)."""
    rest = re.sub(r"(?m)^\s*\d+\. ", "", ROLE.sub("", text))  # list markers are not numbers
    for item in allowed:
        rest = rest.replace(item, "")
    assert not re.search(r"\d", rest), rest


# --- indikator -----------------------------------------------------------------------


def test_met_indicator_says_met_with_linked_numbers() -> None:
    reg = tiny()
    text = k.pernyataan_indikator(reg, "ikm")
    assert "(IKM) memenuhi target" in text
    assert "belum" not in text
    for fid in ("ikm.realisasi", "ikm.target", "ikm.capaian", "ikm.status"):
        assert ref(reg, fid) in text
    no_bare_digits(text)


def test_unmet_indicator_says_not_met() -> None:
    reg = tiny({"ikm": ("3.10", "3.25"), "ipk": ("3.40", "3.13"), "iki": ("3.60", "3.13")})
    text = k.pernyataan_indikator(reg, "ikm")
    assert "(IKM) belum memenuhi target" in text
    assert "masih di bawah target" in text
    assert ref(reg, "ikm.capaian") in text and "95,38%" in text
    assert "{angka}`tidak tercapai" in text
    assert "Perbaikan perlu diarahkan" in text and "Meski demikian" not in text
    no_bare_digits(text)


def test_status_figure_decides_not_the_raw_values() -> None:
    """Values above target but the computed status says otherwise: the status wins."""
    reg = tiny(status={"ipk": "tidak tercapai"})
    assert not k.tercapai_menurut_status(reg, "ipk")
    assert "(IPK) belum memenuhi target" in k.pernyataan_indikator(reg, "ipk")
    assert k.indikator_tercapai(reg) == ["ikm", "iki"]


def test_exactly_on_target_is_met() -> None:
    reg = tiny({"ikm": ("3.25", "3.25"), "ipk": ("3.40", "3.13"), "iki": ("3.60", "3.13")})
    assert "(IKM) memenuhi target" in k.pernyataan_indikator(reg, "ikm")


def test_ikm_note_names_unsur_below_average_or_none() -> None:
    with_unsur = k.catatan_indikator(tiny(ikm_unsur=("Sarana/ Prasarana, Respon", 2)), "ikm")
    assert "Sarana/ Prasarana, Respon" in with_unsur and "unsur layanan" in with_unsur
    none = k.catatan_indikator(tiny(ikm_unsur=("-", 0)), "ikm")
    assert none.startswith("Tidak ada unsur layanan")


def test_ipk_note_uses_external_unsur() -> None:
    reg = tiny(ipk_unsur="Pengaduan, Pencegahan")
    text = k.catatan_indikator(reg, "ipk")
    assert ref(reg, "ipk.eksternal.unsur_di_bawah_rerata") in text
    assert ref(reg, "ipk.eksternal") in text
    assert "nilai terendah pada unsur" in text
    assert "tidak ada unsur" in k.catatan_indikator(tiny(ipk_unsur="-"), "ipk")


def test_iki_note_lists_variables_when_present() -> None:
    assert "tidak menyisakan catatan" in k.catatan_indikator(tiny(), "iki")
    text = k.catatan_indikator(tiny(iki_variabel=("Gaji", 1)), "iki")
    assert "variabel integritas" in text and "Gaji" in text


# --- ringkasan -----------------------------------------------------------------------


def test_summary_all_met() -> None:
    text = k.ringkasan_kinerja(tiny())
    assert text.startswith("Seluruh")
    no_bare_digits(text)


def test_summary_some_met_names_the_missed_indicator() -> None:
    reg = tiny({"ikm": ("3.50", "3.25"), "ipk": ("3.00", "3.13"), "iki": ("3.60", "3.13")})
    text = k.ringkasan_kinerja(reg)
    assert text.startswith("Sebanyak")
    assert ref(reg, "kinerja.jumlah_tercapai") in text and "2 <" in text
    assert "yang belum tercapai: IPK" in text
    assert "Seluruh" not in text


def test_summary_none_met() -> None:
    reg = tiny({"ikm": ("3.00", "3.25"), "ipk": ("3.00", "3.13"), "iki": ("3.00", "3.13")})
    assert k.ringkasan_kinerja(reg).startswith("Tidak satu pun")


def test_statements_grouped_per_sasaran() -> None:
    reg = tiny()
    pk = pd.DataFrame(
        {
            "tahun": [2030, 2030, 2030, 2031],
            "tingkat": ["sasaran_kegiatan"] * 4,
            "no_sasaran": [1, 1, 2, 1],
            "sasaran": ["Sasaran satu", "Sasaran satu", "Sasaran dua", "Tahun depan"],
            "indikator_id": ["ikm", "ipk", "iki", "ikm"],
        }
    )
    text = k.capaian_per_sasaran(reg, pk)
    lines = text.splitlines()
    assert lines[0] == "- Sasaran kegiatan “Sasaran satu”:"
    assert lines[1].startswith("  1. **Indeks Kepuasan Masyarakat**")
    assert lines[2].startswith("  2. **Indeks Pengamanan Keimigrasian**")
    assert lines[3] == "- Sasaran kegiatan “Sasaran dua”:"
    assert "Tahun depan" not in text


# --- keuangan, penghargaan ------------------------------------------------------------


def test_budget_and_pnbp_statements_are_linked() -> None:
    reg = tiny()
    text = k.kesimpulan_keuangan(reg)
    for fid in ("anggaran.realisasi", "anggaran.persen", "anggaran.pagu", "pnbp.capaian"):
        assert ref(reg, fid) in text
    assert "target PNBP terpenuhi" in text
    no_bare_digits(text, allowed=("SMART DJA",))


def test_pnbp_below_target_wording() -> None:
    text = k.pernyataan_pnbp(tiny(pnbp=(80, 100)))
    assert "target PNBP belum terpenuhi" in text
    assert "80,00%" in text


def test_smart_and_ikpa_with_and_without_category() -> None:
    reg = tiny()
    text = k.pernyataan_pengelolaan_anggaran(reg)
    assert f"(kategori {ref(reg, 'smart.kategori')})" in text
    assert f"(kategori {ref(reg, 'ikpa.kategori')})" in text
    bare = k.pernyataan_pengelolaan_anggaran(tiny(kategori=False))
    assert "kategori" not in bare and ref(reg, "ikpa.nilai_akhir") in bare


@pytest.mark.parametrize(("jumlah", "expected"), [(2, "menerima {angka}`2"), (0, "Tidak ada")])
def test_awards(jumlah: int, expected: str) -> None:
    assert expected in k.pernyataan_penghargaan(tiny(penghargaan=jumlah))


def test_awards_recognition_only_with_awards() -> None:
    # the recognition sentence and "tidak ada" never stand together
    with_awards = k.pernyataan_penghargaan(tiny(penghargaan=2))
    assert with_awards.startswith("Kinerja kantor juga mendapat pengakuan dari pihak luar.")
    nihil = k.pernyataan_penghargaan(tiny(penghargaan=0))
    assert "pengakuan" not in nihil and nihil.startswith("Tidak ada penghargaan")


def test_awards_missing_figure() -> None:
    # no awards figure (an empty table not declared nihil) is no statement, not "tidak ada"
    with pytest.raises(IncompleteData, match="penghargaan belum tersedia"):
        k.pernyataan_penghargaan(tiny(penghargaan=None))


# --- lists ---------------------------------------------------------------------------


def test_isu_list_escapes_and_numbers() -> None:
    isu = pd.DataFrame({"no": [2, 1], "judul": ["B", "A_1"], "uraian": ["dua", "satu *x*"]})
    assert k.daftar_isu(isu) == "1. **A\\_1**: satu \\*x\\*\n2. **B**: dua"


def test_recommendations_grouped_per_indicator_and_unsur() -> None:
    rek = pd.DataFrame(
        {
            "indikator_id": ["iki", "ikm", "ikm", "ikm"],
            "no": [1, 1, 2, 3],
            "unsur": [None, "Sarana", "Sarana", "Respon"],
            "uraian": ["Transparansi", "Komputer", "Pemeliharaan", "Cepat tanggap"],
        }
    )
    text = k.saran_per_indikator(tiny(), rek)
    blocks = text.split("\n\n")
    assert blocks == [
        "**Indeks Kepuasan Masyarakat** (IKM)",
        "*Unsur Sarana*",
        "1. Komputer\n2. Pemeliharaan",
        "*Unsur Respon*",
        "3. Cepat tanggap",
        "**Indeks Kepuasan Internal** (IKI)",
        "1. Transparansi",
    ]


# --- the published year ------------------------------------------------------------------


def test_2023_conclusions(ds2023, reg2023: Registry) -> None:
    assert k.indikator_tercapai(reg2023) == ["ikm", "ipk", "iki"]
    assert k.ringkasan_kinerja(reg2023).startswith("Seluruh {angka}`3 ")
    text = k.capaian_per_sasaran(reg2023, ds2023.table("pk_indikator"))
    assert text.count("- Sasaran kegiatan") == 2
    assert "belum" not in text
    for shown in ("122,77%", "119,81%", "127,48%", "Sarana/ Prasarana, Respon"):
        assert shown in text
    assert "{angka}`Pengaduan, Pencegahan <f-ipk-eksternal-unsur-di-bawah-rerata>`" in text
    no_bare_digits(text)
    keuangan = k.kesimpulan_keuangan(reg2023)
    assert "{angka}`99,00% <f-anggaran-persen>`" in keuangan
    assert "{angka}`244,88% <f-pnbp-capaian>`" in keuangan and "terpenuhi" in keuangan
    assert "kategori {angka}`Baik <f-smart-kategori>`" in keuangan
    assert "kategori {angka}`Sangat Baik <f-ikpa-kategori>`" in keuangan
    assert "{angka}`4 <f-penghargaan-jumlah>`" in k.pernyataan_penghargaan(reg2023)
    saran = k.saran_per_indikator(reg2023, ds2023.table("rekomendasi"))
    assert saran.count("**Indeks") == 3
    assert "*Unsur Respon*\n\n4. Adanya kejelasan" in saran
