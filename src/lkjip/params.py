"""Book parameters: defaults from ``parameters.yml``, checks for every run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lkjip import paths
from lkjip.errors import ParameterError

TAHUN_MIN, TAHUN_MAX = 2000, 2100
PARAMETERS_FILE = "parameters.yml"


def defaults(root: Path | None = None) -> dict:
    path = (root or paths.project_root()) / PARAMETERS_FILE
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def check_tahun(value: object) -> int:
    """``tahun`` as an int in range, or ParameterError."""
    if isinstance(value, bool):
        raise ParameterError(f"tahun harus bilangan bulat, bukan '{value}'")
    try:
        tahun = int(str(value).strip())
    except ValueError:
        raise ParameterError(f"tahun harus bilangan bulat, bukan '{value}'") from None
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ParameterError(f"tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}, bukan {tahun}")
    return tahun


def default_tahun(root: Path | None = None) -> int:
    value = defaults(root).get("tahun")
    if value is None:
        raise ParameterError(f"tahun tidak diberikan dan tidak ada di {PARAMETERS_FILE}")
    return check_tahun(value)


def check_data_dir(value: str | Path | None, root: Path | None = None) -> Path:
    """The data folder: inside the project, with a metadata subfolder.

    A folder outside the project is refused: a book must be rebuildable from its
    own checkout, and the stamp records data paths relative to the project.
    """
    base = (root or paths.project_root()).resolve()
    if value in (None, ""):
        return paths.data_dir(base)
    path = Path(value)
    path = (path if path.is_absolute() else base / path).resolve()
    if not path.is_relative_to(base):
        raise ParameterError(
            f"folder data harus berada di dalam folder proyek {base}, bukan {path}"
        )
    if not (path / "metadata").is_dir():
        raise ParameterError(f"folder data tidak valid: {path} (tidak ada subfolder metadata)")
    return path


@dataclass(frozen=True)
class Parameters:
    tahun: int
    data_dir: Path
    satker: str | None = None


def resolve(
    tahun: object = None, data_dir: str | Path | None = None, satker: str | None = None
) -> Parameters:
    """Fill in defaults and check every parameter."""
    year = default_tahun() if tahun in (None, "") else check_tahun(tahun)
    return Parameters(tahun=year, data_dir=check_data_dir(data_dir), satker=satker or None)
