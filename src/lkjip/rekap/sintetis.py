"""Synthetic offices: N plausible offices derived from one office's data folder, for the
tests and the benchmark of ``lkjip rekap``, and for a Kanwil trying the command.

:func:`buat_kantor` copies the source data folder (its ``metadata/`` and earlier years)
once per office into ``tujuan/<slug>/``, makes the year ``tahun`` there with the office's
own seed (:func:`lkjip.rekap.sintetis_tahun.make_year`: other survey, budget, PNBP,
SMART and IKPA values), rewrites the office's identity (name, city, Kanwil, head, NIP,
code) in that year, and writes ``tujuan/KANTOR.csv`` (``folder,kanwil``; folders relative
to it). The same arguments give the same bytes. Cities, provinces and names come from
fixed lists; no name is a real person's. Nothing here is real data.

A data folder builds only inside a project (:func:`lkjip.paths.output`): put ``tujuan``
inside the project whose book the offices use.

``python -m lkjip.rekap.sintetis --jumlah 8 --tahun 2024 --ke DIR [--sumber data]``
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
from pathlib import Path

from lkjip.errors import UserError
from lkjip.rekap.sintetis_tahun import make_year

#: provinces (each a Kanwil) and cities that have an immigration office there
WILAYAH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Jawa Tengah", ("Semarang", "Surakarta", "Pemalang", "Cilacap", "Wonosobo", "Pati")),
    ("Jawa Timur", ("Malang", "Kediri", "Jember", "Madiun", "Blitar", "Ponorogo")),
    ("Sumatera Utara", ("Medan", "Sibolga", "Pematangsiantar", "Tanjung Balai", "Langsa")),
    ("Sulawesi Selatan", ("Makassar", "Parepare", "Palopo", "Watampone", "Bulukumba")),
    ("Kalimantan Timur", ("Samarinda", "Balikpapan", "Tarakan", "Bontang", "Tanjung Redeb")),
    ("Nusa Tenggara Barat", ("Mataram", "Sumbawa Besar", "Bima", "Lombok Timur", "Dompu")),
    ("Sumatera Barat", ("Padang", "Bukittinggi", "Agam", "Solok", "Payakumbuh")),
    ("Bali", ("Denpasar", "Singaraja", "Gianyar", "Tabanan", "Karangasem")),
)
#: first and family names, combined into the heads' names (invented combinations)
NAMA_DEPAN = ("Arif", "Dewi", "Hendra", "Lestari", "Rudi", "Sri", "Teguh", "Wulan", "Yusuf")
NAMA_BELAKANG = ("Prasetyo", "Handayani", "Saputra", "Wibowo", "Kurniasih", "Nugroho")
JALAN = ("Jl. Merdeka", "Jl. Diponegoro", "Jl. Sudirman", "Jl. Pahlawan", "Jl. Veteran")
#: the seed of office ``i`` is ``seed * SEED_STEP + i``
SEED_STEP = 1000
#: the most an office's survey indices lie below the source's ranges
#: (:func:`make_year`'s ``geser``; drawn per office from its seed)
GESER_MAX = 0.5
KANTOR_CSV = "KANTOR.csv"


def slug(text: str) -> str:
    return "kanim-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def kantor_ke(i: int, jumlah_kanwil: int) -> tuple[str, str]:
    """(provinsi, kota) of office ``i``: offices go round the Kanwils in turn."""
    provinsi, kota = WILAYAH[i % jumlah_kanwil]
    urutan = i // jumlah_kanwil
    return provinsi, kota[urutan]


def identitas_kantor(i: int, provinsi: str, kota: str) -> dict[str, str]:
    """The identity fields of office ``i`` (``identitas`` columns)."""
    depan = NAMA_DEPAN[i % len(NAMA_DEPAN)]
    belakang = NAMA_BELAKANG[(i * 5 + 1) % len(NAMA_BELAKANG)]
    return {
        "nama_satker": f"Kantor Imigrasi Kelas II TPI {kota}",
        "kanwil": f"Kantor Wilayah Kementerian Hukum dan HAM {provinsi}",
        "alamat": f"{JALAN[i % len(JALAN)]} No. {11 + 7 * i}",
        "kota": kota,
        "kepala_kantor": f"{depan} {belakang}",
        # NIP: birth date, appointment month, sex, serial (18 digits)
        "nip_kepala_kantor": f"19{70 + i % 20:02d}{1 + i % 12:02d}{1 + i % 28:02d}"
        f"{1995 + i % 10}{1 + i % 12:02d}1{1 + i % 999:03d}",
        "tempat_pengesahan": kota,
        "kode_satker": f"{500000 + 137 * i:06d}",
    }


def _rename(year: Path, old: dict[str, str], new: dict[str, str]) -> None:
    """The year's tables in the new office's words: its identity where the source
    office's name, head and city appear (every table of the year, so the references
    between them stay the same)."""
    pairs = [
        (old["nama_satker"], new["nama_satker"]),
        (old["kepala_kantor"], new["kepala_kantor"]),
        (old["kota"], new["kota"]),
    ]
    for path in sorted(year.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        changed = text
        for before, after in pairs:
            if before:
                changed = changed.replace(before, after)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
    columns, rows = _read(year / "identitas.csv")
    for row in rows:
        row.update({k: v for k, v in new.items() if k in row})
    _write(year / "identitas.csv", columns, rows)


def _copy_source(sumber: Path, folder: Path, tahun: int) -> None:
    """The source data folder without the year made here or later ones (nor caches)."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        if Path(directory).resolve() != sumber.resolve():
            return {n for n in names if n.startswith(".") or n == "__pycache__"}
        return {n for n in names if n.startswith(".") or (n.isdigit() and int(n) >= tahun)}

    shutil.copytree(sumber, folder, ignore=ignore)


def buat_kantor(
    sumber: Path,
    tujuan: Path,
    jumlah: int,
    tahun: int,
    jumlah_kanwil: int = 2,
    seed: int = 29,
) -> Path:
    """Make ``jumlah`` synthetic offices of the year ``tahun`` from the data folder
    ``sumber`` (which holds ``tahun - 1``) in ``tujuan``; returns ``tujuan/KANTOR.csv``.
    ``tujuan`` must not hold any of the offices' folders yet."""
    sumber, tujuan = Path(sumber), Path(tujuan)
    if not (sumber / str(tahun - 1) / "identitas.csv").is_file():
        raise UserError(f"{sumber}: tidak ada data tahun {tahun - 1} (sumber tahun {tahun})")
    if not 1 <= jumlah_kanwil <= len(WILAYAH):
        raise UserError(f"jumlah kanwil harus 1 sampai {len(WILAYAH)}, bukan {jumlah_kanwil}")
    batas = jumlah_kanwil * min(len(kota) for _, kota in WILAYAH[:jumlah_kanwil])
    if not 1 <= jumlah <= batas:
        raise UserError(f"jumlah kantor harus 1 sampai {batas} untuk {jumlah_kanwil} kanwil")
    kantor = [kantor_ke(i, jumlah_kanwil) for i in range(jumlah)]
    folders = [tujuan / slug(kota) for _, kota in kantor]
    ada = [str(f) for f in folders if f.exists()]
    if ada:
        raise UserError(f"folder kantor sudah ada: {', '.join(ada)}")
    tujuan.mkdir(parents=True, exist_ok=True)
    _, asal = _read(sumber / str(tahun - 1) / "identitas.csv")
    baris = []
    for i, ((provinsi, kota), folder) in enumerate(zip(kantor, folders, strict=True)):
        _copy_source(sumber, folder, tahun)
        office_seed = seed * SEED_STEP + i
        geser = round(random.Random(office_seed).uniform(0.0, GESER_MAX), 2)
        make_year(folder, tahun, seed=office_seed, geser=geser)
        baru = identitas_kantor(i, provinsi, kota)
        _rename(folder / str(tahun), asal[0], baru)
        baris.append({"folder": folder.name, "kanwil": baru["kanwil"]})
    daftar = tujuan / KANTOR_CSV
    _write(daftar, ["folder", "kanwil"], baris)
    return daftar


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lkjip.rekap.sintetis", description="Membuat kantor sintetis."
    )
    parser.add_argument("--jumlah", type=int, required=True, help="jumlah kantor")
    parser.add_argument("--tahun", type=int, required=True, help="tahun yang dibuat")
    parser.add_argument("--ke", type=Path, required=True, help="folder tujuan")
    parser.add_argument("--sumber", type=Path, default=Path("data"), help="folder data sumber")
    parser.add_argument("--kanwil", type=int, default=2, help="jumlah kanwil (bawaan 2)")
    parser.add_argument("--seed", type=int, default=29)
    args = parser.parse_args(argv)
    try:
        daftar = buat_kantor(args.sumber, args.ke, args.jumlah, args.tahun, args.kanwil, args.seed)
    except UserError as error:
        print(error)
        return 2
    print(f"{args.jumlah} kantor sintetis tahun {args.tahun}: {daftar}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
