"""Builds are atomic, stop cleanly, name a failing chapter, escape text, and repeat exactly.

One project copy whose data carries markup characters is built once; the same
project is then used to interrupt builds (SIGTERM, SIGKILL) and to break a
chapter, checking each time that its book is untouched.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from lkjip import config
from lkjip.assemble import staging as atomik
from lkjip.assemble.pdf import EDITIONS, log_folder
from lkjip.assemble.pdf_cache import PdfCache
from lkjip.assemble.pipeline import BuildResult, build

from .helpers import (
    SPECIAL,
    TAHUN,
    chapter_notebook,
    copy_built_project,
    copy_project,
    html_files,
    project_root_env,
    set_cell,
)

#: every test here builds a book (the slow tier)
pytestmark = pytest.mark.book

LONG_TEXT = " ".join(["Peraturan yang sangat panjang untuk diuji"] * 20)  # 859 characters
#: a valid 363-character URL (one word): it used to leave 3 of 15 rows of its table
URL = (
    "https://peraturan.bpk.go.id/Details/"
    + "/".join(f"segmen{i:02d}-peraturan_menteri" for i in range(12))
    + "?unduh=1&format=pdf&versi=terbaru_sekali"
)[:363]
LONG_WORD = "Pertanggungjawaban" * 8  # 144 letters
#: a LaTeX command in data text
COMMAND = r"\input{/etc/passwd} lalu \def\x{y}"
#: the LaTeX sources of both PDFs of the build, read from the editions' kept work folders
TEX: dict[str, str] = {}


@pytest.fixture(scope="module")
def proyek(
    built_book: BuildResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, BuildResult]]:
    """A copy of the session's built project (with its caches) whose "Dasar hukum" table
    holds markup, long text, a long URL, a long word and a LaTeX command, built with both
    PDFs (the chapters that do not read the table come from the cache)."""
    root = copy_built_project(built_book.out_dir, tmp_path_factory.mktemp("andal") / "proyek")
    year = root / "data" / str(TAHUN)
    set_cell("dasar_hukum.csv", 2, "tentang", SPECIAL)(year)
    set_cell("dasar_hukum.csv", 3, "tentang", LONG_TEXT)(year)
    set_cell("dasar_hukum.csv", 7, "tentang", URL)(year)
    set_cell("dasar_hukum.csv", 8, "tentang", LONG_WORD)(year)
    set_cell("dasar_hukum.csv", 9, "tentang", COMMAND)(year)
    with project_root_env(root):
        result = build(TAHUN, progress=None)
    store = PdfCache(root / "_build" / ".cache" / str(TAHUN) / "pdf")
    for edition in EDITIONS:
        latex = store.work(edition) / "out" / "_build" / "latex"
        TEX.update({p.name: p.read_text("utf-8") for p in latex.glob("*.tex")})
    with project_root_env(root):
        yield root, result


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(root: Path) -> list[str]:
    return sorted(
        p.name for p in (root / "_build").iterdir() if p.name.startswith((".tmp-", ".old-"))
    )


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_markup_in_data_is_text_in_html(proyek: tuple[Path, BuildResult]) -> None:
    _, result = proyek
    html = (result.out_dir / "html" / "notebooks" / "bab1_pendahuluan.html").read_text("utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    soup = BeautifulSoup(html, "html.parser")
    cells = [words(td.get_text()) for td in soup.find_all("td")]
    assert SPECIAL in cells  # every character shown literally: & % _ # { } \ ~ ^ $
    assert LONG_TEXT in cells


def test_markup_in_data_is_text_in_pdf(proyek: tuple[Path, BuildResult]) -> None:
    _, result = proyek
    (pdf,) = (result.out_dir / "pdf").glob("LKjIP-*.pdf")  # the official edition
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # a table cell may wrap: compare with all whitespace removed
    assert re.sub(r"\s", "", SPECIAL) in re.sub(r"\s", "", text)
    assert re.sub(r"\s", "", LONG_TEXT) in re.sub(r"\s", "", text)


def test_long_words_lose_no_row_of_a_table(proyek: tuple[Path, BuildResult]) -> None:
    """Issue 17: every row of Tabel "Dasar hukum" is in the PDF, long URL and long word
    included, and nothing runs off the page."""
    root, result = proyek
    (pdf,) = (result.out_dir / "pdf").glob("LKjIP-*.pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext joins a line ending in "-" with the next one: compare without hyphens
    flat = re.sub(r"[\s-]", "", text)
    with (root / "data" / str(TAHUN) / "dasar_hukum.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 15
    for row in rows:
        for column in ("peraturan", "tentang"):
            assert re.sub(r"[\s-]", "", row[column]) in flat, (row["urutan"], column)
    log = (log_folder(pdf.parent) / pdf.with_suffix(".log").name).read_text(
        encoding="utf-8", errors="replace"
    )
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert max(widths, default=0) < 15  # under half a centimetre into the margin


def test_latex_command_in_data_is_text_in_the_tex(proyek: tuple[Path, BuildResult]) -> None:
    _, result = proyek
    assert len(TEX) == 2  # both editions
    for name, tex in TEX.items():
        assert r"\input{/etc/passwd}" not in tex and r"\def\x" not in tex, name
    # the report prints the table (the working paper holds its calculations only)
    (report,) = (tex for name, tex in TEX.items() if name.startswith("LKjIP-"))
    assert r"\textbackslash{}input\{/etc/passwd\}" in report
    (pdf,) = (result.out_dir / "pdf").glob("LKjIP-*.pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert COMMAND in " ".join(text.split())
    assert "root:x:0" not in text


def forget_cache(root: Path) -> None:
    """Clear the cache so that the next build runs its chapters."""
    shutil.rmtree(root / "_build" / ".cache", ignore_errors=True)
    (root / "_build" / str(TAHUN) / "build-key.txt").unlink(missing_ok=True)


def start_build(root: Path) -> subprocess.Popen[str]:
    """``lkjip build`` in a subprocess."""
    env = {**os.environ, config.ROOT: str(root), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "lkjip.cli", "build", "--tahun", str(TAHUN), "--jobs", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_chapters(proc: subprocess.Popen[str], timeout: float = 180) -> list[str]:
    """Read progress until the first chapter has finished (others are still running)."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if re.search(r"\[1/\d+\]", line):  # "[1/<number of chapters>]"
            return lines
    raise AssertionError("build never reached chapter execution:\n" + "".join(lines))


def alive(pids: list[int]) -> list[int]:
    running = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.append(pid)
    return running


def test_sigterm_stops_everything_and_keeps_the_book(proyek: tuple[Path, BuildResult]) -> None:
    root, result = proyek
    forget_cache(root)
    before = snapshot(result.out_dir)
    proc = start_build(root)
    wait_for_chapters(proc)
    children = atomik.descendants(proc.pid)
    assert children, "chapters should be running in child processes"
    assert leftovers(root), "the build works in a staging folder"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Build dihentikan (SIGTERM); buku sebelumnya tidak diubah." in err
    assert "Traceback" not in err
    deadline = time.monotonic() + 10
    while alive(children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive(children) == [], "workers and kernels must stop with the build"
    assert leftovers(root) == []
    assert snapshot(result.out_dir) == before


@contextlib.contextmanager
def broken_chapter(root: Path, chapter: str) -> Iterator[None]:
    """The chapter's 4th cell raises; the notebook is restored afterwards."""
    path = root / "notebooks" / f"{chapter}.ipynb"
    original = path.read_bytes()
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('raise RuntimeError("uji kegagalan bab")'))
    nbformat.write(nb, path)
    try:
        yield
    finally:
        path.write_bytes(original)


def test_sigkill_then_a_failing_chapter(proyek: tuple[Path, BuildResult]) -> None:
    """SIGKILL leaves a staging folder that the next build removes; that build fails in a
    chapter, names it with cell and error, and publishes nothing."""
    root, result = proyek
    forget_cache(root)
    before = snapshot(result.out_dir)
    proc = start_build(root)
    wait_for_chapters(proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    stale = leftovers(root)
    assert stale and all(name.startswith(f".tmp-{TAHUN}-{proc.pid}-") for name in stale)
    assert snapshot(result.out_dir) == before

    with broken_chapter(root, "bab2_perencanaan"):
        forget_cache(root)
        proc = start_build(root)
        out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1, err
    assert "Membersihkan 1 folder sementara dari build yang terputus" in out
    assert "Build gagal; buku sebelumnya tidak diubah." in err
    cell = re.search(r"bab bab2_perencanaan gagal di sel ke-(\d+) \(id ([\w-]+)\)", err)
    assert cell, err
    assert int(cell.group(1)) == 4  # counted in the chapter's own notebook (1-based)
    assert "(RuntimeError): uji kegagalan bab" in err
    assert 'raise RuntimeError("uji kegagalan bab")' in err  # a bug: with its traceback
    assert leftovers(root) == []
    assert snapshot(result.out_dir) == before


def test_failing_chapter_in_process_raises_build_error(proyek: tuple[Path, BuildResult]) -> None:
    """The Python API: BuildError names the chapter; the other chapters' work is gone."""
    from lkjip.errors import BuildError

    root, result = proyek
    before = snapshot(result.out_dir)
    with (
        broken_chapter(root, "lampiran"),
        project_root_env(root),
        pytest.raises(BuildError, match="bab lampiran gagal di sel ke-4"),
    ):
        build(TAHUN, progress=None, pdf_enabled=False)
    assert leftovers(root) == []
    assert snapshot(result.out_dir) == before


def _one_cell(folder: Path, source: str) -> Path:
    return chapter_notebook(folder, [nbformat.v4.new_code_cell(source)])


def test_a_kernel_that_dies_is_a_message(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """A chapter whose Python process dies (out of memory, killed) names the chapter;
    the kernel's own log (start warning, shutdown interrupt) stays out of the output."""
    from lkjip.assemble.notebooks import execute_chapter
    from lkjip.errors import BuildError

    source = _one_cell(tmp_path, "print('jalan')")
    execute_chapter("bab_uji", source, tmp_path / "out.ipynb", {}, tmp_path)
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    # (papermill puts the build's parameters in a cell of their own before it)
    assert out.cells[-1].outputs[0]["text"] == "jalan\n"
    captured = capfd.readouterr()
    assert "IPKernelApp" not in captured.err + captured.out
    source = _one_cell(tmp_path, "import os\nos._exit(1)")
    with pytest.raises(BuildError, match="^bab bab_uji gagal: proses Python bab berhenti"):
        execute_chapter("bab_uji", source, tmp_path / "out.ipynb", {}, tmp_path)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_same_inputs_give_the_same_book(
    built_book: BuildResult, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """ledger.csv, reviu.csv and every HTML file are byte-identical across two builds in
    two checkouts. The build time (the stamp area) is only in stamp.json.

    The second build is HTML-only, over a copy of the first (full) book: with the same
    inputs it keeps that book's PDFs and logs, and its HTML links to them as the full
    build's does. After a data change, an HTML-only build moves the PDFs, no longer
    current, to pdf-lama/ and its HTML links to no PDF."""
    root = copy_project(tmp_path_factory.mktemp("ulang"))
    book = root / "_build" / str(TAHUN)
    shutil.copytree(built_book.out_dir, book)
    pdfs, logs = _files(built_book.out_dir / "pdf"), _files(built_book.out_dir / "log")
    assert len(pdfs) == 2 and len(logs) == 2
    with project_root_env(root):
        again = build(TAHUN, progress=None, pdf_enabled=False)
    assert _files(book / "pdf") == pdfs and _files(book / "log") == logs
    for name in ("ledger.csv", "reviu.csv"):
        assert (again.out_dir / name).read_bytes() == (built_book.out_dir / name).read_bytes()

    first, second = html_files(built_book.out_dir), html_files(again.out_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    for page in ("notebooks/sampul.html", "kertas_kerja/index.html"):
        assert all(f'../unduh/{name}"'.encode() in second[page] for name in pdfs), page
    assert {n for n in second if n.startswith("unduh/")} == {f"unduh/{n}" for n in pdfs} | {
        "unduh/ledger.csv"
    }

    set_cell("sejarah.csv", 3, "peristiwa", "Dinas Keimigrasian")(root / "data" / str(TAHUN))
    messages: list[str] = []
    with project_root_env(root):
        build(TAHUN, progress=messages.append, pdf_enabled=False)
    assert not (book / "pdf").exists() and not (book / "log").exists()
    assert _files(book / "pdf-lama") == pdfs | logs
    assert any("tidak mutakhir" in m and "pdf-lama/" in m for m in messages)
    pages = html_files(book)
    linked = (b"pdf/LKjIP", b"pdf/Kertas", b"unduh/LKjIP", b"unduh/Kertas")
    assert not [n for n, page in pages.items() if any(link in page for link in linked)]
    # html/ holds no PDF it does not link to, and the ledger it does
    assert [n for n in pages if n.startswith("unduh/")] == ["unduh/ledger.csv"]
    for page in ("notebooks/sampul.html", "kertas_kerja/index.html"):
        assert "PDF tidak dibuat dari masukan ini" in pages[page].decode(), page
    moments = {
        json.loads((r.out_dir / "stamp.json").read_text())["tanggal_build"]
        for r in (built_book, again)
    }
    assert len(moments) == 2  # two builds, two times: only in stamp.json
    for moment in moments:
        assert not any(moment.encode() in content for content in first.values())
