"""Build the book once per test session, in a copy of the project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("_config.yml", "_toc.yml", "parameters.yml", "pyproject.toml")
PROJECT_DIRS = ("book", "notebooks", "data")


def copy_project(target: Path) -> Path:
    """A copy of what a build reads (no .venv, no _build)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, target / name)
    return target


class project_root_env:
    """Context manager pointing lkjip at another project root (LKJIP_ROOT)."""

    def __init__(self, root: Path):
        self.root = root
        self.old: str | None = None

    def __enter__(self) -> Path:
        self.old = os.environ.get("LKJIP_ROOT")
        os.environ["LKJIP_ROOT"] = str(self.root)
        return self.root

    def __exit__(self, *exc: object) -> None:
        if self.old is None:
            os.environ.pop("LKJIP_ROOT", None)
        else:
            os.environ["LKJIP_ROOT"] = self.old


def html_files(out_dir: Path) -> dict[str, bytes]:
    """Every file of a built book's HTML, by relative path (for byte comparisons)."""
    html = out_dir / "html"
    return {p.relative_to(html).as_posix(): p.read_bytes() for p in html.rglob("*") if p.is_file()}
