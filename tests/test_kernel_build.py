"""What ``lkjip build`` hands a chapter kernel travels as the notebook parameter ``build``
(protocol.KernelBuild), not as environment variables, and leaves no staging path in the
executed notebook."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from lkjip.assemble.notebooks import execute_chapter
from lkjip.chapters.kernel.protocol import BUILD_PARAMETER

from .helpers import chapter_notebook


@pytest.mark.integration  # a chapter kernel runs in a subprocess
def test_the_kernel_gets_its_part_of_the_build_as_a_parameter(tmp_path: Path) -> None:
    parameters = nbformat.v4.new_code_cell(f"{BUILD_PARAMETER} = None")
    parameters.metadata["tags"] = ["parameters"]
    work = nbformat.v4.new_code_cell(
        "import os\nfrom lkjip.data import reads\n"
        f"reads.write_to({BUILD_PARAMETER}['reads'])\n"
        "reads.record('table', 'uji')\n"
        f"print({BUILD_PARAMETER}['png'], {BUILD_PARAMETER}['shared_context'] is not None, "
        "sorted(k for k in os.environ if k.startswith('LKJIP_') and k != 'LKJIP_ROOT'))"
    )
    source = chapter_notebook(tmp_path, [parameters, work])
    target = tmp_path / "out.ipynb"
    recorded = tmp_path / "staging" / "reads-bab_uji.txt"
    recorded.parent.mkdir()
    shared = tmp_path / "staging" / "shared-context.pickle"
    execute_chapter("bab_uji", source, target, {"tahun": 2023}, tmp_path, recorded, shared)
    assert recorded.read_text(encoding="utf-8") == "table:uji\n"
    out = nbformat.read(target, as_version=4)
    printed = [c for c in out.cells if c.source == work.source][0].outputs[0]["text"]
    assert printed == "False True []\n"  # no PNG, the shared context named, no LKJIP_* variable
    assert "staging" not in target.read_text(encoding="utf-8")  # the same bytes every build
    injected = [c for c in out.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected[0].source == "# Parameters\ntahun = 2023\n"
    assert out.metadata["papermill"]["parameters"] == {"tahun": 2023}
    assert not [k for k in os.environ if k.startswith("LKJIP_") and k != "LKJIP_ROOT"]
