"""The commands about one year's book: ``validate``, ``ledger``, ``build``, ``diff``,
``coverage``."""

from __future__ import annotations

import argparse
import csv
import signal
import sys
from pathlib import Path

from lkjip import console, params, paths
from lkjip.audit import ledger, provenance
from lkjip.audit.figures import compute_all
from lkjip.audit.ledger import write_csv, write_json
from lkjip.cli.exits import EXIT_BUILD_FAILED, EXIT_ENVIRONMENT
from lkjip.data import placeholders, spreadsheet
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.data.writing import atomic_text
from lkjip.errors import BuildError, BuildStopped, DataInvalid, ParameterError, UserError


def _load(args: argparse.Namespace) -> Dataset:
    p = params.resolve(args.tahun, args.data_dir)
    return load_dataset(p.tahun, p.data_dir)


def print_problems(exc: DataInvalid) -> None:
    print(exc.report(), file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    ds = _load(args)
    # the narratives' {{id}} name figures: checked once the figures are computed, all at once
    unknown = placeholders.unknown_figures(ds.frames, ds.files(), set(compute_all(ds).ids()))
    if unknown:
        raise DataInvalid(unknown)
    rows = sum(len(f) for f in ds.frames.values())
    print(
        f"Data tahun {ds.tahun} valid: {len(ds.frames)} tabel, {rows} baris "
        f"({paths.display_path(paths.year_dir(ds.data_dir, ds.tahun))})."
    )
    print(f"Koreksi diterapkan: {len(ds.corrections)}.")
    for corr in ds.corrections:
        print(
            f"  - {corr.tabel} [{corr.kunci}] {corr.kolom}: "
            f"{corr.nilai_dipublikasikan} -> {corr.nilai_koreksi}"
            + (" (tafsiran)" if not corr.changes_value else "")
        )
    # text a spreadsheet would run: kept, disarmed in the book's CSV downloads
    warnings = ds.warnings + spreadsheet.formula_warnings(ds.specs, ds.frames, ds.files())
    if warnings:
        print(f"Peringatan: {len(warnings)}.")
        for warning in warnings:
            print(f"  - {warning}")
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    p = params.resolve(args.tahun, args.data_dir)
    params.check_outputs({"--out": args.out, "--json": args.json}, p.data_dir)
    console.output_file(args.out, "--out")
    if args.json:
        console.output_file(args.json, "--json")
    ds = load_dataset(p.tahun, p.data_dir)
    reg = compute_all(ds)
    out = write_csv(reg, args.out)
    print(f"Ledger tahun {ds.tahun}: {len(reg)} angka ditulis ke {out}.")
    if args.json:
        write_json(reg, args.json)
        print(f"Ledger JSON ditulis ke {args.json}.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from lkjip.assemble.pipeline import build

    # the original project's git state, for a build of a copy of it (lkjip rekap)
    origin = provenance.read_origin(args.provenance) if args.provenance else None
    try:
        build(
            args.tahun,
            args.data_dir,
            jobs=args.jobs,
            draft=args.draft,
            pdf_enabled=not args.html_only,
            out=args.out,
            progress=console.Progress(),
            origin=origin,
        )
    except BuildError as exc:
        print(f"Build gagal; buku sebelumnya tidak diubah.\n{exc}", file=sys.stderr)
        return EXIT_BUILD_FAILED
    except OSError as exc:  # the environment: permission, full disk, read-only ...
        print(
            f"Build gagal; buku sebelumnya tidak diubah.\n{console.os_message(exc, _book(args))}",
            file=sys.stderr,
        )
        return EXIT_ENVIRONMENT
    except (BuildStopped, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, BuildStopped) else signal.SIGINT
        print(
            f"Build dihentikan ({signal.Signals(signum).name}); buku sebelumnya tidak diubah.",
            file=sys.stderr,
        )
        return 128 + signum
    return 0


def _book(args: argparse.Namespace) -> Path | None:
    """The folder a build writes its book to (None when it cannot be told)."""
    try:
        p = params.resolve(args.tahun, args.data_dir)
        return params.check_output(p.tahun, p.data_dir, args.out).book
    except (ParameterError, UserError, OSError):
        return None


def cmd_diff(args: argparse.Namespace) -> int:
    old = ledger.by_id(args.lama)
    new = ledger.by_id(args.baru)
    for line in ledger.diff_lines(ledger.diff(old, new), old, new):
        print(line)
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Coverage of a published report's text by ``publikasi`` (the text is never stored)."""
    from lkjip.audit import coverage

    if not args.laporan.is_file():
        raise UserError(f"teks laporan tidak ditemukan: {args.laporan}")
    try:
        text = args.laporan.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{args.laporan}: bukan teks UTF-8 (keluaran pdftotext)") from None
    ds = _load(args)
    if not ds.has("publikasi"):
        raise UserError(f"tabel publikasi tahun {ds.tahun} tidak ada")
    from lkjip.audit import reconciliation
    from lkjip.audit.figures import compute_all

    rows = reconciliation.rows(ds, compute_all(ds))
    result = coverage.cakupan(text, ds.table("publikasi"), {row.no: row.dasar for row in rows})
    print(coverage.laporan(result, rows))
    if args.tulis:
        from lkjip.data.locking import data_lock

        target = paths.year_dir(ds.data_dir, ds.tahun) / "cakupan_publikasi.csv"
        # a write of the year's data: never under a build that is reading it
        with data_lock(ds.data_dir, ds.tahun, print), atomic_text(target) as handle:
            writer = csv.DictWriter(handle, fieldnames=coverage.TABLE_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(coverage.rows_for_table(result, ds.tahun))
        print(f"Cakupan ditulis ke {paths.display_path(target)}.")
    return 0
