"""Build speed benchmark (a script, not a test): ``python benchmarks/build_speed.py``.

Measures, in one run on this machine, HTML only, in a scratch copy of the project:

1. cold: ``lkjip build`` with no cache and no previous book;
2. no change: the same build again;
3. one table: after changing a table that one chapter reads (``sejarah.csv``, BAB I);
4. narrative: after editing a markdown cell of one chapter (BAB IV);
5. baseline: plain ``jupyter-book build`` with ``execute_notebooks: force`` on the
   same notebooks (serial execution, no cache of ours).

Each scenario runs ``--runs`` times; the table gives the median wall time, the ratio
to the baseline and to our cold build, and the peak memory (PSS) of the whole
process tree (sampled every 0.2 s with psutil).
"""

from __future__ import annotations

import argparse
import json
import os
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


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak MiB of the process tree) of one command; fails loudly."""
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
    return seconds, peak[0] / 1024


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=None, help="write raw results here")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    ours = copy_project(scratch / "proyek")
    env = {**os.environ, config.ROOT: str(ours)}
    build = [sys.executable, "-m", "lkjip.cli", "build", "--tahun", str(TAHUN), "--html-only"]
    build += ["--jobs", str(args.jobs)]
    results: dict[str, list[tuple[float, float]]] = {}

    def record(name: str, value: tuple[float, float]) -> None:
        results.setdefault(name, []).append(value)
        print(f"  {name}: {value[0]:.1f} d, {value[1]:.0f} MiB", flush=True)

    print(f"Benchmark di {scratch} ({args.runs} kali, {args.jobs} proses)", flush=True)
    for _ in range(args.runs):
        shutil.rmtree(ours / "_build", ignore_errors=True)
        record("cold", timed(build, env, ours))
        record("no_change", timed(build, env, ours))
        toggle_text(
            ours / "data" / str(TAHUN) / "sejarah.csv", "Dinas Imigrasi", "Dinas Keimigrasian"
        )
        record("one_table", timed(build, env, ours))
        edit_narrative(ours / "notebooks" / "bab4_penutup.ipynb")
        record("narrative", timed(build, env, ours))

    base = copy_project(scratch / "dasar")
    book_config = yaml.safe_load((base / "_config.yml").read_text(encoding="utf-8"))
    book_config["execute"] = {"execute_notebooks": "force", "timeout": 600}
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
    labels = {
        "cold": "build dingin (cache kosong)",
        "no_change": "build ulang tanpa perubahan",
        "one_table": "satu tabel diubah (sejarah.csv, BAB I)",
        "narrative": "narasi satu bab disunting (BAB IV)",
        "baseline": "jupyter-book build, execute_notebooks: force",
    }
    print()
    print(
        "| skenario | median (detik) | terhadap baseline | terhadap build dingin | memori puncak |"
    )
    print("|---|---:|---:|---:|---:|")
    for name in ("cold", "no_change", "one_table", "narrative", "baseline"):
        print(
            f"| {labels[name]} | {median[name]:.1f} | {median[name] / median['baseline']:.2f} "
            f"| {median[name] / median['cold']:.2f} | {peak[name]:.0f} MiB |"
        )
    targets = {
        "cold <= 0.6 x baseline": median["cold"] <= 0.6 * median["baseline"],
        "no change <= 2 s": median["no_change"] <= 2.0,
        "one table <= 0.4 x cold": median["one_table"] <= 0.4 * median["cold"],
        "peak memory < 1 GB": max(peak.values()) < 1000,
    }
    print()
    for name, met in targets.items():
        print(f"- {name}: {'tercapai' if met else 'TIDAK tercapai'}")
    if args.json:
        args.json.write_text(json.dumps({"runs": results, "median": median, "peak_mib": peak}))
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
