"""The chapter cache of a new office's draft never serves a stale chapter.

Reported: in a data folder made by ``lkjip init --satker``, filling ``identitas.alamat``
reused every chapter from the cache, and the cover kept saying the address was
missing. Here a new office's draft goes through: a cold build; the address filled
while other identity cells are still empty; a table no chapter reads edited; the rest
of the identity filled. After each edit the chapters the build ran are compared with a
cold build of the same inputs: a chapter the cache kept is byte for byte what a cold
build makes, and a chapter the build ran is one whose output changed.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lkjip.assemble.pipeline import BuildResult, build
from lkjip.audit.figures import compute_all
from lkjip.chapters.kernel.protocol import CHAPTERS
from lkjip.cli import main
from lkjip.data import reads
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset

from .helpers import TAHUN, copy_project, html_files, project_root_env

pytestmark = pytest.mark.book

FOLDER = "data-baru"
SATKER = "Kantor Imigrasi Kelas II TPI Contoh"
ALAMAT = "Jl. Pahlawan No. 7 (alamat diuji)"
#: the other identity cells of the new office (all the row needs)
SISA = {
    "kementerian": "Kementerian Contoh",
    "kanwil": "Kantor Wilayah Contoh",
    "divisi": "Divisi Keimigrasian",
    "unit_eselon_i": "Direktorat Jenderal Contoh",
    "kota": "Kota Contoh",
    "kepala_kantor": "Nama Kepala",
    "nip_kepala_kantor": "198001012005011001",
    "jabatan_penandatangan": "Kepala Kantor",
    "tempat_pengesahan": "Kota Contoh",
    "tanggal_pengesahan": "2024-01-10",
    "program": "Program Contoh",
    "dasar_renstra": "Keputusan Contoh tentang Renstra",
    "pedoman_lkjip": "Peraturan Contoh tentang Pedoman LKjIP",
}


class Office:
    def __init__(self, root: Path):
        self.root = root
        self.last: BuildResult | None = None

    @property
    def year(self) -> Path:
        return self.root / FOLDER / str(TAHUN)

    @property
    def cache(self) -> Path:
        return self.root / "_build" / FOLDER / ".cache" / str(TAHUN)

    def build(self) -> BuildResult:
        with project_root_env(self.root):
            self.last = build(TAHUN, FOLDER, draft=True, pdf_enabled=False, progress=None)
        return self.last

    def notebooks(self) -> dict[str, bytes]:
        return {c: (self.cache / c / "bab.ipynb").read_bytes() for c in CHAPTERS}

    def cold(self) -> dict[str, bytes]:
        """The executed chapters of a build of the same inputs with no cache."""
        shutil.rmtree(self.cache)
        (self.root / "_build" / FOLDER / str(TAHUN) / "build-key.txt").unlink()
        result = self.build()
        assert sorted(result.executed) == sorted(CHAPTERS)
        return self.notebooks()

    def set_identity(self, values: dict[str, str]) -> None:
        path = self.year / "identitas.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        for column, value in values.items():
            rows[1][rows[0].index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    root = copy_project(tmp_path_factory.mktemp("kantor-baru"))
    with project_root_env(root):
        assert main(["init", "--tahun", str(TAHUN), "--satker", SATKER, "--data-dir", FOLDER]) == 0
    office = Office(root)
    assert sorted(office.build().executed) == sorted(CHAPTERS)
    yield office


def _check_against_cold(office: Office, before: dict[str, bytes]) -> list[str]:
    """The last build's chapters against a cold build: returns the chapters it ran."""
    assert office.last is not None
    executed = sorted(office.last.executed)
    kept = office.notebooks()
    cold = office.cold()
    assert [c for c in CHAPTERS if kept[c] != cold[c]] == []  # nothing stale
    assert executed == sorted(c for c in CHAPTERS if cold[c] != before[c])  # nothing more
    return executed


def _cover(result: BuildResult) -> bytes:
    return html_files(result.out_dir)["notebooks/sampul.html"]


def test_filling_the_address_reruns_the_chapters_that_show_it(office: Office) -> None:
    """The reported case: the cover named the address as missing after it was filled."""
    assert office.last is not None
    assert b"alamat" in _cover(office.last)  # the cover's box names the empty address
    before = office.notebooks()
    office.set_identity({"alamat": ALAMAT})
    result = office.build()
    assert b"alamat" not in _cover(result)
    ran = _check_against_cold(office, before)
    assert "sampul" in ran and len(ran) < len(CHAPTERS)


def _figures(office: Office) -> tuple[Dataset, list[tuple]]:
    """The draft's data, and its figures and failed steps (what chapters read of a table
    through the figures)."""
    with project_root_env(office.root):
        ds = load_dataset(TAHUN, office.root / FOLDER, strict=False)
        reg = compute_all(ds, draft=True)
    with reads.collect():  # (nothing here is a chapter's read)
        figures = [(f.id, f.display, f.sources) for f in reg]
    return ds, figures + sorted((f.step, sorted(f.tables)) for f in reg.failed)


def test_a_table_no_chapter_reads_runs_nothing(office: Office) -> None:
    """A table no chapter read, directly or through a figure, gets a row: no chapter runs,
    and the chapters the cache kept are what a cold build makes."""
    keys: set[str] = set()
    for chapter in CHAPTERS:
        entry = json.loads((office.cache / chapter / "entry.json").read_text(encoding="utf-8"))
        keys |= set(entry["reads"])
    assert not keys & {"table:*", "dataset:problems"}  # no walk of every table or problem
    read = {k.split(":", 1)[1].split(".")[0] for k in keys if k.startswith(("table:", "cell:"))}
    ds, figures = _figures(office)
    for name in sorted(set(dict.keys(ds.specs)) - read):
        path = office.year / ds.specs[name].file_name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        header = text.splitlines()[0]
        row = ",".join(["2023"] + [""] * (len(header.split(",")) - 1))  # (not valid yet)
        path.write_text(f"{text.rstrip()}\n{row}\n", encoding="utf-8")
        if _figures(office)[1] == figures:
            break
        path.write_text(text, encoding="utf-8")  # it changes a figure: another one
    else:
        pytest.fail("every table is read by a chapter or changes a figure")
    before = office.notebooks()
    result = office.build()
    assert not result.unchanged and list(result.executed) == []
    assert office.notebooks() == before
    assert office.cold() == before


def test_filling_the_identity_prints_it_where_it_belongs(office: Office) -> None:
    before = office.notebooks()
    office.set_identity(SISA)
    result = office.build()
    pages = html_files(result.out_dir)
    assert ALAMAT.encode() in pages["notebooks/bab1_pendahuluan.html"]
    assert SISA["kementerian"].encode() in pages["notebooks/sampul.html"]
    ran = _check_against_cold(office, before)
    assert "bab1_pendahuluan" in ran and "sampul" in ran


def test_another_address_reruns_only_the_chapters_that_print_it(office: Office) -> None:
    """Once the address is known, another address changes what the chapters print of
    it, not the cover's box of cells still to fill."""
    before = office.notebooks()
    office.set_identity({"alamat": "Jl. Merdeka No. 1 (alamat diuji)"})
    result = office.build()
    assert b"Jl. Merdeka No. 1" in html_files(result.out_dir)["notebooks/bab1_pendahuluan.html"]
    ran = _check_against_cold(office, before)
    assert "bab1_pendahuluan" in ran and "sampul" not in ran
