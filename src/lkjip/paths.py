"""Where things live. Every path the package uses is derived here."""

from __future__ import annotations

import os
from pathlib import Path

from lkjip import config


def project_root() -> Path:
    """The project root: ``$LKJIP_ROOT`` or the checkout this package lives in."""
    env = os.environ.get(config.ROOT)
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "data").is_dir():
            return parent
    return Path.cwd().resolve()


def data_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data"


def metadata_dir(data: Path) -> Path:
    return data / "metadata"


def year_dir(data: Path, tahun: int) -> Path:
    return data / str(tahun)


def build_dir(tahun: int, root: Path | None = None) -> Path:
    return (root or project_root()) / "_build" / str(tahun)


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to the project root when inside it (for messages and ledgers)."""
    base = root or project_root()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def book_files(root: Path | None = None) -> list[Path]:
    """The book's own inputs besides data: configuration, chapter notebooks, ``book/``."""
    base = root or project_root()
    files = [base / name for name in ("_config.yml", "_toc.yml", "parameters.yml")]
    files += sorted((base / "notebooks").glob("*.ipynb"))
    files += sorted(p for p in (base / "book").rglob("*") if p.is_file())
    return [f for f in files if f.is_file()]
