"""Every file a build reads is in its snapshot: the emblem of the PDF cover
(``<data>/aset/lambang.png``), like the tables, images and scans, is read once under
the data lock, refused when it is a symbolic link leading outside the project, hashed
into the build key and the stamp, and the cover gets the bytes the build read."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from lkjip.assemble import cache, dependencies, pdf, pindaian
from lkjip.assemble.inputs import read_inputs
from lkjip.assemble.pipeline import build
from lkjip.audit import pra_tanda_tangan, stamp
from lkjip.chapters import lampiran, sampul
from lkjip.data import snapshot
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid, UserError

from . import berkas_lampiran as berkas
from .helpers import ROOT, TAHUN, copy_project, project_root_env

#: two small, valid PNGs (an emblem must be a readable image)
PNG = berkas.png(20, 20, (10, 20, 30))
OTHER = berkas.png(20, 20, (30, 20, 10))
EMBLEM = "data/aset/lambang.png"


def _emblem(data: Path, content: bytes = PNG) -> Path:
    path = data / "aset" / "lambang.png"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def _key(root: Path, data: Path) -> str:
    return cache.build_key(root, read_inputs(root, data, TAHUN), {"tahun": TAHUN})


def test_the_emblem_is_part_of_the_build_key(data_copy: Path) -> None:
    root = data_copy.parent
    without = _key(root, data_copy)
    emblem = _emblem(data_copy)
    first = _key(root, data_copy)
    emblem.write_bytes(OTHER)
    second = _key(root, data_copy)
    assert len({without, first, second}) == 3  # added, then changed: never "no change"
    # (the images and scans of the year were already part of it)
    (data_copy / str(TAHUN) / "lampiran").mkdir()
    (data_copy / str(TAHUN) / "lampiran" / "pk-2023.png").write_bytes(PNG)
    assert _key(root, data_copy) != second


@pytest.mark.integration
def test_the_emblem_is_in_the_stamp_as_read(data_copy: Path) -> None:
    root = data_copy.parent
    emblem = _emblem(data_copy)
    inputs = read_inputs(root, data_copy, TAHUN)
    emblem.write_bytes(OTHER)  # changed on disk after the build read it
    ds = load_dataset(TAHUN, data_copy, snap=inputs)
    files = stamp.collect(ds, {"tahun": TAHUN}, root)["berkas_masukan"]
    assert files[EMBLEM] == inputs.sha256(emblem)
    assert files[EMBLEM] != snapshot.DISK.sha256(emblem)  # (the disk now)


def _staged_book(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "book", src / "book")
    return src


def test_the_cover_gets_the_bytes_the_build_read(data_copy: Path, tmp_path: Path) -> None:
    root = data_copy.parent
    emblem = _emblem(data_copy)
    inputs = read_inputs(root, data_copy, TAHUN)
    ds = load_dataset(TAHUN, data_copy, snap=inputs)
    emblem.write_bytes(OTHER)
    src = _staged_book(tmp_path)
    pdf.configure(src, ds, "laporan")
    assert (src / "lambang.png").read_bytes() == PNG
    sphinx = yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8"))["sphinx"]
    assert sphinx["config"]["latex_additional_files"] == ["lambang.png"]
    assert r"\includegraphics[width=4.5cm]{lambang.png}" in pdf.cover(ds, "laporan")
    emblem.unlink()  # gone from disk: the build still has what it read
    assert pdf.emblem(ds) == data_copy / "aset" / "lambang.png"


@pytest.mark.integration
def test_every_reader_of_the_build_reads_its_snapshot_not_the_disk(
    data_copy: Path, tmp_path: Path, reg2023
) -> None:
    """The build passes its snapshot to whatever reads a file after it (no process-wide
    state): the emblem and the scans are found and copied as read even when they are
    gone from disk, by the build (staging, the PDF, the fingerprints, the checklist
    before signing) and by the chapters (the cover, the Lampiran), which get it from the
    dataset (``ds.inputs()``)."""
    root = data_copy.parent
    _emblem(data_copy)
    scans = data_copy / str(TAHUN) / "lampiran"
    scans.mkdir()
    scan = berkas.pdf(["PK 1", "PK 2"])
    (scans / "pk-2023.pdf").write_bytes(scan)
    inputs = read_inputs(root, data_copy, TAHUN)
    ds = load_dataset(TAHUN, data_copy, snap=inputs)
    shutil.rmtree(data_copy / "aset")
    shutil.rmtree(scans)
    assert ds.inputs() is inputs
    emblem = data_copy / "aset" / "lambang.png"
    # the build
    assert pdf.emblem(ds) == emblem
    src = _staged_book(tmp_path)
    pindaian.stage(data_copy, TAHUN, src, ds.inputs())
    assert (src / "pindaian" / "pk-2023.pdf").read_bytes() == scan
    assert len(list((src / "pindaian" / "halaman").iterdir())) == 2  # pages drawn for HTML
    assert dependencies.fingerprint(
        "file:data/aset/lambang.png", ds, reg2023, root
    ) == inputs.sha256(emblem)
    said = [i.apa for i in pra_tanda_tangan.susun(ds, reg2023)]
    assert not [s for s in said if "tanpa lambang" in s or f"Tahun {TAHUN} dicetak" in s], said
    # the chapters
    assert sampul.lambang_html(ds.data_dir, ds.inputs()).startswith('<img class="lambang" ')
    found = lampiran.pindaian(SimpleNamespace(ds=ds, tahun=TAHUN))
    assert list(found) == [TAHUN] and found[TAHUN].halaman() == 2
    # read from disk now, both are gone
    assert sampul.lambang_html(ds.data_dir) == ""
    assert snapshot.DISK.kind(emblem) is None


def test_an_emblem_outside_the_project_is_refused(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    secret = tmp_path_factory.mktemp("luar") / "rahasia.png"
    secret.write_bytes(PNG)
    (data_copy / "aset").mkdir()
    (data_copy / "aset" / "lambang.png").symlink_to(secret)
    with pytest.raises(DataInvalid) as caught:
        load_dataset(TAHUN, data_copy)
    rules = [p.rule for p in caught.value.problems if p.file == EMBLEM]
    assert len(rules) == 1 and "menunjuk ke luar folder proyek" in rules[0]
    assert str(secret) in rules[0]
    # a draft goes on, without the emblem: nothing from outside reaches the cover
    draft = load_dataset(TAHUN, data_copy, strict=False)
    assert pdf.emblem(draft) is None
    assert r"\includegraphics" not in pdf.cover(draft, "laporan")


def test_an_emblem_that_is_a_folder_is_a_message(data_copy: Path) -> None:
    (data_copy / "aset" / "lambang.png").mkdir(parents=True)
    with pytest.raises(DataInvalid) as caught:
        load_dataset(TAHUN, data_copy)
    assert [p.rule for p in caught.value.problems if p.file == EMBLEM] == [
        "ini sebuah folder, bukan berkas biasa; hanya berkas biasa yang dibaca"
    ]


def test_an_emblem_and_scans_are_both_given_to_latex(data_copy: Path, tmp_path: Path) -> None:
    _emblem(data_copy)
    ds = load_dataset(TAHUN, data_copy)
    src = _staged_book(tmp_path)
    (src / "pindaian").mkdir()
    (src / "pindaian" / "pk-2023.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    pdf.configure(src, ds, "laporan")
    sphinx = yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8"))["sphinx"]
    assert sphinx["config"]["latex_additional_files"] == ["lambang.png", "pindaian/pk-2023.pdf"]


def test_a_book_source_leading_outside_the_project_stops_the_build(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = copy_project(tmp_path / "proyek")
    secret = tmp_path_factory.mktemp("luar") / "rahasia.css"
    secret.write_text("body { }\n", encoding="utf-8")
    (root / "book" / "_static" / "tambahan.css").symlink_to(secret)
    with project_root_env(root), pytest.raises(UserError) as caught:
        build(TAHUN, progress=None)
    assert str(caught.value).startswith(
        "sumber buku tidak dapat dipakai: book/_static/tambahan.css: menunjuk ke luar folder"
    )
    assert not (root / "_build" / str(TAHUN)).exists()


def test_the_code_version_covers_the_reviu_program() -> None:
    names = {p.name for p in cache.code_files()}
    assert {"program_reviu.yaml", "parser.py"} <= names
    assert not [p for p in cache.code_files() if p.suffix == ".pyc"]
