"""A build of a copy of a project records the original's provenance (``lkjip rekap``).

:class:`lkjip.audit.provenance.Origin` is what git says of the project, made where the
project is and passed to the build; a build of a copy without ``.git`` given it writes
the same build key and stamp as a build in the original.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lkjip import paths
from lkjip.assemble.inputs import book_keys, read_inputs
from lkjip.audit import provenance, stamp
from lkjip.audit.provenance import Origin
from lkjip.cli import EXIT_USER_ERROR, main
from lkjip.data.loading import load_dataset

from . import berkas_lampiran
from .helpers import TAHUN, copy_built_project, git, project_root_env

# --- the JSON that travels to a worker ------------------------------------------------


def test_an_origin_travels_as_json_unchanged() -> None:
    origin = Origin(
        "0" * 40,
        " M pyproject.toml",
        {"data/2023/pegawai.csv": provenance.CHANGED, "data/aset/": provenance.UNTRACKED},
        {
            "data/2023/pegawai.csv": ("data/2023/pegawai.csv",),
            "data/aset/lambang.png": ("data/aset/",),
        },
    )
    text = origin.to_json()
    assert Origin.from_json(text) == origin
    # paths relative to the project: nothing of this machine travels
    assert "/work" not in text and "/tmp" not in text
    outside = Origin(None, None, None)
    assert Origin.from_json(outside.to_json()) == outside
    assert outside.uncommitted_of(["data/2023/pegawai.csv"]) is None
    assert origin.uncommitted_of(["data/aset/lambang.png", "data/2023/iku.csv"]) == {
        "data/aset/": provenance.UNTRACKED
    }


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{", "bukan JSON yang sah"),
        ('{"commit": null}', "bukan asal-usul git lkjip"),
        (
            json.dumps({provenance.FORMAT: 1, "commit": 5, "status": "", "held": {}}),
            "kunci 'commit' harus teks atau null; kunci 'uncommitted' harus",
        ),
    ],
)
def test_a_bad_origin_is_refused_with_what_is_wrong(text: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        Origin.from_json(text)


def test_build_refuses_a_bad_provenance_file_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "asal.json"
    bad.write_text('{"commit": "abc"}', encoding="utf-8")
    missing = tmp_path / "tidak-ada.json"
    for path, said in (
        (bad, "bukan asal-usul git yang sah"),
        (missing, "berkas asal-usul git tidak ditemukan"),
        (tmp_path, "adalah folder"),
    ):
        args = ["build", "--tahun", str(TAHUN), "--html-only", "--provenance", str(path)]
        assert main(args) == EXIT_USER_ERROR
        err = capsys.readouterr().err
        assert str(path) in err and said in err, err


# --- origin() is what the build asked of git before -----------------------------------


def _today(root: Path, data: Path) -> tuple[tuple, dict | None, Origin, list[str]]:
    """(git state, uncommitted inputs as the stamp named them before :class:`Origin`, the
    origin of the snapshot's files as the build makes it now)."""
    inputs = read_inputs(root, data, TAHUN)
    ds = load_dataset(TAHUN, data, snap=inputs)
    named = [*ds.input_files(), *paths.book_files(root)]
    state = provenance.git_state(root)
    found = provenance.git_inputs(root, named) if state[1] is not None else None
    before = None if found is None else {provenance.shown(p, root): t for p, t in found.items()}
    origin = provenance.origin(root, inputs.files())
    names = [paths.display_path(p, root) for p in named]
    return state, before, Origin.from_json(origin.to_json()), names


def _same_as_before(root: Path, data: Path) -> dict | None:
    state, before, origin, names = _today(root, data)
    assert origin.state == state
    assert origin.uncommitted_of(names) == (
        None if before is None else dict(sorted(before.items()))
    )
    return origin.uncommitted_of(names)


@pytest.mark.integration
def test_origin_is_what_the_build_asked_ofgit(data_copy: Path) -> None:
    root = data_copy.parent
    # outside git: nothing known
    assert _same_as_before(root, data_copy) is None
    assert provenance.origin(root, []) == Origin(None, None, None)
    git(root, "init", "-q")
    git(root, "add", "parameters.yml", "data")
    git(root, "commit", "-qm", "data kantor")
    assert _same_as_before(root, data_copy) == {}
    # a changed table, an emblem not added and a stray file the stamp does not hash (it is
    # in the snapshot, so in the origin, but not in the stamp)
    pegawai = data_copy / str(TAHUN) / "pegawai.csv"
    pegawai.write_text(pegawai.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (data_copy / "aset").mkdir()
    (data_copy / "aset" / "lambang.png").write_bytes(berkas_lampiran.png(8, 8))
    (data_copy / str(TAHUN) / "catatan.txt").write_text("catatan\n", encoding="utf-8")
    changed = _same_as_before(root, data_copy)
    assert changed == {
        "data/2023/pegawai.csv": provenance.CHANGED,
        "data/aset/": provenance.UNTRACKED,
    }
    origin = provenance.origin(root, read_inputs(root, data_copy, TAHUN).files())
    assert "data/2023/catatan.txt" in (origin.uncommitted or {})
    # another office's folder: untracked, ignored, a repository of its own
    lain = root / "data_lain"
    shutil.copytree(data_copy, lain)
    assert _same_as_before(root, lain) == {"data_lain/": provenance.UNTRACKED}
    (root / ".gitignore").write_text("data_lain/\n", encoding="utf-8")
    assert _same_as_before(root, lain) == {"data_lain/": provenance.IGNORED}
    (root / ".gitignore").unlink()
    git(lain, "init", "-q")
    assert _same_as_before(root, lain) == {"data_lain/": provenance.OWN_REPOSITORY}


# --- a copy without .git builds the original's book -----------------------------------


@pytest.fixture(scope="module")
def two_builds(built_book, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Origin]:
    """The book built (HTML only) in a git checkout with uncommitted changes, and in a copy
    of it without ``.git`` given the original's origin through ``--provenance`` (both
    from a copy of the session's built project: the chapters come from its cache)."""
    from lkjip.assemble.pipeline import build

    asli = copy_built_project(built_book.out_dir, tmp_path_factory.mktemp("asli") / "proyek")
    git(asli, "init", "-q")
    (asli / ".git" / "info" / "exclude").write_text("/_build/\n", encoding="utf-8")
    git(asli, "add", "-A")
    git(asli, "reset", "-q", "data/2023/pegawai.csv")  # an input never committed
    git(asli, "commit", "-qm", "proyek kantor")
    with (asli / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("# diubah, belum di-commit\n")  # a change git status shows
    salinan = tmp_path_factory.mktemp("salinan") / "proyek"
    shutil.copytree(asli, salinan, ignore=shutil.ignore_patterns(".git"))
    with project_root_env(asli):
        build(TAHUN, pdf_enabled=False, progress=None)
        origin = provenance.origin(asli, read_inputs(asli, asli / "data", TAHUN).files())
    asal = tmp_path_factory.mktemp("kiriman") / "asal.json"
    asal.write_text(origin.to_json(), encoding="utf-8")
    with project_root_env(salinan):
        args = ["build", "--tahun", str(TAHUN), "--html-only", "--provenance", str(asal)]
        assert main(args) == 0
    return asli, salinan, origin


def _book(root: Path) -> Path:
    return root / "_build" / str(TAHUN)


@pytest.mark.book
def test_the_book_key_function_gives_what_the_build_wrote(two_builds) -> None:
    asli, salinan, origin = two_builds
    written = (_book(asli) / "build-key.txt").read_text(encoding="utf-8").strip()
    with project_root_env(asli):
        inputs = read_inputs(asli, asli / "data", TAHUN)
        assert book_keys(asli, inputs, TAHUN, asli / "data", False, False, origin)[0] == written
        # any other option is another key
        assert book_keys(asli, inputs, TAHUN, asli / "data", False, True, origin)[0] != written
        assert book_keys(asli, inputs, TAHUN, asli / "data", True, False, origin)[0] != written
    with project_root_env(salinan):
        inputs = read_inputs(salinan, salinan / "data", TAHUN)
        # the copy's own git state (none) is another key: the origin makes it the same
        assert (
            book_keys(salinan, inputs, TAHUN, salinan / "data", False, False, origin)[0] == written
        )
        own = provenance.origin(salinan, inputs.files())
        assert own == Origin(None, None, None)
        assert book_keys(salinan, inputs, TAHUN, salinan / "data", False, False, own)[0] != written


@pytest.mark.book
def test_a_copy_given_the_origin_writes_the_originals_key_and_stamp(two_builds) -> None:
    asli, salinan, origin = two_builds
    a, b = _book(asli), _book(salinan)
    assert (b / "build-key.txt").read_bytes() == (a / "build-key.txt").read_bytes()
    stamps = [json.loads((book / "stamp.json").read_text(encoding="utf-8")) for book in (a, b)]
    assert stamp.without_time(stamps[1]) == stamp.without_time(stamps[0])
    # the stamp is the original's git state, which the copy has not
    assert stamps[1]["git_commit"] == origin.commit and len(origin.commit or "") == 40
    assert stamps[1]["git_berubah"] is True
    assert stamps[1]["git_masukan_belum_dicommit"] == {
        "data/2023/pegawai.csv": provenance.UNTRACKED
    }
    for name in ("ledger.csv", "reviu.csv"):
        assert (b / name).read_bytes() == (a / name).read_bytes(), name
