"""The house rules of the package: one source of truth for shared facts."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lkjip import config
from lkjip.assemble import cache, staging
from lkjip.audit import provenance
from lkjip.domain import formatting as fmt
from lkjip.domain.teks import slug
from lkjip.render import chart_png
from lkjip.render.myst import BELUM, kotak_belum

from .helpers import ROOT

#: seconds the processes of the process-tree test would live if not stopped
SLEEP = 30


def test_month_names_and_number_symbols_come_from_babel() -> None:
    assert fmt.BULAN[0] == "Januari" and fmt.BULAN[7] == "Agustus"
    assert fmt.BULAN_SINGKAT[7] == "Agu"  # one abbreviation for tables and charts
    assert chart_png.LOCALE_WAKTU["shortMonths"] == list(fmt.BULAN_SINGKAT)
    assert chart_png.LOCALE_WAKTU["days"][0] == "Minggu"  # d3 starts the week on Sunday
    assert (chart_png.LOCALE_ANGKA["decimal"], chart_png.LOCALE_ANGKA["thousands"]) == (",", ".")


def test_missing_data_is_named_the_same_everywhere() -> None:
    assert fmt.BELUM_TERSEDIA in BELUM
    assert kotak_belum().startswith(":::{admonition} Data belum tersedia")


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("Sarana/ Prasarana", {}, "sarana_prasarana"),
        (
            "Dukungan Manajemen dan Teknis Lainnya Ditjen Imigrasi",
            {},
            "dukungan_manajemen_dan_teknis_lainnya",
        ),
        ("Penerimaan Negara Bukan Pajak (PNBP)", {}, "penerimaan_negara_bukan_pajak_pnbp"),
        (
            "Kantor Imigrasi Kelas I TPI Bandung",
            {"separator": "-", "words": None, "lower": False},
            "Kantor-Imigrasi-Kelas-I-TPI-Bandung",
        ),
        (
            "Surakarta — Jawa Tengah",
            {"separator": "-", "words": None, "lower": False},
            "Surakarta-Jawa-Tengah",
        ),
    ],
)
def test_one_slug_for_figure_ids_and_file_names(text: str, options: dict, expected: str) -> None:
    assert slug(text, **options) == expected


def test_file_hash_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"abc")
    assert provenance.file_sha256(path) == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert provenance.file_sha256(tmp_path / "absent.csv") == provenance.MISSING


def test_the_build_key_covers_the_book_toolchain(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new jupyter-book, Sphinx or myst-nb changes the code version, so the
    no-change shortcut and the chapter cache cannot serve a stale book."""
    assert {"jupyter-book", "sphinx", "myst-nb"} <= set(config.OUTPUT_PACKAGES)
    cache.code_version.cache_clear()
    before = cache.code_version()
    installed = provenance.package_versions()
    try:
        for name in ("jupyter-book", "sphinx", "myst-nb"):
            monkeypatch.setattr(
                provenance, "package_versions", lambda name=name: {**installed, name: "0.0"}
            )
            cache.code_version.cache_clear()
            assert cache.code_version() != before, name
    finally:
        monkeypatch.undo()
        cache.code_version.cache_clear()


@pytest.mark.integration
def test_descendants_finds_grandchildren() -> None:
    """The process tree (psutil): a child and the grandchild it started."""
    sleeper = f"import time; time.sleep({SLEEP})"
    script = (
        f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {sleeper!r}]); "
        f"time.sleep({SLEEP})"
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        found: list[int] = []
        for _ in range(200):  # until the child has started its own child
            found = staging.descendants(child.pid)
            if found:
                break
            time.sleep(0.05)
        assert len(found) == 1
        assert set(staging.descendants(os.getpid())) >= {child.pid, *found}
    finally:
        for pid in [*staging.descendants(child.pid), child.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        child.wait()
    assert staging.descendants(child.pid) == []


def test_configuration_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.KEEP_STAGING, "1")
    assert config.flag(config.KEEP_STAGING)
    monkeypatch.setenv(config.KEEP_STAGING, "0")
    assert not config.flag(config.KEEP_STAGING)
    monkeypatch.delenv(config.KEEP_STAGING)
    assert not config.flag(config.KEEP_STAGING)


def test_every_environment_variable_is_documented() -> None:
    names = {v for k, v in vars(config).items() if k.isupper() and str(v).startswith("LKJIP_")}
    assert config.ROOT in names
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert {n for n in names if f"| `{n}` |" not in doc} == set()
    # and the table names no variable lkjip no longer reads
    assert set(re.findall(r"^\| `(LKJIP_\w+)` \|", doc, re.MULTILINE)) == names


def test_test_modules_share_helpers_only_through_helpers() -> None:
    """Shared test code lives in tests/helpers.py (and synthetic.py), never imported
    from another test module."""
    crossing = [
        f"{path.name}: {line.strip()}"
        for path in sorted((ROOT / "tests").glob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith(("from .test_", "from tests.test_", "import tests.test_"))
    ]
    assert crossing == []
