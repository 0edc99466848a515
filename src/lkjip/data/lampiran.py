"""Scans of signed documents placed in ``data/<tahun>/lampiran/``.

A scan of the signed Perjanjian Kinerja of year ``T`` replaces the generated
PK pages in the Lampiran. File names: ``pk-T.pdf`` (every page of the PDF),
``pk-T.png`` / ``pk-T.jpg`` (one page) or ``pk-T-1.png``, ``pk-T-2.png``, ...
(several pages, in that order; ``pk-T-01.png`` is page 1 too). ``T`` is the
report year or the next one, as for the PK tables. A file that cannot be
printed (:mod:`lkjip.data.format_berkas`) is an error, and so is a ``pk-...``
file of another format; any other file in the folder is a warning (ignored).
The office's emblem (``<data>/aset/lambang.*``) is checked the same way
(:func:`emblem_problems`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lkjip import paths
from lkjip.data import format_berkas
from lkjip.data.snapshot import DISK, Refused, Snapshot
from lkjip.errors import Problem

#: the folder of attachments inside a year's data folder
FOLDER = "lampiran"
#: where a build copies that folder, next to ``notebooks/`` in the staged book
STAGED = "pindaian"
#: where a build puts the pages of a PDF scan drawn for HTML, inside :data:`STAGED`
HALAMAN = "halaman"
#: ``pk-<tahun>[-<halaman>].<ext>``
PATTERN = re.compile(r"^pk-(?P<tahun>\d{4})(?:-(?P<halaman>\d{1,3}))?\.(?P<ext>pdf|png|jpe?g)$")
#: the accepted names, as told to the analyst
NAMES = (
    "pk-<tahun>.pdf, pk-<tahun>.png, pk-<tahun>.jpg atau "
    "pk-<tahun>-1.png, pk-<tahun>-2.png, ... (satu berkas per halaman)"
)


@dataclass(frozen=True)
class Pindaian:
    """The scan of one signed PK: its files in page order, read through ``snap``."""

    tahun: int
    files: tuple[Path, ...]
    snap: Snapshot = field(default=DISK, compare=False, repr=False)

    @property
    def pdf(self) -> bool:
        return self.files[0].suffix.lower() == ".pdf"

    def halaman(self) -> int:
        """The number of printed pages (a PDF's pages, or one per image)."""
        if not self.pdf:
            return len(self.files)
        return format_berkas.jumlah_halaman(self.snap.read_bytes(self.files[0]))


def halaman_html(tahun_pk: int, n: int) -> str:
    """Page ``n`` of the PDF scan of PK ``tahun_pk`` drawn for HTML, inside :data:`STAGED`."""
    return f"{HALAMAN}/pk-{tahun_pk}-{n}.jpg"


def folder(data_dir: Path, tahun: int) -> Path:
    return paths.year_dir(data_dir, tahun) / FOLDER


def files(data_dir: Path, tahun: int, snap: Snapshot = DISK) -> list[Path]:
    """Every file in the year's attachment folder (for the build key and staging)."""
    where = folder(data_dir, tahun)
    return [p for p in snap.listdir(where) if snap.is_file(p)]


def _readable(path: Path, ext: str, snap: Snapshot) -> str | None:
    """Why ``path`` is not a printable ``ext`` file, or None."""
    try:
        data = snap.read_bytes(path)
    except Refused as exc:
        return exc.reason
    return format_berkas.masalah(data, ext)


def scan(
    data_dir: Path, tahun: int, snap: Snapshot = DISK
) -> tuple[dict[int, Pindaian], list[Problem]]:
    """The PK scans of report year ``tahun`` by PK year (as ``snap`` holds the files),
    and the problems found."""
    where = folder(data_dir, tahun)
    found: dict[int, dict[str, list[tuple[int, Path]]]] = {}
    problems: list[Problem] = []
    if not snap.is_dir(where):
        return {}, problems
    for path in snap.listdir(where):
        shown = paths.display_path(path)
        match = PATTERN.match(path.name.lower())
        if snap.kind(path) == "refused":
            problems.append(Problem(shown, None, None, None, snap.refusal(path)))
            continue
        if snap.is_file(path) and match is None and path.name.lower().startswith("pk-"):
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    f"nama atau format berkas pindaian PK tidak diterima (nama yang diterima: "
                    f"{NAMES}; format: PDF, PNG atau JPEG)",
                )
            )
            continue
        if not snap.is_file(path) or match is None:
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    f"berkas tidak dikenal di folder lampiran (nama yang diterima: {NAMES}); "
                    "diabaikan",
                    severity="peringatan",
                )
            )
            continue
        tahun_pk = int(match["tahun"])
        if tahun_pk not in (tahun, tahun + 1):
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    str(tahun_pk),
                    f"tahun PK pindaian harus {tahun} atau {tahun + 1}",
                )
            )
            continue
        ext = match["ext"]
        why = _readable(path, ext, snap)
        if why is not None:
            problems.append(Problem(shown, None, None, None, why))
            continue
        kind = "pdf" if ext == "pdf" else "gambar"
        halaman = int(match["halaman"] or 0)
        found.setdefault(tahun_pk, {}).setdefault(kind, []).append((halaman, path))
    result: dict[int, Pindaian] = {}
    for tahun_pk, kinds in sorted(found.items()):
        shown = paths.display_path(where)
        if len(kinds) > 1 or len(kinds.get("pdf", [])) > 1:
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    str(tahun_pk),
                    f"pindaian PK {tahun_pk} harus satu PDF atau gambar saja, tidak keduanya",
                )
            )
            continue
        pages = sorted(next(iter(kinds.values())))
        numbers = [n for n, _ in pages]
        if len(pages) > 1 and numbers != list(range(1, len(pages) + 1)):
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    str(tahun_pk),
                    f"halaman pindaian PK {tahun_pk} harus bernomor 1, 2, 3, ... tanpa loncatan "
                    "(pk-<tahun>-1.png, pk-<tahun>-2.png, ...)",
                )
            )
            continue
        result[tahun_pk] = Pindaian(tahun_pk, tuple(p for _, p in pages), snap)
    return result, problems


def emblem(data_dir: Path, snap: Snapshot = DISK) -> Path | None:
    """The office's emblem (the first of ``<data>/aset/lambang.png|jpg|pdf`` there is,
    as ``snap`` holds the files)."""
    return next((p for p in paths.emblem_files(data_dir) if snap.is_file(p)), None)


def emblem_problems(data_dir: Path, snap: Snapshot = DISK) -> list[Problem]:
    """An emblem that cannot be printed, or more than one emblem (which one is meant?)."""
    present = [p for p in paths.emblem_files(data_dir) if snap.is_file(p)]
    problems = [
        Problem(paths.display_path(p), None, None, None, f"lambang tidak dapat dipakai: {why}")
        for p in present
        if (why := _readable(p, p.suffix.lstrip("."), snap)) is not None
    ]
    if len(present) > 1:
        names = ", ".join(p.name for p in present)
        problems.append(
            Problem(
                paths.display_path(present[0].parent),
                None,
                None,
                None,
                f"lambang lebih dari satu ({names}); simpan satu saja",
            )
        )
    return problems
