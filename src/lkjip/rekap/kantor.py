"""Reading ``KANTOR.csv``: the offices of a many-office run (``lkjip rekap``).

Two columns, both required, no others: ``folder`` (an office project made by ``lkjip
init --dir``, or a data folder inside the current project) and ``kanwil`` (the group
in the comparison). A relative folder is relative to the folder holding KANTOR.csv.
Every problem of the file is reported at once (:class:`lkjip.errors.DataInvalid`),
with the checks and messages of a single ``lkjip build`` for the data folder and the
book's place.
"""

from __future__ import annotations

import csv
from pathlib import Path

from lkjip import params, paths
from lkjip.errors import DataInvalid, ParameterError, Problem
from lkjip.rekap.hasil import Kantor

#: the columns of KANTOR.csv, in the order they are described
KOLOM = ("folder", "kanwil")


def baca(berkas: Path, tahun: int, proyek: Path | None = None) -> list[Kantor]:
    """The offices listed in ``berkas``; ``proyek``: the current project (where a data
    folder that is not an office project must lie), None when there is none.
    Raises DataInvalid with every problem found."""
    shown = str(berkas)
    rows, problems = _rows(berkas, shown)
    if problems:
        raise DataInvalid(problems)
    kantor: list[Kantor] = []
    seen: dict[Path, int] = {}
    for line, row in rows:
        empty = [c for c in KOLOM if not row.get(c, "").strip()]
        problems += [Problem(shown, line, c, "", "wajib diisi") for c in empty]
        if empty:
            continue
        folder, kanwil = row["folder"].strip(), row["kanwil"].strip()
        found = _office(berkas.parent, folder, tahun, proyek)
        if isinstance(found, str):
            problems.append(Problem(shown, line, "folder", folder, found))
            continue
        root, data, book = found
        key = data.resolve()
        if key in seen:
            problems.append(
                Problem(
                    shown,
                    line,
                    "folder",
                    folder,
                    f"kantor yang sama sudah tercantum di baris {seen[key]}",
                )
            )
            continue
        seen[key] = line
        kantor.append(Kantor(line, folder, kanwil, root, data, book))
    if not rows:
        problems.append(Problem(shown, None, None, None, "tidak ada baris kantor"))
    if problems:
        raise DataInvalid(problems)
    return kantor


def _rows(berkas: Path, shown: str) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """(line, row) of every data row, or the problems of the file and its header."""
    try:
        text = berkas.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return [], [Problem(shown, None, None, None, "berkas tidak ditemukan")]
    except IsADirectoryError:
        return [], [Problem(shown, None, None, None, "ini folder, bukan berkas CSV")]
    except UnicodeDecodeError as exc:
        rule = f"bukan teks UTF-8 (byte ke-{exc.start + 1}); simpan ulang sebagai CSV UTF-8"
        return [], [Problem(shown, None, None, None, rule)]
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return [], [Problem(shown, None, None, None, "berkas kosong (tidak ada judul kolom)")]
    problems = [
        Problem(shown, 1, name, None, "kolom wajib tidak ada")
        for name in KOLOM
        if name not in header
    ]
    problems += [
        Problem(shown, 1, name or None, name, f"kolom tidak dikenal (hanya {', '.join(KOLOM)})")
        for name in header
        if name not in KOLOM
    ]
    problems += [
        Problem(shown, 1, name, None, "judul kolom tercantum lebih dari sekali")
        for name in KOLOM
        if header.count(name) > 1
    ]
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(cells) > len(header):
                rule = f"{len(cells)} sel, lebih banyak dari {len(header)} judul kolom"
                problems.append(Problem(shown, line, None, None, rule))
            rows.append((line, dict(zip(header, cells, strict=False))))
        line = reader.line_num + 1
    return rows, problems


def _office(base: Path, folder: str, tahun: int, proyek: Path | None) -> tuple | str:
    """(project, data folder, book folder) of one ``folder`` cell, or why not (Indonesian)."""
    path = Path(folder)
    path = path if path.is_absolute() else base / path
    try:
        if not path.is_dir():
            return f"folder tidak ditemukan: {path}"
        if paths.is_project(path):
            root, data, refusal = (
                path.resolve(),
                Path("data"),
                "proyek kantor tidak dapat dibangun: ",
            )
        elif proyek is None:
            return (
                f"{path} bukan proyek kantor (folder berisi _config.yml, notebooks/ dan "
                "data/) dan tidak ada proyek lkjip tempat folder data ini berada"
            )
        else:
            root, data, refusal = (
                proyek.resolve(),
                path,
                "bukan proyek kantor (folder berisi _config.yml, notebooks/ dan data/); ",
            )
        try:
            checked = params.check_data_dir(data, root)
            return root, checked, params.check_output(tahun, checked, None, root).book
        except ParameterError as exc:
            return f"{refusal}{exc}"
    except OSError as exc:
        return f"folder tidak dapat dibaca: {exc.strerror or exc}"
