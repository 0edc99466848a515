"""A figure whose calculation no chapter shows stops a strict build as soon as the chapters
ran: no HTML or PDF is made first."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from lkjip.assemble import editions, jupyterbook, pdf, pipeline
from lkjip.chapters.kernel.protocol import META_KEY
from lkjip.errors import BuildError

from .helpers import TAHUN, copy_project, project_root_env


@pytest.mark.integration  # a chapter kernel runs in a subprocess
def test_a_figure_without_calculation_stops_the_build_before_html_and_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unshown: list[str] = []

    def chapters(run: pipeline._Run, jobs: int, progress: object) -> list[str]:
        # one chapter shows the calculation of every figure but the first
        ids = run.reg.ids()
        unshown.append(ids[0])
        output = nbformat.v4.new_output(
            "display_data", data={"text/plain": ""}, metadata={META_KEY: {"figures": ids[1:]}}
        )
        cell = nbformat.v4.new_code_cell("", outputs=[output])
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), run.executed / "bab_uji.ipynb")
        return ["bab_uji"]

    made: list[str] = []
    monkeypatch.setattr(pipeline, "_run_chapters", chapters)
    monkeypatch.setattr(editions, "stage", lambda *a, **k: made.append("edisi"))
    monkeypatch.setattr(jupyterbook, "build_html", lambda *a, **k: made.append("html"))
    monkeypatch.setattr(pdf, "build_both", lambda *a, **k: made.append("pdf"))
    root = copy_project(tmp_path / "proyek")
    with project_root_env(root), pytest.raises(BuildError) as info:
        pipeline.build(TAHUN, progress=None)
    assert str(info.value) == f"1 angka tidak punya sel perhitungan: {unshown[0]}"
    assert made == []  # no edition staged, no HTML, no PDF
