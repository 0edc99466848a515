"""The working paper's note on the national reference tables (:mod:`lkjip.data.national`):
which the package supplied (its version and year), which the office overrode with its
own file. Printed on the data index page of the working paper (HTML), never in the
report."""

from __future__ import annotations

from lkjip import __version__, paths
from lkjip.data import national
from lkjip.data.dataset import Dataset


def _links(tables: list[str]) -> str:
    """Links to the tables' data pages (from the data index page)."""
    return ", ".join(f"[`{t}`](data/{t}.md)" for t in tables)


def _replaced(ds: Dataset, table: str) -> str:
    shown = paths.display_path(ds.paths[table])
    copy = paths.display_path(national.package_file(ds.tahun, ds.specs[table]))
    return f"[`{table}`](data/{table}.md) (`{shown}`, bukan `{copy}`)"


def markdown(ds: Dataset) -> str:
    """The section (Indonesian); empty when the data folder has no national table."""
    used = national.usage(ds.tahun, ds.specs, dict(ds.paths))
    if not (used.package or used.overridden or used.own):
        return ""
    lines = [
        "\n## Tabel rujukan nasional\n",
        "Tabel rujukan nasional berisi baris yang sama untuk setiap kantor imigrasi "
        "(pernyataan dan target Renstra, kategori dan bobot penilaian, unsur survei, tata "
        "nilai) dan dibawa paket lkjip per tahun; berkas kantor dengan nama yang sama di "
        "folder data tahun itu menggantikan salinan paket.\n",
    ]
    package = f"paket lkjip {__version__}"
    if used.shipped:
        folder = paths.display_path(national.package_folder(ds.tahun))
        lines.append(
            f"Rujukan yang dipakai: {package}, tahun {ds.tahun} (`{folder}/`)"
            + (f", untuk {_links(used.package)}." if used.package else ".")
            + "\n"
        )
        overridden = ", ".join(_replaced(ds, t) for t in used.overridden) or "tidak ada"
        lines.append(f"Diganti oleh kantor: {overridden}.\n")
        if used.own:  # national tables this year's package does not hold
            lines.append(f"Tidak dibawa paket, dari folder data kantor: {_links(used.own)}.\n")
    else:
        lines.append(
            f"{package.capitalize()} tidak membawa tabel rujukan nasional untuk tahun "
            f"{ds.tahun}; tabel rujukan nasional dibaca dari folder data kantor: "
            f"{_links(used.own)}.\n"
        )
    return "\n".join(lines)
