"""Build the book of one year: validate, run chapters with papermill, assemble, build HTML.

Everything is built in a staging folder ``_build/.tmp-<tahun>-*`` and moved to
``_build/<tahun>`` only when every step succeeded, so a failed build never
replaces the last good book.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from lkjip import params, paths
from lkjip.assemble import cache as cache_mod
from lkjip.assemble import pdf
from lkjip.assemble import staging as atomik
from lkjip.audit import ledger, stamp
from lkjip.audit import reconciliation as reviu
from lkjip.audit.figures import compute_all
from lkjip.chapters import konteks as bab
from lkjip.data import reads as bacaan
from lkjip.data.dataset import KOREKSI, Dataset, load_dataset
from lkjip.errors import BuildError, BuildStopped
from lkjip.figures.registry import Registry
from lkjip.render.charts import TANPA_PNG_ENV, write_bundle

#: chapter notebooks in book order (stems of notebooks/*.ipynb)
CHAPTERS = (
    "sampul",
    "kata_pengantar",
    "ikhtisar",
    "bab1_pendahuluan",
    "bab2_perencanaan",
    "bab3_akuntabilitas",
    "bab4_penutup",
    "lampiran",
    "reviu",
    "jejak_angka",
)
#: the chapter that prints the reproducibility stamp (it gets the stamp's path)
STAMP_CHAPTER = "reviu"
#: files and folders copied from the project into the staging book
BOOK_FILES = ("_config.yml", "_toc.yml", "book")
KERNEL = "python3"


@dataclass(frozen=True)
class BuildResult:
    tahun: int
    out_dir: Path
    html_index: Path
    ledger_csv: Path
    seconds: float


def _say(progress: Callable[[str], None] | None, text: str) -> None:
    if progress:
        progress(text)


def execute_chapter(
    chapter: str,
    source: Path,
    target: Path,
    parameters: dict,
    cwd: Path,
    reads_file: Path | None = None,
    shared: Path | None = None,
    png: bool = True,
) -> float:
    """Run one chapter with papermill; returns seconds. Raises BuildError naming the cell.

    ``reads_file``: where the chapter's kernel records what it reads (lkjip.bacaan);
    ``shared``: the build's validated dataset and registry (saves every chapter
    from validating and computing the year again); ``png``: False in an HTML-only
    build (charts skip the PNG only the PDF uses).
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    if reads_file is not None:
        os.environ[bacaan.ENV] = str(reads_file)  # inherited by the kernel
    if shared is not None:
        os.environ[bab.KONTEKS_ENV] = str(shared)
    if not png:
        os.environ[TANPA_PNG_ENV] = "1"
    try:
        pm.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            # papermill otherwise rewrites the whole output notebook after every cell
            # (BAB III: 120 cells, 6 MB): that took half of the chapter's time
            request_save_on_cell_execute=False,
            # a draft keeps going where data is missing (the chapter shows a box instead)
            allow_errors=bool(parameters.get("draft")),
        )
    except PapermillExecutionError as exc:
        raise BuildError(
            f"bab {chapter} gagal di {_failed_cell(target, exc.exec_count)} "
            f"({exc.ename}): {exc.evalue}"
        ) from None
    finally:
        os.environ.pop(bacaan.ENV, None)
        os.environ.pop(bab.KONTEKS_ENV, None)
        os.environ.pop(TANPA_PNG_ENV, None)
    _tidy(target)
    return time.perf_counter() - start


def _failed_cell(executed: Path, exec_count: int | None) -> str:
    """ "sel ke-N (id ...)" of the failing cell, N counted in the chapter's own notebook."""
    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return f"sel eksekusi {exec_count}"
    number = 0
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags or "papermill-error-cell-tag" in tags:
            continue
        number += 1
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            return f"sel ke-{number} (id {cell.get('id', '-')})"
    return f"sel eksekusi {exec_count}"


#: papermill/nbclient metadata that records when and where a notebook ran
_VOLATILE = ("duration", "end_time", "start_time", "input_path", "output_path")


def _tidy(path: Path) -> None:
    """Hide papermill's injected parameters cell; drop run times and staging paths, so
    that the same inputs give byte-identical executed notebooks."""
    nb = nbformat.read(path, as_version=4)
    for key in _VOLATILE:
        nb.metadata.get("papermill", {}).pop(key, None)
    for cell in nb.cells:
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        cell.metadata.pop("execution", None)
        for key in _VOLATILE:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(nb, path)


def _inputs_removed(notebooks_dir: Path) -> None:
    """For the PDF: code cells shown behind a toggle in HTML lose their source."""
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            tags = cell.metadata.setdefault("tags", [])
            if cell.cell_type == "code" and "remove-input" not in tags:
                tags.append("remove-input")
        nbformat.write(nb, path)


def _stage(root: Path, staging: Path, cache_dir: Path | None = None) -> Path:
    src = staging / "src"
    src.mkdir(parents=True)
    for name in BOOK_FILES:
        origin = root / name
        if origin.is_dir():
            shutil.copytree(origin, src / name)
        else:
            shutil.copy2(origin, src / name)
    (src / "notebooks").mkdir()
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
    snapshot: dict[str, str]  # relative path -> SHA-256 of every input at build start
    png: bool  # charts carry a PNG (needed by the PDF only)


def _chapter_parameters(run: _Run, chapter: str) -> dict:
    if chapter == STAMP_CHAPTER:
        return {**run.parameters, "stamp": paths.display_path(run.cache.folder / "cap.json")}
    return run.parameters


def _files_read(run: _Run, reads: set[str]) -> dict[str, str]:
    """The files behind a chapter's recorded reads, with their hashes at build start."""
    from lkjip.figures import tables_read

    tables = set(tables_read(reads, run.reg)) | {KOREKSI}  # corrections touch any table
    if "*" in tables:  # the dataset's warnings were read: findings across all tables
        tables = (tables - {"*"}) | set(run.ds.paths)
    files = [run.ds.paths.get(t) for t in sorted(tables)]
    files += [run.ds.data_dir / "metadata" / f"{t}.yaml" for t in sorted(tables)]
    files += [run.root / key.split(":", 1)[1] for key in reads if key.startswith("berkas:")]
    result = {}
    for path in files:
        if path is None:
            continue
        name = paths.display_path(path, run.root)
        result[name] = run.snapshot.get(name) or cache_mod.digest(path)
    return result


def _run_chapters(run: _Run, jobs: int, progress: Callable[[str], None] | None) -> list[str]:
    """Run the chapters whose inputs changed, reuse the others from the cache.

    The first failure stops the others (nothing more is built). Returns the
    chapters that were executed.
    """
    total = len(CHAPTERS)
    done = 0
    todo: dict[str, tuple[Path, dict, str]] = {}
    for chapter in CHAPTERS:
        template = run.root / "notebooks" / f"{chapter}.ipynb"
        parameters = _chapter_parameters(run, chapter)
        key = cache_mod.chapter_key(template, {**parameters, "_png": run.png})
        cached = run.cache.lookup(chapter, key)
        if cached is None:
            todo[chapter] = (template, parameters, key)
            continue
        shutil.copy2(cached, run.src / "notebooks" / f"{chapter}.ipynb")
        done += 1
        _say(progress, f"  [{done}/{total}] {chapter}: tidak berubah (dari cache)")
    if not todo:
        return []
    errors: list[str] = []
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo))))
    try:
        futures = {
            pool.submit(
                execute_chapter,
                chapter,
                template,
                run.src / "notebooks" / f"{chapter}.ipynb",
                parameters,
                run.root,
                run.staging / f"bacaan-{chapter}.txt",
                run.staging / "konteks.pickle",
                run.png,
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
            reads = bacaan.baca(run.staging / f"bacaan-{chapter}.txt")
            run.cache.store(
                chapter,
                todo[chapter][2],
                _files_read(run, reads),
                run.src / "notebooks" / f"{chapter}.ipynb",
            )
            _say(progress, f"  [{done}/{total}] {chapter} dijalankan ({seconds:.1f} d)")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        if errors:
            atomik.stop_children()
    if errors:
        raise BuildError("; ".join(errors))
    return sorted(todo)


def _jupyter_book(src: Path, builder: str, out: Path, *, strict: bool = True) -> None:
    """Run jupyter-book; warnings are errors except in a draft (whose gaps leave dangling
    references to tables and figures that could not be made yet)."""
    executable = Path(sys.executable).with_name("jupyter-book")
    if executable.exists():
        runner = [str(executable)]
    else:
        runner = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
    command = [
        *runner,
        "build",
        str(src),
        "--builder",
        builder,
        "--path-output",
        str(out),
        *(["-W", "-n"] if strict else []),
        "--keep-going",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [
            ln
            for ln in (result.stdout + result.stderr).splitlines()
            if "WARNING" in ln or "ERROR" in ln or "Error" in ln
        ]
        detail = "\n".join(lines[-30:]) or result.stdout[-3000:]
        raise BuildError(f"jupyter-book ({builder}) gagal:\n{detail}")


def _sync(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source``, touching only files whose bytes differ
    (Sphinx then re-reads only those)."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        origin, copy = source / rel, target / rel
        if copy.is_file() and copy.read_bytes() == origin.read_bytes():
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, copy)
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in wanted:
                path.unlink()


def _html(src: Path, work: Path, html_out: Path, *, strict: bool) -> None:
    """Build the HTML in a kept work folder, so that Sphinx rebuilds only changed pages.

    The work folder is part of the cache: it is marked while in use, and a mark
    left by an interrupted build makes the next build start it afresh.
    """
    mark = work / ".sedang-dipakai"
    if mark.exists():
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    mark.touch()
    _sync(src, work / "src")
    _jupyter_book(work / "src", "html", work / "out", strict=strict)
    shutil.copytree(work / "out" / "_build" / "html", html_out)
    _same_as_fresh(html_out)
    mark.unlink()


#: myst-nb's stylesheet gets a ``?v=`` checksum only when it already existed (its
#: name already carries its hash, so the checksum adds nothing)
_MYSTNB_CSS = re.compile(r"(_static/mystnb\.[0-9a-f]+\.css)\?v=[0-9a-f]+")
_SEARCH_INDEX = "Search.setIndex("


def _same_as_fresh(html: Path) -> None:
    """Make an incremental HTML build byte-identical to a fresh one.

    Two differences are Sphinx's, not the book's: the myst-nb stylesheet link
    and terms left with no pages in the search index.
    """
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = _MYSTNB_CSS.sub(r"\1", text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    index = html / "searchindex.js"
    text = index.read_text(encoding="utf-8") if index.is_file() else ""
    if text.startswith(_SEARCH_INDEX) and text.endswith(")"):
        data = json.loads(text[len(_SEARCH_INDEX) : -1])
        for key in ("terms", "titleterms"):
            data[key] = {term: docs for term, docs in data.get(key, {}).items() if docs != []}
        index.write_text(_SEARCH_INDEX + json.dumps(data, sort_keys=True) + ")", encoding="utf-8")


def annotate(reg: Registry, notebooks_dir: Path, html_prefix: str = "html") -> list[str]:
    """Fill notebook, cell_id and url of each figure from the executed notebooks.

    Returns the ids of figures whose calculation is shown nowhere (should be empty).
    """
    located: dict[str, tuple[str, str]] = {}
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for figure_id, cell_id in bab.figures_in_outputs(notebook).items():
            located[figure_id] = (path.stem, cell_id)
    missing = []
    for figure in list(reg):
        if figure.id not in located:
            missing.append(figure.id)
            continue
        chapter, cell_id = located[figure.id]
        reg.annotate(
            figure.id,
            notebook=f"notebooks/{chapter}.ipynb",
            cell_id=cell_id,
            url=f"{html_prefix}/notebooks/{chapter}.html#{bab.anchor(figure.id)}",
        )
    return missing


#: the mark of a draft book, on every HTML page and every PDF page
DRAFT_TEXT = "DRAFT: data belum lengkap, angka dapat berubah"


def mark_draft(src: Path) -> None:
    """Put the DRAFT banner on every HTML page of the staged book."""
    import yaml

    path = src / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    options = config.setdefault("sphinx", {}).setdefault("config", {})
    options.setdefault("html_theme_options", {})["announcement"] = DRAFT_TEXT
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def expected_figures() -> set[str]:
    """Figure ids the chapters paste (for marking the missing ones in a draft ledger)."""
    keys: set[str] = set()
    for chapter in CHAPTERS:
        keys |= bab.referenced_keys(chapter)
    return {k for k in keys if "." in k and not k.startswith(("gbr.", "data.gbr.", "narasi."))}


#: file in the built book: the hash of everything the build depended on
BUILD_KEY = "build-key.txt"


def input_files(root: Path, data_dir: Path, tahun: int) -> list[Path]:
    """Every file a build of ``tahun`` reads (for the no-change check and the cache)."""
    files = paths.book_files(root)
    files += sorted((data_dir / "metadata").glob("*.yaml"))
    files += sorted(p for p in (data_dir / str(tahun)).glob("*") if p.is_file())
    return [f for f in files if f.is_file()]


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _swap(staged_out: Path, final: Path) -> None:
    """Replace ``final`` by ``staged_out`` (rename, so readers never see a half book)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    old = final.with_name(atomik.old_name(int(final.name)))
    with atomik.uninterrupted():
        if final.exists():
            final.rename(old)
        staged_out.rename(final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build(
    tahun: object = None,
    data_dir: str | Path | None = None,
    *,
    jobs: int | None = None,
    pdf_enabled: bool = True,
    draft: bool = False,
    progress: Callable[[str], None] | None = print,
) -> BuildResult:
    """Build the HTML book, the PDF and the ledger of ``tahun`` into ``_build/<tahun>``.

    Atomic: see :mod:`lkjip.atomik`. Raises BuildError, DataInvalid, ParameterError,
    or BuildStopped when stopped by a signal.
    """
    start = time.perf_counter()
    root = paths.project_root()
    p = params.resolve(tahun, data_dir)
    build_root = root / "_build"
    with atomik.year_lock(build_root, p.tahun), atomik.stoppable():
        try:
            return _build(p, root, build_root, start, jobs, pdf_enabled, draft, progress)
        except (BuildStopped, KeyboardInterrupt):
            atomik.stop_children()
            raise


def _build(
    p: params.Parameters,
    root: Path,
    build_root: Path,
    start: float,
    jobs: int | None,
    pdf_enabled: bool,
    draft: bool,
    progress: Callable[[str], None] | None,
) -> BuildResult:
    stale = atomik.clean_stale(build_root, p.tahun)
    if stale:
        _say(progress, f"Membersihkan {len(stale)} folder sementara dari build yang terputus")
    target = paths.build_dir(p.tahun, root)
    inputs = input_files(root, p.data_dir, p.tahun)
    build_key = cache_mod.build_key(
        root,
        inputs,
        {
            "tahun": p.tahun,
            "data_dir": paths.display_path(p.data_dir, root),
            "pdf": pdf_enabled,
            "draft": draft,
            "git": stamp.git_state(root),
        },
    )
    key_file = target / BUILD_KEY
    if key_file.is_file() and key_file.read_text(encoding="utf-8").strip() == build_key:
        seconds = time.perf_counter() - start
        _say(
            progress,
            f"Tidak ada perubahan sejak build terakhir ({seconds:.1f} detik): "
            f"{paths.display_path(target)}/html/index.html sudah mutakhir",
        )
        return BuildResult(
            p.tahun, target, target / "html" / "index.html", target / "ledger.csv", seconds
        )
    snapshot = {paths.display_path(f, root): cache_mod.digest(f) for f in inputs}
    _say(progress, f"Memvalidasi data tahun {p.tahun} ...")
    ds = load_dataset(p.tahun, p.data_dir, strict=not draft)  # strict: stops before running
    reg = compute_all(ds, draft=draft)
    if draft:
        _say(
            progress,
            f"  DRAFT: {len(ds.problems)} masalah data, "
            f"{len(reg.gagal)} bagian perhitungan belum dapat dihitung",
        )
    _say(progress, f"  data valid: {len(ds.frames)} tabel, {len(reg)} angka dihitung")
    staging = Path(tempfile.mkdtemp(prefix=atomik.staging_name(p.tahun), dir=build_root))
    try:
        src = _stage(root, staging, build_root / ".cache")
        # data_dir relative to the project: the executed notebooks do not name the checkout
        parameters = {
            "tahun": p.tahun,
            "data_dir": paths.display_path(p.data_dir, root),
            "draft": draft,
        }
        if draft:
            mark_draft(src)
        build_stamp = stamp.collect(ds, {**parameters, "data_dir": str(p.data_dir)}, root)
        stamp.write(build_stamp, src / "stamp.json")
        chapter_cache = cache_mod.ChapterCache(build_root / ".cache" / str(p.tahun), root)
        _write_if_changed(
            chapter_cache.folder / "cap.json", stamp.dumps(stamp.without_time(build_stamp))
        )
        workers = jobs or os.cpu_count() or 1
        _say(progress, f"Menjalankan bab yang berubah dengan papermill ({workers} proses) ...")
        bab.write_shared_context(ds, reg, draft, staging / "konteks.pickle")
        run = _Run(root, src, staging, parameters, chapter_cache, reg, ds, snapshot, pdf_enabled)
        executed = _run_chapters(run, workers, progress)
        _say(
            progress,
            f"  {len(executed)} bab dijalankan, {len(CHAPTERS) - len(executed)} dari cache",
        )
        _say(progress, "Menyusun HTML dengan jupyter-book (inkremental) ...")
        final_out = staging / "final"
        final_out.mkdir()
        _html(src, chapter_cache.folder / "html", final_out / "html", strict=not draft)
        if pdf_enabled:
            _say(progress, "Menyusun PDF dengan jupyter-book (LaTeX, xelatex) ...")
            stem = pdf.configure(src, ds, draft=draft)
            _inputs_removed(src / "notebooks")
            pdf_out = staging / "out-pdf"
            _jupyter_book(src, "pdflatex", pdf_out, strict=not draft)
            (final_out / "pdf").mkdir()
            latex_dir = pdf_out / "_build" / "latex"
            shutil.copy2(latex_dir / f"{stem}.pdf", final_out / "pdf" / f"{stem}.pdf")
            # the typesetting log, for checking overfull lines and missing glyphs
            shutil.copy2(latex_dir / f"{stem}.log", final_out / "pdf" / f"{stem}.log")
        missing = annotate(reg, src / "notebooks")
        if missing and not draft:
            raise BuildError(
                f"{len(missing)} angka tidak punya sel perhitungan: {', '.join(missing[:10])}"
            )
        reviu.write_csv(reviu.rekonsiliasi(ds, reg), final_out / "reviu.csv")
        stamp.write(build_stamp, final_out / "stamp.json")
        absent = sorted(expected_figures() - set(reg.ids())) if draft else []
        ledger.write_csv(reg, final_out / "ledger.csv", absent)
        ledger.write_json(reg, final_out / "ledger.json", absent)
        (final_out / BUILD_KEY).write_text(build_key + "\n", encoding="utf-8")
        _swap(final_out, target)
    finally:
        if os.environ.get("LKJIP_KEEP_STAGING") == "1":  # for debugging a build
            _say(progress, f"Folder staging disimpan: {staging}")
        else:
            shutil.rmtree(staging, ignore_errors=True)
    seconds = time.perf_counter() - start
    _say(
        progress, f"Selesai dalam {seconds:.1f} detik: {paths.display_path(target)}/html/index.html"
    )
    return BuildResult(
        p.tahun, target, target / "html" / "index.html", target / "ledger.csv", seconds
    )
