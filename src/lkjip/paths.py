"""Where things live. Every path the package uses is derived here."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lkjip import config


def is_project(folder: Path) -> bool:
    """Whether ``folder`` is a project: the book's configuration, its chapters and data
    (this repository, or an office project made by ``lkjip init --dir``)."""
    return (
        (folder / "_config.yml").is_file()
        and (folder / "notebooks").is_dir()
        and (folder / "data").is_dir()
    )


def checkout() -> Path | None:
    """The development checkout the package is imported from (``src/lkjip`` of a clone
    of the repository); None for an installed package."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and is_project(parent):
            return parent
    return None


def find_project() -> Path | None:
    """The project to work in: ``$LKJIP_ROOT``, else the nearest project at or above the
    current folder, else the development checkout; None when there is none."""
    env = os.environ.get(config.ROOT)
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return checkout()


def project_root() -> Path:
    """The project root (:func:`find_project`), or the current folder when there is none."""
    return find_project() or Path.cwd().resolve()


@contextlib.contextmanager
def use_root(root: Path) -> Iterator[Path]:
    """Work in the project ``root`` for the duration (sets ``$LKJIP_ROOT``)."""
    old = os.environ.get(config.ROOT)
    os.environ[config.ROOT] = str(root.resolve())
    try:
        yield root.resolve()
    finally:
        if old is None:
            os.environ.pop(config.ROOT, None)
        else:
            os.environ[config.ROOT] = old


def data_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data"


def metadata_dir(data: Path) -> Path:
    return data / "metadata"


def year_dir(data: Path, tahun: int) -> Path:
    return data / str(tahun)


#: a data folder's assets: the office's emblem for the PDF cover
ASSETS = "aset"
#: the emblem's file names, in the order they are looked for
EMBLEM = ("lambang.png", "lambang.jpg", "lambang.pdf")


def emblem_files(data: Path) -> list[Path]:
    """Where a data folder's emblem may be (a build reads the first that exists)."""
    return [data / ASSETS / name for name in EMBLEM]


#: the folder of every build output, in the project
BUILD = "_build"

#: the project's configuration files a build reads, at its root
CONFIG_FILES = ("_config.yml", "_toc.yml", "parameters.yml")
#: folders of the project holding its sources (code, book sources, chapters, history)
SOURCE_FOLDERS = ("book", "notebooks", "src", ".git")


def default_metadata_dir(root: Path | None = None) -> Path:
    """The canonical table metadata: ``data/metadata/`` of the project.

    ``lkjip init`` copies it into a new data folder (another office's), so every
    data folder carries the metadata it was validated with.
    """
    return metadata_dir(data_dir(root))


@dataclass(frozen=True)
class Output:
    """Where one book is built: the book folder ``parent/name`` and, beside it, its
    chapter cache (``parent/.cache/name``), lock (``parent/.lock-name``) and staging
    folders (``parent/.tmp-name-*``). Two books never share any of them."""

    parent: Path
    name: str

    @property
    def book(self) -> Path:
        return self.parent / self.name

    @property
    def cache_root(self) -> Path:
        """Caches shared by the books of ``parent`` (the offline Vega bundle)."""
        return self.parent / ".cache"

    @property
    def cache(self) -> Path:
        """The chapter cache of this book."""
        return self.cache_root / self.name


def output(tahun: int, data: Path | None = None, root: Path | None = None) -> Output:
    """Where the book of ``tahun`` built from the data folder ``data`` goes.

    The project's own ``data/`` builds into ``_build/<tahun>``; any other data folder
    into ``_build/<its path in the project>/<tahun>``, so the books of two offices
    (two data folders) never replace each other.
    """
    base = (root or project_root()).resolve()
    default = data_dir(base)
    if data is None or data.resolve() == default.resolve():
        return Output(base / BUILD, str(tahun))
    relative = data.resolve().relative_to(base)
    return Output(base / BUILD / relative, str(tahun))


def build_dir(tahun: int, root: Path | None = None, data: Path | None = None) -> Path:
    """The book folder of ``tahun`` built from ``data`` (default: the project's ``data/``)."""
    return output(tahun, data, root).book


#: the package's folder of national reference tables, one folder per year
#: (``rujukan/<tahun>/<tabel>.csv``; :mod:`lkjip.data.national`)
RUJUKAN = "rujukan"
#: how a file shipped with the package is named in messages, ledgers and stamps
PACKAGE = "lkjip:"


_PACKAGE_DIR = Path(__file__).resolve().parent


def rujukan_dir() -> Path:
    """The national reference tables shipped with the package (wherever it is installed)."""
    return _PACKAGE_DIR / RUJUKAN


def shipped_name(path: Path) -> str | None:
    """``lkjip:rujukan/2023/renstra_target.csv`` for a file of :func:`rujukan_dir`, the
    same wherever the package is installed; None for any other file."""
    key = Path(os.path.abspath(path))
    shipped = rujukan_dir()
    if not key.is_relative_to(shipped):
        return None
    return PACKAGE + Path(RUJUKAN, key.relative_to(shipped)).as_posix()


def display_path(path: Path, root: Path | None = None) -> str:
    """``path`` relative to the project root when inside it (for messages and ledgers);
    a file shipped with the package by its :func:`shipped_name`."""
    shipped = shipped_name(path)
    if shipped is not None:
        return shipped
    base = root or project_root()
    # the path as reached first (a symbolic link is shown where it is, not where it leads)
    for candidate in (Path(os.path.abspath(path)), path):
        try:
            if candidate is path:
                candidate = path.resolve()
            return candidate.relative_to(base).as_posix()
        except (ValueError, RuntimeError, OSError):  # outside; a loop of symbolic links
            continue
    return path.as_posix()


def data_folder_of(path: Path, root: Path, known: tuple[Path, ...] = ()) -> Path | None:
    """The data folder ``path`` lies in (or is): a folder of the project holding a
    ``metadata`` folder, or one of ``known``; None when it lies in none."""
    folders = {Path(os.path.abspath(k)) for k in known}
    for folder in (path, *path.parents):
        if not folder.is_relative_to(root) or folder == root:
            return None
        if folder in folders or metadata_dir(folder).is_dir():
            return folder
    return None


def book_files(root: Path | None = None) -> list[Path]:
    """The book's own inputs besides data: configuration, chapter notebooks, ``book/``."""
    base = root or project_root()
    files = [base / name for name in CONFIG_FILES]
    files += sorted((base / "notebooks").glob("*.ipynb"))
    files += sorted(p for p in (base / "book").rglob("*") if p.is_file())
    return [f for f in files if f.is_file()]


#: where an installed package keeps its copy of the project template (made by setup.py)
TEMPLATE = "_proyek"


def template_files(root: Path | None = None) -> list[Path]:
    """The files of the project at ``root`` that form a new office's project (``lkjip
    init --dir``): the book's own files (:func:`book_files`) and the table metadata
    (:func:`default_metadata_dir`); never a year's data. The one definition: setup.py
    copies these into the package, and init copies them into the new project."""
    base = root or project_root()
    metadata = sorted(p for p in default_metadata_dir(base).glob("*.yaml") if p.is_file())
    return [*book_files(base), *metadata]


def template_root() -> Path | None:
    """Where a new office's project is copied from: the installed package's copy
    (``lkjip/_proyek``), or in a development checkout the repository itself."""
    installed = Path(__file__).resolve().parent / TEMPLATE
    if (installed / "_config.yml").is_file():
        return installed
    return checkout()
