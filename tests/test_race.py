"""A build racing with ``lkjip import`` or ``lkjip init`` (issue: integrity).

Import and build run as separate processes at the same time, many times, with the
start of the import varied against the build. Whatever the interleaving, the published
book shows the data whose hashes its stamp lists (the bytes the build read), and the
next build, with nothing running beside it, shows the data on disk: no chapter is
served from the cache for inputs other than the ones it ran on.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .helpers import TAHUN, copy_project

pytestmark = pytest.mark.book

TABLE = "data/2023/sejarah.csv"


def _cli(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "LKJIP_ROOT": str(root)}
    return subprocess.Popen(
        [sys.executable, "-m", "lkjip.cli", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _done(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=900)
    assert process.returncode == 0, out + err
    return out + err


def _variant(source: Path, target: Path, marker: str) -> Path:
    """The exported workbook with the first event of ``sejarah`` ending in ``marker``."""
    book = load_workbook(source)
    sheet = book["sejarah"]
    column = [c.value for c in sheet[1]].index("peristiwa") + 1
    cell = sheet.cell(row=2, column=column)
    cell.value = f"{cell.value} {marker}"
    book.save(target)
    return target


def _published(root: Path) -> tuple[str, str]:
    """(the hash the stamp lists for the table, the marker BAB I's HTML shows)."""
    book = root / "_build" / str(TAHUN)
    stamp = json.loads((book / "stamp.json").read_text(encoding="utf-8"))
    html = (book / "html" / "notebooks" / "bab1_pendahuluan.html").read_text(encoding="utf-8")
    shown = [m for m in ("PENANDA-A", "PENANDA-B") if m in html]
    return stamp["berkas_masukan"][TABLE], ",".join(shown)


def _marker_of(data: bytes) -> str:
    return ",".join(m for m in ("PENANDA-A", "PENANDA-B") if m.encode() in data)


def test_import_racing_a_build_never_publishes_or_caches_a_mix(built_project: Path) -> None:
    root = built_project  # built already: the first build runs only what the import changed
    exported = root / "buku.xlsx"
    _done(_cli(root, "export", "--tahun", str(TAHUN), "--out", str(exported)))
    variants = {
        "PENANDA-A": _variant(exported, root / "a.xlsx", "PENANDA-A"),
        "PENANDA-B": _variant(exported, root / "b.xlsx", "PENANDA-B"),
    }
    _done(_cli(root, "import", str(variants["PENANDA-A"]), "--tahun", str(TAHUN)))
    _done(_cli(root, "build", "--tahun", str(TAHUN), "--html-only"))
    seen_by_hash: dict[str, str] = {}
    for round_, delay in enumerate((0.0, 0.3, 1.0, 2.5, 5.0)):
        marker = "PENANDA-B" if round_ % 2 == 0 else "PENANDA-A"
        build = _cli(root, "build", "--tahun", str(TAHUN), "--html-only")
        time.sleep(delay)
        # both variants edit one cell of one export: the second to come overwrites the first
        importer = _cli(root, "import", str(variants[marker]), "--tahun", str(TAHUN), "--overwrite")
        _done(importer)
        _done(build)
        digest, shown = _published(root)
        # the book shows the data the stamp names: one of the two variants, never a mix
        assert shown in variants, (round_, shown)
        assert seen_by_hash.setdefault(digest, shown) == shown, round_
        # the next build sees the disk as it is now: no stale chapter, no stale stamp
        _done(_cli(root, "build", "--tahun", str(TAHUN), "--html-only"))
        on_disk = (root / TABLE).read_bytes()
        assert _published(root) == (hashlib.sha256(on_disk).hexdigest(), _marker_of(on_disk))
        assert _marker_of(on_disk) == marker


def test_two_inits_at_once_create_each_table_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = copy_project(tmp_path_factory.mktemp("init"))
    args = ("init", "--tahun", "2030", "--satker", "Kantor Uji", "--data-dir", "data-uji")
    first, second = _cli(root, *args), _cli(root, *args)
    outputs = [_done(first), _done(second)]
    created = [int(o.split(" tabel dibuat")[0].rsplit(" ", 1)[-1]) for o in outputs]
    tables = len(list((root / "data-uji" / "2030").glob("*.csv")))
    assert sum(created) == tables, outputs
    assert sorted(created)[0] == 0
