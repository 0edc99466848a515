"""Packaging step of setuptools (the rest is in pyproject.toml): the wheel carries a copy
of the office project template, so that ``lkjip init --dir`` works from an installed
package. The files are the ones :func:`lkjip.paths.template_files` names (the book's
configuration, chapter notebooks, ``book/`` and the table metadata; never a year's data),
copied into ``lkjip/_proyek/`` with their paths in the project. MANIFEST.in puts the same
files into the sdist, so a wheel built from the sdist has them too.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _template_files() -> list[Path]:
    sys.path.insert(0, str(HERE / "src"))
    try:
        from lkjip import paths  # stdlib only: importable before the dependencies exist

        return paths.template_files(HERE)
    finally:
        sys.path.remove(str(HERE / "src"))


class BuildWithTemplate(build_py):
    """build_py, plus the project template copied into ``lkjip/_proyek``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # a development checkout takes the template from the repository itself
        target = Path(self.build_lib) / "lkjip" / "_proyek"
        shutil.rmtree(target, ignore_errors=True)
        for path in _template_files():
            copy = target / path.relative_to(HERE)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)


setup(cmdclass={"build_py": BuildWithTemplate})
