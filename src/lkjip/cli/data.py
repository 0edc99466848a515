"""The commands that write a year's data: ``init``, ``export``, ``import``."""

from __future__ import annotations

import argparse
from pathlib import Path

from lkjip import params, paths
from lkjip.errors import UserError


def cmd_init(args: argparse.Namespace) -> int:
    satker = args.satker.strip() if args.satker is not None else None
    if satker is not None and not satker:
        raise UserError("--satker tidak boleh kosong")
    if args.dir is None:
        return _init_year(args, satker)
    from lkjip.newyear.proyek import create

    project = create(args.dir, args.tahun, satker)
    if project.dibuat:
        print(
            f"Proyek kantor baru dibuat di {project.folder}: book/, notebooks/, data/metadata/, "
            "_config.yml, _toc.yml, parameters.yml (tahun "
            f"{args.tahun}), README.md."
        )
    else:
        print(f"Proyek {project.folder} sudah ada: dipakai apa adanya.")
    with paths.use_root(project.folder):
        code = _init_year(args, satker)
    print(
        f"Langkah berikutnya: cd {args.dir}, lalu ikuti README.md di sana (isi data, "
        f"lkjip validate --tahun {args.tahun}, lkjip build --tahun {args.tahun} --draft)."
    )
    return code


def _init_year(args: argparse.Namespace, satker: str | None) -> int:
    """``init`` of a year in the current project (:func:`lkjip.paths.project_root`)."""
    from lkjip.newyear.prepare import init

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
    for line in result.rincian():  # carried, emptied, copied, shipped with the package
        print(line)
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
