"""The client of ``lkjip rekap``: every office's book built as a task on Dask distributed.

For each office of KANTOR.csv the client reads its inputs as a build does, and skips it
when its book is current (its build key equals the book's ``build-key.txt``: status
``tidak_berubah``). The others are submitted, one task per office
(:func:`lkjip.rekap.tugas.bangun`, ``pure=False``), to a ``LocalCluster`` sized to the
machine or to the scheduler at ``--scheduler``; at most two payloads per worker are in
flight, so a run of many offices does not hold them all in memory. Each finished task's
book is written to the office's book folder atomically (a staging folder beside it,
then a rename, under the book's lock) and its cache to the office's cache folder.

Failures stay with their office: a build that failed (exit 1), invalid data (exit 2),
a task whose worker died again and again (``KilledWorker``) or any other exception
gives the office status ``gagal`` with an Indonesian message, its previous book is left
as it was, and every other office is built.
"""

from __future__ import annotations

import collections
import contextlib
import os
import shutil
import tempfile
import threading
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lkjip import paths
from lkjip.assemble import cache, staging
from lkjip.assemble.inputs import book_keys, check_sources, read_inputs
from lkjip.assemble.pipeline import BUILD_KEY
from lkjip.audit.provenance import Origin, origin
from lkjip.data.locking import data_lock
from lkjip.data.snapshot import Snapshot
from lkjip.rekap import paket, tugas
from lkjip.rekap.hasil import DIBANGUN, GAGAL, TIDAK_BERUBAH, HasilKantor, Kantor

Progress = Callable[[str], None]
#: payloads in flight per worker (one running, one waiting)
IN_FLIGHT = 2


@dataclass(frozen=True)
class Kluster:
    """Where the tasks run: the Dask client, how many workers, and each build's jobs."""

    client: object
    workers: int
    #: ``--jobs`` of each build (0: decided on the worker)
    jobs: int
    per_host: int = 1


def _inputs(kantor: Kantor, tahun: int) -> Snapshot:
    """The office's inputs, read as ``lkjip build`` reads them (under the data lock)."""
    with paths.use_root(kantor.proyek):
        with data_lock(kantor.data_dir, tahun):
            inputs = read_inputs(kantor.proyek, kantor.data_dir, tahun)
        check_sources(inputs, kantor.data_dir)
    return inputs


def asal(kantor: Kantor, inputs: Snapshot) -> Origin:
    """What git says of the office's project (its build on a worker records this, not the
    copy's: the same key and stamp as a build in the project)."""
    with paths.use_root(kantor.proyek):
        return origin(kantor.proyek, inputs.files())


def kunci(kantor: Kantor, inputs: Snapshot, pilihan: paket.Pilihan) -> str:
    """The build key the office's book gets from this run (``build-key.txt``)."""
    with paths.use_root(kantor.proyek):
        return book_keys(
            kantor.proyek,
            inputs,
            pilihan.tahun,
            kantor.data_dir,
            pilihan.draft,
            not pilihan.html_only,
            asal(kantor, inputs),
        )[0]


def tidak_berubah(kantor: Kantor, pilihan: paket.Pilihan) -> bool:
    """Whether the office's book is current (nothing it depends on changed)."""
    try:
        recorded = (kantor.buku / BUILD_KEY).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return recorded == kunci(kantor, _inputs(kantor, pilihan.tahun), pilihan)


def kemas(kantor: Kantor, pilihan: paket.Pilihan) -> bytes:
    """The payload of one office's task. Its inputs are read again here, when a worker is
    free for it (payloads are made as tasks are submitted, not all held at once), so it
    carries the inputs as they are when it leaves."""
    inputs = _inputs(kantor, pilihan.tahun)
    place = paths.output(pilihan.tahun, kantor.data_dir, kantor.proyek)
    manifest = paket.Manifest(
        baris=kantor.baris,
        folder=kantor.folder,
        data=paths.display_path(kantor.data_dir, kantor.proyek),
        pilihan=pilihan,
        origin=asal(kantor, inputs).to_json(),
    )
    return paket.kemas(manifest, kantor.proyek, inputs, place.cache, kantor.buku)


def terima(kantor: Kantor, hasil: tugas.HasilTugas, tahun: int) -> HasilKantor:
    """The office's status from its task; a built book and its cache are written in place."""
    if hasil.kode != 0:
        pesan = hasil.stderr or f"lkjip build berhenti dengan kode {hasil.kode}"
        if hasil.kode not in (1, 2):
            pesan = f"lkjip build berhenti dengan kode {hasil.kode}. {hasil.stderr}".strip()
        return HasilKantor(kantor, GAGAL, pesan, hasil.detik, hasil.pekerja)
    try:
        tulis(kantor, hasil, tahun)
    except Exception as exc:  # the lock of another build, a full disk, ...
        pesan = f"buku tidak dapat ditulis ke {kantor.buku}: {exc}; buku sebelumnya tidak diubah"
        return HasilKantor(kantor, GAGAL, pesan, hasil.detik, hasil.pekerja)
    return HasilKantor(kantor, DIBANGUN, "", hasil.detik, hasil.pekerja)


def tulis(kantor: Kantor, hasil: tugas.HasilTugas, tahun: int) -> None:
    """Put the returned book at ``kantor.buku`` and the cache at its cache folder, each by
    a rename from a staging folder beside it, under the book's lock."""
    place = paths.output(tahun, kantor.data_dir, kantor.proyek)
    with paths.use_root(kantor.proyek), staging.year_lock(place.parent, place.name):
        staging.clean_stale(place.parent, place.name)
        stage = Path(tempfile.mkdtemp(prefix=staging.staging_name(place.name), dir=place.parent))
        try:
            paket.bongkar(hasil.buku, stage / "buku")
            if not (stage / "buku" / BUILD_KEY).is_file():
                raise OSError(f"buku yang dikembalikan tidak lengkap (tanpa {BUILD_KEY})")
            if hasil.cache:
                paket.bongkar(hasil.cache, stage / "cache")
                place.cache.parent.mkdir(parents=True, exist_ok=True)
                cache.replace_entry(stage / "cache", place.cache)
            staging.swap(stage / "buku", place.book)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def kluster(scheduler: str | None, workers: int | None, kantor: int) -> Iterator[Kluster]:
    """A Dask client: of the scheduler at ``scheduler``, or of a local cluster of
    ``workers`` processes (default: one per core, at most one per office to build)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            hosts = collections.Counter(
                w.get("host") for w in client.scheduler_info(n_workers=-1)["workers"].values()
            )
            count = sum(hosts.values()) or 1
            yield Kluster(client, count, 0, max(hosts.values(), default=1))
        return
    cores = os.cpu_count() or 1
    n = max(1, min(workers or cores, kantor))
    with (
        LocalCluster(
            n_workers=n,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield Kluster(client, n, max(1, cores // n))


def jalankan(
    kantor: list[Kantor],
    pilihan: paket.Pilihan,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = print,
) -> list[HasilKantor]:
    """Build every office of ``kantor`` (see the module docstring); their results in the
    order of ``kantor``."""
    say = _Say(progress, kantor)
    hasil: dict[int, HasilKantor] = {}
    todo: list[Kantor] = []
    for k in kantor:
        try:
            if tidak_berubah(k, pilihan):
                hasil[k.baris] = HasilKantor(k, TIDAK_BERUBAH)
                say(k.baris, "tidak berubah sejak build terakhir; bukunya tetap dipakai")
                continue
        except Exception as exc:  # inputs that cannot be read: that office fails alone
            hasil[k.baris] = HasilKantor(k, GAGAL, _pesan(exc))
            say(k.baris, f"GAGAL: {_pesan(exc)}")
            continue
        todo.append(k)
    if todo:
        with kluster(scheduler, workers, len(todo)) as run:
            say.umum(
                f"{len(todo)} kantor dibangun pada {run.workers} pekerja Dask"
                + (f" ({run.jobs} proses per build)" if run.jobs else "")
            )
            hasil.update(_submit(run, todo, pilihan, say))
    return [hasil[k.baris] for k in kantor]


def _submit(
    run: Kluster, todo: list[Kantor], pilihan: paket.Pilihan, say: _Say
) -> dict[int, HasilKantor]:
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    client = run.client
    pilihan = paket.Pilihan(pilihan.tahun, pilihan.draft, pilihan.html_only, run.jobs, run.per_host)
    topik = f"lkjip-rekap-{uuid.uuid4().hex}"
    client.subscribe_topic(topik, say.event)  # type: ignore[attr-defined]
    hasil: dict[int, HasilKantor] = {}
    waiting = iter(todo)
    offices: dict[str, Kantor] = {}
    running = as_completed()

    def submit_next() -> bool:
        for k in waiting:
            try:
                payload = kemas(k, pilihan)
            except Exception as exc:
                hasil[k.baris] = HasilKantor(k, GAGAL, _pesan(exc))
                say(k.baris, f"GAGAL: {_pesan(exc)}")
                continue
            # the payload travels inside the task (not scattered to one worker), so the
            # scheduler can run the task again elsewhere when its worker dies; Dask warns
            # about a large graph, which this is by design
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Sending large graph", UserWarning)
                future = client.submit(  # type: ignore[attr-defined]
                    tugas.bangun, payload, topik, pure=False, key=f"{topik}-{k.baris}"
                )
            offices[future.key] = k
            running.add(future)
            say(k.baris, "dikirim ke kluster Dask")
            return True
        return False

    try:
        for _ in range(IN_FLIGHT * run.workers):
            if not submit_next():
                break
        for future in running:
            k = offices[future.key]
            try:
                result = terima(k, future.result(), pilihan.tahun)
            except KilledWorker:
                result = HasilKantor(
                    k,
                    GAGAL,
                    "pekerja Dask yang membangun kantor ini berhenti (mati) berulang kali; "
                    "buku sebelumnya tidak diubah",
                )
            except Exception as exc:
                result = HasilKantor(k, GAGAL, f"tugas Dask gagal: {_pesan(exc)}")
            future.release()
            hasil[k.baris] = result
            say.selesai(result)
            submit_next()
    finally:
        with contextlib.suppress(Exception):
            client.unsubscribe_topic(topik)  # type: ignore[attr-defined]
    return hasil


def _pesan(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


class _Say:
    """Progress lines ``[k/N] <folder>: <line>`` (from the client and from the workers'
    events, which arrive on Dask's thread)."""

    def __init__(self, progress: Progress | None, kantor: list[Kantor]):
        self.progress = progress
        self.nomor = {k.baris: (i, k.folder) for i, k in enumerate(kantor, start=1)}
        self.total = len(kantor)
        self.lock = threading.Lock()

    def umum(self, text: str) -> None:
        if self.progress is not None:
            with self.lock:
                self.progress(text)

    def __call__(self, baris: int, text: str) -> None:
        nomor, folder = self.nomor.get(baris, (0, "?"))
        self.umum(f"[{nomor}/{self.total}] {folder}: {text.strip()}")

    def event(self, event: tuple) -> None:
        """A Dask event from a worker: ``(time, {"baris": ..., "teks": ...})``."""
        with contextlib.suppress(Exception):
            message = event[1]
            if str(message["teks"]).strip():
                self(int(message["baris"]), str(message["teks"]))

    def selesai(self, hasil: HasilKantor) -> None:
        if hasil.status == GAGAL:
            first = hasil.pesan.splitlines()[0] if hasil.pesan else ""
            self(hasil.kantor.baris, f"GAGAL: {first}")
        else:
            self(hasil.kantor.baris, f"dibangun dalam {hasil.detik:.1f} detik ({hasil.pekerja})")
