"""The smaller traps a new office and a new year met (issue 26), each pinned down.

A chapter run on its own on incomplete data lists the problems; a reviu check with
nothing to check does not pass; a history table is checked for the report year; the
stamp says what git knows of the inputs; no reference to a table that is not printed;
paths printed verbatim; new folders with the user's permissions.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lkjip.audit import checks, kkr, provenance, stamp
from lkjip.audit.baris import TIDAK_DAPAT
from lkjip.audit.figures import compute_all
from lkjip.chapters import bab1_pendahuluan
from lkjip.chapters.bab3_akuntabilitas import lainnya
from lkjip.chapters.kernel import context as konteks
from lkjip.chapters.kernel import protocol
from lkjip.cli import main
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import load_catalog
from lkjip.errors import DataInvalid, IncompleteData, Problem

from . import berkas_lampiran
from .helpers import DATA, ROOT, TAHUN, copy_project, git, project_root_env

SURAKARTA = "Kantor Imigrasi Kelas I TPI Surakarta"
#: a data folder name with an underscore (Markdown emphasis, LaTeX subscript)
FOLDER = "data_surakarta"
#: problems an exception's text lists (``lkjip validate`` prints every one)
SHOWN = 50


def _new_office(data_copy: Path) -> Path:
    """A new office's data folder as ``lkjip init --satker`` makes it (2023, no data)."""
    args = ["init", "--tahun", "2023", "--satker", SURAKARTA, "--data-dir", FOLDER]
    assert main(args) == 0
    return data_copy.parent / FOLDER


# --- 1. a chapter run on its own lists the problems ------------------------------------


def test_the_text_of_data_invalid_lists_its_problems_bounded() -> None:
    problems = [
        Problem(f"data/2023/t{n:03d}.csv", n + 1, "kolom", None, f"aturan {n}")
        for n in range(SHOWN + 7)
    ]
    text = str(DataInvalid([*problems, Problem("x.csv", 2, None, None, "hati-hati", "peringatan")]))
    lines = text.splitlines()
    assert lines[0] == f"Data tidak valid: {SHOWN + 7} masalah ditemukan."
    assert lines[1] == "  1. data/2023/t000.csv, baris 1, kolom 'kolom': aturan 0"
    assert lines[SHOWN] == (
        f"  {SHOWN}. data/2023/t{SHOWN - 1:03d}.csv, "
        f"baris {SHOWN}, kolom 'kolom': aturan {SHOWN - 1}"
    )
    assert lines[-1] == "  ... dan 7 masalah lain (daftar lengkap: lkjip validate)."
    assert "hati-hati" not in text  # a warning does not stop a build


@pytest.mark.integration
def test_a_chapter_run_alone_on_incomplete_data_lists_the_problems_as_validate_does(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _new_office(data_copy)
    assert main(["validate", "--tahun", "2023", "--data-dir", FOLDER]) == 2
    listed = capsys.readouterr().err.splitlines()
    total = int(listed[0].split(": ")[1].split()[0])
    assert total > SHOWN  # (a new office lacks more tables than are listed)
    with pytest.raises(DataInvalid) as caught:
        bab1_pendahuluan.mulai(tahun=2023, data_dir=FOLDER)
    lines = str(caught.value).splitlines()
    assert lines[: SHOWN + 2] == [
        *listed[: SHOWN + 1],
        f"  ... dan {total - SHOWN} masalah lain (daftar lengkap: lkjip validate).",
    ]
    assert lines[SHOWN + 2 :] == [protocol.SARAN_DRAF]
    assert "-p draft True" in lines[-1]


@pytest.mark.book
def test_papermill_without_draft_prints_the_problems_in_the_notebook(
    data_copy: Path, tmp_path: Path
) -> None:
    folder = _new_office(data_copy)
    root = data_copy.parent
    out = tmp_path / "bab1.ipynb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(ROOT / "notebooks" / "bab1_pendahuluan.ipynb"),
            str(out),
            "-p",
            "tahun",
            "2023",
            "-p",
            "data_dir",
            str(folder),
            "--cwd",
            str(root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    errors = [
        o
        for cell in nbformat.read(out, as_version=4).cells
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert len(errors) == 1 and errors[0]["ename"] == "DataInvalid"
    shown = errors[0]["evalue"].splitlines()
    assert shown[0].startswith("Data tidak valid: ") and "-p draft True" in shown[-1]
    assert f"  1. {FOLDER}/2023/" in shown[1]
    # each problem on its line with file, row or column, and rule; also on the terminal
    assert all(": " in line for line in shown[1 : SHOWN + 1])
    assert shown[1] in result.stderr


# --- 2. a reviu check with nothing to check never passes -------------------------------


def _header_only(folder: Path, *tables: str) -> None:
    for table in tables:
        path = folder / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


@pytest.mark.integration
def test_no_reviu_check_passes_for_a_new_office_without_data(data_copy: Path) -> None:
    folder = _new_office(data_copy)
    ds = load_dataset(TAHUN, folder, strict=False)
    reg = compute_all(ds, draft=True)
    found = checks.pemeriksaan(ds, reg)
    assert len(found) >= 8
    assert [c for c in found if c.hasil != TIDAK_DAPAT] == []
    assert all(c.rincian.startswith("data belum tersedia: ") for c in found)
    names = {c.nama for c in found}
    assert "Nilai bulanan sama dengan rata-rata rinciannya (dalam pembulatan)" in names
    assert "Uraian isu strategis tidak berulang kata demi kata" in names
    # a check that could not check is no evidence: no step concludes from it
    kertas = kkr.susun(ds, reg)
    assert all(step.pemeriksaan == () for step in kertas.langkah)
    assert kertas.kesimpulan == kkr.BELUM


def test_a_check_passes_only_for_what_it_compared(data_copy: Path) -> None:
    year = data_copy / str(TAHUN)
    surveys = ("skm_bulanan", "skm_unsur_bulanan", "iio_responden", "iio_bulanan")
    _header_only(year, *surveys, "isu_strategis", "pk_penandatangan")
    ds = load_dataset(TAHUN, data_copy, strict=False)
    reg = compute_all(ds, draft=True)
    by_name = {c.nama: c for c in checks.pemeriksaan(ds, reg)}
    # the surveys are empty: only the SMART efficiency values were compared
    mean = by_name["Nilai bulanan sama dengan rata-rata rinciannya (dalam pembulatan)"]
    assert (mean.hasil, mean.rincian) == ("lulus", "nilai efisiensi SMART")
    for name, table in (
        ("Rumus tahunan IKM memakai 12 bulan", "skm_bulanan"),
        ("Rumus tahunan IKI memakai 12 bulan", "iio_responden"),
        ("Uraian isu strategis tidak berulang kata demi kata", "isu_strategis"),
        ("Dokumen lampiran tidak bertanggal sesudah laporan ditandatangani", "pk_penandatangan"),
    ):
        assert (by_name[name].hasil, by_name[name].rincian) == (
            TIDAK_DAPAT,
            f"data belum tersedia: tabel {table}",
        )
    # what has its data is checked as before
    assert by_name["Pagu menurut jenis belanja = total pagu"].hasil == "lulus"
    consistency = next(s for s in kkr.susun(ds, reg).langkah if s.kode == "konsistensi")
    assert consistency.pemeriksaan and all(c.diperiksa for c in consistency.pemeriksaan)
    assert by_name["Uraian isu strategis tidak berulang kata demi kata"] not in (
        consistency.pemeriksaan
    )


# --- 3. a history table is checked for the report year, whatever it is -----------------

#: history tables that hold the years before the report year only (the year's own values
#: are in other tables: kinerja_historis beside pk_indikator and the surveys)
EARLIER_YEARS_ONLY = {"kinerja_historis"}


def test_every_history_table_needs_a_row_of_the_report_year() -> None:
    specs = load_catalog(DATA / "metadata")
    history = {name for name, spec in specs.items() if spec.year_scope == "history"}
    checked = {
        name
        for name in history
        if any(rule.rule == "current_year_present" for rule in specs[name].checks)
    }
    assert "projustitia" in history
    assert history - checked == EARLIER_YEARS_ONLY


@pytest.mark.integration
def test_projustitia_of_a_new_year_is_checked_for_that_year(data_copy: Path) -> None:
    baru = TAHUN + 1
    assert main(["init", "--tahun", str(baru), "--data-dir", str(data_copy)]) == 0
    path = data_copy / str(baru) / "projustitia.csv"
    carried = path.read_text(encoding="utf-8").splitlines()[1:]
    assert carried and all(not row.startswith(f"{baru},") for row in carried)
    with pytest.raises(DataInvalid) as caught:
        load_dataset(baru, data_copy)
    mine = [str(p) for p in caught.value.problems if p.file.endswith("/projustitia.csv")]
    assert mine == [
        f"data/{baru}/projustitia.csv, kolom 'tahun': belum ada baris untuk tahun laporan {baru}"
    ]
    # a draft does not print the earlier years as this year's table: it shows what to fill
    ctx = konteks.mulai("bab3_akuntabilitas", baru, data_copy, glue=False, draft=True)
    with pytest.raises(IncompleteData):
        lainnya.tampilkan_projustitia(ctx)
    # the year's cases entered: no problem left in the table
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"{baru},1,2,Malaysia,Pasal 119 Undang-Undang Nomor 6 Tahun 2011\n")
    ds = load_dataset(baru, data_copy, strict=False)
    assert [p for p in ds.problems if p.file.endswith("/projustitia.csv")] == []


# --- 4. the stamp says what git knows of the inputs -------------------------------------


def _stamp_of(data: Path, strict: bool = True) -> tuple[dict, dict[str, str]]:
    ds = load_dataset(TAHUN, data, strict=strict)
    collected = stamp.collect(ds, {"tahun": TAHUN}, data.parent)
    general, _ = stamp.tables(collected)
    return collected, dict(zip(general["Butir"], general["Nilai"], strict=True))


@pytest.mark.integration
def test_the_stamp_counts_untracked_inputs_as_not_committed(data_copy: Path) -> None:
    root = data_copy.parent
    git(root, "init", "-q")
    git(root, "add", "parameters.yml", "data")
    git(root, "commit", "-qm", "data kantor")
    # a new office's data folder, never added: every file of it is an uncommitted input
    folder = _new_office(data_copy)
    collected, facts = _stamp_of(folder, strict=False)
    assert collected["git_berubah"] is True
    assert collected.get("git_masukan_belum_dicommit") == {f"{FOLDER}/": provenance.UNTRACKED}
    assert facts.get("Ada perubahan belum di-commit") == "ya"
    assert facts.get("Berkas masukan belum di-commit") == "1 (berkas atau folder berikut)"
    assert facts.get(f"Belum di-commit: {FOLDER}/") == "belum dilacak git"
    # ignored by .gitignore, or a repository of its own: said so
    (root / ".gitignore").write_text(f"{FOLDER}/\n", encoding="utf-8")
    assert _stamp_of(folder, strict=False)[0]["git_masukan_belum_dicommit"] == {
        f"{FOLDER}/": provenance.IGNORED
    }
    (root / ".gitignore").unlink()
    git(folder, "init", "-q")
    assert _stamp_of(folder, strict=False)[0]["git_masukan_belum_dicommit"] == {
        f"{FOLDER}/": provenance.OWN_REPOSITORY
    }
    # the committed office: nothing uncommitted
    collected, facts = _stamp_of(data_copy)
    assert collected["git_berubah"] is False
    assert collected["git_masukan_belum_dicommit"] == {}
    assert facts["Berkas masukan belum di-commit"] == "tidak ada"
    # a changed table and an emblem not added yet: both named, as git names them
    pegawai = data_copy / str(TAHUN) / "pegawai.csv"
    pegawai.write_text(pegawai.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (data_copy / "aset").mkdir()
    (data_copy / "aset" / "lambang.png").write_bytes(berkas_lampiran.png(8, 8))
    collected, facts = _stamp_of(data_copy)
    assert collected["git_berubah"] is True
    assert collected["git_masukan_belum_dicommit"] == {
        "data/2023/pegawai.csv": provenance.CHANGED,
        "data/aset/": provenance.UNTRACKED,
    }
    assert facts["Belum di-commit: data/2023/pegawai.csv"] == "berubah sejak commit terakhir"


@pytest.mark.integration
def test_the_stamp_of_a_project_outside_git_says_so(data_copy: Path) -> None:
    collected, facts = _stamp_of(data_copy)
    assert collected["git_berubah"] is None
    assert collected.get("git_masukan_belum_dicommit", "-") is None
    for butir in ("Commit git", "Ada perubahan belum di-commit", "Berkas masukan belum di-commit"):
        assert facts.get(butir) == "tidak diketahui (bukan repositori git)"


# --- 5. no reference to a table the book does not hold ----------------------------------


def _staged(tmp_path: Path) -> Path:
    """A staged book whose prose and outputs refer to tables and figures, some not there."""
    src = tmp_path / "src"
    (src / "notebooks").mkdir(parents=True)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(
            "Lihat {numref}`tbl-ada` dan {numref}`Tabel %s <tbl-tiada>`."
        ),
        nbformat.v4.new_code_cell(
            "bab.tabel(ctx)",
            outputs=[
                nbformat.v4.new_output(
                    "display_data",
                    data={"text/markdown": ":::{table} Ada\n:name: tbl-ada\n\n| a |\n|---|\n:::\n"},
                ),
                nbformat.v4.new_output(
                    "display_data",
                    data={"text/markdown": "Seluruhnya 3 unit ({numref}`tbl-unit`)."},
                ),
                nbformat.v4.new_output(
                    "display_data",
                    data={"application/papermill.record/text/markdown": "({numref}`gbr-tiada`)"},
                    metadata={"scrapbook": {"name": "narasi.x", "mime_prefix": ""}},
                ),
            ],
        ),
    ]
    nbformat.write(notebook, src / "notebooks" / "bab.ipynb")
    (src / "halaman.md").write_text("(tbl-unit)=\n# Unit\n\n{numref}`tbl-unit`\n", "utf-8")
    return src


def test_a_draft_never_refers_to_a_table_it_does_not_hold(tmp_path: Path) -> None:
    from lkjip.assemble import references

    src = _staged(tmp_path)
    assert references.dangling(src) == {
        "gbr-tiada": ["notebooks/bab.ipynb"],
        "tbl-tiada": ["notebooks/bab.ipynb"],
    }
    page = (src / "halaman.md").read_bytes()
    assert references.settle(src, draft=True) == ["gbr-tiada", "tbl-tiada"]
    assert references.dangling(src) == {}
    notebook = nbformat.read(src / "notebooks" / "bab.ipynb", as_version=4)
    assert notebook.cells[0].source == "Lihat {numref}`tbl-ada` dan tabel belum tersedia."
    outputs = [next(iter(o["data"].values())) for o in notebook.cells[1].outputs]
    assert outputs[1] == "Seluruhnya 3 unit ({numref}`tbl-unit`)."  # defined on another page
    assert outputs[2] == "(gambar belum tersedia)"
    assert (src / "halaman.md").read_bytes() == page  # nothing to change: not rewritten


def test_a_strict_build_stops_at_a_reference_to_a_table_it_does_not_hold(tmp_path: Path) -> None:
    from lkjip.assemble import references
    from lkjip.errors import BuildError

    src = _staged(tmp_path)
    before = (src / "notebooks" / "bab.ipynb").read_bytes()
    with pytest.raises(BuildError) as caught:
        references.settle(src, draft=False)
    assert str(caught.value) == (
        "2 rujukan ke tabel atau gambar yang tidak dicetak: gbr-tiada (notebooks/bab.ipynb); "
        "tbl-tiada (notebooks/bab.ipynb)"
    )
    assert (src / "notebooks" / "bab.ipynb").read_bytes() == before


@pytest.mark.integration
def test_no_sentence_refers_to_the_service_points_table_when_it_is_missing(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _new_office(data_copy)
    ctx = konteks.mulai("bab1_pendahuluan", TAHUN, folder, glue=False, draft=True)
    shown: list[str] = []
    monkeypatch.setattr(ctx, "tampilkan", shown.append)
    with pytest.raises(KeyError):  # (a draft kernel shows the box of the missing table)
        bab1_pendahuluan.unit_layanan(ctx)
    assert shown == []


# --- 6. paths printed verbatim ------------------------------------------------------------


def test_a_data_page_prints_its_path_verbatim(tmp_path: Path) -> None:
    from lkjip.assemble import editions

    path = tmp_path / FOLDER / "2023" / "unit_layanan.csv"
    path.parent.mkdir(parents=True)
    path.write_text("tahun,nama\n2023,a_b\n", encoding="utf-8")
    page = editions.data_page("unit_layanan", path, "Unit layanan", "Uraian", tmp_path)
    assert f"Berkas: [`{FOLDER}/2023/unit_layanan.csv`](path:unit_layanan.csv)" in page
    assert "\\_" not in page.split("```{raw} html")[0]


def test_inline_code_holds_any_path_verbatim() -> None:
    from lkjip.render.myst import code_md

    assert code_md("data_x/2023/a.csv") == "`data_x/2023/a.csv`"
    assert code_md("a`b") == "``a`b``"
    assert code_md("`a``") == "``` `a`` ```"


@pytest.mark.book
def test_a_new_office_draft_has_no_raw_label_and_no_escaped_path(tmp_path: Path) -> None:
    from lkjip.assemble.pipeline import build

    root = copy_project(tmp_path / "proyek")
    with project_root_env(root):
        args = ["init", "--tahun", "2023", "--satker", SURAKARTA, "--data-dir", FOLDER]
        assert main(args) == 0
        result = build(TAHUN, FOLDER, draft=True, pdf_enabled=False, progress=None)
    pages = {p: p.read_text(encoding="utf-8") for p in (result.out_dir / "html").rglob("*.html")}
    # an unresolved reference is printed by Sphinx as its label in code
    raw = {p.name for p, text in pages.items() if 'class="xref std std-numref' in text}
    assert raw == set()
    escaped = {p.name for p, text in pages.items() if "\\_" in re.sub(r"<[^>]+>", "", text)}
    assert escaped == set()
    data_pages = [p for p in pages if p.parent.name == "data" and p.stem != "index"]
    assert data_pages
    for page in data_pages:  # the path as code, its underscores as they are
        shown = [f"{FOLDER}/2023/{page.stem}.csv", f"lkjip:rujukan/2023/{page.stem}.csv"]
        # (long code is set in pieces with a break opportunity between them on phones)
        whole = pages[page].replace('</span><wbr><span class="pre">', "")
        assert any(f'<span class="pre">{path}</span>' in whole for path in shown)
    assert any(
        f"{FOLDER}/2023/" in pages[page].replace('</span><wbr><span class="pre">', "")
        for page in data_pages
    )


# --- 7. new folders and files with the user's permissions ---------------------------------


@pytest.mark.integration
@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_new_data_folder_has_the_users_permissions(data_copy: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        folder = _new_office(data_copy)
    finally:
        os.umask(previous)
    folders = [folder, folder / "metadata", folder / "2023"]
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in folders} == {
        p.name: 0o777 & ~umask for p in folders
    }
    files = [p for f in folders[1:] for p in f.iterdir()]
    assert len(files) > 100
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o666 & ~umask}
