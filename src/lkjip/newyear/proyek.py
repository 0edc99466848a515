"""A new office's project: ``lkjip init --dir <folder>``.

The project has the same top level as this repository (``book/``, ``notebooks/``,
``data/``, ``_config.yml``, ``_toc.yml``, ``parameters.yml``), copied from the project
template (:func:`lkjip.paths.template_root`: the installed package's copy, or the
development checkout), plus a short README for the office. The template's files are
:func:`lkjip.paths.template_files`: the book's own files and the table metadata, never
a year's data (another office's tables). The year's tables are then prepared by
:func:`lkjip.newyear.prepare.init` inside the new project, as in any project.

The project appears at once (copied into a folder beside it, then renamed): a failed
copy leaves nothing behind. An existing project is used as it is (nothing copied); any
other folder that is not empty is refused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lkjip import __version__, paths
from lkjip.errors import UserError

#: the office's own README at the top of its project (Indonesian: for the analyst)
README = """\
# {judul}

Proyek Laporan Kinerja Instansi Pemerintah (LKjIP) {satker_kalimat}, dibuat dengan
`lkjip init` (lkjip {versi}). Semua angka buku dihitung dari tabel di folder `data/`.

## Isi folder

- `data/{tahun}/`: tabel data tahun {tahun} (CSV, satu berkas per tabel) dan buku
  kerja Excel `lkjip-{tahun}.xlsx` dengan satu lembar per tabel.
- `data/metadata/`: keterangan dan aturan setiap tabel (kolom, tipe, satuan); jangan diubah.
- `data/aset/lambang.png` (bila ada): lambang kantor untuk sampul PDF.
- `notebooks/`, `book/`, `_config.yml`, `_toc.yml`: sumber buku, salinan dari paket lkjip.
- `parameters.yml`: tahun laporan bawaan perintah `lkjip`.

## Langkah

Jalankan setiap perintah dari folder ini.

1. **Isi data.** Isi lembar-lembar buku kerja `data/{tahun}/lkjip-{tahun}.xlsx`, lalu
   impor: `lkjip import data/{tahun}/lkjip-{tahun}.xlsx --tahun {tahun}`. Atau sunting
   langsung berkas CSV di `data/{tahun}/`.
2. **Periksa.** `lkjip validate --tahun {tahun}` mendaftar semua masalah sekaligus
   (berkas, baris, kolom, aturan).
3. **Draf** selama data belum lengkap: `lkjip build --tahun {tahun} --draft --html-only`.
   Bagian yang datanya belum ada ditandai "data belum tersedia".
4. **Build akhir**: `lkjip build --tahun {tahun}`. Hasilnya di `_build/{tahun}/`:
   `html/index.html` (laporan dan kertas kerja) dan `pdf/` (laporan untuk
   ditandatangani dan kertas kerja).

Tahun berikutnya: `lkjip init --tahun {tahun_depan}` membawa apa yang sudah diketahui dari
tahun {tahun}. Buku dibangun dengan `lkjip build`, bukan `jupyter-book build` (yang
berhenti dengan pesan: tanpa `lkjip build` bab-bab buku tidak memuat angka).
"""

#: build outputs and environments: not the office's sources
GITIGNORE = "_build/\n.venv/\n__pycache__/\n.ipynb_checkpoints/\n"

PARAMETERS = """\
# Tahun laporan bawaan perintah lkjip (build, validate, ...); ganti untuk satu
# perintah dengan --tahun.
tahun: {tahun}
"""


@dataclass(frozen=True)
class HasilProyek:
    folder: Path
    #: False: the folder was already a project (nothing was copied)
    dibuat: bool
    #: the files copied from the template (relative paths), when made
    berkas: tuple[str, ...] = ()


def create(target: Path, tahun: int, satker: str | None = None) -> HasilProyek:
    """Make the office project ``target`` from the template (or use it when it is one)."""
    target = Path(target).absolute()
    if paths.is_project(target):
        return HasilProyek(target.resolve(), dibuat=False)
    if target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise UserError(
            f"{target} sudah ada dan bukan proyek lkjip (tidak ada _config.yml, notebooks/ "
            "dan data/ di dalamnya): pilih folder baru atau folder kosong. "
            "Tidak ada berkas yang ditulis."
        )
    source, files = _template()
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".tmp-{target.name}-", dir=target.parent))
    try:
        copied = []
        for path in files:
            relative = path.relative_to(source)
            (staged / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, staged / relative)
            copied.append(relative.as_posix())
        _write_own(staged, tahun, satker)
        staged.chmod(0o777 & ~_umask())  # mkdtemp makes it 0700: an ordinary folder
        if target.exists():
            target.rmdir()  # empty (checked above)
        staged.rename(target)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return HasilProyek(target.resolve(), dibuat=True, berkas=tuple(sorted(copied)))


def _template() -> tuple[Path, list[Path]]:
    """The template's folder and files; UserError when the package has none."""
    source = paths.template_root()
    files = paths.template_files(source) if source is not None else []
    missing = [n for n in paths.CONFIG_FILES if source is None or not (source / n).is_file()]
    if not any(f.suffix == ".ipynb" for f in files):
        missing.append("notebooks/*.ipynb")
    if source is None or missing:
        raise UserError(
            f"templat proyek tidak lengkap di paket lkjip (tidak ada {', '.join(missing)}): "
            "pasang ulang paket lkjip dari wheel-nya. Tidak ada berkas yang ditulis."
        )
    return source, files


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_own(project: Path, tahun: int, satker: str | None) -> None:
    """The office's own files: parameters (its year), README, .gitignore."""
    (project / "parameters.yml").write_text(PARAMETERS.format(tahun=tahun), encoding="utf-8")
    name = satker or "kantor ini"  # the name is filled in identitas later
    (project / "README.md").write_text(
        README.format(
            judul=f"LKjIP {satker}" if satker else "LKjIP",
            satker_kalimat=name,
            versi=__version__,
            tahun=tahun,
            tahun_depan=tahun + 1,
        ),
        encoding="utf-8",
    )
    (project / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
