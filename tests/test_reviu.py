"""Reconciliation statuses and consistency checks on hand-made published figures."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd
import pytest

from lkjip.audit import provenance, stamp
from lkjip.audit import reconciliation as reviu
from lkjip.audit.checks import pemeriksaan
from lkjip.audit.figures import compute_all
from lkjip.cli import main
from lkjip.data.dataset import Dataset
from lkjip.data.reading import LINE

COLUMNS = [
    "tahun",
    "no",
    "lokasi",
    "jenis",
    "teks",
    "nilai",
    "desimal",
    "kata",
    "tahun_teks",
    "figure_id",
    "catatan",
]


def _with_publikasi(ds: Dataset, rows: list[dict]) -> Dataset:
    frame = pd.DataFrame([{c: r.get(c) for c in COLUMNS} for r in rows])
    frame["tahun"] = ds.tahun
    frame["no"] = range(1, len(frame) + 1)
    frame[LINE] = range(2, len(frame) + 2)
    out = copy.copy(ds)
    out.frames = {**ds.frames, "publikasi": frame}
    out.paths = {**ds.paths, "publikasi": ds.data_dir / str(ds.tahun) / "publikasi.csv"}
    return out


def _row(
    lokasi: str,
    teks: str,
    figure_id: str | None,
    nilai=None,
    desimal=None,
    kata=None,
    tahun_teks=None,
    catatan=None,
) -> dict:
    return dict(
        lokasi=lokasi,
        jenis="teks",
        teks=teks,
        nilai=nilai,
        desimal=desimal,
        kata=kata,
        tahun_teks=tahun_teks,
        figure_id=figure_id,
        catatan=catatan,
    )


@pytest.fixture()
def rows(ds2023: Dataset) -> dict[str, reviu.Baris]:
    published = [
        _row("ringkasan", "127,48%", "iki.capaian", 127.48, 2),
        _row("tabel ringkasan", "124,48%", "iki.capaian", 124.48, 2),
        _row("rumus IPK", "3,76", "ipk.realisasi", 3.76, 2),
        _row("tren IKM", "124,375%", "ikm.capaian.t-1", 124.375, 3),
        _row("rata-rata IPK", "3,91", "ipk.rerata_realisasi", 3.91, 2),
        _row("izin tinggal", "7.750", "izin_tinggal.total.t-1", 7750, 0, tahun_teks=2023),
        _row("tren IKI", "mengalami peningkatan", "iki.arah_realisasi", kata="naik"),
        _row(
            "unsur IKM",
            "Sarana/Prasarana dan Respon",
            "ikm.unsur_di_bawah_rerata",
            kata="Sarana/Prasarana dan Respon",
        ),
        _row(
            "penurunan capaian",
            "1,61%",
            "ikm.selisih_capaian",
            1.61,
            2,
            catatan="besaran penurunan",
        ),
        _row(
            "program",
            "Rp.15.845.110.354",
            "anggaran.kegiatan.dukungan_manajemen_dan_teknis_lainnya.realisasi",
            15845110354,
            0,
        ),
        _row("IKPA 2021", "62.02", None, 62.02, 2, catatan="tabel IKPA 2021 tercetak rusak"),
        # 85,78 × 10% = 8,578: printed as if truncated
        _row("IKPA 2022 dipotong", "8,57", "ikpa.indikator.2.tertimbang.t-1", 8.57, 2),
        # an official component (nothing printed to recompute it from), printed otherwise
        _row("SMART penyerapan", "85,00", "smart.penyerapan.t-2", 85.00, 2),
    ]
    ds = _with_publikasi(ds2023, published)
    reg = compute_all(ds)
    return {r.lokasi: r for r in reviu.rekonsiliasi(ds, reg)}


def test_statuses(rows: dict[str, reviu.Baris]) -> None:
    # 3,99 / 3,13 = 127,48% as published (the index rounded first, the report's rule); the
    # other convention (127,45%) is named, never accepted
    ringkasan = rows["ringkasan"]
    assert (ringkasan.status, ringkasan.dasar, ringkasan.dihitung) == (
        "cocok",
        "dihitung ulang",
        "127,48%",
    )
    assert "127,45%" in ringkasan.alasan
    assert rows["tabel ringkasan"].status == "kontradiksi"
    assert rows["tabel ringkasan"].selisih == "-3,00%"
    assert "ringkasan (127,48%)" in rows["tabel ringkasan"].alasan
    # printed 3,76 (internal and external rounded before combining): not the report's rule
    ipk = rows["rumus IPK"]
    assert (ipk.status, ipk.dihitung, ipk.selisih) == ("selisih", "3,75", "0,01")
    assert "dibulatkan 2 desimal sebelum digabung" in ipk.alasan
    assert rows["tren IKM"].status == "cocok"  # 3,98 / 3,20 = 124,375 at 3 decimals
    assert rows["rata-rata IPK"].status == "selisih"
    assert rows["rata-rata IPK"].dihitung == "3,86"
    # a change of capaian is in percentage points: printed with "%" it is a unit error
    assert (rows["penurunan capaian"].status, rows["penurunan capaian"].selisih) == (
        "selisih",
        "satuan",
    )
    assert rows["IKPA 2021"].status == rows["IKPA 2021"].dasar == "tidak dapat diperiksa"
    assert "rusak" in rows["IKPA 2021"].alasan


def test_another_rounding_convention_is_a_difference(rows: dict[str, reviu.Baris]) -> None:
    row = rows["IKPA 2022 dipotong"]
    assert (row.status, row.dihitung, row.selisih) == ("selisih", "8,58", "-0,01")
    assert "dipotong" in row.alasan and "bukan aturan laporan" in row.alasan


def test_an_official_component_printed_otherwise(rows: dict[str, reviu.Baris]) -> None:
    row = rows["SMART penyerapan"]
    assert (row.dasar, row.status, row.kategori) == ("nilai resmi", "selisih", "kontradiksi")
    assert "data/2023/smart_komponen.csv" in row.alasan and "perhitungan ulang" not in row.alasan


def test_year_labels_and_claims(rows: dict[str, reviu.Baris]) -> None:
    label = rows["izin tinggal"]
    assert (label.status, label.selisih) == ("selisih", "label tahun")
    assert "tahun 2022" in label.alasan and "tahun 2023" in label.alasan
    trend = rows["tren IKI"]
    assert trend.status == "selisih" and "'sama'" in trend.alasan
    assert rows["unsur IKM"].status == "cocok"


def test_value_before_a_correction_is_explained(rows: dict[str, reviu.Baris]) -> None:
    row = rows["program"]
    assert (row.status, row.dasar) == ("selisih", "masukan")
    assert row.selisih == "-Rp64.425.000"
    assert "sebelum koreksi" in row.alasan and "koreksi.csv:2" in row.alasan


def test_reviu_csv(tmp_path: Path, rows: dict[str, reviu.Baris]) -> None:
    out = reviu.write_csv(list(rows.values()), tmp_path / "reviu.csv")
    frame = pd.read_csv(out, dtype=str)
    assert list(frame.columns) == list(reviu.CSV_COLUMNS)
    assert set(frame["dasar"]) <= set(reviu.DASAR) and set(frame["status"]) <= set(reviu.STATUS)
    assert {
        "lokasi",
        "figure_id",
        "dipublikasikan",
        "dihitung",
        "status",
        "selisih",
        "alasan",
    } <= set(frame.columns)


def test_consistency_checks_pass_on_2023(ds2023: Dataset, reg2023) -> None:
    checks = pemeriksaan(ds2023, reg2023)
    by_name = {c.nama: c for c in checks}
    assert by_name["Pagu menurut jenis belanja = total pagu"].hasil == "lulus"
    assert by_name["Anggaran Perjanjian Kinerja (revisi) = total pagu"].hasil == "lulus"
    assert by_name["Rumus tahunan IKM memakai 12 bulan"].hasil == "lulus"
    corrections = [c for c in checks if c.nama.startswith("Koreksi")]
    rows = pd.read_csv(ds2023.data_dir / "2023" / "koreksi.csv")
    assert len(corrections) == len(ds2023.corrections) == len(rows)
    assert all(c.hasil == "temuan" for c in corrections)
    # the typos of the signed Perjanjian Kinerja are listed for the reviewer
    pk = [c for c in corrections if c.nama == "Koreksi pk_penandatangan kolom nama"]
    assert len(pk) == 1 and pk[0].rincian.startswith("Anis Hazairin Satoto → Arief Hazairin Satoto")


@pytest.mark.integration
def test_stamp(ds2023: Dataset, tmp_path: Path) -> None:
    data = stamp.collect(ds2023, {"tahun": 2023})
    assert len(data["berkas_masukan"]) > 100
    sha = data["berkas_masukan"]["data/2023/skm_bulanan.csv"]
    assert sha == provenance.file_sha256(ds2023.data_dir / "2023" / "skm_bulanan.csv")
    assert data["paket"]["pandas"] != "-" and data["parameter"] == {"tahun": "2023"}
    written = json.loads(stamp.write(data, tmp_path / "stamp.json").read_text(encoding="utf-8"))
    assert written == data
    # the working paper's table says the draft switch in words
    for draft, text in ((False, "tidak"), (True, "ya")):
        shown = stamp.collect(ds2023, {"tahun": 2023, "draft": draft})
        assert shown["parameter"]["draft"] == str(draft)  # the JSON keeps Python's spelling
        general, _ = stamp.tables(shown)
        assert dict(zip(general["Butir"], general["Nilai"], strict=True))["Parameter draft"] == text


def test_ledger_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "lama.csv", tmp_path / "baru.csv"
    header = "id,value,display\n"
    old.write_text(header + "a,1,1\nb,2,2\nc,3,3\n", encoding="utf-8")
    new.write_text(header + "a,1,1\nb,5,5\nd,4,4\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "Berubah: 1, baru: 1, hilang: 1." in out
    assert "~ b: 2 -> 5" in out and "+ d: 4" in out and "- c: 3" in out
    assert main(["diff", str(old), str(tmp_path / "tidak-ada.csv")]) == 2
