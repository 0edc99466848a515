"""KANTOR.csv (``lkjip rekap --kantor``): the offices, and every problem at once with file,
line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkjip import paths
from lkjip.cli import main
from lkjip.errors import DataInvalid
from lkjip.rekap.kantor import baca

from .helpers import DATA, ROOT, TAHUN


def _data_folder(root: Path, name: str) -> Path:
    """A data folder (metadata only is enough for the checks) inside project ``root``."""
    folder = root / name
    shutil.copytree(DATA / "metadata", folder / "metadata")
    return folder


def _office_project(folder: Path) -> Path:
    """An office project: its own _config.yml, notebooks/ and data/ (with metadata)."""
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "_config.yml", folder / "_config.yml")
    (folder / "notebooks").mkdir()
    shutil.copytree(DATA / "metadata", folder / "data" / "metadata")
    return folder


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, proyek: Path | None) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(DataInvalid) as info:
        baca(path, TAHUN, proyek)
    return [(p.line, p.column, p.rule) for p in info.value.problems]


def test_data_folders_and_office_projects(tmp_path: Path) -> None:
    root = tmp_path / "proyek"
    root.mkdir()
    a = _data_folder(root, "kantor/a")
    other = _office_project(tmp_path / "lain" / "surakarta")
    listed = _csv(
        root / "KANTOR.csv",
        "folder,kanwil\nkantor/a,Kanwil Jawa Barat\n../lain/surakarta,Kanwil Jawa Tengah\n",
    )
    found = baca(listed, TAHUN, root)
    assert [(k.baris, k.folder, k.kanwil) for k in found] == [
        (2, "kantor/a", "Kanwil Jawa Barat"),
        (3, "../lain/surakarta", "Kanwil Jawa Tengah"),
    ]
    # a data folder: built where lkjip build --data-dir puts it, in the current project
    assert found[0].proyek == root.resolve() and found[0].data_dir == a.resolve()
    assert found[0].buku == paths.output(TAHUN, a, root).book
    assert found[0].buku == root.resolve() / "_build" / "kantor" / "a" / str(TAHUN)
    # an office project: its own data/ and _build/<tahun>
    assert found[1].proyek == other.resolve()
    assert found[1].data_dir == other.resolve() / "data"
    assert found[1].buku == other.resolve() / "_build" / str(TAHUN)


def test_office_projects_need_no_current_project(tmp_path: Path) -> None:
    _office_project(tmp_path / "bogor")
    listed = _csv(tmp_path / "KANTOR.csv", "folder,kanwil\nbogor,Kanwil Jawa Barat\n")
    assert [k.folder for k in baca(listed, TAHUN, None)] == ["bogor"]
    # a data folder, with no project around it, is refused with the reason
    _data_folder(tmp_path, "data-x")
    _csv(listed, "folder,kanwil\ndata-x,Kanwil Jawa Barat\n")
    [(line, column, rule)] = _problems(listed, None)
    assert (line, column) == (2, "folder")
    assert "bukan proyek kantor" in rule and "tidak ada proyek lkjip" in rule


def test_every_problem_of_the_rows_at_once(tmp_path: Path) -> None:
    root = tmp_path / "proyek"
    root.mkdir()
    _data_folder(root, "a")
    (root / "bukan-data").mkdir()
    (tmp_path / "luar").mkdir()
    listed = _csv(
        root / "KANTOR.csv",
        "folder,kanwil\n"
        "a,Kanwil Jawa Barat\n"  # 2: fine
        ",Kanwil Jawa Barat\n"  # 3: empty folder
        "a,\n"  # 4: empty kanwil
        "tidak-ada,Kanwil Jawa Barat\n"  # 5: not found
        "bukan-data,Kanwil Jawa Barat\n"  # 6: neither a project nor a data folder
        "./a,Kanwil Jawa Tengah\n"  # 7: the same office again
        "../luar,Kanwil Jawa Barat\n",  # 8: outside the project
    )
    found = _problems(listed, root)
    assert [(line, column) for line, column, _ in found] == [
        (3, "folder"),
        (4, "kanwil"),
        (5, "folder"),
        (6, "folder"),
        (7, "folder"),
        (8, "folder"),
    ]
    rules = {line: rule for line, _, rule in found}
    assert rules[3] == rules[4] == "wajib diisi"
    assert rules[5].startswith("folder tidak ditemukan")
    # the messages of a single build's --data-dir check
    assert "tidak ada subfolder metadata" in rules[6]
    assert rules[7] == "kantor yang sama sudah tercantum di baris 2"
    assert "harus berada di dalam folder proyek" in rules[8]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("folder\na\n", [(1, "kanwil", "kolom wajib tidak ada")]),
        (
            "folder,kanwil,catatan\na,K,x\n",
            [(1, "catatan", "kolom tidak dikenal (hanya folder, kanwil)")],
        ),
        ("folder,kanwil\n", [(None, None, "tidak ada baris kantor")]),
        ("folder,kanwil\n\n , \n", [(None, None, "tidak ada baris kantor")]),
        ("", [(None, None, "berkas kosong (tidak ada judul kolom)")]),
        ("folder,kanwil\na,K,lebih\n", [(2, None, "3 sel, lebih banyak dari 2 judul kolom")]),
    ],
)
def test_header_and_shape(tmp_path: Path, text: str, expected: list) -> None:
    _data_folder(tmp_path, "a")
    assert _problems(_csv(tmp_path / "KANTOR.csv", text), tmp_path) == expected


def test_missing_and_not_utf8(tmp_path: Path) -> None:
    assert _problems(tmp_path / "KANTOR.csv", tmp_path) == [(None, None, "berkas tidak ditemukan")]
    (tmp_path / "KANTOR.csv").write_bytes("folder,kanwil\na,Kanwil Bal\xed\n".encode("latin-1"))
    [(line, column, rule)] = _problems(tmp_path / "KANTOR.csv", tmp_path)
    assert (line, column) == (None, None) and rule.startswith("bukan teks UTF-8")


def test_cli_exit_2_names_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LKJIP_ROOT", raising=False)
    listed = _csv(tmp_path / "KANTOR.csv", "folder,kanwil\ntidak-ada,Kanwil Jawa Barat\n")
    assert main(["rekap", "--tahun", str(TAHUN), "--kantor", str(listed)]) == 2
    err = capsys.readouterr().err
    assert f"{listed}, baris 2, kolom 'folder', nilai 'tidak-ada': folder tidak ditemukan" in err
