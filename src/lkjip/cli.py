"""Command line: ``lkjip build``, ``validate``, ``ledger``, ``diff``, ``init``, ``export``,
``import``.

Every failure is an Indonesian message, never a Python traceback:

* exit 2: the user's input (bad data, bad parameters, an ``--out`` that is a folder or
  lies among the project's inputs: :func:`lkjip.params.output_refusal`, a file that
  is not a ledger);
* exit 1: the environment or the build (no permission, a full disk, a read-only
  file system, a failed build step);
* 128 + signal: a build stopped by SIGTERM or Ctrl-C; 141 (as SIGPIPE would) when
  the reader of the output went away before a command other than ``build`` finished.

A build whose output pipe closes (``lkjip build | head -1``) keeps building with its
progress lines silenced, so its exit status says whether the book was made.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import signal
import sys
from pathlib import Path

from lkjip import __version__, console, params, paths
from lkjip.audit import ledger
from lkjip.audit.figures import compute_all
from lkjip.audit.ledger import write_csv, write_json
from lkjip.data import placeholders, spreadsheet
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.data.writing import atomic_text
from lkjip.errors import BuildError, BuildStopped, DataInvalid, ParameterError, UserError

EXIT_USER_ERROR = 2
EXIT_BUILD_FAILED = 1
#: an environment failure (permission, full disk, ...): the same code as a failed build
EXIT_ENVIRONMENT = 1
#: what a shell reports for a process killed by SIGPIPE
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


def _tahun(text: str) -> int:
    try:
        return params.check_tahun(text)
    except ParameterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    parser = console.Parser(
        prog="lkjip", description="LKjIP sebagai buku yang dapat direproduksi dan diaudit."
    )
    parser.add_argument("--version", action="version", version=f"lkjip {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=console.Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--tahun", type=_tahun, default=None, help="tahun laporan (bawaan: parameters.yml)"
        )
        p.add_argument(
            "--data-dir", type=Path, default=None, help="folder data (bawaan: data/ di proyek)"
        )

    validate = sub.add_parser("validate", help="periksa data satu tahun")
    common(validate)
    ledger = sub.add_parser("ledger", help="tulis buku besar angka (ledger) satu tahun")
    common(ledger)
    ledger.add_argument("--out", type=Path, required=True, help="berkas CSV keluaran")
    ledger.add_argument("--json", type=Path, default=None, help="berkas JSON keluaran (opsional)")
    init = sub.add_parser("init", help="siapkan data tahun baru (CSV dan buku kerja Excel)")
    init.add_argument("--tahun", type=_tahun, required=True, help="tahun laporan baru")
    init.add_argument(
        "--from",
        "--dari",  # the spelling of earlier versions
        dest="dari",
        metavar="TAHUN",
        type=_tahun,
        default=None,
        help="tahun asal (bawaan: tahun-1)",
    )
    init.add_argument(
        "--satker",
        default=None,
        help="nama satuan kerja untuk tabel identitas (kantor baru), "
        'mis. "Kantor Imigrasi Kelas I TPI Surakarta"; ditolak bila identitas tahun itu '
        "sudah ada dengan nama lain",
    )
    init.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder data (bawaan: data/); folder baru di dalam proyek dibuat beserta metadata",
    )
    export = sub.add_parser("export", help="tulis data satu tahun sebagai buku kerja Excel")
    common(export)
    export.add_argument("--out", type=Path, required=True, help="berkas .xlsx keluaran")
    imp = sub.add_parser("import", help="impor buku kerja Excel menjadi CSV satu tahun")
    imp.add_argument("workbook", type=Path, help="berkas .xlsx")
    common(imp)
    diff = sub.add_parser("diff", help="bandingkan dua ledger (angka yang berubah)")
    diff.add_argument("lama", type=Path, help="ledger.csv lama")
    diff.add_argument("baru", type=Path, help="ledger.csv baru")
    cov = sub.add_parser(
        "coverage", help="hitung cakupan rekonsiliasi atas teks laporan yang dipublikasikan"
    )
    cov.add_argument("laporan", type=Path, help="teks laporan (keluaran pdftotext)")
    cov.add_argument(
        "--tulis",
        action="store_true",
        help="tulis ringkasan ke data/<tahun>/cakupan_publikasi.csv untuk kertas kerja",
    )
    common(cov)
    build = sub.add_parser("build", help="bangun buku (HTML, PDF) dan ledger satu tahun")
    common(build)
    build.add_argument(
        "--jobs",
        type=console.jobs,
        default=None,
        help="jumlah proses paralel (bawaan: jumlah inti CPU)",
    )
    build.add_argument(
        "--draft", action="store_true", help="bangun walau data belum lengkap (ditandai DRAFT)"
    )
    build.add_argument(
        "--html-only",
        "--html-saja",  # the spelling of earlier versions, kept for scripts that use it
        dest="html_only",
        action="store_true",
        help="hanya HTML, tanpa PDF (lebih cepat saat menyunting)",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder buku hasil build (bawaan: _build/<tahun>, atau "
        "_build/<folder data>/<tahun> untuk folder data selain data/)",
    )
    return parser


def _load(args: argparse.Namespace) -> Dataset:
    p = params.resolve(args.tahun, args.data_dir)
    return load_dataset(p.tahun, p.data_dir)


def _print_problems(exc: DataInvalid) -> None:
    errors = [p for p in exc.problems if p.severity == "galat"]
    print(f"Data tidak valid: {len(errors)} masalah ditemukan.", file=sys.stderr)
    for number, problem in enumerate(errors, start=1):
        print(f"  {number}. {problem}", file=sys.stderr)


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

    try:
        build(
            args.tahun,
            args.data_dir,
            jobs=args.jobs,
            draft=args.draft,
            pdf_enabled=not args.html_only,
            out=args.out,
            progress=console.Progress(),
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
    changed = [i for i in sorted(old.keys() & new.keys()) if old[i]["value"] != new[i]["value"]]
    added = sorted(new.keys() - old.keys())
    removed = sorted(old.keys() - new.keys())
    print(f"Berubah: {len(changed)}, baru: {len(added)}, hilang: {len(removed)}.")
    for figure_id in changed:
        print(f"  ~ {figure_id}: {old[figure_id]['display']} -> {new[figure_id]['display']}")
    for figure_id in added:
        print(f"  + {figure_id}: {new[figure_id]['display']}")
    for figure_id in removed:
        print(f"  - {figure_id}: {old[figure_id]['display']}")
    return 0


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
    for line in result.rincian():  # carried, copied, shipped with the package
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
    from lkjip.newyear.workbook import import_

    p = params.resolve(args.tahun, args.data_dir)  # import_ checks the workbook file
    changed = import_(args.workbook, p.tahun, p.data_dir)
    if not changed:
        print(f"Tidak ada tabel tahun {p.tahun} yang berubah: isi {args.workbook} sama dengan CSV.")
        return 0
    print(f"{len(changed)} tabel tahun {p.tahun} berubah, ditulis dari {args.workbook}:")
    print(f"  {', '.join(changed)}")
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
    from lkjip.audit.figures import compute_all
    from lkjip.audit.reconciliation import rekonsiliasi

    rows = rekonsiliasi(ds, compute_all(ds))
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


COMMANDS = {
    "validate": cmd_validate,
    "ledger": cmd_ledger,
    "build": cmd_build,
    "diff": cmd_diff,
    "init": cmd_init,
    "export": cmd_export,
    "import": cmd_import,
    "coverage": cmd_coverage,
}


def main(argv: list[str] | None = None) -> int:
    # a file-size limit (ulimit -f) makes writes fail with EFBIG instead of killing us
    with contextlib.suppress(ValueError, AttributeError):  # not the main thread / platform
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        args = _parser().parse_args(argv)
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except DataInvalid as exc:
        return _fail(EXIT_USER_ERROR, problems=exc)
    except (UserError, ParameterError) as exc:
        return _fail(EXIT_USER_ERROR, f"Galat: {exc}")
    except BrokenPipeError:
        # the reader of stdout went away (``| head``) before the command finished
        console.silence("stdout")
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # the environment, whatever the command: a message, not a traceback
        return _fail(EXIT_ENVIRONMENT, f"Galat lingkungan: {console.os_message(exc)}")
    except KeyboardInterrupt:
        return _fail(128 + signal.SIGINT, "Dihentikan (Ctrl-C).")


def _fail(code: int, message: str = "", problems: DataInvalid | None = None) -> int:
    """Print a failure on stderr; a closed stderr does not turn it into a traceback."""
    try:
        if problems is not None:
            _print_problems(problems)
        else:
            print(message, file=sys.stderr)
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        console.silence("stderr")
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
