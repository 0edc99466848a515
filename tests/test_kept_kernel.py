"""A chapter worker of the build keeps its kernel from one chapter to the next
(:mod:`lkjip.assemble.kept_kernel`): the next chapter runs in the same kernel process, as
in a new kernel (no name of the last chapter, execution count from 1, no read recorded
for it); a chapter that failed leaves no kernel to reuse; the
kernel is shut down when the worker exits."""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest

from lkjip.assemble import kept_kernel
from lkjip.assemble.notebooks import execute_chapter
from lkjip.errors import BuildError

pytestmark = pytest.mark.integration

#: what a cell reports of its kernel: the process, the last chapter's name, the execution
#: count and where reads are recorded
REPORT = """
import json, os
from lkjip.data import reads
print(json.dumps({
    "pid": os.getpid(),
    "left": "ditinggalkan" in globals(),
    "count": get_ipython().execution_count,
    "reads": reads._target[0],
}))
"""
#: what a chapter leaves behind in its kernel
LEAVE = """
ditinggalkan = 1
from pathlib import Path
from lkjip.data import reads
reads.write_to(Path("bacaan.txt"))
"""


def _notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("build = None")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, *(nbformat.v4.new_code_cell(c) for c in cells)]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python"}  # papermill asks
    nbformat.write(nb, path)
    return path


def _run(folder: str, name: str) -> dict | str:
    """Run notebook ``name`` in this worker; what its last cell printed (or the error)."""
    root = Path(folder)
    try:
        execute_chapter(name, root / f"{name}.ipynb", root / f"{name}.out.ipynb", {}, root)
    except BuildError as exc:
        return str(exc)
    cells = json.loads((root / f"{name}.out.ipynb").read_text(encoding="utf-8"))["cells"]
    return json.loads("".join(cells[-1]["outputs"][0]["text"]))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting to be reaped is gone as a kernel
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_a_worker_runs_its_chapters_in_one_kernel_each_as_new(tmp_path: Path) -> None:
    _notebook(tmp_path / "satu.ipynb", LEAVE, REPORT)
    _notebook(tmp_path / "dua.ipynb", "x = 2", REPORT)
    _notebook(tmp_path / "gagal.ipynb", "ditinggalkan = 1", "raise ValueError('rusak')")
    _notebook(tmp_path / "tiga.ipynb", REPORT)
    with ProcessPoolExecutor(max_workers=1, initializer=kept_kernel.keep) as pool:
        satu = pool.submit(_run, str(tmp_path), "satu").result()
        dua = pool.submit(_run, str(tmp_path), "dua").result()
        gagal = pool.submit(_run, str(tmp_path), "gagal").result()
        tiga = pool.submit(_run, str(tmp_path), "tiga").result()
        assert isinstance(satu, dict) and isinstance(dua, dict) and isinstance(tiga, dict)
        assert _alive(tiga["pid"])
    # the first chapter left a name and a reads file in its kernel
    assert satu["left"] and satu["reads"]
    # the second ran in the same kernel, as a new one (its cells are where the first's
    # are, so the execution count is the same)
    assert dua["pid"] == satu["pid"]
    assert dua == {**satu, "left": False, "reads": None}
    # a failed chapter's kernel is not reused
    assert "gagal" in gagal and "rusak" in gagal
    assert tiga["pid"] != satu["pid"] and not _alive(satu["pid"])
    assert tiga["left"] is False
    # the worker exited: its kept kernel is shut down
    assert not _alive(tiga["pid"])


def test_outside_a_chapter_worker_each_chapter_has_a_kernel_of_its_own(tmp_path: Path) -> None:
    _notebook(tmp_path / "satu.ipynb", LEAVE, REPORT)
    _notebook(tmp_path / "dua.ipynb", REPORT)
    assert not kept_kernel.keeping()
    satu, dua = _run(str(tmp_path), "satu"), _run(str(tmp_path), "dua")
    assert isinstance(satu, dict) and isinstance(dua, dict)
    assert satu["pid"] != dua["pid"] and not _alive(satu["pid"])
