"""An office project: ``lkjip init --dir`` makes one with the same top level as this
repository, the project root is found from the current folder, and a plain
``jupyter-book build .`` of a project stops with a message instead of a book without
numbers.

These run the development checkout (the template is the repository itself); the wheel's
copy of the template is tested in test_wheel.py.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.config import Config
from sphinx.errors import SphinxError

from lkjip import config, params, paths
from lkjip.cli import main
from lkjip.render import sphinx_ext

from .helpers import ROOT, TAHUN, copy_project

#: test tier (tests/conftest.py): whole commands in project copies, subprocesses
pytestmark = pytest.mark.integration

SATKER = "Kantor Imigrasi Kelas I TPI Contoh"
#: the top level of a new office project (besides _build/, where the data lock lives)
TOP_LEVEL = {
    ".gitignore",
    "README.md",
    "_config.yml",
    "_toc.yml",
    "book",
    "data",
    "notebooks",
    "parameters.yml",
}


@pytest.fixture()
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder is an empty folder outside any project; no ``LKJIP_ROOT``."""
    monkeypatch.delenv(config.ROOT, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An office project made once by ``lkjip init --dir`` (tests only read it), and
    what init printed."""
    where = tmp_path_factory.mktemp("kantor")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(config.ROOT, raising=False)
        patch.chdir(where)
        code, out = _init_printed("--dir", "kanim-contoh")
    assert code == 0
    return where / "kanim-contoh", out


def _init_printed(*extra: str) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = _init(*extra)
    return code, buffer.getvalue()


def _init(*extra: str) -> int:
    return main(["init", "--tahun", str(TAHUN), "--satker", SATKER, *extra])


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_init_dir_makes_an_office_project(made: tuple[Path, str]) -> None:
    project, out = made
    assert f"Proyek kantor baru dibuat di {project}" in out
    assert "Data tahun 2023 disiapkan di data/2023" in out
    assert {p.name for p in project.iterdir()} - {"_build"} == TOP_LEVEL
    assert paths.is_project(project)
    # the template's files, byte for byte: the book's own files and the metadata
    for source in paths.template_files(ROOT):
        relative = source.relative_to(ROOT)
        if relative.as_posix() == "parameters.yml":
            continue
        assert (project / relative).read_bytes() == source.read_bytes(), relative
    assert params.default_tahun(project) == TAHUN
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# LKjIP {SATKER}\n")
    assert "lkjip validate --tahun 2023" in readme and "lkjip build --tahun 2023" in readme
    # data: the metadata and the new year only; none of Bandung's tables
    assert sorted(p.name for p in (project / "data").iterdir()) == ["2023", "metadata"]
    year = project / "data" / "2023"
    assert (year / "lkjip-2023.xlsx").is_file()
    tables = sorted(year.glob("*.csv"))
    assert len(tables) >= 60
    for table in tables:
        with table.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        if table.stem == "identitas":
            assert [r[1] for r in rows[1:]] == [SATKER]
        else:
            assert len(rows) == 1, f"{table.name} carries rows into a new office"
        assert "Bandung" not in table.read_text(encoding="utf-8"), table.name


def test_the_project_root_is_found_from_the_current_folder(
    made: tuple[Path, str], outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = made[0].resolve()
    monkeypatch.chdir(project / "data" / "2023")
    assert paths.project_root() == project
    assert paths.data_dir() == project / "data"
    other = outside / "lain"
    other.mkdir()
    monkeypatch.setenv(config.ROOT, str(other))  # LKJIP_ROOT still overrides
    assert paths.project_root() == other.resolve()


def test_commands_in_a_project_work_there(
    made: tuple[Path, str],
    outside: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = made[0]
    monkeypatch.chdir(project)
    assert main(["validate"]) == 2  # the year of its parameters.yml, its data: incomplete
    err = capsys.readouterr().err
    assert "data/2023/" in err and "Data tidak valid" in err
    assert main(["export", "--out", "_build/salinan.xlsx"]) == 0
    assert (project / "_build" / "salinan.xlsx").is_file()
    (project / "_build" / "salinan.xlsx").unlink()


def test_init_dir_on_a_project_prepares_another_year(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _init("--dir", "kanim-contoh") == 0
    project = outside / "kanim-contoh"
    before = _files(project / "data" / "2023")
    # (2025: no 2024 folder to carry from; carrying needs a valid year, 2023 is empty)
    assert main(["init", "--tahun", "2025", "--dir", "kanim-contoh"]) == 0
    out = capsys.readouterr().out
    assert f"Proyek {project.resolve()} sudah ada: dipakai apa adanya." in out
    assert "Data tahun 2025 disiapkan di data/2025" in out
    assert _files(project / "data" / "2023") == before
    assert (project / "data" / "2025" / "identitas.csv").is_file()
    assert params.default_tahun(project) == TAHUN  # the project's files are not rewritten


def test_init_dir_refuses_a_folder_that_is_not_a_project(
    outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = outside / "catatan"
    folder.mkdir()
    (folder / "isi.txt").write_text("milik orang lain\n", encoding="utf-8")
    assert _init("--dir", "catatan") == 2
    err = capsys.readouterr().err
    assert "sudah ada dan bukan proyek lkjip" in err and "Tidak ada berkas yang ditulis" in err
    assert _files(folder) == {"isi.txt": b"milik orang lain\n"}
    assert sorted(p.name for p in outside.iterdir()) == ["catatan"]  # no staging left


def test_init_dir_fills_an_empty_folder(outside: Path) -> None:
    (outside / "kosong").mkdir()
    assert _init("--dir", "kosong") == 0
    assert paths.is_project(outside / "kosong")
    assert sorted(p.name for p in outside.iterdir()) == ["kosong"]


def test_commands_outside_a_project_say_so(
    outside: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An installed package (no development checkout) run outside any project."""
    monkeypatch.setattr(paths, "checkout", lambda: None)
    assert paths.find_project() is None
    assert main(["validate", "--tahun", "2023"]) == 2
    err = capsys.readouterr().err
    assert f"tidak ada proyek lkjip di {outside}" in err
    assert "--dir <folder>" in err
    assert list(outside.iterdir()) == []


def test_the_sphinx_extension_runs_only_under_lkjip_build() -> None:
    unstaged = Config({})
    unstaged.add(config.STAGED_BOOK, False, "", ())
    unstaged.init_values()
    with pytest.raises(SphinxError) as caught:
        sphinx_ext.staged_only(None, unstaged)  # type: ignore[arg-type]
    assert str(caught.value) == sphinx_ext.ONLY_LKJIP_BUILD
    assert "lkjip build --tahun <tahun>" in sphinx_ext.ONLY_LKJIP_BUILD
    staged = Config({config.STAGED_BOOK: True})
    staged.add(config.STAGED_BOOK, False, "", ())
    staged.init_values()
    sphinx_ext.staged_only(None, staged)  # type: ignore[arg-type]


def _jupyter_book(project: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
    return subprocess.run(
        [*command, "build", "."],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize("kind", ["this repository", "a new office project"])
def test_plain_jupyter_book_never_makes_a_book_without_numbers(
    kind: str, outside: Path, made: tuple[Path, str]
) -> None:
    project = copy_project(outside / "salinan") if kind == "this repository" else made[0]
    result = _jupyter_book(project)
    assert result.returncode != 0
    assert sphinx_ext.ONLY_LKJIP_BUILD in result.stderr
    assert not (project / "_build" / "html" / "index.html").exists()
