"""A complete, valid synthetic year generated from the previous year (tests, the
benchmark and :mod:`lkjip.rekap.sintetis`).

``lkjip init`` prepares the year; :func:`make_year` fills every table it leaves empty
with plausible values inside the valid ranges, consistent across tables (sums, months,
respondent counts), drawn from a seeded generator: the same seed gives the same year.
Nothing here is real data.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from lkjip.domain.ikpa import nilai_akhir, nilai_total
from lkjip.domain.rounding import round_score
from lkjip.domain.smart import nilai_kinerja
from lkjip.newyear.prepare import init


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or list(_read_header(path))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _read_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def _append(path: Path, rows: list[dict]) -> None:
    _write(path, _read(path) + rows)


def _copy_year(source: Path, target: Path, name: str, tahun: int) -> None:
    rows = _read(source / f"{name}.csv")
    for row in rows:
        row["tahun"] = str(tahun)
    _write(target / f"{name}.csv", rows, _read_header(source / f"{name}.csv"))


def make_year(data_dir: Path, tahun: int, seed: int = 7, geser: float = 0.0) -> Path:
    """Create ``data_dir/<tahun>`` (init, then synthetic values); returns the folder.

    ``geser``: how much lower this office's survey indices lie (every index range is
    moved down by it; 0 keeps the draws of earlier versions for the same seed), so
    offices differ in their indicators' realisasi, not only within a year.
    """
    rng = random.Random(seed)
    init(tahun, data_dir)
    prev, new = data_dir / str(tahun - 1), data_dir / str(tahun)

    def idx(low: float = 3.6, high: float = 4.0) -> float:
        return round(rng.uniform(low - geser, high - geser), 2)

    # office texts: last year's wording, for this year
    for name in (
        "identitas",
        "faktor_keberhasilan",
        "rekomendasi",
        "inovasi",
        "penghargaan",
        "ikhtisar_butir",
        "pegawai",
        "tarja_rencana_aksi",
        "narasi",
        "tidak_tersedia",  # (the staff by golongan: not in the report's data either)
    ):
        _copy_year(prev, new, name, tahun)
    ident = _read(new / "identitas.csv")
    ident[0]["tanggal_pengesahan"] = f"{tahun + 1}-01-08"
    _write(new / "identitas.csv", ident)
    # the PK of the new year: its strategic and programme levels (the Renstra's, the same
    # each year of the period) where last year's data held only the office's own level
    pk = _read(new / "pk_indikator.csv")
    held = {r["tingkat"] for r in pk if r["tahun"] == str(tahun)}
    renstra = [
        {**r, "tahun": str(tahun)}
        for r in _read(prev / "pk_indikator.csv")
        if r["tahun"] == str(tahun - 1) and r["tingkat"] not in held
    ]
    _write(new / "pk_indikator.csv", renstra + pk, _read_header(new / "pk_indikator.csv"))

    # surveys
    unsur = [r["unsur"] for r in _read(new / "unsur_skm.csv")]
    skm, skm_unsur = [], []
    for bulan in range(1, 13):
        values = [idx(3.7) for _ in unsur]
        skm_unsur += [
            {"tahun": tahun, "bulan": bulan, "unsur": u, "nilai": f"{v:.2f}"}
            for u, v in zip(unsur, values, strict=True)
        ]
        skm.append(
            {
                "tahun": tahun,
                "bulan": bulan,
                "responden": rng.randint(20, 80),
                "nilai_skm": f"{round(sum(values) / len(values) + 1e-9, 2):.2f}",
            }
        )
    _write(new / "skm_bulanan.csv", skm)
    _write(new / "skm_unsur_bulanan.csv", skm_unsur)
    variabel = [r["variabel"] for r in _read(new / "variabel_iio.csv")]
    iio, iio_resp = [], []
    for bulan in range(1, 13):
        values = [idx(3.8) for _ in variabel]
        iio += [
            {"tahun": tahun, "bulan": bulan, "variabel": v, "nilai": f"{x:.2f}"}
            for v, x in zip(variabel, values, strict=True)
        ]
        iio_resp.append(
            {
                "tahun": tahun,
                "bulan": bulan,
                "responden": rng.randint(60, 120),
                "nilai_integritas": f"{round(sum(values) / len(values) + 1e-9, 2):.2f}",
            }
        )
    _write(new / "iio_bulanan.csv", iio)
    _write(new / "iio_responden.csv", iio_resp)
    ipk = _read(prev / "ipk_unsur.csv")
    for row in ipk:
        row.update(tahun=tahun, nilai=f"{idx(3.3):.2f}")
    _write(new / "ipk_unsur.csv", ipk)
    _write(
        new / "ipk_responden.csv",
        [
            {"tahun": tahun, "pihak": "internal", "responden": 20},
            {"tahun": tahun, "pihak": "eksternal", "responden": 8},
        ],
    )
    pembanding = _read(prev / "pembanding.csv")
    for row in pembanding:
        row.update(tahun=tahun, nilai=f"{idx(3.5):.2f}")
    _write(new / "pembanding.csv", pembanding)

    # budget: the PK budget of the year (signed last year) is the DIPA; an ABT on top
    pk = [r for r in _read(new / "pk_anggaran.csv") if r["versi"] == "awal"]
    dipa = sum(int(r["anggaran"]) for r in pk)
    abt = 1_000_000_000
    pagu_program = [int(r["anggaran"]) for r in pk]
    pagu_program[-1] += abt
    total = dipa + abt
    programs = _read(prev / "realisasi_program.csv")
    realisasi = [int(p * rng.uniform(0.95, 0.995)) for p in pagu_program]
    _write(
        new / "realisasi_program.csv",
        [
            {
                "tahun": tahun,
                "program": r["program"],
                "kegiatan": r["kegiatan"],
                "pagu": p,
                "realisasi": x,
            }
            for r, p, x in zip(programs, pagu_program, realisasi, strict=True)
        ],
    )
    _append(
        new / "pk_anggaran.csv",
        [
            {
                "tahun": tahun,
                "versi": "revisi",
                "program": r["program"],
                "kegiatan": r["kegiatan"],
                "anggaran": p,
            }
            for r, p in zip(programs, pagu_program, strict=True)
        ],
    )
    pegawai_pagu, modal_pagu = total * 35 // 100, total * 10 // 100
    barang_pagu = total - pegawai_pagu - modal_pagu
    rm = total * 60 // 100
    _write(
        new / "pagu_komposisi.csv",
        [
            {"tahun": tahun, "dimensi": "sumber_alokasi", "kategori": "DIPA", "pagu": dipa},
            {
                "tahun": tahun,
                "dimensi": "sumber_alokasi",
                "kategori": "Anggaran Belanja Tambahan (ABT)",
                "pagu": abt,
            },
            {
                "tahun": tahun,
                "dimensi": "jenis_belanja",
                "kategori": "Belanja Pegawai",
                "pagu": pegawai_pagu,
            },
            {
                "tahun": tahun,
                "dimensi": "jenis_belanja",
                "kategori": "Belanja Barang",
                "pagu": barang_pagu,
            },
            {
                "tahun": tahun,
                "dimensi": "jenis_belanja",
                "kategori": "Belanja Modal",
                "pagu": modal_pagu,
            },
            {"tahun": tahun, "dimensi": "sumber_dana", "kategori": "Rupiah Murni (RM)", "pagu": rm},
            {
                "tahun": tahun,
                "dimensi": "sumber_dana",
                "kategori": "Penerimaan Negara Bukan Pajak (PNBP)",
                "pagu": total - rm,
            },
        ],
    )
    spent = sum(realisasi)
    parts = [spent * 36 // 100, spent * 9 // 100]
    parts.insert(1, spent - sum(parts))
    jenis = [
        ("Belanja Pegawai", pegawai_pagu),
        ("Belanja Barang", barang_pagu),
        ("Belanja Modal", modal_pagu),
    ]
    _append(
        new / "realisasi_jenis_belanja.csv",
        [
            {"tahun": tahun, "jenis_belanja": j, "pagu": p, "realisasi": x}
            for (j, p), x in zip(jenis, parts, strict=True)
        ],
    )
    _append(new / "realisasi_tahunan.csv", [{"tahun": tahun, "pagu": total, "realisasi": spent}])
    akun = [r for r in _read(prev / "pnbp.csv") if r["tahun"] == str(tahun - 1)]
    _append(
        new / "pnbp.csv",
        [
            {
                "tahun": tahun,
                "kode_akun": r["kode_akun"],
                "jenis_pendapatan": r["jenis_pendapatan"],
                "realisasi": int(int(r["realisasi"]) * rng.uniform(0.9, 1.2)),
            }
            for r in akun
        ],
    )
    _append(new / "pnbp_target.csv", [{"tahun": tahun, "target": 60_000_000_000}])
    efisiensi = round(rng.uniform(2, 10), 2)
    _append(
        new / "smart_komponen.csv",
        [
            {"tahun": tahun, "komponen": k, "nilai": v}
            for k, v in (
                ("penyerapan", f"{spent / total * 100:.2f}"),
                ("konsistensi", "93.10"),
                ("capaian_ro", "100"),
                ("efisiensi", f"{efisiensi:.2f}"),
                ("nilai_efisiensi", f"{50 + 50 * efisiensi / 20:.2f}"),
            )
        ],
    )
    ikpa = [r for r in _read(prev / "ikpa_indikator.csv") if r["tahun"] == str(tahun - 1)]
    for row in ikpa:
        row.update(tahun=tahun, nilai=f"{rng.uniform(85, 100):.2f}")
    _append(new / "ikpa_indikator.csv", ikpa)
    _append(new / "ikpa_konversi.csv", [{"tahun": tahun, "konversi_bobot": 100}])
    # the official values: for a synthetic year, what the components give
    smart = {
        r["komponen"]: r["nilai"]
        for r in _read(new / "smart_komponen.csv")
        if r["tahun"] == str(tahun)
    }
    bobot = {r["komponen"]: r["bobot"] for r in _read(new / "smart_bobot.csv")}
    akhir = nilai_akhir(nilai_total([r["nilai"] for r in ikpa], [r["bobot"] for r in ikpa]), 100)
    sumber = "Aplikasi (data sintetis)"
    _append(
        new / "nilai_resmi.csv",
        [
            {
                "tahun": tahun,
                "sistem": "SMART DJA",
                "indikator": "nilai_kinerja",
                "nilai": f"{round_score(nilai_kinerja(smart, bobot)):.2f}",
                "sumber": sumber,
            },
            {
                "tahun": tahun,
                "sistem": "IKPA",
                "indikator": "nilai_akhir",
                "nilai": f"{round_score(akhir):.2f}",
                "sumber": sumber,
            },
        ],
    )

    # other achievements
    _write(
        new / "emonev.csv",
        [
            {"tahun": tahun, "komponen": "anggaran", "nilai": "98.5"},
            {"tahun": tahun, "komponen": "progres", "nilai": "100"},
        ],
    )
    tarja = _read(prev / "tarja.csv")
    for row in tarja:
        row.update(tahun=tahun, nilai=rng.choice(["95", "100"]))
    _write(new / "tarja.csv", tarja)
    for name in ("paspor", "izin_tinggal", "perlintasan", "tak"):
        rows = [r for r in _read(prev / f"{name}.csv") if r["tahun"] == str(tahun - 1)]
        for row in rows:
            row.update(tahun=tahun, jumlah=int(int(row["jumlah"]) * rng.uniform(0.8, 1.3)))
        _append(new / f"{name}.csv", rows)
    # law enforcement: last year's cases again, for this year (the table keeps earlier years)
    cases = [r for r in _read(prev / "projustitia.csv") if r["tahun"] == str(tahun - 1)]
    _append(new / "projustitia.csv", [{**r, "tahun": tahun} for r in cases])
    return new
