"""Another office: a data folder started by ``lkjip init``, its own output folder, and an HTML
book whose title, author and footer come from its ``identitas``."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from lkjip import params, paths
from lkjip.assemble import jupyterbook, staging
from lkjip.cli import main
from lkjip.errors import ParameterError

from .helpers import DATA, ROOT, TAHUN, edit_csv, project_root_env

#: test tier (tests/conftest.py): init and workbooks for a new office
pytestmark = pytest.mark.integration

SURAKARTA = "Kantor Imigrasi Kelas I TPI Surakarta"
BANDUNG = "Kantor Imigrasi Kelas I TPI Bandung"


def test_init_starts_a_new_office_without_a_previous_year(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = data_copy.parent
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    args = ["init", "--tahun", "2023", "--satker", SURAKARTA, "--data-dir", "data-surakarta"]
    assert main(args) == 0
    out = capsys.readouterr().out
    folder = root / "data-surakarta"
    assert "metadata tabel disalin dari data/metadata" in out
    assert "Tidak ada data tahun 2022: semua tabel berisi judul kolom saja." in out
    # the metadata is the project's, file for file
    assert sorted(p.name for p in (folder / "metadata").iterdir()) == sorted(
        p.name for p in (data_copy / "metadata").iterdir()
    )
    for path in (data_copy / "metadata").iterdir():
        assert (folder / "metadata" / path.name).read_bytes() == path.read_bytes()
    # every table but publikasi and the national tables the package ships for 2023, header
    # only; identitas with the office's name
    national = sorted(p.stem for p in (paths.rujukan_dir() / "2023").glob("*.csv"))
    assert "renstra_target" in national
    assert f"(tidak dibuat di folder ini): {', '.join(national)}." in out
    tables = sorted(p.stem for p in (folder / "metadata").glob("*.yaml"))
    written = sorted(p.stem for p in (folder / "2023").glob("*.csv"))
    assert written == [t for t in tables if t != "publikasi" and t not in national]
    for path in (folder / "2023").glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == (2 if path.stem == "identitas" else 1), path.name
    identitas = (folder / "2023" / "identitas.csv").read_text(encoding="utf-8").splitlines()
    assert identitas[1] == f"2023,{SURAKARTA}" + "," * 15
    sheet = load_workbook(folder / "2023" / "lkjip-2023.xlsx", read_only=True)["identitas"]
    assert [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))][:2] == [
        "2023",
        SURAKARTA,
    ]
    # the project's own data is untouched; the new folder validates (and lists what is missing)
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before
    assert main(["validate", "--tahun", "2023", "--data-dir", "data-surakarta"]) == 2
    err = capsys.readouterr().err
    assert "data-surakarta/2023/skm_bulanan.csv: tabel wajib" in err
    assert "identitas.csv, baris 2, kolom 'nama_satker'" not in err


def test_init_satker_on_an_existing_identitas_is_refused_not_ignored(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--satker`` for a year whose identitas exists with another name: exit 2, a message
    naming the file and its name, nothing written. The same name is accepted."""
    year = data_copy / str(TAHUN)
    (year / "tpi.csv").unlink()  # a table init would otherwise create
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    args = ["init", "--tahun", str(TAHUN), "--satker", SURAKARTA]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat: --satker tidak diterapkan: data/2023/identitas.csv sudah ada")
    assert f"nama_satker tahun 2023: '{BANDUNG}'" in err
    assert "Tidak ada berkas yang ditulis." in err
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before
    assert main(["init", "--tahun", str(TAHUN), "--satker", BANDUNG]) == 0
    assert (year / "tpi.csv").is_file()


def test_init_of_the_next_year_of_a_new_office_carries_its_profile(data_copy: Path) -> None:
    """A new office's second year carries over from its first, in its own folder."""
    root = data_copy.parent
    office = root / "data-surakarta"
    shutil.copytree(data_copy, office)  # a complete year, as if filled in
    edit_csv(office / str(TAHUN) / "identitas.csv", BANDUNG, SURAKARTA)
    assert main(["init", "--tahun", str(TAHUN + 1), "--data-dir", "data-surakarta"]) == 0
    assert (office / str(TAHUN + 1) / "sejarah.csv").read_text(encoding="utf-8").count("\n") > 1
    assert not (data_copy / str(TAHUN + 1)).exists()


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("notebooks", "sudah ada tetapi bukan folder data"),
        ("/tmp", "harus berada di dalam folder proyek"),
    ],
)
def test_init_refuses_a_folder_that_is_not_a_new_data_folder(
    data_copy: Path, capsys: pytest.CaptureFixture[str], folder: str, message: str
) -> None:
    (data_copy.parent / "notebooks").mkdir()
    (data_copy.parent / "notebooks" / "bab.ipynb").write_text("{}", encoding="utf-8")
    assert main(["init", "--tahun", "2023", "--data-dir", folder]) == 2
    assert message in capsys.readouterr().err
    assert not (data_copy.parent / "notebooks" / "metadata").exists()


def test_each_data_folder_builds_into_its_own_output_folder(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    (root / "data").mkdir()
    bandung = paths.output(2023, root / "data", root)
    surakarta = paths.output(2023, root / "data-surakarta", root)
    assert bandung.book == root / "_build" / "2023"
    assert bandung.cache == root / "_build" / ".cache" / "2023"
    assert surakarta.book == root / "_build" / "data-surakarta" / "2023"
    assert surakarta.cache == root / "_build" / "data-surakarta" / ".cache" / "2023"
    assert params.check_output(2023, root / "data-surakarta", None, root) == surakarta
    with pytest.raises(ParameterError, match="bentrok dengan folder tahun"):
        params.check_output(2023, root / "2024", None, root)
    explicit = params.check_output(2023, root / "data-surakarta", "hasil/surakarta", root)
    assert explicit == paths.Output(root / "hasil", "surakarta")


def test_an_explicit_output_folder_never_replaces_what_is_not_its_book(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    data = root / "data-surakarta"
    (root / "notebooks").mkdir()
    (root / "notebooks" / "bab.ipynb").write_text("{}", encoding="utf-8")
    book = root / "_build" / "2023"  # Bandung's book
    book.mkdir(parents=True)
    (book / "build-key.txt").write_text("x\n", encoding="utf-8")
    stamp = {"parameter": {"data_dir": "data", "tahun": "2023"}}
    (book / "stamp.json").write_text(json.dumps(stamp), encoding="utf-8")
    refused = {
        ".": "di dalam folder proyek",
        "notebooks": "tidak boleh berada di notebooks/",
        "data-surakarta/hasil": "tidak boleh berada di folder data",
        "_build": "bukan buku hasil lkjip build",
        "_build/2023": "berisi buku tahun 2023 dari folder data data;",
        "_build/2023/lain": "berada di dalam buku lain (_build/2023)",
        "../luar": "di dalam folder proyek",
    }
    for out, message in refused.items():
        with pytest.raises(ParameterError, match=re.escape(message)):
            params.check_output(2023, data, out, root)
    # its own earlier book is fine: the same data folder and year
    assert params.check_output(2023, root / "data", "_build/2023", root).book == book


def test_stale_cleanup_leaves_other_books_alone(tmp_path: Path) -> None:
    dead = 2**22 + 12345  # above the default pid_max: no such process
    assert not staging._alive(dead)
    bandung = tmp_path / "_build"
    surakarta = bandung / "data-surakarta"
    leftovers = [
        bandung / f".tmp-2023-{dead}-abc_1",
        surakarta / f".tmp-2023-{dead}-xyz",
        bandung / "hasil" / f".tmp-sk-2023-{dead}-q9",
    ]
    for path in leftovers:
        path.mkdir(parents=True)
    assert staging.clean_stale(surakarta, "2023") == [leftovers[1]]
    assert leftovers[0].exists() and leftovers[2].exists()
    assert staging.clean_stale(bandung / "hasil", "sk-2023") == [leftovers[2]]
    assert staging.clean_stale(bandung, 2023) == [leftovers[0]]
    assert staging.staging_name("sk-2023") == f".tmp-sk-2023-{os.getpid()}-"


def test_the_html_identity_is_written_into_the_staged_config(tmp_path: Path) -> None:
    shutil.copy2(ROOT / "_config.yml", tmp_path / "_config.yml")
    jupyterbook.set_identity(tmp_path, f"LKjIP {SURAKARTA} Tahun 2023", SURAKARTA)
    config = yaml.safe_load((tmp_path / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == f"LKjIP {SURAKARTA} Tahun 2023"
    assert config["author"] == config["copyright"] == SURAKARTA
    assert config["sphinx"]["config"]["language"] == "id"  # the rest is kept
    project = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "Bandung" not in f"{project['title']} {project['author']} {project['copyright']}"


# --- built books ----------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def footer_and_title(page: Path) -> tuple[str, str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    footer = " ".join(soup.select_one("footer.bd-footer-content").get_text(" ").split())
    return footer, soup.title.get_text()


@pytest.mark.book
def test_another_office_never_touches_the_book_of_the_first(built_project: Path) -> None:
    from lkjip.assemble.pipeline import build

    root = built_project  # Bandung built there already: its HTML-only build starts warm
    shutil.copytree(DATA, root / "data-surakarta")
    edit_csv(root / "data-surakarta" / str(TAHUN) / "identitas.csv", BANDUNG, SURAKARTA)
    with project_root_env(root):
        first = build(TAHUN, pdf_enabled=False, progress=None)
        assert first.out_dir == root / "_build" / str(TAHUN)
        books = snapshot(first.out_dir)
        cache = snapshot(root / "_build" / ".cache" / str(TAHUN))
        other = build(TAHUN, "data-surakarta", pdf_enabled=False, progress=None)
    assert other.out_dir == root / "_build" / "data-surakarta" / str(TAHUN)
    assert snapshot(first.out_dir) == books  # byte for byte, every file
    assert snapshot(root / "_build" / ".cache" / str(TAHUN)) == cache
    assert (root / "_build" / "data-surakarta" / ".cache" / str(TAHUN) / "reviu").is_dir()
    assert sorted(p.name for p in (root / "_build").iterdir()) == [
        ".cache",
        f".lock-{TAHUN}",
        f".lock-data-{TAHUN}",  # the data lock of data/2023 (lkjip.data.locking)
        str(TAHUN),
        "data-surakarta",
    ]
    for result, office, elsewhere in ((first, BANDUNG, SURAKARTA), (other, SURAKARTA, BANDUNG)):
        for name in ("notebooks/sampul.html", "kertas_kerja/index.html"):
            footer, title = footer_and_title(result.out_dir / "html" / name)
            assert footer == f"Oleh {office} © Copyright {office}.", footer
            assert title.endswith(f"LKjIP {office} Tahun {TAHUN}"), title
            assert elsewhere not in footer and elsewhere not in title
