"""National reference tables: the same rows for every immigration office, shipped once per
year with the package.

A table whose metadata says ``rujukan: nasional`` (Renstra statements and targets of the
Directorate General, SMART/IKPA categories and weights, service quality intervals, survey
elements, IIO variables, tata nilai) is read from the package's copy,
``lkjip/rujukan/<tahun>/<tabel>.csv`` (named ``lkjip:rujukan/<tahun>/<tabel>.csv``
wherever the package is installed: :func:`lkjip.paths.shipped_name`), unless the
office's year folder holds its own file, which then overrides it. For a year the
package does not ship, the national tables must be in the office's folder
(``lkjip init`` copies the latest earlier shipped year's for review).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lkjip import paths
from lkjip.data.metadata import TableSpec
from lkjip.data.snapshot import DISK, Snapshot
from lkjip.errors import Problem

#: the metadata value of a national reference table (key ``rujukan``)
NASIONAL = "nasional"


def is_national(spec: TableSpec) -> bool:
    return spec.rujukan == NASIONAL


def national_names(specs: dict[str, TableSpec]) -> list[str]:
    """The national reference tables of a catalog, sorted."""
    return sorted(name for name, spec in specs.items() if is_national(spec))


def shipped_years() -> list[int]:
    """The years the package ships national reference tables for, sorted."""
    folder = paths.rujukan_dir()
    if not folder.is_dir():
        return []
    return sorted(
        int(entry.name)
        for entry in os.scandir(folder)
        if entry.name.isascii() and entry.name.isdigit() and entry.is_dir()
    )


def package_folder(tahun: int) -> Path:
    return paths.rujukan_dir() / str(tahun)


def shipped(tahun: int) -> bool:
    return tahun in shipped_years()


def package_file(tahun: int, spec: TableSpec) -> Path:
    return package_folder(tahun) / spec.file_name


def latest_before(tahun: int) -> int | None:
    """The latest shipped year before ``tahun`` (what a new year starts from), or None."""
    earlier = [year for year in shipped_years() if year < tahun]
    return earlier[-1] if earlier else None


def trees(tahun: int) -> list[Path]:
    """What a snapshot of the year ``tahun`` reads from the package (its year's folder)."""
    folder = package_folder(tahun)
    return [folder] if folder.is_dir() else []


def table_path(spec: TableSpec, folder: Path, tahun: int, snap: Snapshot = DISK) -> Path:
    """The file a table of the year ``folder`` is read from (as ``snap`` holds them): the
    office's own; for a national table without one, the package's copy when the package
    ships it."""
    own = folder / spec.file_name
    if not is_national(spec) or snap.kind(own) is not None:
        return own
    copy = package_file(tahun, spec)
    return copy if snap.kind(copy) == "file" else own


def _years_text() -> str:
    years = shipped_years()
    return ", ".join(str(y) for y in years) if years else "tidak ada"


def missing(spec: TableSpec, tahun: int) -> str:
    """Why a required national table is missing (Indonesian)."""
    if shipped(tahun):
        return (
            f"tabel rujukan nasional '{spec.title}' tidak ada: paket lkjip membawa rujukan "
            f"tahun {tahun} tanpa tabel ini; taruh berkasnya di folder data tahun {tahun}"
        )
    start = latest_before(tahun)
    hint = (
        f"; lkjip init --tahun {tahun} menyalinnya dari rujukan tahun {start} untuk ditinjau"
        if start is not None
        else ""
    )
    return (
        f"tabel rujukan nasional '{spec.title}' tidak ada: paket lkjip tidak membawa tabel "
        f"rujukan nasional untuk tahun {tahun} (tahun yang dibawa: {_years_text()}), jadi "
        f"tabel ini harus ada di folder data tahun {tahun}{hint}"
    )


def nihil_refusal(spec: TableSpec) -> str:
    """Why a national reference table cannot be declared nihil (Indonesian)."""
    return (
        f"tabel {spec.name} adalah tabel rujukan nasional (sama untuk setiap kantor "
        "imigrasi) dan tidak dapat dinyatakan nihil; hapus baris nihil ini (tabelnya "
        "dibawa paket lkjip atau diisi di folder data)"
    )


@dataclass
class Usage:
    """Where a year's national reference tables were read from."""

    tahun: int
    #: the package ships reference tables for the year
    shipped: bool
    #: read from the package's copy
    package: list[str] = field(default_factory=list)
    #: the office's own file, where the package ships the table (an override)
    overridden: list[str] = field(default_factory=list)
    #: the office's own file, where the package does not ship the table
    own: list[str] = field(default_factory=list)


def usage(tahun: int, specs: dict[str, TableSpec], files: dict[str, Path]) -> Usage:
    """Where the national tables among ``files`` (table -> the file read) came from."""
    found = Usage(tahun, shipped(tahun))
    shipped_files = package_folder(tahun)
    for name in national_names(specs):
        path = files.get(name)
        if path is None:
            continue
        if Path(os.path.abspath(path)).is_relative_to(shipped_files):
            found.package.append(name)
        elif package_file(tahun, specs[name]).is_file():
            found.overridden.append(name)
        else:
            found.own.append(name)
    return found


def _shipped_here(spec: TableSpec, tahun: int) -> bool:
    return is_national(spec) and package_file(tahun, spec).is_file()


def sheet_tables(specs: dict[str, TableSpec], tahun: int) -> dict[str, TableSpec]:
    """The tables a workbook of ``tahun`` has a sheet for: not the national tables the
    package ships for the year (an office overrides one by its CSV file)."""
    return {name: spec for name, spec in specs.items() if not _shipped_here(spec, tahun)}


def workbook_note(specs: dict[str, TableSpec], tahun: int) -> str:
    """The README sheet's sentence on the national tables (Indonesian)."""
    names = national_names(specs)
    shipped_here = [n for n in names if _shipped_here(specs[n], tahun)]
    if shipped_here:
        return (
            "Tabel rujukan nasional (sama untuk setiap kantor imigrasi) dibawa paket lkjip "
            f"untuk tahun {tahun} dan tidak menjadi lembar di buku kerja ini: "
            f"{', '.join(shipped_here)}. Untuk mengganti salah satunya, taruh berkas CSV "
            f"tabel itu di folder data tahun {tahun}."
        )
    return (
        f"Paket lkjip tidak membawa tabel rujukan nasional untuk tahun {tahun}: lembar "
        f"{', '.join(names)} diisi oleh kantor (lkjip init menyalinnya dari rujukan tahun "
        "terakhir yang dibawa paket; tinjau isinya)."
    )


def sheet_refusals(
    sheets: Iterable[str], specs: dict[str, TableSpec], tahun: int, workbook: Path
) -> list[Problem]:
    """A workbook's sheets of national tables the package ships for ``tahun`` (an older
    workbook's): refused, never imported as the office's own tables."""
    return [
        Problem(
            f"{workbook.name}, lembar {sheet}",
            None,
            None,
            None,
            f"tabel {sheet} adalah tabel rujukan nasional yang dibawa paket lkjip untuk "
            f"tahun {tahun} dan tidak diimpor dari buku kerja; hapus lembar ini (untuk "
            f"menggantinya, taruh berkas CSV tabel itu di folder data tahun {tahun})",
        )
        for sheet in sheets
        if sheet in specs and _shipped_here(specs[sheet], tahun)
    ]
