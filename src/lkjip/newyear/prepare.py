"""A new report year: ``lkjip init`` prepares ``data/<tahun>/``, from the previous year
when there is one.

A data folder that does not exist yet (another office's, ``data-<nama>``) is created
with a copy of the project's table metadata (:func:`lkjip.paths.default_metadata_dir`).
Every table the book needs is created with its header; ``identitas`` gets the office's
name when it is given. What is already known is carried over from the previous year's
(corrected) data, when that year is in the same folder:

* reference tables (no ``tahun`` column): copied;
* history tables: the rows of the two years before the new one;
* plan tables (Perjanjian Kinerja): the rows of the new year, signed last year;
* ``kinerja_historis``: last year's rows plus last year's computed realisasi;
* the office profile (tugas, units, wilayah, ...): copied with the new year,
  for the analyst to review;
* the office itself, ``identitas`` and ``pegawai``: copied with the new year for
  review, a ``new_each_year`` column (the signing date) left empty
  (:mod:`lkjip.newyear.carry`);
* everything else (surveys, budget, services of the new year): header only.

National reference tables (:mod:`lkjip.data.national`) are not created when the package
ships them for the new year (the package's copy is read); for a year it does not ship,
they are carried like any reference table when last year's came from the office's own
file, else copied from the latest earlier year the package ships, for review.

Existing files are never overwritten. An office name (``--satker``) for a year whose
``identitas`` already exists with another name is refused before anything is written,
never dropped silently.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lkjip import paths
from lkjip.data import locking, national
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import TableSpec, load_catalog
from lkjip.data.reading import LINE, read_csv
from lkjip.data.writing import atomic_text, copy_tree, fresh_dir
from lkjip.domain.indikator import INDIKATOR
from lkjip.errors import UserError
from lkjip.figures import compute_figures
from lkjip.newyear import carry

#: office profile tables: copied to the new year for review
PROFIL = (
    "aspek_strategis",
    "dasar_hukum",
    "fasilitas",
    "fungsi_unit",
    "isu_strategis",
    "sejarah",
    "tpi",
    "tugas_fungsi",
    "unit_layanan",
    "unit_organisasi",
    "upaya",
    "wilayah_kerja",
)
#: history depth kept in trend tables (the report compares three years)
RIWAYAT = 2


@dataclass
class HasilInit:
    tahun: int
    folder: Path
    dibuat: list[str] = field(default_factory=list)
    dilewati: list[str] = field(default_factory=list)
    dibawa: dict[str, int] = field(default_factory=dict)
    #: the year carried over from (None: no previous year, every table header only)
    dari: int | None = None
    #: the metadata was copied from the project's into a new data folder
    metadata_disalin: bool = False
    #: carried tables -> their columns left empty for the new year (``new_each_year``)
    dikosongkan: dict[str, list[str]] = field(default_factory=dict)
    #: national reference tables not created: the package ships them for the year
    rujukan_paket: list[str] = field(default_factory=list)
    #: national reference tables copied from the package's year (for a year it does not ship)
    rujukan_disalin: dict[str, int] = field(default_factory=dict)

    def rincian(self) -> list[str]:
        """What ``lkjip init`` says about the tables, line by line (Indonesian)."""
        lines = []
        if self.dari is None:
            lain = " lain" if self.rujukan_disalin else ""
            lines.append(
                f"  Tidak ada data tahun {self.tahun - 1}: semua tabel{lain} berisi judul "
                "kolom saja."
            )
        lines += [
            f"  - {name}: {rows} baris dibawa dari tahun {self.dari}"
            for name, rows in sorted(self.dibawa.items())
        ]
        lines += [
            f"  - {name}: {', '.join(columns)} dikosongkan, isi untuk tahun {self.tahun}"
            for name, columns in sorted(self.dikosongkan.items())
        ]
        for year in sorted(set(self.rujukan_disalin.values())):
            names = sorted(n for n, y in self.rujukan_disalin.items() if y == year)
            lines.append(
                f"  Tabel rujukan nasional disalin dari paket lkjip tahun {year} (paket tidak "
                f"membawa rujukan tahun {self.tahun}; tinjau isinya): {', '.join(names)}."
            )
        if self.rujukan_paket:
            lines.append(
                f"  Tabel rujukan nasional dibawa paket lkjip untuk tahun {self.tahun} (tidak "
                f"dibuat di folder ini): {', '.join(self.rujukan_paket)}. Berkas kantor "
                "dengan nama yang sama di folder ini menggantikannya."
            )
        return lines


def _history_rows(ds: Dataset, spec: TableSpec, tahun: int) -> pd.DataFrame:
    frame = ds.table(spec.name)
    return frame[(frame["tahun"] >= tahun - RIWAYAT) & (frame["tahun"] < tahun)]


def _kinerja_historis(ds: Dataset, tahun: int) -> pd.DataFrame:
    """Earlier rows plus the previous year's target and computed realisasi."""
    reg = compute_figures(ds)
    frame = _history_rows(ds, ds.specs["kinerja_historis"], tahun)
    added = [
        {
            "tahun": ds.tahun,
            "indikator_id": k,
            "target": float(reg.v(f"{k}.target")),
            "realisasi": float(reg.v(f"{k}.realisasi")),
        }
        for k in INDIKATOR
    ]
    return pd.concat([frame, pd.DataFrame(added)], ignore_index=True)


def carried_rows(ds: Dataset, spec: TableSpec, tahun: int) -> pd.DataFrame | None:
    """The rows of ``spec`` known for ``tahun`` from the previous year's data (or None)."""
    if not ds.has(spec.name) or spec.name in ("koreksi", "publikasi"):
        return None
    if spec.name == "kinerja_historis":
        return _kinerja_historis(ds, tahun)
    if spec.name in carry.REVIEWED:
        return carry.for_review(ds, spec, tahun)
    frame = ds.table(spec.name)
    if spec.year_scope == "none":
        return frame
    if spec.year_scope == "history":
        return _history_rows(ds, spec, tahun)
    if spec.year_scope == "plan":
        return frame[frame["tahun"] == tahun]
    if spec.name in PROFIL:
        return frame.assign(tahun=tahun)
    return None


def _cell(value: object, decimals: int | None) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        if decimals is not None:
            return f"{value:.{decimals}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_table(spec: TableSpec, frame: pd.DataFrame | None, path: Path) -> int:
    """Write ``frame`` (or only the header) as the table's CSV; returns the row count.

    Atomic: a failed write (full disk) leaves no half table that a later ``init``
    would keep as "sudah ada"."""
    columns = spec.column_names
    rows = 0
    with atomic_text(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        if frame is not None:
            frame = frame.drop(columns=[LINE], errors="ignore")
            for record in frame[columns].itertuples(index=False):
                writer.writerow(
                    [
                        _cell(v, spec.column(c).decimals)
                        for c, v in zip(columns, record, strict=True)
                    ]
                )
                rows += 1
    return rows


def copy_metadata(data_dir: Path) -> bool:
    """Give a new data folder the project's table metadata; False when it has its own."""
    target = paths.metadata_dir(data_dir)
    if target.is_dir():
        return False
    source = paths.default_metadata_dir()
    if not source.is_dir():
        raise UserError(
            f"metadata tabel tidak ditemukan di {paths.display_path(source)}: "
            "folder data baru tidak dapat dibuat"
        )
    # copied beside, then renamed: a concurrent init (or a check of the folder) finds
    # the new data folder with its metadata, or no folder at all
    fresh = not data_dir.exists()
    where = data_dir.parent if fresh else data_dir
    where.mkdir(parents=True, exist_ok=True)
    staged = fresh_dir(where, f".tmp-{data_dir.name}-metadata-")
    try:
        copy_tree(source, staged / "metadata")
        try:
            if fresh:  # the whole folder appears at once
                staged.rename(data_dir)
            else:
                (staged / "metadata").rename(target)
        except OSError:
            if not target.is_dir():
                raise
            return False  # another init made it first
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return True


def identity_row(spec: TableSpec, tahun: int, satker: str) -> pd.DataFrame:
    """The ``identitas`` row of a new office: the year and the name, the rest to fill in."""
    row: dict[str, object] = dict.fromkeys(spec.column_names)
    row.update({"tahun": tahun, "nama_satker": satker})
    return pd.DataFrame([row], columns=spec.column_names)


def check_satker(spec: TableSpec, path: Path, tahun: int, satker: str) -> None:
    """Refuse ``--satker`` when the year's ``identitas`` already exists with another name
    (or none): init never overwrites a file, and a name given must not be dropped
    silently. The same name is accepted (init may be run again)."""
    if not path.exists():
        return
    raw, _ = read_csv(spec, path)
    names = [] if raw is None else raw.frame.loc[raw.frame["tahun"] == str(tahun), "nama_satker"]
    names = [str(n) for n in names if n]
    if names == [satker]:
        return
    current = f"'{names[0]}'" if len(names) == 1 else "belum diisi" if not names else "ganda"
    raise UserError(
        f"--satker tidak diterapkan: {paths.display_path(path)} sudah ada (nama_satker tahun "
        f"{tahun}: {current}) dan init tidak menimpa berkas yang sudah ada; ubah nama di "
        "berkas itu (atau di lembar identitas buku kerja, lalu impor), atau jalankan init "
        "tanpa --satker. Tidak ada berkas yang ditulis."
    )


def init(
    tahun: int,
    data_dir: Path | None = None,
    dari: int | None = None,
    satker: str | None = None,
) -> HasilInit:
    """Prepare ``<data_dir>/<tahun>/`` from the year ``dari`` (default: the year before,
    when its folder exists; an explicit ``dari`` must exist). ``satker``: the office's
    name for a new ``identitas`` table."""
    data_dir = (data_dir or paths.data_dir()).resolve()
    copied = copy_metadata(data_dir)
    # one init (or import, or a build reading) of the year at a time
    with locking.data_lock(data_dir, tahun):
        return _init(tahun, data_dir, dari, satker, copied)


def _init(
    tahun: int, data_dir: Path, dari: int | None, satker: str | None, copied: bool
) -> HasilInit:
    specs = load_catalog(paths.metadata_dir(data_dir))
    folder = paths.year_dir(data_dir, tahun)
    if satker:
        check_satker(specs["identitas"], folder / specs["identitas"].file_name, tahun, satker)
    source = dari if dari is not None else tahun - 1
    has_previous = dari is not None or paths.year_dir(data_dir, source).is_dir()
    previous = load_dataset(source, data_dir) if has_previous else None
    result = HasilInit(
        tahun=tahun,
        folder=folder,
        dari=source if has_previous else None,
        metadata_disalin=copied,
    )
    for name, spec in specs.items():
        path = folder / spec.file_name
        if path.exists():
            result.dilewati.append(name)
            continue
        if name == "publikasi":  # transcribed from the published report, when there is one
            continue
        if national.is_national(spec) and _national(spec, tahun, previous, path, result):
            continue
        carried = False  # (identitas with --satker: carried from last year, same office)
        if name == "identitas" and satker:
            fresh = identity_row(spec, tahun, satker)
            frame, carried = carry.named_identity(satker, previous, spec, tahun, fresh)
            rows = write_table(spec, frame, path)
        elif previous is not None:
            rows = write_table(spec, carried_rows(previous, spec, tahun), path)
        else:
            rows = write_table(spec, None, path)
        result.dibuat.append(name)
        if rows and (name != "identitas" or not satker or carried):
            result.dibawa[name] = rows
            if name in carry.REVIEWED and carry.emptied(spec):
                result.dikosongkan[name] = carry.emptied(spec)
    return result


def _national(
    spec: TableSpec, tahun: int, previous: Dataset | None, path: Path, result: HasilInit
) -> bool:
    """Prepare a national reference table; False when it is carried like any table (last
    year's was the office's own file)."""
    if national.package_file(tahun, spec).is_file():
        result.rujukan_paket.append(spec.name)
        return True
    if previous is not None and previous.has(spec.name):
        if paths.shipped_name(previous.paths[spec.name]) is None:
            return False
    start = national.latest_before(tahun)
    if start is None or not national.package_file(start, spec).is_file():
        return False
    with atomic_text(path) as handle:  # the package's bytes (UTF-8, as shipped)
        handle.write(national.package_file(start, spec).read_text(encoding="utf-8"))
    result.dibuat.append(spec.name)
    result.rujukan_disalin[spec.name] = start
    return True
