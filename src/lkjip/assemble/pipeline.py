"""Build the book of one year: validate, run chapters with papermill, assemble, build HTML.

Everything is built in a staging folder ``_build/.tmp-<tahun>-*`` and moved to
``_build/<tahun>`` only when every step succeeded, so a failed build never
replaces the last good book. Another data folder builds into
``_build/<data folder>/<tahun>`` (or ``--out``) with its own cache, lock and staging
folders (:class:`lkjip.paths.Output`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from lkjip import config, params, paths
from lkjip.assemble import (
    blanks,
    checklist_page,
    dependencies,
    editions,
    jupyterbook,
    kept_kernel,
    pdf,
    pdf_keep,
    references,
    staging,
    unduhan,
)
from lkjip.assemble import cache as cache_mod
from lkjip.assemble.inputs import book_keys, check_sources, read_inputs
from lkjip.assemble.notebooks import (
    annotate,
    calculations_shown,
    check_shown,
    execute_chapter,
)
from lkjip.assemble.pindaian import stage as stage_attachments
from lkjip.audit import ledger, pra_tanda_tangan, provenance, stamp
from lkjip.audit import reconciliation as reviu
from lkjip.audit.figures import compute_all
from lkjip.chapters.kernel import protocol
from lkjip.chapters.kernel.protocol import CHAPTERS
from lkjip.data import locking, placeholders, reads
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.data.snapshot import Snapshot
from lkjip.errors import BuildError, BuildStopped, DataInvalid
from lkjip.figures.registry import Registry
from lkjip.render.charts import write_bundle

#: files and folders copied from the project into the staging book
BOOK_FILES = ("_config.yml", "_toc.yml", "book")


@dataclass(frozen=True)
class BuildResult:
    """What a build produced, and what it did (for callers and tests; no progress text)."""

    tahun: int
    out_dir: Path
    html_index: Path
    ledger_csv: Path
    seconds: float
    #: chapters executed by this build, and chapters taken from the cache (sorted)
    executed: tuple[str, ...] = ()
    cached: tuple[str, ...] = ()
    #: nothing the book depends on changed: the build returned the existing book
    unchanged: bool = False
    #: PDF editions typeset by this build (the others came from the PDF cache)
    typeset: tuple[str, ...] = ()
    #: the pre-signing checklist (printed at the end, the working paper's first page)
    daftar_periksa: tuple[pra_tanda_tangan.Butir, ...] = ()


def _result(tahun: int, target: Path, seconds: float, **what: object) -> BuildResult:
    return BuildResult(
        tahun, target, target / "html" / "index.html", target / "ledger.csv", seconds, **what
    )


def _say(progress: Callable[[str], None] | None, text: str) -> None:
    if progress:
        progress(text)


def _stage(root: Path, staging: Path, snap: Snapshot, cache_dir: Path | None = None) -> Path:
    """The staged book source, written from the bytes the build read (``snap``)."""
    src = staging / "src"
    src.mkdir(parents=True)
    for path in snap.files():
        relative = path.relative_to(root) if path.is_relative_to(root) else None
        if relative is not None and relative.parts[0] in BOOK_FILES:
            (src / relative).parent.mkdir(parents=True, exist_ok=True)
            (src / relative).write_bytes(snap.read_bytes(path))
    (src / "notebooks").mkdir()
    (staging / "templates").mkdir()
    for path in snap.files():
        if path.parent == root / "notebooks" and path.suffix == ".ipynb":
            (staging / "templates" / path.name).write_bytes(snap.read_bytes(path))
    (staging / "executed").mkdir()
    write_bundle(src / "book" / "_static", cache_dir)
    return src


@dataclass(frozen=True)
class _Run:
    """What the chapters of one build share."""

    root: Path
    src: Path
    staging: Path
    parameters: dict
    cache: cache_mod.ChapterCache
    reg: Registry
    ds: Dataset
    #: the fingerprints taken in this build (the same inputs for every chapter: a read
    #: several chapters recorded is fingerprinted once)
    taken: dict[str, str] = field(default_factory=dict)

    @property
    def executed(self) -> Path:
        """The executed chapter notebooks (as run; the editions are made from them)."""
        return self.staging / "executed"


def _fingerprints(run: _Run, keys: list[str] | set[str]) -> dict[str, str]:
    """What a chapter read, fingerprinted by content (:mod:`lkjip.assemble.dependencies`);
    each read once per build."""
    missing = set(keys) - run.taken.keys()
    run.taken.update(dependencies.fingerprints(missing, run.ds, run.reg, run.root))
    return {key: run.taken[key] for key in sorted(set(keys))}


def _run_chapters(run: _Run, jobs: int, progress: Callable[[str], None] | None) -> list[str]:
    """Run the chapters whose inputs changed, reuse the others from the cache.

    The first failure stops the others (nothing more is built). Returns the
    chapters that were executed.
    """
    total = len(CHAPTERS)
    done = 0
    todo: dict[str, tuple[Path, dict, str]] = {}
    for chapter in CHAPTERS:
        template = run.staging / "templates" / f"{chapter}.ipynb"
        parameters = run.parameters
        key = cache_mod.chapter_key(template, parameters)
        cached = run.cache.lookup(chapter, key, lambda keys: _fingerprints(run, keys))
        if cached is None:
            todo[chapter] = (template, parameters, key)
            continue
        shutil.copy2(cached, run.executed / f"{chapter}.ipynb")
        done += 1
        _say(progress, f"  [{done}/{total}] {chapter}: tidak berubah (dari cache)")
    if not todo:
        return []
    errors: list[str] = []
    finished = False
    # each worker keeps its kernel from one chapter to the next (kept_kernel)
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(todo))), initializer=kept_kernel.keep
    )
    try:
        futures = {
            pool.submit(
                execute_chapter,
                chapter,
                template,
                run.executed / f"{chapter}.ipynb",
                parameters,
                run.root,
                run.staging / f"reads-{chapter}.txt",
                run.staging / "shared-context.pickle",
            ): chapter
            # longest first (by notebook size), so the slowest chapter does not start last
            for chapter, (template, parameters, _) in sorted(
                todo.items(), key=lambda item: -item[1][0].stat().st_size
            )
        }
        for future in as_completed(futures):
            chapter = futures[future]
            done += 1
            try:
                seconds = future.result()
            except BuildError as exc:
                errors.append(str(exc))
                _say(progress, f"  [{done}/{total}] {chapter}: GAGAL; bab lain dihentikan")
                break
            recorded = reads.read_records(run.staging / f"reads-{chapter}.txt")
            run.cache.store(
                chapter,
                todo[chapter][2],
                _fingerprints(run, recorded),
                run.executed / f"{chapter}.ipynb",
            )
            _say(progress, f"  [{done}/{total}] {chapter} dijalankan ({seconds:.1f} d)")
        finished = not errors
    finally:
        # after a success the workers exit at once, shutting down their kept kernels;
        # after a failure (or a stop) the others are stopped without waiting for them
        pool.shutdown(wait=finished, cancel_futures=True)
        if errors:
            staging.stop_children()
    if errors:
        raise BuildError("; ".join(errors))
    return sorted(todo)


def _give_back_memory() -> None:
    """Give the memory the build process no longer uses back to the system before its
    most memory-hungry stage (the jupyter-book processes): the reference cycles left by
    validation, computation and the chapters' bookkeeping, then the heap glibc keeps
    for reuse once they are freed (``malloc_trim``; nothing is done with another C
    library). Measured on the 2023 book: the build process goes from about 295 to 205
    MiB as the Sphinx runs start."""
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


#: file in the built book: the hash of everything the build depended on
BUILD_KEY = "build-key.txt"


def build(
    tahun: object = None,
    data_dir: str | Path | None = None,
    *,
    jobs: int | None = None,
    pdf_enabled: bool = True,
    draft: bool = False,
    out: str | Path | None = None,
    progress: Callable[[str], None] | None = print,
    origin: provenance.Origin | None = None,
) -> BuildResult:
    """Build the HTML book, the PDF and the ledger of ``tahun`` into ``_build/<tahun>``
    (another data folder: ``_build/<data folder>/<tahun>``; ``out``: that folder instead).

    ``origin``: what git says of the project, for the build key and the stamp; None: asked
    of the project here. A build of a copy of a project (``lkjip rekap``) passes the
    original's (:func:`lkjip.audit.provenance.origin`), so that its book is the original's.

    Atomic: see :mod:`lkjip.assemble.staging`. Raises BuildError, DataInvalid, ParameterError,
    or BuildStopped when stopped by a signal.
    """
    start = time.perf_counter()
    root = paths.project_root()
    p = params.resolve(tahun, data_dir)
    place = params.check_output(p.tahun, p.data_dir, out, root)
    with staging.year_lock(place.parent, place.name), staging.stoppable():
        try:
            stale = staging.clean_stale(place.parent, place.name)
            if stale:
                _say(
                    progress, f"Membersihkan {len(stale)} folder sementara dari build yang terputus"
                )
            # the inputs are read once, under the data lock (no import writes them
            # meanwhile); everything after (key, validation, chapters, stamp) uses these bytes
            with locking.data_lock(p.data_dir, p.tahun, progress):
                inputs = read_inputs(root, p.data_dir, p.tahun)
            check_sources(inputs, p.data_dir)
            if origin is None:
                origin = provenance.origin(root, inputs.files())
            return _build(p, root, place, start, jobs, pdf_enabled, draft, progress, inputs, origin)
        except (BuildStopped, KeyboardInterrupt):
            staging.stop_children()
            raise


def _build(
    p: params.Parameters,
    root: Path,
    place: paths.Output,
    start: float,
    jobs: int | None,
    pdf_enabled: bool,
    draft: bool,
    progress: Callable[[str], None] | None,
    inputs: Snapshot,
    origin: provenance.Origin,
) -> BuildResult:
    target = place.book
    build_key, full_key = book_keys(root, inputs, p.tahun, p.data_dir, draft, pdf_enabled, origin)
    key_file = target / BUILD_KEY
    if key_file.is_file() and key_file.read_text(encoding="utf-8").strip() == build_key:
        seconds = time.perf_counter() - start
        _say(
            progress,
            f"Tidak ada perubahan sejak build terakhir ({seconds:.1f} detik): "
            f"{paths.display_path(target)}/html/index.html sudah mutakhir",
        )
        return _result(p.tahun, target, seconds, unchanged=True)
    _say(progress, f"Memvalidasi data tahun {p.tahun} ...")
    # read from the build's snapshot; strict: stops before running
    ds = load_dataset(p.tahun, p.data_dir, strict=not draft, snap=inputs)
    reg = compute_all(ds, draft=draft)
    unknown = placeholders.unknown_figures(ds.frames, ds.files(), set(reg.ids()))
    if unknown and not draft:  # every one at once, before any chapter runs (exit 2)
        raise DataInvalid(unknown)
    if draft:
        _say(
            progress,
            f"  DRAFT: {len(ds.problems)} masalah data, "
            f"{len(reg.failed)} bagian perhitungan belum dapat dihitung; "
            f"{len(ds.frames)} tabel terbaca, {len(reg)} angka dihitung",
        )
    else:
        _say(progress, f"  data valid: {len(ds.frames)} tabel, {len(reg)} angka dihitung")
        protocol.check_referenced(reg)
    stage_dir = Path(tempfile.mkdtemp(prefix=staging.staging_name(place.name), dir=place.parent))
    try:
        src = _stage(root, stage_dir, inputs, place.cache_root)
        stage_attachments(p.data_dir, p.tahun, src, inputs)
        # data_dir relative to the project: the executed notebooks do not name the checkout
        parameters = {
            "tahun": p.tahun,
            "data_dir": paths.display_path(p.data_dir, root),
            "draft": draft,
        }
        jupyterbook.set_identity(src, pdf.html_title(ds), pdf.satker(ds))
        if draft:
            jupyterbook.mark_draft(src)
        build_stamp = stamp.collect(ds, {**parameters, "data_dir": str(p.data_dir)}, root, origin)
        chapter_cache = cache_mod.ChapterCache(place.cache, root)
        workers = jobs or os.cpu_count() or 1
        _say(progress, f"Menjalankan bab yang berubah dengan papermill ({workers} proses) ...")
        protocol.write_shared_context(ds, reg, draft, stage_dir / "shared-context.pickle")
        run = _Run(root, src, stage_dir, parameters, chapter_cache, reg, ds)
        executed = _run_chapters(run, workers, progress)
        _say(
            progress,
            f"  {len(executed)} bab dijalankan, {len(CHAPTERS) - len(executed)} dari cache",
        )
        shown = calculations_shown(run.executed)
        check_shown(reg, shown, draft)  # before any HTML or PDF is made
        # the HTML links to the PDFs the book will hold: this build's, or the last ones when
        # an HTML-only build has the same inputs (then the same HTML as a full build)
        previous = pdf_keep.state(target, full_key) if not pdf_enabled else pdf_keep.NONE
        current = pdf_enabled or previous == pdf_keep.CURRENT
        stems = {e: pdf.file_stem(ds, e) for e in pdf.EDITIONS} if current else {}
        pages = editions.stage(run.src, run.executed, ds, reg, root, stems, build_stamp)
        rows = reviu.rows(ds, reg)
        checklist = pra_tanda_tangan.susun(ds, reg, rows)
        checklist_page.write(run.src, checklist, reg)
        references.settle(run.src, draft)  # no reference to a table the book does not hold
        blanks.check(run.src, draft)  # a strict official edition prints no placeholder
        _say(progress, "Menyusun HTML dengan jupyter-book (inkremental) ...")
        final_out = stage_dir / "final"
        final_out.mkdir()
        _give_back_memory()  # before the jupyter-book processes start
        # the HTML and the PDFs are made from the same staged book, side by side
        html_done = threading.Event()  # the working paper's Sphinx run waits for it

        def html() -> None:
            try:
                jupyterbook.build_html(
                    src, chapter_cache.folder / "html", final_out / "html", strict=not draft
                )
            finally:
                html_done.set()

        with ThreadPoolExecutor(max_workers=2) as pool:
            html_job = pool.submit(html)
            pdf_job = (
                pool.submit(
                    pdf.build_both,
                    run.src,
                    stage_dir,
                    ds,
                    final_out / "pdf",
                    draft,
                    progress,
                    place.cache / "pdf",
                    html_done,
                )
                if pdf_enabled
                else None
            )
            html_job.result()
            typeset: list[str] = pdf_job.result() if pdf_job else []
        annotate(reg, shown, pages)
        reviu.write_csv(rows, final_out / "reviu.csv")
        stamp.write(build_stamp, final_out / "stamp.json")
        absent = sorted(protocol.expected_figures() - set(reg.ids())) if draft else []
        ledger.write_csv(reg, final_out / "ledger.csv", absent)
        ledger.write_json(reg, final_out / "ledger.json", absent)
        (final_out / BUILD_KEY).write_text(build_key + "\n", encoding="utf-8")
        if pdf_enabled:
            pdf_keep.record(final_out, full_key)
        else:
            note = pdf_keep.carry(target, final_out, previous)
            if note:
                _say(progress, note)
        unduhan.publish(final_out, stems)  # html/ alone holds what its pages link to
        staging.swap(final_out, target)
    finally:
        if config.flag(config.KEEP_STAGING):  # for debugging a build
            _say(progress, f"Folder staging disimpan: {stage_dir}")
        else:
            shutil.rmtree(stage_dir, ignore_errors=True)
    seconds = time.perf_counter() - start
    _say(
        progress, f"Selesai dalam {seconds:.1f} detik: {paths.display_path(target)}/html/index.html"
    )
    for line in pra_tanda_tangan.baris_konsol(checklist):
        _say(progress, line)
    cached = tuple(sorted(set(CHAPTERS) - set(executed)))
    what = {"executed": tuple(executed), "cached": cached, "typeset": tuple(typeset)}
    return _result(p.tahun, target, seconds, daftar_periksa=tuple(checklist), **what)
