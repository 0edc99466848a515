"""Reproducibility stamp: what exactly produced a book."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from lkjip import __version__, paths
from lkjip.data.dataset import Dataset

PACKAGES = (
    "lkjip",
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "papermill",
    "nbclient",
    "pandas",
    "pandera",
    "altair",
    "vl-convert-python",
    "babel",
)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def collect(ds: Dataset, parameters: dict, root: Path | None = None) -> dict:
    """The stamp of a build of ``ds`` (sorted, JSON-ready)."""
    root = root or paths.project_root()
    commit, status = git_state(root)
    inputs = [p for p in [*ds.input_files(), *paths.book_files(root)] if p.is_file()]
    files = {paths.display_path(p, root): sha256(p) for p in inputs}
    return {
        "lkjip": __version__,
        "tanggal_build": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "git_commit": commit or "tidak diketahui (bukan repositori git)",
        "git_berubah": bool(status) if status is not None else None,
        # paths relative to the project, so that the stamp does not depend on the checkout
        "parameter": {
            key: paths.display_path(Path(value), root) if key == "data_dir" else str(value)
            for key, value in sorted(parameters.items())
        },
        "python": platform.python_version(),
        "paket": {name: _version(name) for name in PACKAGES},
        "berkas_masukan": dict(sorted(files.items())),
    }


#: the only field that differs between two builds of the same inputs (the stamp area)
WAKTU = "tanggal_build"


def without_time(stamp: dict) -> dict:
    """The stamp a chapter shows: everything but the build time (kept in stamp.json)."""
    return {key: value for key, value in stamp.items() if key != WAKTU}


def read(path: str | Path) -> dict:
    """Read a stamp in a chapter (recorded as an input of the chapter)."""
    from lkjip.data.reads import catat

    catat("berkas", paths.display_path(Path(path)))
    return json.loads(Path(path).read_text(encoding="utf-8"))


def git_state(root: Path) -> tuple[str | None, str | None]:
    """(commit, uncommitted changes) of the checkout; None outside git."""
    return _git(root, "rev-parse", "HEAD"), _git(
        root, "status", "--porcelain", "--untracked-files=no"
    )


def dumps(stamp: dict) -> str:
    return json.dumps(stamp, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write(stamp: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(stamp), encoding="utf-8")
    return path
