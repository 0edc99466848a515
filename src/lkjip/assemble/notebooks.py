"""Chapter notebooks: run one with papermill, tidy it, find the calculations it shows."""

from __future__ import annotations

import builtins
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat

from lkjip import errors
from lkjip.assemble import kept_kernel
from lkjip.chapters.kernel.protocol import BUILD_PARAMETER, KernelBuild, figures_in_outputs
from lkjip.errors import BuildError
from lkjip.figures.registry import Registry
from lkjip.render.myst import anchor

KERNEL = "python3"
#: the chapter kernel's own log only adds noise to the progress output: ipykernel 7 warns
#: at every start that its loopback TCP link is not encrypted (it is local and
#: HMAC-signed), and jupyter_client's shutdown interrupts the kernel, which logs
#: "KeyboardInterrupt caught" as an ERROR. A failing cell or a kernel that dies is still
#: reported (PapermillExecutionError, DeadKernelError).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


def execute_chapter(
    chapter: str,
    source: Path,
    target: Path,
    parameters: dict,
    cwd: Path,
    reads_file: Path | None = None,
    shared: Path | None = None,
) -> float:
    """Run one chapter with papermill; returns seconds. Raises BuildError naming the cell.

    ``reads_file``: where the chapter's kernel records what it reads (:mod:`lkjip.data.reads`);
    ``shared``: the build's validated dataset and registry (saves every chapter
    from validating and computing the year again). Charts skip the PNG that only the
    PDF uses, in every build: a chapter's output does not depend on whether the PDF is
    made (the PDF step adds the PNGs, :mod:`lkjip.assemble.pdf_png`), so an HTML-only
    build and a full build share the executed chapters.
    """
    import papermill as pm
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    kernel = KernelBuild(
        reads=str(reads_file) if reads_file else None,
        shared_context=str(shared) if shared else None,
        png=False,
    )
    parameters = {**parameters, BUILD_PARAMETER: kernel.parameter()}
    options: dict[str, Any] = dict(
        parameters=parameters,
        kernel_name=KERNEL,
        cwd=str(cwd),
        progress_bar=False,
        log_output=False,
        # papermill otherwise rewrites the whole output notebook after every cell
        # (BAB III: 120 cells, 6 MB): that took half of the chapter's time
        request_save_on_cell_execute=False,
        # a draft's cells catch missing data themselves (lkjip.chapters.kernel.draft): a cell
        # that fails anyway is a bug and fails the build, draft or not
        allow_errors=False,
        extra_arguments=list(KERNEL_ARGUMENTS),
    )

    def run() -> None:
        if kept_kernel.keeping():  # a chapter worker of a build: its kept kernel
            manager = kept_kernel.kernel(cwd, KERNEL, KERNEL_ARGUMENTS)
            pm.execute_notebook(
                str(source), str(target), engine_name=kept_kernel.ENGINE, km=manager, **options
            )
        else:
            pm.execute_notebook(str(source), str(target), **options)

    try:
        try:
            _with_kernel_retry(run)
        except BaseException:
            kept_kernel.discard()  # what the failed chapter left in it is not trusted
            raise
    except PapermillExecutionError as exc:
        raise BuildError(
            f"bab {chapter} gagal di {_failed_cell(target, exc.exec_count)} "
            f"({exc.ename}): {exc.evalue}{_traceback(exc)}"
        ) from None
    except DeadKernelError:
        raise BuildError(
            f"bab {chapter} gagal: proses Python bab berhenti sebelum selesai "
            "(misalnya kehabisan memori atau dihentikan dari luar)"
        ) from None
    _tidy(target)
    return time.perf_counter() - start


#: a kernel that did not start is started again this many times: two kernels starting at
#: once can pick the same free port (jupyter_client's port choice races; ipykernel then
#: fails with "Address already in use")
KERNEL_START_RETRIES = 2

#: how jupyter_client and nbclient report such a kernel: it did not answer in time, or it
#: exited before answering (seen in a test run: the ZMQ bind failed, the kernel died)
KERNEL_NOT_STARTED = ("Kernel didn't respond", "Kernel died before replying to kernel_info")


def _with_kernel_retry(run: Callable[..., object], *args: object, **kwargs: object) -> None:
    """``run(*args, **kwargs)``, again when its kernel did not start (no cell has run then:
    the chapter starts afresh, in a new kernel)."""
    for attempt in range(KERNEL_START_RETRIES + 1):
        try:
            run(*args, **kwargs)
            return
        except RuntimeError as exc:
            started = not any(text in str(exc) for text in KERNEL_NOT_STARTED)
            if started or attempt == KERNEL_START_RETRIES:
                raise
            kept_kernel.discard()


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _traceback(exc: Any) -> str:
    """The failing cell's traceback (``exc.traceback``), for a bug (not for missing data:
    its message says which data), as lines after the message."""
    cls = getattr(builtins, exc.ename, None) or getattr(errors, exc.ename, None)
    if isinstance(cls, type) and issubclass(cls, errors.MISSING_DATA):
        return ""
    lines = "\n".join(_ANSI.sub("", line) for line in exc.traceback or [])
    return f"\n{lines}" if lines else ""


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
_BUILD_LINE = re.compile(rf"^{BUILD_PARAMETER} = .*(\n|$)", re.MULTILINE)
_VOLATILE = ("duration", "end_time", "start_time", "input_path", "output_path")


def _tidy(path: Path) -> None:
    """Hide papermill's injected parameters cell and give it a fixed id (papermill's is
    random); drop run times and staging paths, so that the same inputs give
    byte-identical executed notebooks."""
    nb = nbformat.read(path, as_version=4)
    for key in _VOLATILE:
        nb.metadata.get("papermill", {}).pop(key, None)
    nb.metadata.get("papermill", {}).get("parameters", {}).pop(BUILD_PARAMETER, None)
    for cell in nb.cells:
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
            # the kernel's part of the build names staging paths (KernelBuild)
            cell["source"] = _BUILD_LINE.sub("", cell["source"])
            if "remove-cell" not in tags:
                tags.append("remove-cell")
        cell.metadata.pop("execution", None)
        for key in _VOLATILE:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(nb, path)


def calculations_shown(notebooks_dir: Path) -> dict[str, tuple[str, str]]:
    """figure id -> (chapter, cell id) of the cell that shows its calculation, read from
    the executed chapter notebooks in ``notebooks_dir``."""
    located: dict[str, tuple[str, str]] = {}
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for figure_id, cell_id in figures_in_outputs(notebook).items():
            located[figure_id] = (path.stem, cell_id)
    return located


def without_calculation(reg: Registry, shown: dict[str, tuple[str, str]]) -> list[str]:
    """The ids of figures whose calculation no chapter shows (should be empty); checked
    as soon as the chapters ran, before any HTML or PDF is made."""
    return [figure.id for figure in reg if figure.id not in shown]


def annotate(
    reg: Registry,
    shown: dict[str, tuple[str, str]],
    pages: dict[str, str],
    html_prefix: str = "html",
) -> None:
    """Fill notebook, cell_id and url of each figure whose calculation is ``shown``
    (:func:`calculations_shown`).

    ``pages``: chapter -> the HTML page (docname) that shows its calculations (the
    working paper's page for a report chapter).
    """
    for figure in list(reg):
        if figure.id not in shown:
            continue
        chapter, cell_id = shown[figure.id]
        page = pages.get(chapter, f"notebooks/{chapter}")
        reg.annotate(
            figure.id,
            notebook=f"notebooks/{chapter}.ipynb",
            cell_id=cell_id,
            url=f"{html_prefix}/{page}.html#{anchor(figure.id)}",
        )


def shown_elsewhere(reg: Registry, shown: dict[str, tuple[str, str]]) -> list[str]:
    """The figures whose calculation is shown in another chapter than the one declared
    when they were registered (:meth:`Registry.bab`), each as
    ``<id> (ditampilkan di <chapter>, dinyatakan <chapter>)``.

    ``shown``: figure id -> (chapter, cell id) of the cell showing its calculation.
    """
    return [
        f"{figure_id} (ditampilkan di {chapter}, dinyatakan {reg[figure_id].bab})"
        for figure_id, (chapter, _) in sorted(shown.items())
        if figure_id in reg and reg[figure_id].bab != chapter
    ]


def check_shown(reg: Registry, shown: dict[str, tuple[str, str]], draft: bool) -> None:
    """Right after the chapters ran, before any HTML or PDF is made: a
    :class:`BuildError` when a figure's calculation is shown nowhere (not in a draft) or in
    another chapter than the one it declared (in a draft too)."""
    missing = without_calculation(reg, shown)
    if missing and not draft:
        raise BuildError(
            f"{len(missing)} angka tidak punya sel perhitungan: {', '.join(missing[:10])}"
        )
    elsewhere = shown_elsewhere(reg, shown)
    if elsewhere:
        raise BuildError(
            f"{len(elsewhere)} angka ditampilkan di bab lain daripada bab yang dinyatakan "
            f"saat didaftarkan: {'; '.join(elsewhere[:10])}"
        )
