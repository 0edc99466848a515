"""Book parameters: defaults from ``parameters.yml``, checks for every run."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from lkjip import paths
from lkjip.errors import ParameterError, visible

#: the range a typed year is accepted in (a guard against typos such as 203 or 20233),
#: not a year the code assumes
TAHUN_MIN, TAHUN_MAX = 2000, 2100
PARAMETERS_FILE = "parameters.yml"


def defaults(root: Path | None = None) -> dict:
    path = (root or paths.project_root()) / PARAMETERS_FILE
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


#: a year as typed: ASCII digits only (``int`` also takes ``२०२३``, ``+2023``, ``2_023``)
_DIGITS = re.compile(r"[0-9]+")


def check_tahun(value: object) -> int:
    """``tahun`` as an int in range, or ParameterError. Written with the digits 0-9 only."""
    if isinstance(value, bool):
        raise ParameterError(f"tahun harus bilangan bulat, bukan '{value}'")
    text = str(value).strip()
    if not isinstance(value, int) and not _DIGITS.fullmatch(text):
        digits = any(c.isdigit() for c in text) and all(c.isdigit() for c in text)
        hint = " dengan angka 0-9" if digits else ""
        raise ParameterError(f"tahun harus bilangan bulat{hint}, bukan '{visible(text)}'")
    tahun = int(text)
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ParameterError(f"tahun harus antara {TAHUN_MIN} dan {TAHUN_MAX}, bukan {tahun}")
    return tahun


def default_tahun(root: Path | None = None) -> int:
    value = defaults(root).get("tahun")
    if value is None:
        raise ParameterError(f"tahun tidak diberikan dan tidak ada di {PARAMETERS_FILE}")
    return check_tahun(value)


def _resolve(path: Path) -> Path:
    """``path`` made absolute with its symbolic links followed; a loop of symbolic
    links is a ParameterError (Python raises RuntimeError or OSError)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        raise ParameterError(
            f"{path}: tautan simbolik berputar (menunjuk ke dirinya sendiri atau ke tautan "
            "lain yang kembali ke sini); ganti dengan folder biasa"
        ) from None


def check_data_dir(value: str | Path | None, root: Path | None = None) -> Path:
    """The data folder: inside the project, with a metadata subfolder.

    A folder outside the project is refused: a book must be rebuildable from its
    own checkout, and the stamp records data paths relative to the project.
    """
    base = (root or paths.project_root()).resolve()
    if value in (None, ""):
        return paths.data_dir(base)
    path = Path(value)
    path = _resolve(path if path.is_absolute() else base / path)
    if not path.is_relative_to(base):
        raise ParameterError(
            f"folder data harus berada di dalam folder proyek {base}, bukan {path}"
        )
    if not (path / "metadata").is_dir():
        raise ParameterError(f"folder data tidak valid: {path} (tidak ada subfolder metadata)")
    return path


def check_new_data_dir(value: str | Path | None, root: Path | None = None) -> Path:
    """A data folder ``lkjip init`` may prepare: an existing data folder, or a folder
    inside the project that does not exist yet or is empty (it gets the metadata)."""
    base = (root or paths.project_root()).resolve()
    if value in (None, ""):
        return paths.data_dir(base)
    path = Path(value)
    path = _resolve(path if path.is_absolute() else base / path)
    if path.is_dir() and (path / "metadata").is_dir():
        return check_data_dir(path, base)
    if not path.is_relative_to(base) or path == base:
        raise ParameterError(
            f"folder data harus berada di dalam folder proyek {base}, bukan {path}"
        )
    if path.exists() and not (path.is_dir() and not any(path.iterdir())):
        raise ParameterError(
            f"{paths.display_path(path, base)} sudah ada tetapi bukan folder data "
            "(tidak ada subfolder metadata); pilih folder baru"
        )
    return path


def output_refusal(path: Path, root: Path, data_dirs: tuple[Path, ...] = ()) -> str | None:
    """Why no command may write an output at ``path`` (Indonesian), or None.

    The one rule of every command's outputs: never inside a data folder (tables,
    metadata, images, the workbook: the book's inputs), the project's sources
    (``book/``, ``notebooks/``, ``src/``, ``.git/``) or its configuration files. Both
    the path as given and where it leads (a symbolic link) are checked.
    """
    base = root.resolve()
    known = (*data_dirs, paths.data_dir(base))
    for where in dict.fromkeys((Path(os.path.abspath(path)), path.resolve())):
        if not where.is_relative_to(base):
            continue
        data = paths.data_folder_of(where, base, known)
        if data is not None:
            return (
                f"tidak boleh berada di folder data {paths.display_path(data, base)}/ "
                "(tabel, metadata dan berkas masukan buku)"
            )
        parts = where.relative_to(base).parts
        if parts and parts[0] in paths.SOURCE_FOLDERS:
            return f"tidak boleh berada di {parts[0]}/ (sumber proyek)"
        if len(parts) == 1 and parts[0] in paths.CONFIG_FILES:
            return "tidak boleh menimpa berkas konfigurasi proyek"
    return None


def check_outputs(
    outputs: Mapping[str, Path | None],
    data_dir: Path | None = None,
    root: Path | None = None,
) -> None:
    """Refuse (ParameterError, before anything is written) an output path of a command
    that :func:`output_refusal` refuses, and two options naming the same path.
    ``outputs``: option -> path (None: not given)."""
    base = (root or paths.project_root()).resolve()
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        shown = paths.display_path(path, base)
        why = output_refusal(path, base, (data_dir,) if data_dir else ())
        if why is not None:
            raise ParameterError(
                f"{option} {shown} {why}; keluaran tidak pernah menimpa masukan: "
                "pilih tempat lain (mis. folder _build/ atau di luar proyek)"
            )
        same = path.resolve()
        if same in seen:
            raise ParameterError(
                f"{seen[same]} dan {option} menunjuk berkas yang sama ({shown}); "
                "keluaran yang satu akan menimpa yang lain: beri dua berkas berbeda"
            )
        seen[same] = option


#: a finished book holds these (an output folder that has neither is not a book)
_BOOK_MARKS = ("build-key.txt", "stamp.json")


def _built_from(book: Path) -> tuple[str, str] | None:
    """(data folder, tahun) an existing book was built from, from its stamp."""
    try:
        stamp = json.loads((book / "stamp.json").read_text(encoding="utf-8"))
        parameter = stamp["parameter"]
        return str(parameter["data_dir"]), str(parameter["tahun"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def check_output(
    tahun: int, data_dir: Path, out: str | Path | None = None, root: Path | None = None
) -> paths.Output:
    """Where the book of ``tahun`` from ``data_dir`` is built (see :func:`paths.output`).

    ``out``: an explicit book folder inside the project. It may not exist yet, be an
    empty folder, or hold an earlier book of the same data folder and year; anything
    else (a folder of the project, another office's or year's book) is refused, since a
    build replaces the folder.
    """
    base = (root or paths.project_root()).resolve()
    if out in (None, ""):
        place = paths.output(tahun, data_dir, base)
        relative = place.parent.relative_to(base / paths.BUILD)
        clash = [part for part in relative.parts if part.isdigit() or part.startswith(".")]
        if clash:
            raise ParameterError(
                f"folder data '{paths.display_path(data_dir, base)}' tidak dapat dibangun ke "
                f"{paths.BUILD}/: nama '{clash[0]}' bentrok dengan folder tahun atau cache; "
                "ganti nama folder data atau beri --out"
            )
        if place.book.exists() and not place.book.is_dir():
            raise ParameterError(
                f"{paths.display_path(place.book, base)} adalah berkas, bukan folder buku; "
                "pindahkan atau hapus berkas itu (build tidak menimpanya)"
            )
        return place
    path = Path(out)
    path = (path if path.is_absolute() else base / path).resolve()
    shown = paths.display_path(path, base)
    if not path.is_relative_to(base) or path == base:
        raise ParameterError(f"folder keluaran harus berada di dalam folder proyek {base}: {path}")
    why = output_refusal(path, base, (data_dir,))
    if why is not None:
        raise ParameterError(f"folder keluaran {shown} {why}; pilih folder lain")
    if path.name.startswith("."):
        raise ParameterError(
            f"nama folder keluaran {shown} tidak boleh diawali titik "
            "(nama seperti itu dipakai cache dan kunci build); pilih folder lain"
        )
    inside = next((d for d in path.parents if any((d / m).is_file() for m in _BOOK_MARKS)), None)
    if inside is not None:
        raise ParameterError(
            f"folder keluaran {shown} berada di dalam buku lain "
            f"({paths.display_path(inside, base)}); pilih folder lain"
        )
    if path.exists():
        empty = path.is_dir() and not any(path.iterdir())
        book = path.is_dir() and any((path / mark).is_file() for mark in _BOOK_MARKS)
        if not (empty or book):
            raise ParameterError(
                f"folder keluaran {shown} sudah ada dan bukan buku hasil lkjip build; "
                "pilih folder lain (build mengganti seluruh isinya)"
            )
        origin = _built_from(path) if book else None
        expected = (paths.display_path(data_dir, base), str(tahun))
        if origin is not None and origin != expected:
            raise ParameterError(
                f"folder keluaran {shown} berisi buku tahun {origin[1]} dari folder data "
                f"{origin[0]}; pilih folder lain"
            )
    return paths.Output(path.parent, path.name)


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
