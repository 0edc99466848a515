"""Build speed benchmark (a script, not a test): ``python benchmarks/build_speed.py``.

Measures, in one run on this machine, in a scratch copy of the project, for the HTML
only (``--html-only``) and for the full build (HTML and both PDFs):

1. cold: ``lkjip build`` with no cache and no previous book;
2. no change: the same build again;
3. one chapter: a value of a table only BAB I shows (``sejarah.csv``);
4. PNBP: a PNBP realisasi value (``pnbp.csv``, shown across the report);
5. published figure: a printed figure of the published report (``publikasi.csv``, read
   only by the reconciliation);
6. narrative: a markdown cell of one chapter edited (BAB IV);

and the baseline: plain ``jupyter-book build`` with ``execute_notebooks: force`` on the
same notebooks (serial execution, no cache of ours).

Each scenario runs ``--runs`` times; the table gives the median wall time, the ratio to
the baseline and to the cold build of the same mode, the chapters run and PDFs typeset,
and the peak memory (PSS) of the whole process tree (sampled every 0.2 s with psutil).

``--kantor N`` measures many offices instead (issue 29), once, cold: N synthetic offices
(:func:`lkjip.rekap.sintetis.buat_kantor`, year ``--tahun-kantor``) in a fresh scratch
copy of the project for each way, built (a) by a plain sequential loop of ``lkjip build``
over them, (b) by ``lkjip rekap`` on its default local cluster, (c) by ``lkjip rekap``
through a ``dask scheduler`` and two ``dask worker`` processes started here on 127.0.0.1
(``--nthreads 1``, each its own ``--local-directory`` and working folder, no
``LKJIP_ROOT``); wall time, books per minute, the ratio to (a), and the peak memory (PSS)
of each worker's process tree and of the whole run.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import yaml

from lkjip import config, paths
from lkjip.assemble.staging import descendants
from lkjip.rekap.sintetis import buat_kantor

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("_config.yml", "_toc.yml", "parameters.yml", "pyproject.toml")
PROJECT_DIRS = ("book", "notebooks", "data")
TAHUN = yaml.safe_load((ROOT / "parameters.yml").read_text(encoding="utf-8"))["tahun"]


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, target / name)
    return target


def _pss_kib(pid: int) -> int:
    """Proportional set size: memory shared between processes (forked workers share
    their parent's pages) is divided among them, so the sum over a tree is its real
    footprint; plain RSS would count shared pages once per process."""
    try:
        return psutil.Process(pid).memory_full_info().pss // 1024
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak MiB of the process tree, output) of one command; fails loudly."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kib(p) for p in [proc.pid, *descendants(proc.pid)]))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} gagal:\n{output[-3000:]}")
    return seconds, peak[0] / 1024, output


def toggle_text(path: Path, old: str, new: str) -> None:
    """Change a file, alternating between two versions so every run sees a change."""
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(old, new, 1) if old in text else text.replace(new, old, 1), encoding="utf-8"
    )


def edit_narrative(notebook: Path) -> None:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    source = "".join(cell["source"])
    marker = "\n\nCatatan penyuntingan."
    cell["source"] = source[: -len(marker)] if source.endswith(marker) else source + marker
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


#: scenarios, in the order they run after a cold build and a build without changes
SCENARIOS = ("one_chapter", "pnbp", "publikasi", "narrative")
LABELS = {
    "cold": "build dingin (cache kosong)",
    "no_change": "build ulang tanpa perubahan",
    "one_chapter": "nilai tabel satu bab (sejarah.csv, BAB I)",
    "pnbp": "nilai realisasi PNBP (pnbp.csv)",
    "publikasi": "angka laporan terbit (publikasi.csv)",
    "narrative": "narasi satu bab disunting (BAB IV)",
    "baseline": "jupyter-book build, execute_notebooks: force",
}


def change(name: str, root: Path) -> None:
    """Make the change of scenario ``name`` (alternating, so every run sees one)."""
    data = root / "data" / str(TAHUN)
    if name == "one_chapter":
        toggle_text(data / "sejarah.csv", "Dinas Imigrasi", "Dinas Keimigrasian")
    elif name == "pnbp":
        toggle_text(
            data / "pnbp.csv", "2023,425211,Pendapatan Paspor,", "2023,425211,Pendapatan Paspor,1"
        )
    elif name == "publikasi":
        toggle_text(data / "publikasi.csv", '"123,35%",123.35', '"123,36%",123.36')
    elif name == "narrative":
        edit_narrative(root / "notebooks" / "bab4_penutup.ipynb")


def _what_ran(output: str) -> str:
    """The chapters run and PDFs typeset, from the build's progress output."""
    ran = re.search(r"(\d+) bab dijalankan", output)
    pdfs = output.count("Menyusun PDF laporan") + output.count("dan kertas kerja (LaTeX")
    pdfs += output.count("Menyusun PDF kertas kerja") + output.count("Menyusun ulang PDF")
    chapters = ran.group(1) if ran else "0"
    return f"{chapters} bab" + (f", {pdfs} PDF" if "PDF" in output or pdfs else "")


# --- many offices (--kantor N): a sequential loop of lkjip build against lkjip rekap ---


def _cmdline(pid: int) -> str:
    try:
        return " ".join(psutil.Process(pid).cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return ""


def _tree_kib(pid: int) -> int:
    return sum(_pss_kib(p) for p in [pid, *descendants(pid)])


def local_workers(pid: int) -> list[int]:
    """The worker processes of the LocalCluster that ``pid`` (``lkjip rekap``) started:
    its children started by multiprocessing's spawn (not the resource tracker)."""
    try:
        children = [c.pid for c in psutil.Process(pid).children()]
    except psutil.NoSuchProcess:
        return []
    return [c for c in children if "spawn_main" in _cmdline(c)]


def timed_workers(
    command: list[str],
    env: dict[str, str],
    cwd: Path,
    workers: Callable[[int], list[int]],
    outside: tuple[int, ...] = (),
) -> tuple[float, float, dict[int, float], str]:
    """(seconds, peak MiB of everything, peak MiB of each worker's process tree, output).

    ``workers(pid)``: the worker processes, each measured with its descendants (the
    builds it runs); ``outside``: processes not below the command (a scheduler and
    workers started by hand), counted in the total with their descendants."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = [0]
    per_worker: dict[int, int] = {}

    def sample() -> None:
        while proc.poll() is None:
            inside = [proc.pid, *descendants(proc.pid)]
            total = sum(_pss_kib(p) for p in inside) + sum(_tree_kib(p) for p in outside)
            peak[0] = max(peak[0], total)
            for worker in workers(proc.pid):
                per_worker[worker] = max(per_worker.get(worker, 0), _tree_kib(worker))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} gagal ({proc.returncode}):\n{output[-3000:]}")
    return seconds, peak[0] / 1024, {w: k / 1024 for w, k in per_worker.items()}, output


def offices(scratch: Path, name: str, jumlah: int, tahun: int) -> tuple[Path, Path, list[Path]]:
    """A fresh copy of the project with ``jumlah`` synthetic offices in ``kantor/``:
    (project, KANTOR.csv, the offices' data folders)."""
    root = copy_project(scratch / name)
    with paths.use_root(root):
        daftar = buat_kantor(root / "data", root / "kantor", jumlah, tahun)
    with daftar.open(encoding="utf-8", newline="") as handle:
        folders = [daftar.parent / row["folder"] for row in csv.DictReader(handle)]
    return root, daftar, folders


def check_books(root: Path, folders: list[Path], tahun: int, pdf: bool) -> None:
    """Every office got its book where ``lkjip build`` writes it; fails loudly."""
    for folder in folders:
        book = paths.build_dir(tahun, root, folder)
        missing = [n for n in ("ledger.csv", "html") if not (book / n).exists()]
        if pdf and not any((book / "pdf").glob("LKjIP-*.pdf")):
            missing.append("pdf/LKjIP-*.pdf")
        if missing:
            raise SystemExit(f"buku {book} tidak lengkap: {', '.join(missing)}")


def _dask() -> list[str]:
    beside = Path(sys.executable).with_name("dask")
    return [str(beside)] if beside.exists() else ["dask"]


@contextlib.contextmanager
def dask_cluster(folder: Path, env: dict[str, str], workers: int = 2) -> Iterator[tuple]:
    """``dask scheduler`` and ``workers`` ``dask worker`` processes on 127.0.0.1 (random
    port, no dashboard), each worker with its own ``--local-directory`` and working folder
    and without ``LKJIP_ROOT``: (address, scheduler process, worker processes)."""
    from distributed import Client

    folder.mkdir(parents=True)
    bare = {k: v for k, v in env.items() if k != config.ROOT}
    info = folder / "scheduler.json"
    started: list[subprocess.Popen] = []

    def start(command: list[str], cwd: Path, log: str) -> subprocess.Popen:
        with (folder / log).open("w", encoding="utf-8") as handle:
            proc = subprocess.Popen(
                command, cwd=cwd, env=bare, stdout=handle, stderr=subprocess.STDOUT
            )
        started.append(proc)
        return proc

    try:
        scheduler = start(
            [*_dask(), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
            + ["--scheduler-file", str(info)],
            folder,
            "scheduler.log",
        )
        deadline = time.monotonic() + 120
        while not info.exists() and time.monotonic() < deadline and scheduler.poll() is None:
            time.sleep(0.2)
        if not info.exists():
            raise SystemExit(f"dask scheduler tidak berjalan; lihat {folder / 'scheduler.log'}")
        time.sleep(0.5)  # the file is written whole, but give it a moment
        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        procs = []
        for i in range(1, workers + 1):
            local = folder / f"pekerja-{i}"
            local.mkdir()
            procs.append(
                start(
                    [*_dask(), "worker", address, "--local-directory", str(local)]
                    + ["--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
                    local,
                    f"pekerja-{i}.log",
                )
            )
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=180)
        yield address, scheduler, procs
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in reversed(started):
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def kantor_main(args: argparse.Namespace) -> None:
    """The many-office measurement (``--kantor N``): one cold run of each way."""
    n, tahun = args.kantor, args.tahun_kantor
    scratch = Path(tempfile.mkdtemp(prefix="lkjip-bench-kantor-"))
    extra = ["--html-only"] if args.html_only else []
    print(f"Benchmark {n} kantor sintetis tahun {tahun} di {scratch}", flush=True)
    rows: dict[str, dict] = {}

    def record(name: str, seconds: float, total: float, workers: dict[int, float]) -> None:
        rows[name] = {"detik": seconds, "puncak": total, "pekerja": workers}
        each = ", ".join(f"{m:.0f}" for m in workers.values())
        print(f"  {name}: {seconds:.1f} d, {total:.0f} MiB; per pekerja: {each} MiB", flush=True)

    start = time.perf_counter()
    root, daftar, folders = offices(scratch, "loop", n, tahun)
    made = time.perf_counter() - start
    print(f"  {n} kantor dibuat dalam {made:.1f} d ({made / n:.1f} d per kantor)", flush=True)
    env = {**os.environ, config.ROOT: str(root)}
    start, peaks = time.perf_counter(), []
    for folder in folders:
        command = [sys.executable, "-m", "lkjip.cli", "build", "--tahun", str(tahun)]
        seconds, peak, _ = timed([*command, "--data-dir", str(folder), *extra], env, root)
        peaks.append(peak)
        print(f"    {folder.name}: {seconds:.1f} d, {peak:.0f} MiB", flush=True)
    check_books(root, folders, tahun, not args.html_only)
    record("loop", time.perf_counter() - start, max(peaks), {0: max(peaks)})

    rekap = [sys.executable, "-m", "lkjip.cli", "rekap", "--tahun", str(tahun)]
    root, daftar, folders = offices(scratch, "lokal", n, tahun)
    env = {**os.environ, config.ROOT: str(root)}
    seconds, total, workers, _ = timed_workers(
        [*rekap, "--kantor", str(daftar), *extra], env, root, local_workers
    )
    check_books(root, folders, tahun, not args.html_only)
    record("lokal", seconds, total, workers)

    root, daftar, folders = offices(scratch, "scheduler", n, tahun)
    env = {**os.environ, config.ROOT: str(root)}
    with dask_cluster(scratch / "dask", env) as (address, scheduler, procs):
        pids = [p.pid for p in procs]
        seconds, total, workers, _ = timed_workers(
            [*rekap, "--kantor", str(daftar), "--scheduler", address, *extra],
            env,
            root,
            lambda _pid: pids,
            outside=(scheduler.pid, *pids),
        )
    check_books(root, folders, tahun, not args.html_only)
    record("scheduler", seconds, total, workers)

    loop = rows["loop"]["detik"]
    labels = {
        "loop": "(a) loop berurutan `lkjip build` (jobs bawaan)",
        "lokal": f"(b) `lkjip rekap`, kluster lokal ({len(rows['lokal']['pekerja'])} pekerja)",
        "scheduler": "(c) `lkjip rekap`, `dask scheduler` + 2 `dask worker` (127.0.0.1)",
    }
    mode = "HTML" if args.html_only else "lengkap"
    print()
    print(
        "| kantor | mode | cara | waktu (detik) | buku per menit | terhadap loop berurutan "
        "| memori puncak per pekerja | memori puncak seluruhnya |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for name, row in rows.items():
        worker = "1 build" if name == "loop" else f"{len(row['pekerja'])} pekerja"
        print(
            f"| {n} | {mode} | {labels[name]} | {row['detik']:.1f} "
            f"| {n / row['detik'] * 60:.2f} | {row['detik'] / loop:.2f} "
            f"| {max(row['pekerja'].values(), default=0):.0f} MiB ({worker}) "
            f"| {row['puncak']:.0f} MiB |"
        )
    print()
    print(f"Pembuatan kantor sintetis: {made / n:.1f} d per kantor (tidak termasuk waktu di atas).")
    for name in ("lokal", "scheduler"):
        ratio = rows[name]["detik"] / loop
        met = "tercapai" if ratio <= 0.7 else "TIDAK tercapai"
        print(f"- {labels[name]} <= 0.7 x loop berurutan: {ratio:.2f}, {met}")
    if args.json:
        args.json.write_text(json.dumps({"kantor": n, "tahun": tahun, "dibuat": made, **rows}))
    shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=None, help="write raw results here")
    parser.add_argument(
        "--kantor",
        type=int,
        default=0,
        help="measure N synthetic offices instead (loop of lkjip build, lkjip rekap on a "
        "local cluster and through a scheduler with two workers; one cold run each)",
    )
    parser.add_argument(
        "--tahun-kantor", type=int, default=TAHUN + 1, help="the offices' year (with --kantor)"
    )
    parser.add_argument("--html-only", action="store_true", help="with --kantor: no PDF")
    args = parser.parse_args()
    if args.kantor:
        kantor_main(args)
        return

    scratch = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    ours = copy_project(scratch / "proyek")
    env = {**os.environ, config.ROOT: str(ours)}
    base_command = [sys.executable, "-m", "lkjip.cli", "build", "--tahun", str(TAHUN)]
    base_command += ["--jobs", str(args.jobs)]
    results: dict[str, list[tuple[float, float]]] = {}
    ran: dict[str, str] = {}

    def record(name: str, value: tuple[float, float, str]) -> None:
        results.setdefault(name, []).append(value[:2])
        ran[name] = _what_ran(value[2]) if not name.startswith("baseline") else "10 bab"
        print(f"  {name}: {value[0]:.1f} d, {value[1]:.0f} MiB, {ran[name]}", flush=True)

    print(f"Benchmark di {scratch} ({args.runs} kali, {args.jobs} proses)", flush=True)
    for mode, extra in (("html", ["--html-only"]), ("full", [])):
        build = [*base_command, *extra]
        for _ in range(args.runs):
            shutil.rmtree(ours / "_build", ignore_errors=True)
            record(f"{mode}:cold", timed(build, env, ours))
            record(f"{mode}:no_change", timed(build, env, ours))
            for name in SCENARIOS:
                change(name, ours)
                record(f"{mode}:{name}", timed(build, env, ours))

    base = copy_project(scratch / "dasar")
    book_config = yaml.safe_load((base / "_config.yml").read_text(encoding="utf-8"))
    book_config["execute"] = {"execute_notebooks": "force", "timeout": 600}
    # the book's Sphinx extension stops a plain jupyter-book build (it would have no
    # numbers); the baseline executes the chapters itself, so it is marked as staged
    book_config.setdefault("sphinx", {}).setdefault("config", {})[config.STAGED_BOOK] = True
    (base / "_config.yml").write_text(
        yaml.safe_dump(book_config, allow_unicode=True), encoding="utf-8"
    )
    jb = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
    base_env = {**os.environ, config.ROOT: str(base)}
    for _ in range(args.runs):
        shutil.rmtree(base / "_build", ignore_errors=True)
        command = [*jb, "build", str(base), "--builder", "html"]
        record("baseline", timed(command, base_env, base))

    median = {name: statistics.median(s for s, _ in runs) for name, runs in results.items()}
    peak = {name: max(m for _, m in runs) for name, runs in results.items()}
    print()
    print(
        "| mode | skenario | median (detik) | terhadap baseline | terhadap build dingin "
        "| dijalankan | memori puncak |"
    )
    print("|---|---|---:|---:|---:|---|---:|")
    for mode in ("html", "full"):
        for name in ("cold", "no_change", *SCENARIOS):
            key = f"{mode}:{name}"
            print(
                f"| {'HTML' if mode == 'html' else 'lengkap'} | {LABELS[name]} "
                f"| {median[key]:.1f} | {median[key] / median['baseline']:.2f} "
                f"| {median[key] / median[f'{mode}:cold']:.2f} | {ran[key]} "
                f"| {peak[key]:.0f} MiB |"
            )
    print(
        f"| HTML | {LABELS['baseline']} | {median['baseline']:.1f} | 1.00 | "
        f"{median['baseline'] / median['html:cold']:.2f} | 10 bab | {peak['baseline']:.0f} MiB |"
    )
    targets = {
        "cold full <= 40 s": median["full:cold"] <= 40,
        "cold HTML <= 0.5 x baseline": median["html:cold"] <= 0.5 * median["baseline"],
        "one chapter <= 0.3 x cold (HTML)": median["html:one_chapter"] <= 0.3 * median["html:cold"],
        "one chapter <= 0.5 x cold (full)": median["full:one_chapter"] <= 0.5 * median["full:cold"],
        "PNBP value <= 0.5 x cold (HTML)": median["html:pnbp"] <= 0.5 * median["html:cold"],
        "published figure runs only the reconciliation": ran["html:publikasi"].startswith("1 bab")
        and ran["full:publikasi"].startswith("1 bab"),
        "no change <= 1 s": max(median["html:no_change"], median["full:no_change"]) <= 1.0,
        "peak memory < 1 GB": max(peak.values()) < 1000,
    }
    print()
    for name, met in targets.items():
        print(f"- {name}: {'tercapai' if met else 'TIDAK tercapai'}")
    if args.json:
        args.json.write_text(
            json.dumps({"runs": results, "median": median, "peak_mib": peak, "ran": ran})
        )
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
