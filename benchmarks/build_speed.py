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
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

import psutil
import yaml

from lkjip import config
from lkjip.assemble.staging import descendants

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=None, help="write raw results here")
    args = parser.parse_args()

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
    (base / "_config.yml").write_text(
        yaml.safe_dump(book_config, allow_unicode=True), encoding="utf-8"
    )
    jb = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
    # the book's Sphinx extension stops a plain jupyter-book build (it would have no
    # numbers); the baseline executes the chapters itself, so it is let through
    base_env = {**os.environ, config.ROOT: str(base), config.BOOK_BUILD: "1"}
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
        "cold full <= 45 s": median["full:cold"] <= 45,
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
