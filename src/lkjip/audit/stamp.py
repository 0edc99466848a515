"""Reproducibility stamp: what exactly produced a book."""

from __future__ import annotations

import datetime as dt
import json
import platform
from pathlib import Path

import pandas as pd

from lkjip import __version__, paths
from lkjip.audit import provenance
from lkjip.data.dataset import Dataset
from lkjip.data.reads import record


def collect(
    ds: Dataset,
    parameters: dict,
    root: Path | None = None,
    origin: provenance.Origin | None = None,
) -> dict:
    """The stamp of a build of ``ds`` (sorted, JSON-ready). ``origin``: what git says of
    the project (:func:`lkjip.audit.provenance.origin`; None: asked here)."""
    root = root or paths.project_root()
    # the hashes of the bytes the build read (the dataset's snapshot), not of the disk now
    inputs = [*ds.input_files(), *paths.book_files(root)]
    files = {paths.display_path(p, root): ds.sha256(p) for p in inputs}
    if origin is None:
        origin = provenance.origin(root, inputs)
    # an input git has not committed as it is (untracked, ignored, changed) is a change too
    uncommitted = origin.uncommitted_of(files)
    known = uncommitted is not None
    return {
        "lkjip": __version__,
        "tanggal_build": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "git_commit": origin.commit or TIDAK_DIKETAHUI,
        "git_berubah": (bool(origin.status) or bool(uncommitted)) if known else None,
        "git_masukan_belum_dicommit": uncommitted,
        # paths relative to the project, so that the stamp does not depend on the checkout
        "parameter": {
            key: paths.display_path(Path(value), root) if key == "data_dir" else str(value)
            for key, value in sorted(parameters.items())
        },
        "python": platform.python_version(),
        "paket": provenance.package_versions(),
        "berkas_masukan": dict(sorted(files.items())),
    }


#: what the stamp says of git outside a git repository
TIDAK_DIKETAHUI = "tidak diketahui (bukan repositori git)"
_YA_TIDAK = {True: "ya", False: "tidak"}


def _parameter_text(key: str, value: str) -> str:
    """A parameter as the working paper prints it: the draft switch in words (the
    stamp's JSON keeps Python's ``True``/``False``)."""
    if key == "draft" and value in ("True", "False"):
        return _YA_TIDAK[value == "True"]
    return value


#: the only field that differs between two builds of the same inputs (the stamp area)
WAKTU = "tanggal_build"


def without_time(stamp: dict) -> dict:
    """The stamp a chapter shows: everything but the build time (kept in stamp.json)."""
    return {key: value for key, value in stamp.items() if key != WAKTU}


def read(path: str | Path) -> dict:
    """Read a stamp in a chapter (recorded as an input of the chapter)."""
    record("file", paths.display_path(Path(path)))
    return json.loads(Path(path).read_text(encoding="utf-8"))


def dumps(stamp: dict) -> str:
    return json.dumps(stamp, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write(stamp: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(stamp), encoding="utf-8")
    return path


def tables(stamp: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(general facts, input file hashes) of a reproducibility stamp."""
    uncommitted = stamp.get("git_masukan_belum_dicommit")
    facts = [
        ("Versi lkjip", stamp["lkjip"]),
        ("Commit git", stamp["git_commit"]),
        (
            "Ada perubahan belum di-commit",
            _YA_TIDAK.get(stamp["git_berubah"], TIDAK_DIKETAHUI),
        ),
        (
            "Berkas masukan belum di-commit",
            TIDAK_DIKETAHUI
            if uncommitted is None
            else f"{len(uncommitted)} (berkas atau folder berikut)"
            if uncommitted
            else "tidak ada",
        ),
    ]
    # what git says of each, as git groups them (an untracked data folder is one entry)
    facts += [(f"Belum di-commit: {path}", text) for path, text in (uncommitted or {}).items()]
    facts += [("Python", stamp["python"])]
    facts += [(f"Parameter {k}", _parameter_text(k, v)) for k, v in stamp["parameter"].items()]
    facts += [(f"Paket {k}", v) for k, v in stamp["paket"].items()]
    general = pd.DataFrame(facts, columns=["Butir", "Nilai"])
    files = pd.DataFrame(sorted(stamp["berkas_masukan"].items()), columns=["Berkas", "SHA-256"])
    return general, files
