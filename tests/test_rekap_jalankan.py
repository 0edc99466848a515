"""``lkjip rekap`` without a cluster: the payload of an office, what the client does with
a task's result, the summary and the exit codes."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from lkjip import paths
from lkjip.assemble.inputs import read_inputs
from lkjip.audit.provenance import Origin, origin
from lkjip.cli import rekap as cli_rekap
from lkjip.rekap import jalankan, paket, ringkasan, tugas
from lkjip.rekap.hasil import DIBANGUN, GAGAL, TIDAK_BERUBAH, HasilKantor, Kantor

from .helpers import DATA, TAHUN, copy_project


@pytest.fixture(scope="module")
def proyek(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with a second office's data folder ``kantor/b`` (one empty folder)."""
    root = copy_project(tmp_path_factory.mktemp("proyek"))
    data = root / "kantor" / "b"
    shutil.copytree(DATA / "metadata", data / "metadata")
    shutil.copytree(DATA / str(TAHUN), data / str(TAHUN))
    (data / str(TAHUN) / "folder-kosong").mkdir()
    return root.resolve()


def _kantor(root: Path, folder: str = "kantor/b", baris: int = 2) -> Kantor:
    data = root / folder
    return Kantor(
        baris, folder, "Kanwil Jawa Barat", root, data, paths.output(TAHUN, data, root).book
    )


@pytest.mark.integration
def test_payload_round_trip(proyek: Path, tmp_path: Path) -> None:
    k = _kantor(proyek)
    place = paths.output(TAHUN, k.data_dir, proyek)
    (place.cache / "bab1").mkdir(parents=True)
    (place.cache / "bab1" / "entry.json").write_text('{"key": "x"}\n', encoding="utf-8")
    (k.buku / "pdf").mkdir(parents=True)
    (k.buku / "pdf" / "LKjIP.pdf").write_bytes(b"%PDF-1.7 lama")
    (k.buku / "pdf-key.txt").write_text("kunci\n", encoding="utf-8")
    (k.buku / "ledger.csv").write_text("id\n", encoding="utf-8")  # not carried
    try:
        pilihan = paket.Pilihan(TAHUN, draft=True, html_only=True, jobs=1)
        payload = jalankan.kemas(k, pilihan)
        out = tmp_path / "tugas"
        man = paket.buka(payload, out)
    finally:
        shutil.rmtree(proyek / "_build")
    with paths.use_root(proyek):
        inputs = read_inputs(proyek, k.data_dir, TAHUN)
    # what git says of the office's project travels with it, for --provenance
    with paths.use_root(proyek):
        asal = origin(proyek, inputs.files())
    assert man == paket.Manifest(2, "kantor/b", "kantor/b", pilihan, asal.to_json())
    assert Origin.from_json(man.origin) == asal
    project_files = [p for p in inputs.files() if p.is_relative_to(proyek)]
    assert len(project_files) > 80
    for path in project_files:  # every input, byte for byte, at its project-relative path
        copy = out / paket.PROYEK / path.relative_to(proyek)
        assert copy.read_bytes() == inputs.read_bytes(path), path
    unpacked = {p.relative_to(out / paket.PROYEK) for p in (out / paket.PROYEK).rglob("*")}
    assert {p for p in unpacked if (out / paket.PROYEK / p).is_file()} == {
        p.relative_to(proyek) for p in project_files
    }
    assert (out / paket.PROYEK / "kantor/b" / str(TAHUN) / "folder-kosong").is_dir()
    # the package's national tables are not packed (the worker has the package)
    assert not any(p.is_relative_to(paths.rujukan_dir()) for p in unpacked)
    assert (out / paket.CACHE / "bab1" / "entry.json").read_text(encoding="utf-8") == (
        '{"key": "x"}\n'
    )
    # an HTML-only build keeps the previous PDFs as a single build does; nothing else
    assert sorted(p.name for p in (out / paket.BUKU).rglob("*")) == [
        "LKjIP.pdf",
        "pdf",
        "pdf-key.txt",
    ]
    # the command the worker runs in its copy
    assert tugas.perintah(man)[2:] == [
        "lkjip.cli",
        "build",
        "--tahun",
        str(TAHUN),
        "--data-dir",
        "kantor/b",
        "--draft",
        "--html-only",
        "--jobs",
        "1",
    ]
    given = tugas.perintah(man, Path("/tmp/asal.json"))
    assert given[given.index("--provenance") + 1] == "/tmp/asal.json"


def _returned(kode: int, book: Path | None = None, stderr: str = "") -> tugas.HasilTugas:
    return tugas.HasilTugas(
        baris=2,
        kode=kode,
        stdout="",
        stderr=stderr,
        buku=paket.arsip(book) if book else b"",
        cache=b"",
        pekerja="tcp://127.0.0.1:1",
        detik=3.5,
    )


def test_failed_task_leaves_the_previous_book(proyek: Path, tmp_path: Path) -> None:
    k = _kantor(proyek)
    k.buku.mkdir(parents=True)
    (k.buku / "ledger.csv").write_text("lama\n", encoding="utf-8")
    try:
        message = "Data tidak valid: 1 masalah ditemukan.\n  1. kantor/b/2023/x.csv: rusak"
        for code in (1, 2):
            result = jalankan.terima(k, _returned(code, stderr=message), TAHUN)
            assert (result.status, result.pesan) == (GAGAL, message)
            assert (result.detik, result.pekerja) == (3.5, "tcp://127.0.0.1:1")
        killed = jalankan.terima(k, _returned(-9), TAHUN)
        assert killed.status == GAGAL and killed.pesan == "lkjip build berhenti dengan kode -9."
        assert (k.buku / "ledger.csv").read_text(encoding="utf-8") == "lama\n"
        # a returned book without its build key is not put in place either
        empty = tmp_path / "kosong"
        (empty / "html").mkdir(parents=True)
        broken = jalankan.terima(k, _returned(0, empty), TAHUN)
        assert broken.status == GAGAL and "tidak lengkap" in broken.pesan
        assert (k.buku / "ledger.csv").read_text(encoding="utf-8") == "lama\n"
        # a built book replaces it whole, and nothing is left beside it
        new = tmp_path / "baru"
        (new / "html").mkdir(parents=True)
        (new / "build-key.txt").write_text("k\n", encoding="utf-8")
        (new / "ledger.csv").write_text("baru\n", encoding="utf-8")
        built = jalankan.terima(k, _returned(0, new), TAHUN)
        assert built == HasilKantor(k, DIBANGUN, "", 3.5, "tcp://127.0.0.1:1")
        assert (k.buku / "ledger.csv").read_text(encoding="utf-8") == "baru\n"
        assert sorted(p.name for p in k.buku.iterdir()) == ["build-key.txt", "html", "ledger.csv"]
        assert [p.name for p in k.buku.parent.iterdir() if p.name.startswith(".tmp-")] == []
    finally:
        shutil.rmtree(proyek / "_build")


def _hasil(root: Path, *statuses: str) -> list[HasilKantor]:
    return [
        HasilKantor(
            _kantor(root, f"kantor/{n}", n + 2), s, "baris 1\nbaris 2" if s == GAGAL else ""
        )
        for n, s in enumerate(statuses)
    ]


def test_summary(tmp_path: Path) -> None:
    hasil = _hasil(tmp_path, DIBANGUN, TIDAK_BERUBAH, GAGAL)
    hasil[0] = HasilKantor(hasil[0].kantor, DIBANGUN, "", 61.04, "tcp://127.0.0.1:7")
    assert ringkasan.baris(hasil, TAHUN) == [
        f"Ringkasan rekap tahun {TAHUN}: 3 kantor",
        "  1. kantor/0 (Kanwil Jawa Barat): dibangun, 61.0 detik di tcp://127.0.0.1:7",
        "  2. kantor/1 (Kanwil Jawa Barat): tidak berubah",
        "  3. kantor/2 (Kanwil Jawa Barat): GAGAL",
        "       baris 1",
        "       baris 2",
        "Dibangun: 1, tidak berubah: 1, gagal: 1.",
    ]


@pytest.mark.parametrize(
    ("statuses", "comparison", "code"),
    [
        ((DIBANGUN, TIDAK_BERUBAH), True, 0),
        ((DIBANGUN, GAGAL), True, 3),
        ((GAGAL,), True, 3),
        ((DIBANGUN,), False, 1),
        ((DIBANGUN, GAGAL), False, 1),
    ],
)
def test_exit_codes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    statuses: tuple[str, ...],
    comparison: bool,
    code: int,
) -> None:
    from lkjip.errors import BuildError
    from lkjip.rekap import perbandingan

    hasil = _hasil(tmp_path, *statuses)
    called: list[tuple] = []

    def bangun(tahun: int, given: list, out: Path, *, pdf: bool, progress: object) -> Path:
        called.append((tahun, given, out, pdf))
        if not comparison:
            raise BuildError("jupyter-book gagal")
        return out

    monkeypatch.setattr(cli_rekap.kantor_csv, "baca", lambda *a: [h.kantor for h in hasil])
    monkeypatch.setattr(cli_rekap, "jalankan", lambda offices, *a, **k: hasil)
    monkeypatch.setattr(perbandingan, "bangun", bangun)
    args = argparse.Namespace(
        tahun=TAHUN,
        kantor=tmp_path / "KANTOR.csv",
        draft=False,
        html_only=True,
        out=tmp_path / "rekap",
        scheduler=None,
        workers=None,
    )
    assert cli_rekap.cmd_rekap(args) == code
    # the comparison book gets every office, failed ones too
    assert called == [(TAHUN, hasil, tmp_path / "rekap", False)]
    if not comparison:
        assert "Buku perbandingan gagal dibangun: jupyter-book gagal" in capsys.readouterr().err
