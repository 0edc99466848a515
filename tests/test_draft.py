"""Drafts on init-only data: plain boxes that name the table and sheet to fill, and every
chapter completing through the papermill command line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lkjip.audit.figures import compute_all
from lkjip.chapters.kernel.protocol import CHAPTERS
from lkjip.data.gaps import gaps, sheet_name
from lkjip.data.loading import load_dataset
from lkjip.newyear.prepare import init
from lkjip.render.myst import kotak_belum

from .helpers import TAHUN, copy_project, project_root_env

BARU = TAHUN + 1

#: the output types a page shows, in the order a page prefers them
PAGE_TYPES = ("text/markdown", "text/html", "text/plain")

#: what a draft page must never show
FORBIDDEN = ("Traceback", "Error:", "NameError", "KeyError", "<IPython", "object at 0x")


def test_a_missing_table_is_named_with_its_sheet_and_why(data_copy: Path) -> None:
    init(BARU, data_copy)
    ds = load_dataset(BARU, data_copy, strict=False)
    found = gaps(ds, ["skm_bulanan", "unsur_skm"])  # unsur_skm is carried over: not a gap
    assert [g.table for g in found] == ["skm_bulanan"]
    box = kotak_belum(found, tahun=BARU)
    assert box.startswith(":::{admonition} Data belum tersedia")
    assert "tabel `skm_bulanan`, lembar `skm_bulanan`" in box
    assert f"buku kerja `lkjip-{BARU}.xlsx`" in box
    assert "Nilai SKM dan responden per bulan" in box  # the table's title
    assert "belum berisi data" in box  # why: the validation's own words
    assert not any(word in box for word in FORBIDDEN)


def test_a_figure_a_draft_could_not_compute_maps_to_its_tables(data_copy: Path) -> None:
    init(BARU, data_copy)
    ds = load_dataset(BARU, data_copy, strict=False)
    reg = compute_all(ds, draft=True)
    assert "ikm.capaian" not in reg
    # ikm.capaian failed on ikm.realisasi, which failed on the empty monthly survey
    assert "skm_bulanan" in reg.tables_behind(["ikm.capaian"])
    assert [g.table for g in gaps(ds, reg.tables_behind(["ikm.capaian"]))] == ["skm_bulanan"]
    assert all(not f.tables or isinstance(f.tables, frozenset) for f in reg.failed)


def test_a_long_table_name_gets_the_workbooks_sheet_name() -> None:
    # Excel's published limit (Microsoft, "Excel specifications and limits": a sheet name
    # has at most 31 characters), not the module's own constant
    assert sheet_name("a" * 40) == sheet_name("a" * 31) == "a" * 31
    assert sheet_name("skm_bulanan") == "skm_bulanan"


def _text(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The text every output shows, and the Markdown cells with glued values pasted in."""
    outputs: list[str] = []
    glued: dict[str, str] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                outputs.append(f"{output.get('ename')}: {output.get('evalue')}")
            data = output.get("data", {})
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                glued[name] = str(data.get("application/papermill.record/text/markdown", ""))
            # what a page shows: Markdown or HTML where there is either, else plain text
            for prefix in ("", "application/papermill.record/"):
                shown = next(
                    (data[f"{prefix}{kind}"] for kind in PAGE_TYPES if f"{prefix}{kind}" in data),
                    None,
                )
                if shown is not None:
                    outputs.append(str(shown))
            outputs.append(str(output.get("text", "")))
    pasted = re.compile(r"\{glue:md\}`([^`]+?)(?::[^:`]*)?`")
    prose = "\n".join(
        pasted.sub(lambda m: glued.get(m[1], m[0]), cell.source)
        for cell in notebook.cells
        if cell.cell_type == "markdown"
    )
    return "\n".join(outputs), prose


@pytest.mark.book
def test_every_chapter_drafts_with_the_papermill_cli_on_init_only_data(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "proyek")
    init(BARU, root / "data")
    boxes = 0
    with project_root_env(root):
        for chapter in CHAPTERS:
            out = tmp_path / f"{chapter}.ipynb"
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "papermill",
                    str(root / "notebooks" / f"{chapter}.ipynb"),
                    str(out),
                    "-p",
                    "tahun",
                    str(BARU),
                    "-p",
                    "data_dir",
                    str(root / "data"),
                    "-p",
                    "draft",
                    "True",
                    "--cwd",
                    str(root),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, (chapter, result.stderr[-2000:])
            outputs, prose = _text(nbformat.read(out, as_version=4))
            for word in FORBIDDEN:
                assert word not in outputs, (chapter, word)
            # a table label only as a label or a reference, never as text
            bare = re.sub(r":name: tbl-|\{numref\}`tbl-", "", outputs)
            assert "tbl-" not in bare, chapter
            assert not re.search(r"Berdasarkan\s*,", prose), chapter
            boxes += outputs.count("{admonition} Data belum tersedia")
            if chapter == "bab3_akuntabilitas":
                assert "tabel `skm_bulanan`, lembar `skm_bulanan`" in outputs
                # one box per missing table per section
                assert outputs.count("tabel `tarja`, lembar `tarja`") == 1
    assert boxes >= 5
