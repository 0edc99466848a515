"""``lkjip rekap`` on Dask, end to end: synthetic offices built on a local cluster and on a
scheduler with two worker processes, an office's ledger and reconciliation the same
bytes as its single build; an office with invalid data fails alone; a second run
rebuilds nothing.

Slow (each office's book is about a minute of two cores): the builds are shared by the
tests of the module, which run in order.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lkjip import paths
from lkjip.assemble.pipeline import build
from lkjip.cli import main

from .helpers import DATA, TAHUN, copy_project, project_root_env
from .synthetic import make_year

pytestmark = pytest.mark.book

BARU = TAHUN + 1
BAIK = ("a", "b")
RUSAK = "rusak"


def _office(root: Path, name: str, seed: int) -> Path:
    """A synthetic office's data folder ``kantor/<name>`` with its own name (year BARU)."""
    data = root / "kantor" / name
    shutil.copytree(DATA / "metadata", data / "metadata")
    shutil.copytree(DATA / str(TAHUN), data / str(TAHUN))
    (data / str(TAHUN) / "publikasi.csv").unlink()  # Bandung's published report
    make_year(data, BARU, seed=seed)
    identitas = data / str(BARU) / "identitas.csv"
    with identitas.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["nama_satker"] = f"Kantor Imigrasi Kelas II TPI Sintetis {name.upper()}"
    if name == RUSAK:
        rows[0]["tanggal_pengesahan"] = "bukan-tanggal"
    with identitas.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return data


@pytest.fixture(scope="module")
def proyek(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = copy_project(tmp_path_factory.mktemp("rekap")).resolve()
    for seed, name in enumerate((*BAIK, RUSAK), start=31):
        _office(root, name, seed)
    (root / "KANTOR.csv").write_text(
        "folder,kanwil\nkantor/a,Kanwil Jawa Barat\nkantor/rusak,Kanwil Jawa Barat\n"
        "kantor/b,Kanwil Jawa Tengah\n",
        encoding="utf-8",
    )
    (root / "KANTOR-baik.csv").write_text(
        "folder,kanwil\nkantor/a,Kanwil Jawa Barat\nkantor/b,Kanwil Jawa Tengah\n",
        encoding="utf-8",
    )
    with project_root_env(root):
        yield root


def _book(root: Path, name: str) -> Path:
    return paths.output(BARU, root / "kantor" / name, root).book


def _outputs(root: Path) -> dict[str, tuple[bytes, bytes]]:
    return {
        name: tuple((_book(root, name) / f).read_bytes() for f in ("ledger.csv", "reviu.csv"))
        for name in BAIK
    }


def _rekap(root: Path, kantor: str, *extra: str) -> int:
    return main(
        ["rekap", "--tahun", str(BARU), "--kantor", str(root / kantor), "--html-only", *extra]
    )


@pytest.fixture(scope="module")
def pertama(proyek: Path) -> dict:
    """The first run, on the default local cluster (two workers on this machine)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = _rekap(proyek, "KANTOR.csv", "--workers", "2")
    return {"code": code, "stdout": out.getvalue(), "outputs": _outputs(proyek)}


def test_offices_built_like_single_builds(proyek: Path, pertama: dict) -> None:
    assert pertama["code"] == 3, pertama["stdout"]
    text = pertama["stdout"]
    assert "Dibangun: 2, tidak berubah: 0, gagal: 1." in text
    # progress names the office and the stage
    assert "[1/3] kantor/a: Memvalidasi data tahun" in text
    assert "[3/3] kantor/b: data valid:" in text
    # the failed office: the validation message of lkjip build, and no book
    assert "  2. kantor/rusak (Kanwil Jawa Barat): GAGAL" in text
    assert (
        f"kantor/rusak/{BARU}/identitas.csv, baris 2, kolom 'tanggal_pengesahan', "
        "nilai 'bukan-tanggal': harus tanggal dengan format YYYY-MM-DD"
    ) in text
    assert not _book(proyek, RUSAK).exists()
    for name in BAIK:
        book = _book(proyek, name)
        assert (book / "html" / "index.html").is_file() and (book / "build-key.txt").is_file()
        stamp = json.loads((book / "stamp.json").read_text(encoding="utf-8"))
        assert stamp["parameter"]["data_dir"] == f"kantor/{name}"
        assert not [p for p in book.parent.iterdir() if p.name.startswith((".tmp-", ".old-"))]
    # an office's ledger and reconciliation: the bytes of its single lkjip build (the
    # first office's; the other went the same way, with other data)
    single = build(
        BARU,
        proyek / "kantor" / BAIK[0],
        pdf_enabled=False,
        out=proyek / "_build" / "tunggal",
        progress=None,
    )
    ledger, reviu = pertama["outputs"][BAIK[0]]
    assert single.ledger_csv.read_bytes() == ledger
    assert (single.out_dir / "reviu.csv").read_bytes() == reviu
    assert pertama["outputs"]["a"][0] != pertama["outputs"]["b"][0]  # two offices
    # then the comparison book of the three, in its default place: each value links to
    # its calculation in that office's own book (the file and its anchor exist there)
    pages = proyek / "_build" / "rekap" / str(BARU) / "html"
    index = (pages / "index.html").read_text(encoding="utf-8")
    for name in (*BAIK, RUSAK):  # the failed office too (listed as failed)
        assert f"Kantor Imigrasi Kelas II TPI Sintetis {name.upper()}" in index
    checked = set()
    for page in ("indikator", "anggaran", "smart_ikpa"):
        text = (pages / f"{page}.html").read_text(encoding="utf-8")
        cells = re.findall(r'<a href="([^"]+)" title="ledger\.csv baris (\d+): ([^"]+)"', text)
        for href, number, figure_id in cells:
            path, _, anchor = html.unescape(href).partition("#")
            target = (pages / path).resolve()
            name = target.relative_to(proyek / "_build" / "kantor").parts[0]
            assert name in BAIK and anchor, href
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
            row = list(csv.DictReader(io.StringIO(pertama["outputs"][name][0].decode())))
            assert row[int(number) - 2]["id"] == figure_id
            checked.add((name, figure_id))
    # both offices, every section (indicators, budget, PNBP, SMART, IKPA)
    for name in BAIK:
        for figure_id in ("ikm.capaian", "anggaran.persen", "pnbp.capaian", "ikpa.nilai_akhir"):
            assert (name, figure_id) in checked


def test_second_run_rebuilds_nothing(
    proyek: Path, pertama: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    start = time.perf_counter()
    assert _rekap(proyek, "KANTOR-baik.csv") == 0
    seconds = time.perf_counter() - start
    print(f"second run: {seconds:.1f} s")
    out = capsys.readouterr().out
    assert "Dibangun: 0, tidak berubah: 2, gagal: 0." in out
    assert "pekerja Dask" not in out  # no cluster was started
    assert seconds < 30, seconds
    assert _outputs(proyek) == pertama["outputs"]


def _dask(*args: str, log: Path) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "dask"), *args]
    return subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)


def test_scheduler_and_two_worker_processes(
    proyek: Path, pertama: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in BAIK:  # their books go (their chapter caches travel with the tasks)
        shutil.rmtree(_book(proyek, name))
    info = tmp_path / "scheduler.json"
    processes = [
        _dask(
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(info),
            log=tmp_path / "scheduler.log",
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not info.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        for n in (1, 2):
            processes.append(
                _dask(
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                    "--local-directory",
                    str(tmp_path / f"pekerja-{n}"),
                    log=tmp_path / f"worker-{n}.log",
                )
            )
        from distributed import Client

        with Client(address) as client:
            client.wait_for_workers(2, timeout=120)
        assert _rekap(proyek, "KANTOR-baik.csv", "--scheduler", address) == 0
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
    out = capsys.readouterr().out
    assert "Dibangun: 2, tidak berubah: 0, gagal: 0." in out
    assert _outputs(proyek) == pertama["outputs"]
    # each task's temporary copy was removed from its worker's folder
    for n in (1, 2):
        assert not list((tmp_path / f"pekerja-{n}").rglob("lkjip-rekap-*"))


def test_killed_worker_fails_alone_and_leaves_the_book(proyek: Path, pertama: dict) -> None:
    import dask
    import psutil

    from lkjip.rekap import jalankan, kantor, paket

    (proyek / "KANTOR-a.csv").write_text("folder,kanwil\nkantor/a,Kanwil Jawa Barat\n")
    offices = kantor.baca(proyek / "KANTOR-a.csv", BARU, proyek)
    ledger = _book(proyek, "a") / "ledger.csv"
    before = ledger.read_bytes()
    builds: list[psutil.Process] = []

    def kill_the_worker(line: str) -> None:
        """At the build's first stage, SIGKILL the worker process running it."""
        if builds or "Memvalidasi" not in line:
            return
        for process in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if "build" in process.cmdline() and "lkjip.cli" in process.cmdline():
                    builds.append(process)
                    process.parent().kill()

    # no second try on another worker: the task is reported at once
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        [result] = jalankan.jalankan(
            offices,
            paket.Pilihan(BARU, draft=True, html_only=True),  # (not current: it is submitted)
            workers=1,
            progress=kill_the_worker,
        )
    assert builds, "the build never started"
    assert result.status == "gagal" and "berhenti (mati)" in result.pesan
    assert ledger.read_bytes() == before  # the previous book untouched
    # the build of the dead worker stopped too (SIGTERM when its parent died)
    gone, alive = psutil.wait_procs(builds, timeout=60)
    assert not alive
