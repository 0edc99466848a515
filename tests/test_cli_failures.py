"""Every CLI failure is an Indonesian message, never a traceback: exit 2 for the user's
input, 1 for the environment (permission, full disk, ...); no temporary file is left
behind; a closed output pipe never turns a stopped command into success."""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip import cli, console
from lkjip.assemble import staging
from lkjip.cli import main
from lkjip.data.locking import data_lock
from lkjip.data.writing import atomic_text

from .helpers import ROOT, TAHUN

#: test tier (tests/conftest.py): the command line's exits, in-process and in subprocesses
pytestmark = pytest.mark.integration

#: a pid above the default pid_max: no such process
DEAD = 2**22 + 12345


def _run(
    args: list[str], limit: int | None = None, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m lkjip.cli args`` (or ``python -c code``), optionally with a file-size
    limit in bytes (``ulimit -f``: a write beyond it fails as a full disk would)."""

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "lkjip.cli"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limited,
        check=False,
        timeout=120,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- --out / --json / --tulis ------------------------------------------------------------


@pytest.mark.parametrize("option", ["--out", "--json"])
def test_ledger_output_that_is_a_folder_is_refused(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "keluaran"
    folder.mkdir()
    args = ["ledger", "--out", str(tmp_path / "ledger.csv")]
    args += [option, str(folder)] if option == "--json" else []
    if option == "--out":
        args = ["ledger", "--out", str(folder)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"Galat: {option} {folder} adalah folder; beri nama berkas" in err
    assert "Traceback" not in err
    assert _leftovers(tmp_path) == [] and list(folder.iterdir()) == []
    assert not (tmp_path / "ledger.csv").exists()  # refused before anything is written


def test_ledger_output_under_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("x", encoding="utf-8")
    assert main(["ledger", "--out", str(blocker / "ledger.csv")]) == 2
    assert f"{blocker} adalah berkas, bukan folder" in capsys.readouterr().err


# --- diff on something that is not a ledger ---------------------------------------------


def _not_ledgers(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    csv_file = tmp_path / "lain.csv"
    csv_file.write_text("a,b\n1,2\n", encoding="utf-8")
    binary = tmp_path / "gambar.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    short = tmp_path / "pendek.csv"
    short.write_text("id,value,display\nx\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "csv lain": (csv_file, "bukan ledger lkjip: kolom id, value, display tidak ada"),
        "biner": (binary, "bukan ledger lkjip (bukan teks CSV UTF-8)"),
        "kosong": (empty, "bukan ledger lkjip: kolom id, value, display tidak ada"),
        "baris pendek": (short, "bukan ledger lkjip: ada baris yang kolomnya kurang"),
        "folder": (folder, "adalah folder, bukan ledger.csv"),
        "tidak ada": (tmp_path / "tidak-ada.csv", "ledger tidak ditemukan"),
    }


@pytest.mark.parametrize(
    "case", ["csv lain", "biner", "kosong", "baris pendek", "folder", "tidak ada"]
)
def test_diff_on_something_that_is_not_a_ledger(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "ledger.csv"
    good.write_text('id,value,display\na,1,"1,0"\n', encoding="utf-8")
    path, expected = _not_ledgers(tmp_path)[case]
    for args in ([str(path), str(good)], [str(good), str(path)]):
        assert main(["diff", *args]) == 2
        err = capsys.readouterr().err
        assert f"Galat: {path}" in err or f"Galat: ledger tidak ditemukan: {path}" in err
        assert expected in err and "Traceback" not in err


def test_diff_of_two_ledgers_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "lama.csv", tmp_path / "baru.csv"
    old.write_text("id,value,display\na,1,1\nb,2,2\n", encoding="utf-8")
    new.write_text("id,value,display\na,1,1\nb,3,3\nc,4,4\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["Berubah: 1, baru: 1, hilang: 0.", "  ~ b: 2 -> 3", "  + c: 4"]


# --- the environment: permission, full disk, read-only ------------------------------------


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "tidak punya izin menulis"),
        (OSError(errno.ENOSPC, "No space left on device"), "ruang disk penuh"),
        (OSError(errno.EFBIG, "File too large"), "berkas melebihi batas ukuran (ulimit -f)"),
        (
            OSError(errno.EROFS, "Read-only file system"),
            "sistem berkas hanya dapat dibaca (read-only)",
        ),
        (OSError(errno.EDQUOT, "Disk quota exceeded"), "kuota disk habis"),
        (OSError(errno.ECONNRESET, "Connection reset by peer"), "Connection reset by peer"),
    ],
    ids=["izin", "penuh", "ulimit", "read-only", "kuota", "lainnya"],
)
def test_environment_errors_name_the_path_and_the_cause(error: OSError, cause: str) -> None:
    message = console.os_message(error)
    assert message.startswith(cause)
    named = type(error)(error.errno, error.strerror, "/tmp/x/ledger.csv")
    assert console.os_message(named) == f"/tmp/x/ledger.csv: {message}"
    assert console.os_message(error, Path("/tmp/x")) == f"saat menulis ke /tmp/x: {message}"


def test_any_environment_error_is_a_message_with_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fails(args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", "/tmp/terkunci/ledger.csv")

    monkeypatch.setitem(cli.COMMANDS, "validate", fails)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert (
        err == "Galat lingkungan: /tmp/terkunci/ledger.csv: tidak punya izin menulis atau membaca\n"
    )


def test_a_bug_stays_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(args: object) -> int:
        raise RuntimeError("bug")

    monkeypatch.setitem(cli.COMMANDS, "validate", bug)
    with pytest.raises(RuntimeError, match="bug"):
        main(["validate"])


def test_a_failed_write_leaves_the_old_file_and_no_tmp(tmp_path: Path) -> None:
    target = tmp_path / "ledger.csv"
    target.write_text("lama\n", encoding="utf-8")
    with pytest.raises(OSError, match="No space left") as caught:
        with atomic_text(target) as handle:
            handle.write("baru\n")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.filename == str(target)  # named for the message
    assert target.read_text(encoding="utf-8") == "lama\n"
    assert _leftovers(tmp_path) == []


def test_ledger_on_a_full_disk_keeps_the_old_ledger(tmp_path: Path) -> None:
    """``ulimit -f``: the write fails (EFBIG, SIGXFSZ ignored), nothing half-written."""
    out, js = tmp_path / "ledger.csv", tmp_path / "ledger.json"
    out.write_text("id,value,display\n", encoding="utf-8")
    before = _sha(out)
    result = _run(["ledger", "--out", str(out), "--json", str(js)], limit=4096)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"Galat lingkungan: {out}: berkas melebihi batas ukuran (ulimit -f) atau ruang disk penuh\n"
    )
    assert _sha(out) == before and not js.exists()
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_ledger_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "terkunci"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = _run(["ledger", "--out", str(folder / "ledger.csv")])
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert "tidak punya izin menulis" in result.stderr and str(folder) in result.stderr
    assert "Traceback" not in result.stderr and list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("limit", "failed"), [(1000, "dasar_hukum.csv"), (3000, "lkjip-2024.xlsx")]
)
def test_init_on_a_full_disk_leaves_no_half_file(data_copy: Path, limit: int, failed: str) -> None:
    """A table or the workbook does not fit: a message naming it, and no half file that
    a later ``init`` would keep as "sudah ada"."""
    tahun = TAHUN + 1
    result = _run(["init", "--tahun", str(tahun)], limit=limit)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"Galat lingkungan: data/{tahun}/{failed}: "
        "berkas melebihi batas ukuran (ulimit -f) atau ruang disk penuh\n"
    )
    folder = data_copy / str(tahun)
    assert _leftovers(folder) == [] and not (folder / failed).exists()
    assert not (folder / f"lkjip-{tahun}.xlsx").exists()


def test_build_environment_error_names_the_book_folder(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import lkjip.assemble.pipeline as pipeline

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "build", full)
    assert main(["build", "--html-only"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "Build gagal; buku sebelumnya tidak diubah.\n"
        f"saat menulis ke _build/{TAHUN}: ruang disk penuh\n"
    )


#: what a jupyter-book run prints when the disk fills while Sphinx writes a page
_SPHINX_FULL_DISK = """\
writing output... [ 50%] notebooks/bab1_pendahuluan

Exception occurred:
  File "sphinx/builders/html/__init__.py", line 1137, in handle_page
    with open(outfilename, 'w', encoding=ctx['encoding']) as f:
OSError: [Errno 28] No space left on device: '{page}'
The full traceback has been saved in /tmp/sphinx-err-x.log.
Traceback (most recent call last):
RuntimeError:
===============================================================================
There was an error in building your book. Look above for the cause.
===============================================================================
"""


@pytest.mark.parametrize("named", [True, False], ids=["berkas-disebut", "tanpa-errno"])
def test_a_full_disk_in_the_html_stage_names_the_cause(
    named: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The HTML stage (jupyter-book in a subprocess) on a full disk: an Indonesian
    message with the cause and the place, exit 1, not "Error" without a cause."""
    from lkjip.assemble import jupyterbook

    monkeypatch.setenv("LKJIP_ROOT", str(tmp_path))
    page = tmp_path / "_build" / ".cache" / "2023" / "html" / "out" / "index.html"
    output = _SPHINX_FULL_DISK.format(page=page)
    if not named:  # a tool that prints the cause without Python's errno
        output = "xdvipdfmx:fatal: No space left on device\nError\n"

    def run(*args: object, **kwargs: object) -> subprocess.CompletedProcess:
        return subprocess.CompletedProcess([], 1, stdout=output, stderr="")

    monkeypatch.setattr(jupyterbook.subprocess, "run", run)
    src = tmp_path / "src"
    src.mkdir()
    work = tmp_path / "_build" / ".cache" / "2023" / "html"
    with pytest.raises(OSError) as caught:
        jupyterbook.build_html(src, work, tmp_path / "html", strict=True)
    assert caught.value.errno == errno.ENOSPC
    where = "_build/.cache/2023/html/out/index.html" if named else "_build/.cache/2023/html/out"
    assert console.os_message(caught.value) == f"{where}: ruang disk penuh"

    import lkjip.assemble.pipeline as pipeline

    def build(*args: object, **kwargs: object) -> None:
        raise caught.value

    monkeypatch.setattr(pipeline, "build", build)
    (tmp_path / "parameters.yml").write_text("tahun: 2023\n", encoding="utf-8")
    (tmp_path / "data" / "metadata").mkdir(parents=True)
    assert main(["build", "--html-only"]) == 1
    err = capsys.readouterr().err
    assert err == f"Build gagal; buku sebelumnya tidak diubah.\n{where}: ruang disk penuh\n"


def test_the_data_lock_timeout_is_a_message(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LKJIP_LOCK_WAIT", "0")

    def locked(args: object) -> int:
        with data_lock(data_copy, TAHUN):
            return 0

    monkeypatch.setitem(cli.COMMANDS, "validate", locked)
    with data_lock(data_copy, TAHUN):
        assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat: data data/2023 sedang dipakai proses lain")


# --- a closed output pipe -----------------------------------------------------------------

_FAKE_BUILD = """
import sys
from pathlib import Path
import lkjip.assemble.pipeline as pipeline
from lkjip import cli, console

def build(*args, progress=print, **kwargs):
    for i in range(5000):
        progress(f"baris {i} " + "x" * 100)
    Path(sys.argv[1]).write_text("selesai", encoding="utf-8")

pipeline.build = build
sys.exit(cli.main(["build"]))
"""

_MANY_LINES = """
import sys
from lkjip import cli, console

def many(args):
    for i in range(100000):
        print(f"baris {i}")
    return 0

cli.COMMANDS["validate"] = many
sys.exit(cli.main(["validate"]))
"""


def _head_1(code: str, *args: str) -> tuple[int, str, str]:
    """Run ``code`` piped into a reader that stops after one line (``| head -1``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    return process.wait(timeout=120), first, err


def test_a_build_goes_on_when_its_output_pipe_closes(tmp_path: Path) -> None:
    marker = tmp_path / "buku"
    code, first, err = _head_1(_FAKE_BUILD, str(marker))
    assert first.startswith("baris 0 ")
    assert code == 0 and marker.read_text(encoding="utf-8") == "selesai"  # it finished
    assert err == ""  # no traceback, no "Exception ignored"


def test_a_command_stopped_by_a_closed_pipe_does_not_exit_0() -> None:
    code, first, err = _head_1(_MANY_LINES)
    assert first == "baris 0\n"
    assert code == 141  # as a shell reports SIGPIPE
    assert err == ""


# --- --jobs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abc", "jumlah proses harus bilangan bulat, bukan 'abc'"),
        ("1.5", "jumlah proses harus bilangan bulat, bukan '1.5'"),
        ("४", "jumlah proses harus bilangan bulat, bukan '४'"),
        ("-5", "jumlah proses paling sedikit 1, bukan -5"),
        ("0", "jumlah proses paling sedikit 1, bukan 0"),
    ],
)
def test_jobs_is_validated_in_indonesian(
    value: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", f"--jobs={value}"]) == 2
    err = capsys.readouterr().err
    assert err == f"Galat: argumen --jobs: {expected} (lihat: lkjip build --help)\n"


def test_argparse_english_is_translated(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--tidak-ada"]) == 2
    assert capsys.readouterr().err == (
        "Galat: argumen tidak dikenal: --tidak-ada (lihat: lkjip --help)\n"
    )
    assert main(["tidak-ada"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat: argumen command: pilihan tidak dikenal: 'tidak-ada'")


# --- a file where the book goes -------------------------------------------------------------


def test_stale_leftovers_that_are_files_are_removed(tmp_path: Path) -> None:
    build_root = tmp_path / "_build"
    build_root.mkdir()
    (build_root / "2023").mkdir()
    old_file = build_root / f".old-2023-{DEAD}-book"
    old_file.write_text("berkas yang dulu ada di _build/2023", encoding="utf-8")
    tmp_file = build_root / f".tmp-2023-{DEAD}-abc"
    tmp_file.write_text("x", encoding="utf-8")
    assert staging.clean_stale(build_root, 2023) == [old_file, tmp_file]
    assert sorted(p.name for p in build_root.iterdir()) == ["2023"]


def test_a_stale_old_file_is_not_put_back_as_the_book(tmp_path: Path) -> None:
    build_root = tmp_path / "_build"
    build_root.mkdir()
    old_file = build_root / f".old-2023-{DEAD}-book"
    old_file.write_text("bukan buku", encoding="utf-8")
    old_book = build_root / f".old-2024-{DEAD}-book"
    old_book.mkdir()
    assert staging.clean_stale(build_root, 2023) == [old_file]
    assert staging.clean_stale(build_root, 2024) == []  # a book half-way: put back
    assert sorted(p.name for p in build_root.iterdir()) == ["2024"]


def test_a_build_refuses_to_replace_a_file_where_the_book_goes(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = data_copy.parent / "_build" / str(TAHUN)
    book.parent.mkdir()
    book.write_text("catatan pengguna", encoding="utf-8")
    assert main(["build", "--html-only"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"Galat: _build/{TAHUN} adalah berkas, bukan folder buku; pindahkan atau hapus "
        "berkas itu (build tidak menimpanya)\n"
    )
    assert book.read_text(encoding="utf-8") == "catatan pengguna"
    assert sorted(p.name for p in book.parent.iterdir()) == [str(TAHUN)]
