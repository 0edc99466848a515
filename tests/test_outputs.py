"""No command writes an output over what it did not make: every output path of
``export``, ``ledger`` and ``build --out`` is refused inside a data folder, the
metadata, ``book/``, ``notebooks/``, ``src/``, ``.git/`` or the project's
configuration files, and two outputs of one command may not share a path. Refused
before anything is written, with an Indonesian message naming the path (exit 2)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from lkjip import params
from lkjip.cli import main
from lkjip.errors import ParameterError

from .helpers import TAHUN

#: test tier (tests/conftest.py): whole commands writing outputs
pytestmark = pytest.mark.integration

#: (command, option) pairs that name an output file
COMMANDS = [("export", "--out"), ("ledger", "--out"), ("ledger", "--json")]

#: a protected place (relative to the project) and the reason the message gives
PROTECTED = {
    f"data/{TAHUN}/tpi.csv": "tidak boleh berada di folder data data/",
    f"data/{TAHUN}/pnbp.csv": "tidak boleh berada di folder data data/",
    "data/metadata/tpi.yaml": "tidak boleh berada di folder data data/",
    f"data/{TAHUN}/baru.xlsx": "tidak boleh berada di folder data data/",
    f"data-lain/{TAHUN}/tpi.csv": "tidak boleh berada di folder data data-lain/",
    "book/latex/preamble.tex": "tidak boleh berada di book/",
    "notebooks/bab.ipynb": "tidak boleh berada di notebooks/",
    "src/lkjip/x.py": "tidak boleh berada di src/",
    ".git/x": "tidak boleh berada di .git/",
    "_config.yml": "tidak boleh menimpa berkas konfigurasi proyek",
}


def _project(data_copy: Path) -> Path:
    """The test project: the data copy, another office's data folder, sources, .git."""
    root = data_copy.parent
    shutil.copytree(data_copy / "metadata", root / "data-lain" / "metadata")
    shutil.copytree(data_copy / str(TAHUN), root / "data-lain" / str(TAHUN))
    for folder in ("book/latex", "notebooks", "src/lkjip", ".git"):
        (root / folder).mkdir(parents=True)
    for name in ("book/latex/preamble.tex", "notebooks/bab.ipynb", "_config.yml"):
        (root / name).write_text("sumber\n", encoding="utf-8")
    return root


def _state(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(("command", "option"), COMMANDS)
@pytest.mark.parametrize("target", sorted(PROTECTED))
def test_an_output_is_never_written_over_an_input(
    command: str,
    option: str,
    target: str,
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = _project(data_copy)
    before = _state(root)
    out = root / target
    args = [command, "--tahun", str(TAHUN)]
    if option == "--json":
        args += ["--out", str(root / "_build" / "ledger.csv"), "--json", str(out)]
    else:
        args += ["--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"Galat: {option} {target} {PROTECTED[target]}" in err
    assert "Traceback" not in err
    assert _state(root) == before  # nothing written, nothing replaced, no .tmp
    assert not (root / "_build").exists()


def test_a_symbolic_link_into_a_data_folder_is_refused(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("luar")
    (outside / "tautan").symlink_to(data_copy / str(TAHUN))
    before = _state(data_copy)
    assert main(["ledger", "--out", str(outside / "tautan" / "pnbp.csv")]) == 2
    assert "tidak boleh berada di folder data data/" in capsys.readouterr().err
    assert _state(data_copy) == before


def test_two_outputs_of_one_command_never_share_a_path(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("luar")
    same = outside / "ledger.csv"
    for other in (same, outside / "." / "ledger.csv"):
        assert main(["ledger", "--out", str(same), "--json", str(other)]) == 2
        err = capsys.readouterr().err
        assert "Galat: --out dan --json menunjuk berkas yang sama" in err
        assert str(same) in err
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".git/x", "folder keluaran .git/x tidak boleh berada di .git/"),
        (".git", "folder keluaran .git tidak boleh berada di .git/"),
        ("src/buku", "folder keluaran src/buku tidak boleh berada di src/"),
        (f"data-lain/{TAHUN}", "tidak boleh berada di folder data data-lain/"),
        ("data/metadata", "tidak boleh berada di folder data data/"),
    ],
)
def test_a_book_folder_is_never_placed_over_sources(
    out: str, message: str, data_copy: Path
) -> None:
    root = _project(data_copy)
    with pytest.raises(ParameterError, match=message.replace(".", r"\.")):
        params.check_output(TAHUN, data_copy, out, root)


def test_outputs_elsewhere_are_accepted(data_copy: Path) -> None:
    root = _project(data_copy)
    params.check_outputs(
        {
            "--out": root / "_build" / str(TAHUN) / "ledger.csv",
            "--json": root / "_build" / str(TAHUN) / "ledger.json",
        },
        data_copy,
        root,
    )
    params.check_outputs({"--out": root / "hasil" / "buku.xlsx", "--json": None}, data_copy, root)
    assert params.check_output(TAHUN, data_copy, "hasil/2023", root).book == root / "hasil" / "2023"
