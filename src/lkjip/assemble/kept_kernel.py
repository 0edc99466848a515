"""One chapter kernel per chapter worker, kept from one chapter to the next.

Starting a kernel and importing pandas, Altair and the chapter modules costs about 1.7 s
of a core per chapter (measured: an empty notebook 0.9 s, with the imports 1.7 s; the
smallest chapters run in 2.1 s), most of a small chapter's time. A worker of the build's
chapter pool (:func:`keep`, its initializer) therefore keeps its kernel and runs its
next chapter in it, after :data:`FRESH_CHAPTER` cleared what the last chapter left: the
IPython namespace and execution count, and lkjip's per-chapter state in the kernel
(:func:`lkjip.chapters.kernel.context.fresh_chapter`). Imported modules stay: that is
the point. A chapter that failed, or a kernel that did not answer, is not reused.

A kernel is kept only in a process that asked for it (:func:`keep`); elsewhere, a chapter
runs in a kernel of its own as papermill starts it. Kept kernels are shut down when their
worker exits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: run (silently, outside the notebook) before each chapter in a kept kernel
FRESH_CHAPTER = '__import__("lkjip.chapters.kernel.context", fromlist=["_"]).fresh_chapter()'

#: the papermill engine that runs a chapter in the kept kernel
ENGINE = "lkjip-kept-kernel"

#: this process's kept kernel (the working folder it was started in, its manager); only
#: in a chapter worker that called :func:`keep`
_kept: dict[str, Any] = {}
_keeping = [False]
#: whether :data:`ENGINE` is registered with papermill in this process
_registered = [False]


def keep() -> None:
    """Keep kernels in this process from now on (the chapter pool's worker initializer);
    they are shut down when the process exits."""
    from multiprocessing import util

    _keeping[0] = True
    util.Finalize(None, discard, exitpriority=10)


def keeping() -> bool:
    return _keeping[0]


def kernel(cwd: Path, kernel_name: str, arguments: list[str]) -> Any:
    """The kept kernel's manager, started in ``cwd`` when there is none (or it was
    started elsewhere); the papermill engine :data:`ENGINE` runs the chapter in it."""
    from jupyter_core.utils import run_sync

    if _kept.get("cwd") != str(cwd) or not run_sync(_kept["manager"].is_alive)():
        discard()
        starter = _starter(kernel_name, arguments)
        starter.start_new_kernel(cwd=str(cwd))
        _kept.update(cwd=str(cwd), manager=starter.km)
    _register_engine()
    return _kept["manager"]


def discard() -> None:
    """Shut down the kept kernel (its state is not trusted, or the worker exits)."""
    from jupyter_core.utils import run_sync

    manager = _kept.pop("manager", None)
    _kept.pop("cwd", None)
    if manager is not None:
        try:
            run_sync(manager.shutdown_kernel)(now=True)
        except RuntimeError:  # it is gone already
            pass


def _starter(kernel_name: str, arguments: list[str]) -> Any:
    """An nbclient client that only starts a kernel (nbclient's manager class and its
    arguments, as papermill's own start would use)."""
    import nbformat
    from nbclient import NotebookClient

    starter = NotebookClient(
        nbformat.v4.new_notebook(), kernel_name=kernel_name, extra_arguments=list(arguments)
    )
    starter.km = starter.create_kernel_manager()
    return starter


def _register_engine() -> None:
    if _registered[0]:
        return
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    class KeptKernelClient(PapermillNotebookClient):
        """papermill's client, which first clears what the last chapter left."""

        def papermill_execute_cells(self) -> None:
            reply = self.wait_for_reply(
                self.kc.execute(FRESH_CHAPTER, silent=True, store_history=False)
            )
            if reply is None or reply["content"]["status"] != "ok":
                raise RuntimeError(f"kernel tidak dapat dikosongkan: {reply}")
            super().papermill_execute_cells()

    class KeptKernelEngine(NBClientEngine):
        """papermill's nbclient engine in the kept kernel (``km``), whose client channels
        it closes afterwards (nbclient leaves a kernel it did not start running, and
        its client connected)."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: int = 60,
            execution_timeout: int | None = None,
            **kwargs: Any,
        ) -> Any:
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            client = KeptKernelClient(
                nb_man,
                **merge_kwargs(
                    safe_kwargs,
                    timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                    startup_timeout=start_timeout,
                    kernel_name=kernel_name,
                    log_output=log_output,
                    stdout_file=stdout_file,
                    stderr_file=stderr_file,
                ),
            )
            try:
                return client.execute()
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()

    papermill_engines.register(ENGINE, KeptKernelEngine)
    _registered[0] = True
