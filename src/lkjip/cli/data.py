"""The commands that write a year's data: ``init``, ``export``, ``import``."""

from __future__ import annotations

import argparse
from pathlib import Path

from lkjip import params, paths
from lkjip.errors import UserError


def cmd_init(args: argparse.Namespace) -> int:
    from lkjip.newyear.prepare import init

    satker = args.satker.strip() if args.satker is not None else None
    if satker is not None and not satker:
        raise UserError("--satker tidak boleh kosong")
    data_dir = params.check_new_data_dir(args.data_dir)
    result = init(args.tahun, data_dir, args.dari, satker)
    if result.metadata_disalin:
        print(
            f"Folder data baru {paths.display_path(data_dir)}: metadata tabel disalin dari "
            f"{paths.display_path(paths.default_metadata_dir())}."
        )
    print(
        f"Data tahun {args.tahun} disiapkan di {paths.display_path(result.folder)}: "
        f"{len(result.dibuat)} tabel dibuat, {len(result.dilewati)} sudah ada (tidak diubah)."
    )
    if result.dari is None:
        print(f"  Tidak ada data tahun {args.tahun - 1}: semua tabel berisi judul kolom saja.")
    for name, rows in sorted(result.dibawa.items()):
        print(f"  - {name}: {rows} baris dibawa dari tahun {result.dari}")
    if satker and "identitas" in result.dibuat:
        print(f"  - identitas: nama_satker = {satker}")
    book = result.folder / f"lkjip-{args.tahun}.xlsx"
    if book.exists():
        print(f"Buku kerja {paths.display_path(book)} sudah ada (tidak diubah).")
    else:
        _export_new(args.tahun, book, data_dir)
        print(f"Buku kerja Excel: {paths.display_path(book)}")
    return 0


def _export_new(tahun: int, book: Path, data_dir: Path) -> None:
    """Write the new year's workbook (atomically: a failed write leaves none, which a
    later ``init`` would keep as "sudah ada")."""
    from lkjip.newyear.workbook import export

    export(tahun, book, data_dir)


def cmd_export(args: argparse.Namespace) -> int:
    from lkjip.newyear.workbook import export

    p = params.resolve(args.tahun, args.data_dir)
    params.check_outputs({"--out": args.out}, p.data_dir)
    out = export(p.tahun, args.out, p.data_dir)
    print(f"Buku kerja tahun {p.tahun} ditulis ke {out}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from lkjip.newyear.report import describe
    from lkjip.newyear.workbook import import_report

    p = params.resolve(args.tahun, args.data_dir)  # import_report checks the workbook file
    report = import_report(args.workbook, p.tahun, p.data_dir, overwrite=args.overwrite)
    for line in describe(report):
        print(line)
    return 0
