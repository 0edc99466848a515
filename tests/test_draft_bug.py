"""A draft tells a bug from missing data: missing data shows as missing and the chapter goes
on; a TypeError or AttributeError fails the cell, and the build, with its traceback."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell

from lkjip.assemble.notebooks import execute_chapter
from lkjip.chapters.kernel import draft
from lkjip.errors import BuildError

from .helpers import chapter_notebook

MISSING = 'kosong = {}\nkosong["skm_bulanan"]'  # KeyError: a table that is not there
BUG = "angka = None\nangka.nilai"  # AttributeError: a bug in the chapter's code


def test_a_draft_cell_catches_missing_data_and_not_a_bug() -> None:
    shell = InteractiveShell.instance()
    failed: list[str] = []
    draft.install(shell, draft.DraftCells(lambda reads, source: failed.append(source), []))
    try:
        assert shell.run_cell(MISSING).error_in_exec is None
        assert failed == [MISSING]  # shown as missing data (the box)
        for source, error in ((BUG, AttributeError), ("len(3)", TypeError)):
            result = shell.run_cell(source)
            assert isinstance(result.error_in_exec, error)
        assert failed == [MISSING]  # a bug is no missing data
    finally:
        shell.ast_transformers.clear()
        InteractiveShell.clear_instance()


def _draft_notebook(folder: Path, *cells: str) -> Path:
    install = (
        "from IPython import get_ipython\nfrom lkjip.chapters.kernel import draft\nkotak = []\n"
        "draft.install(get_ipython(), draft.DraftCells(lambda r, s: kotak.append(s), []))"
    )
    return chapter_notebook(folder, [nbformat.v4.new_code_cell(c) for c in (install, *cells)])


@pytest.mark.integration  # a chapter kernel runs in a subprocess
def test_a_bug_in_a_draft_fails_the_build_with_its_traceback(tmp_path: Path) -> None:
    source = _draft_notebook(tmp_path, MISSING, "print(len(kotak))", BUG, "print('tidak sampai')")
    target = tmp_path / "out.ipynb"
    with pytest.raises(BuildError) as info:
        execute_chapter("bab_uji", source, target, {"draft": True}, tmp_path)
    message = str(info.value)
    assert message.startswith("bab bab_uji gagal di sel ke-4 (id ")
    assert "(AttributeError): 'NoneType' object has no attribute 'nilai'" in message
    assert "Traceback" in message and "angka.nilai" in message  # the traceback, no colours
    assert "\x1b[" not in message
    cells = {c.source: c for c in nbformat.read(target, as_version=4).cells}
    printed = cells["print(len(kotak))"].outputs
    assert printed[0]["text"] == "1\n"  # the missing data was a box; the chapter went on
    assert cells["print('tidak sampai')"].get("outputs", []) == []  # nothing ran after the bug
