"""The installable tool: ``python -m build`` gives an sdist and a wheel carrying the
engine, the chapter notebooks, the book configuration, ``book/``, the table metadata
and the national reference data; installed in a fresh virtual environment outside this
repository, it creates an office project and builds its book.

The wheel is built once per session from a clean copy of the repository: the files git
knows, as they are in the working tree (tracked and new, not ignored), copied to a
temporary folder, so neither ``_build/`` nor a local ``.venv`` nor a stray file can
slip into it. ``python -m build`` makes the sdist and then the wheel from the sdist (as
it does for a release), so a file MANIFEST.in forgets is missing from the wheel too. It
runs without build isolation (``--no-isolation``): the build backend (setuptools,
wheel) comes from this environment, pinned by requirements.lock, instead of being
downloaded for every test session.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from lkjip import __version__, paths

from .helpers import ROOT, TAHUN

#: test tier (tests/conftest.py): builds the wheel and sdist in subprocesses
pytestmark = pytest.mark.integration

SATKER = "Kantor Imigrasi Kelas I TPI Contoh"


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path

    def wheel_files(self) -> dict[str, bytes]:
        with zipfile.ZipFile(self.wheel) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def sdist_names(self) -> set[str]:
        with tarfile.open(self.sdist) as archive:
            prefix = f"lkjip-{__version__}/"
            return {m.name.removeprefix(prefix) for m in archive.getmembers() if m.isfile()}


def _clean_copy(target: Path) -> Path:
    """The repository as git would commit it now: tracked and new files, not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():  # deleted in the working tree
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    source = _clean_copy(tmp_path_factory.mktemp("sumber"))
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LKJIP_ROOT")}
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return Dist(out / f"lkjip-{__version__}-py3-none-any.whl", out / f"lkjip-{__version__}.tar.gz")


def _package_data() -> list[Path]:
    """The files of src/lkjip that pyproject.toml's package-data names."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = project["tool"]["setuptools"]["package-data"]["lkjip"]
    package = ROOT / "src" / "lkjip"
    return sorted({p for g in globs for p in package.glob(g) if p.is_file()})


def test_the_wheel_carries_the_engine_the_template_and_the_reference_data(dist: Dist) -> None:
    files = dist.wheel_files()
    # the engine: every module
    package = ROOT / "src" / "lkjip"
    for module in package.rglob("*.py"):
        assert f"lkjip/{module.relative_to(package).as_posix()}" in files, module
    # package data: the audit rules, the character lists, the national reference tables
    data = _package_data()
    assert any(p.match("audit/*.yaml") for p in data)
    for path in data:
        name = f"lkjip/{path.relative_to(package).as_posix()}"
        assert files.get(name) == path.read_bytes(), name
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "rujukan/*/*.csv" in project["tool"]["setuptools"]["package-data"]["lkjip"]
    # the office project template, byte for byte: configuration, chapters, book/, metadata
    template = paths.template_files(ROOT)
    relative = {p.relative_to(ROOT).as_posix() for p in template}
    assert {"_config.yml", "_toc.yml", "parameters.yml"} <= relative
    assert {"book/latex/preamble.tex", "book/_static/lkjip.css"} <= relative
    assert sum(r.startswith("notebooks/") and r.endswith(".ipynb") for r in relative) >= 11
    assert sum(r.startswith("data/metadata/") for r in relative) >= 60
    for path in template:
        name = f"lkjip/{paths.TEMPLATE}/{path.relative_to(ROOT).as_posix()}"
        assert files.get(name) == path.read_bytes(), name
    # and nothing else there: no year's data (Bandung's tables)
    extra = {
        n.removeprefix(f"lkjip/{paths.TEMPLATE}/")
        for n in files
        if n.startswith(f"lkjip/{paths.TEMPLATE}/")
    } - relative
    assert extra == set()
    entry_points = next(v for n, v in files.items() if n.endswith(".dist-info/entry_points.txt"))
    assert b"lkjip = lkjip.cli:main" in entry_points


def test_the_sdist_carries_the_template_and_no_year_of_data(dist: Dist) -> None:
    names = dist.sdist_names()
    for path in paths.template_files(ROOT):
        assert path.relative_to(ROOT).as_posix() in names
    assert {"setup.py", "MANIFEST.in", "pyproject.toml", "README.md"} <= names
    assert not [n for n in names if n.startswith("data/") and not n.startswith("data/metadata/")]


#: the identity a new office fills in after init (the name came from --satker)
IDENTITAS = {
    "kementerian": "Kementerian Contoh",
    "kanwil": "Kantor Wilayah Contoh",
    "divisi": "Divisi Keimigrasian",
    "unit_eselon_i": "Direktorat Jenderal Imigrasi",
    "alamat": "Jl. Contoh No. 1",
    "kota": "Kota Contoh",
    "kepala_kantor": "Nama Kepala Contoh",
    "nip_kepala_kantor": "197001012000031001",
    "jabatan_penandatangan": "Kepala Kantor",
    "tempat_pengesahan": "Kota Contoh",
    "tanggal_pengesahan": "2024-01-10",
    "program": "Program Contoh",
    "dasar_renstra": "Rencana Strategis Contoh",
    "pedoman_lkjip": "Pedoman Contoh",
    "kode_satker": "999999",
}


def _fill_identitas(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["nama_satker"] for r in rows] == [SATKER]
    rows[0].update(IDENTITAS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.book
def test_the_wheel_in_a_fresh_venv_makes_and_builds_an_office_project(
    dist: Dist, tmp_path: Path
) -> None:
    """``pip install`` of the wheel into a new virtual environment outside the
    repository, then ``lkjip init --dir`` and ``lkjip build`` there, as an office would.

    The venv is new (``python -m venv --without-pip``, its own site-packages) and the
    wheel is installed into it by this environment's pip aimed at the venv's
    interpreter (``pip --python``, ``--no-deps --no-index``): no copy of pip is
    installed into the venv first, the wheel alone lands there. Its dependencies
    (jupyter-book, pandas, ...) are not downloaded again: a ``.pth`` file adds the
    site-packages of the environment running the tests, *after* the venv's own. That
    folder is added as a plain path, so the ``.pth`` files in it (the editable install
    of this checkout) are not processed: ``lkjip`` is imported from the wheel, which the
    test checks, and nothing puts the repository on the path (no ``PYTHONPATH``, no
    ``LKJIP_ROOT``, the venv's ``bin`` first on ``PATH`` without this environment's).
    """
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300
    )
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "lkjip-test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
        + ["--no-deps", "--no-index", str(dist.wheel)],
        check=True,
        timeout=300,
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "LKJIP_ROOT", "VIRTUAL_ENV") and not k.startswith("LKJIP_")
    }
    here = Path(sys.executable).parent
    env["PATH"] = os.pathsep.join(
        [str(venv / "bin"), *(p for p in env["PATH"].split(os.pathsep) if Path(p) != here)]
    )
    work = tmp_path / "kantor"
    work.mkdir()

    def run(*command: str, cwd: Path = work) -> str:
        result = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    imported = run("python", "-c", "import lkjip; print(lkjip.__file__)").strip()
    assert Path(imported).is_relative_to(site), imported
    run("lkjip", "init", "--tahun", str(TAHUN), "--satker", SATKER, "--dir", "kanim-contoh")
    project = work / "kanim-contoh"
    assert {"book", "notebooks", "data", "_config.yml", "_toc.yml", "parameters.yml"} <= {
        p.name for p in project.iterdir()
    }
    assert (project / "data" / "metadata" / "identitas.yaml").is_file()
    _fill_identitas(project / "data" / str(TAHUN) / "identitas.csv")
    out = run("lkjip", "build", "--tahun", str(TAHUN), "--draft", "--html-only", cwd=project)
    assert "_build/2023/html/index.html" in out
    pages = project / "_build" / "2023" / "html" / "notebooks"
    assert SATKER in (pages / "sampul.html").read_text(encoding="utf-8")
    assert "Nama Kepala Contoh" in (pages / "kata_pengantar.html").read_text(encoding="utf-8")
    assert (project / "_build" / "2023" / "ledger.csv").is_file()
