"""Synthetic offices (lkjip.rekap.sintetis): deterministic, each its own office with its
own values, each valid for a strict ``lkjip validate``, listed in KANTOR.csv."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from lkjip import cli, config
from lkjip.audit.figures import compute_all
from lkjip.data.loading import load_dataset
from lkjip.errors import UserError
from lkjip.rekap.sintetis import buat_kantor, main
from lkjip.rekap.sintetis_tahun import make_year

from .helpers import DATA, ROOT, TAHUN

#: test tier (tests/conftest.py): synthetic offices validated, subprocesses
pytestmark = pytest.mark.integration

BARU = TAHUN + 1
JUMLAH = 3
#: the comparison's figures: IKU capaian, budget, PNBP, SMART, IKPA
ANGKA = (
    "ikm.capaian",
    "ipk.capaian",
    "iki.capaian",
    "anggaran.persen",
    "pnbp.capaian",
    "smart.nilai_kinerja",
    "ikpa.nilai_akhir",
)
IDENTITAS = ("nama_satker", "kanwil", "kota", "kepala_kantor", "nip_kepala_kantor", "kode_satker")


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "parameters.yml", folder / "parameters.yml")
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def kantor(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """KANTOR.csv of three synthetic offices of BARU in two Kanwils, inside a project."""
    root = _project(tmp_path_factory.mktemp("sintetis") / "proyek")
    old = os.environ.get(config.ROOT)
    os.environ[config.ROOT] = str(root)
    try:
        yield buat_kantor(DATA, root / "kantor", JUMLAH, BARU, jumlah_kanwil=2)
    finally:
        if old is None:
            os.environ.pop(config.ROOT, None)
        else:
            os.environ[config.ROOT] = old


def test_kantor_csv_lists_every_office_with_its_kanwil(kantor: Path) -> None:
    with kantor.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["folder", "kanwil"]
    rows = _rows(kantor)
    assert len(rows) == JUMLAH
    assert len({r["folder"] for r in rows}) == JUMLAH
    assert len({r["kanwil"] for r in rows}) == 2
    for row in rows:
        folder = kantor.parent / row["folder"]  # relative to KANTOR.csv
        assert not Path(row["folder"]).is_absolute()
        assert (folder / "metadata").is_dir() and (folder / str(TAHUN)).is_dir()
        (ident,) = _rows(folder / str(BARU) / "identitas.csv")
        assert ident["kanwil"] == row["kanwil"]
        assert ident["kanwil"].startswith("Kantor Wilayah Kementerian Hukum dan HAM ")
        assert ident["nama_satker"] == f"Kantor Imigrasi Kelas II TPI {ident['kota']}"


def test_offices_have_their_own_identity(kantor: Path) -> None:
    (bandung,) = _rows(DATA / str(TAHUN) / "identitas.csv")
    idents = [
        _rows(kantor.parent / r["folder"] / str(BARU) / "identitas.csv")[0] for r in _rows(kantor)
    ]
    for column in ("nama_satker", "kota", "kepala_kantor", "nip_kepala_kantor", "kode_satker"):
        values = [i[column] for i in idents]
        assert len(set(values)) == JUMLAH, column
        assert bandung[column] not in values, column
    assert all(
        len(i["nip_kepala_kantor"]) == 18 and i["nip_kepala_kantor"].isdigit() for i in idents
    )
    assert {i["tahun"] for i in idents} == {str(BARU)}
    # the source office's name, head and city appear in none of the new year's tables
    for row in _rows(kantor):
        for path in sorted((kantor.parent / row["folder"] / str(BARU)).glob("*.csv")):
            text = path.read_text(encoding="utf-8")
            for word in (bandung["nama_satker"], bandung["kepala_kantor"], bandung["kota"]):
                assert word not in text, (path.name, word)


def test_offices_differ_in_the_comparisons_figures(kantor: Path) -> None:
    figures = []
    for row in _rows(kantor):
        registry = compute_all(load_dataset(BARU, kantor.parent / row["folder"]))
        figures.append(tuple(registry.d(i) for i in ANGKA))
    assert len(set(figures)) == JUMLAH
    for i, name in enumerate(ANGKA):
        values = [f[i] for f in figures]
        assert len(set(values)) >= 2, (name, values)
        assert all(v and "belum tersedia" not in v for v in values), (name, values)


def test_every_office_validates_strictly(
    kantor: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(config.ROOT, str(kantor.parent.parent))
    for row in _rows(kantor):
        folder = kantor.parent / row["folder"]
        code = cli.main(["validate", "--tahun", str(BARU), "--data-dir", str(folder)])
        out = capsys.readouterr()
        assert code == 0, out.out + out.err
        assert f"Data tahun {BARU} valid" in out.out


def test_the_same_arguments_give_the_same_bytes(
    kantor: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "proyek")
    monkeypatch.setenv(config.ROOT, str(root))
    again = buat_kantor(DATA, root / "kantor", JUMLAH, BARU, jumlah_kanwil=2)
    first, second = _files(kantor.parent), _files(again.parent)
    assert len(first) > 100 * JUMLAH
    assert first == second
    # another seed: other values, the same offices
    other = buat_kantor(DATA, root / "lain", JUMLAH, BARU, jumlah_kanwil=2, seed=30)
    assert _rows(other) == _rows(kantor)
    name = f"{_rows(kantor)[0]['folder']}/{BARU}/skm_bulanan.csv"
    assert _files(other.parent)[name] != first[name]


def test_wrong_arguments_are_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path / "proyek")
    monkeypatch.setenv(config.ROOT, str(root))
    with pytest.raises(UserError, match=f"tidak ada data tahun {TAHUN + 1}"):
        buat_kantor(DATA, root / "a", 2, TAHUN + 2)
    with pytest.raises(UserError, match="jumlah kantor harus 1 sampai 12 untuk 2 kanwil"):
        buat_kantor(DATA, root / "a", 13, BARU)
    with pytest.raises(UserError, match="jumlah kanwil"):
        buat_kantor(DATA, root / "a", 2, BARU, jumlah_kanwil=0)
    assert not (root / "a").exists()
    (root / "a" / "kanim-semarang").mkdir(parents=True)
    with pytest.raises(UserError, match="folder kantor sudah ada"):
        buat_kantor(DATA, root / "a", 2, BARU)
    assert [p.name for p in (root / "a").iterdir()] == ["kanim-semarang"]
    assert (
        main(
            ["--jumlah", "13", "--tahun", str(BARU), "--ke", str(root / "b")]
            + ["--sumber", str(DATA)]
        )
        == 2
    )


def test_geser_moves_an_offices_survey_indices_down(data_copy: Path) -> None:
    make_year(data_copy, BARU, seed=7, geser=0.5)
    values = [float(r["nilai"]) for r in _rows(data_copy / str(BARU) / "skm_unsur_bulanan.csv")]
    assert values and max(values) <= 3.5 and min(values) >= 3.2
