"""`make system-deps` (run by `make test` and `make book`) never runs sudo or apt-get when
every Debian package is there, however dpkg reports it or Chromium's package is named."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import ROOT

MAKE = shutil.which("make")
#: test tier (tests/conftest.py): integration, it runs make in subprocesses
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(MAKE is None, reason="make is not installed"),
]


def _packages() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(r"^DEB_PACKAGES := (.+)$", text, re.M)
    assert found, "Makefile has no DEB_PACKAGES"
    return found[1].split()


def _script(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)


def _system_deps(tmp_path: Path, status: dict[str, str], commands: list[str]) -> list[str]:
    """Run `make system-deps` as a user (uid 1000) on a PATH of stand-ins: `dpkg-query`
    answers `status` (a package not in it is unknown to dpkg), `commands` exist, and
    `sudo` and `apt-get` only write their arguments to a log. Returns the log's lines."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    cases = "".join(f'  *" {p}") printf "%s" "{s}"; exit 0;;\n' for p, s in status.items())
    _script(bin_dir / "dpkg-query", f'case "$*" in\n{cases}esac\nexit 1\n')
    _script(bin_dir / "id", "echo 1000\n")
    for name in ("sudo", "apt-get"):
        _script(bin_dir / name, f'echo "{name} $*" >> "{log}"\n')
    for name in commands:
        _script(bin_dir / name, "exit 0\n")
    done = subprocess.run(
        [MAKE, "-s", "-C", str(ROOT), "system-deps"],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_every_package_installed_runs_nothing_as_root(tmp_path: Path) -> None:
    packages = _packages()
    status = dict.fromkeys(packages, "install ok installed")
    status[packages[0]] = "deinstall ok installed"  # marked for removal, still installed
    status[packages[1]] = "hold ok installed"
    assert _system_deps(tmp_path, status, ["chromium", "chromedriver"]) == []


def test_chromium_from_another_package_runs_nothing_as_root(tmp_path: Path) -> None:
    """Ubuntu's chromium-browser and chromium-chromedriver give the commands the browser
    tests use; dpkg knows neither `chromium` nor `chromium-driver`."""
    status = {p: "install ok installed" for p in _packages() if not p.startswith("chromium")}
    assert _system_deps(tmp_path, status, ["chromium-browser", "chromedriver"]) == []


def test_a_removed_package_is_installed(tmp_path: Path) -> None:
    """The check can fail: a package whose configuration files alone are left is
    installed with apt-get, through sudo."""
    packages = _packages()
    status = dict.fromkeys(packages, "install ok installed")
    status["poppler-utils"] = "deinstall ok config-files"
    calls = _system_deps(tmp_path, status, ["chromium", "chromedriver"])
    assert calls == [
        "sudo apt-get update -qq",
        "sudo apt-get install -y -qq --no-install-recommends poppler-utils",
    ]
