"""Scans of signed documents placed in ``data/<tahun>/lampiran/``.

A scan of the signed Perjanjian Kinerja of year ``T`` replaces the generated
PK pages in the Lampiran. File names: ``pk-T.pdf`` (every page of the PDF),
``pk-T.png`` / ``pk-T.jpg`` (one page) or ``pk-T-1.png``, ``pk-T-2.png``, ...
(several pages, in that order). ``T`` is the report year or the next one, as
for the PK tables. Files are checked by their signature bytes only (no image
or PDF library is needed to validate); an unreadable file is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lkjip import paths
from lkjip.data import snapshot
from lkjip.errors import Problem

#: the folder of attachments inside a year's data folder
FOLDER = "lampiran"
#: where a build copies that folder, next to ``notebooks/`` in the staged book
STAGED = "pindaian"
#: ``pk-<tahun>[-<halaman>].<ext>``
PATTERN = re.compile(r"^pk-(?P<tahun>\d{4})(?:-(?P<halaman>[1-9]\d*))?\.(?P<ext>pdf|png|jpe?g)$")
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


@dataclass(frozen=True)
class Pindaian:
    """The scan of one signed PK: its files in page order."""

    tahun: int
    files: tuple[Path, ...]

    @property
    def pdf(self) -> bool:
        return self.files[0].suffix.lower() == ".pdf"


def folder(data_dir: Path, tahun: int) -> Path:
    return paths.year_dir(data_dir, tahun) / FOLDER


def files(data_dir: Path, tahun: int) -> list[Path]:
    """Every file in the year's attachment folder (for the build key and staging)."""
    where = folder(data_dir, tahun)
    return [p for p in snapshot.listdir(where) if snapshot.is_file(p)]


def _readable(path: Path, ext: str) -> str | None:
    """Why ``path`` is not a readable ``ext`` file, or None."""
    try:
        data = snapshot.read_bytes(path)
    except snapshot.Refused as exc:
        return exc.reason
    if not data:
        return "berkas kosong"
    if not data.startswith(_SIGNATURES[ext]):
        return f"isi berkas bukan {ext.upper()} (pindaian tidak dapat dibaca)"
    if ext == "pdf" and b"%%EOF" not in data[-2048:]:
        return "PDF terpotong (tanpa penanda akhir %%EOF)"
    return None


def scan(data_dir: Path, tahun: int) -> tuple[dict[int, Pindaian], list[Problem]]:
    """The PK scans of report year ``tahun`` by PK year, and the problems found."""
    where = folder(data_dir, tahun)
    found: dict[int, dict[str, list[tuple[int, Path]]]] = {}
    problems: list[Problem] = []
    if not snapshot.is_dir(where):
        return {}, problems
    for path in snapshot.listdir(where):
        shown = paths.display_path(path)
        match = PATTERN.match(path.name.lower())
        if snapshot.kind(path) == "refused":
            problems.append(Problem(shown, None, None, None, snapshot.refusal(path)))
            continue
        if not snapshot.is_file(path) or match is None:
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    "berkas tidak dikenal di folder lampiran (nama yang diterima: "
                    "pk-<tahun>.pdf, pk-<tahun>.png, pk-<tahun>.jpg atau "
                    "pk-<tahun>-<halaman>.png); "
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
        why = _readable(path, ext)
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
        result[tahun_pk] = Pindaian(tahun_pk, tuple(p for _, p in pages))
    return result, problems
