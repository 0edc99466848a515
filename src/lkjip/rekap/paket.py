"""What travels between the client and a Dask worker for one office (``lkjip rekap``).

Workers need not see the client's disk: the client reads an office's inputs exactly as a
build does (:func:`lkjip.assemble.inputs.read_inputs`, under the data lock) and packs
them into one bytes payload (a tar archive):

* ``paket.json``: the options (year, data folder, draft, HTML only, jobs), the
  office's line in KANTOR.csv (to name it in progress events) and what git says of the
  office's project (its :class:`lkjip.audit.provenance.Origin`);
* ``proyek/<path>``: every input file, by its path relative to the office's project
  (the package's national tables are not packed: the worker has the package), and
  every folder the build lists, so an empty one stays a folder;
* ``cache/<path>``: the office's chapter and PDF cache (``paths.output(...).cache``);
* ``buku/<path>``: for an HTML-only build, the previous book's PDFs (``pdf/``, ``log/``,
  ``pdf-lama/``, ``pdf-key.txt``), which an HTML-only build keeps as a single build does
  (:mod:`lkjip.assemble.pdf_keep`).

What comes back (:class:`lkjip.rekap.tugas.HasilTugas`) carries the built book and the
cache folder as tar archives too (:func:`arsip`, :func:`bongkar`).
"""

from __future__ import annotations

import io
import json
import tarfile
from dataclasses import asdict, dataclass
from pathlib import Path

from lkjip import paths
from lkjip.assemble import pdf_keep
from lkjip.data.snapshot import Snapshot

MANIFEST = "paket.json"
PROYEK, CACHE, BUKU = "proyek", "cache", "buku"
#: what an HTML-only build keeps of the previous book (:mod:`lkjip.assemble.pdf_keep`)
PDF_LAMA = ("pdf", "log", pdf_keep.OLD, pdf_keep.PDF_KEY)


@dataclass(frozen=True)
class Pilihan:
    """The options of every office's build in one run."""

    tahun: int
    draft: bool = False
    html_only: bool = False
    #: ``--jobs`` of the build; 0: decided on the worker (cores // ``per_host``)
    jobs: int = 0
    #: worker processes sharing one machine (for ``jobs`` 0)
    per_host: int = 1


@dataclass(frozen=True)
class Manifest:
    """``paket.json``: what the worker needs besides the files."""

    baris: int
    folder: str
    #: the data folder, relative to the project ("data" for an office project)
    data: str
    pilihan: Pilihan
    #: what git says of the office's project (``lkjip.audit.provenance.Origin``, JSON),
    #: given to ``lkjip build --provenance``; None: the worker's copy asks git itself
    origin: str | None = None


def kemas(
    manifest: Manifest,
    root: Path,
    inputs: Snapshot,
    cache: Path | None = None,
    buku: Path | None = None,
) -> bytes:
    """The payload of one office: ``inputs`` (read below ``root``), its ``cache`` folder
    and, for an HTML-only build, the PDFs of its previous ``buku``."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        _add_bytes(tar, MANIFEST, json.dumps(asdict(manifest), sort_keys=True).encode())
        base = root.resolve()
        for path in inputs.files():
            if path.is_relative_to(base):
                name = f"{PROYEK}/{path.relative_to(base).as_posix()}"
                _add_bytes(tar, name, inputs.read_bytes(path))
        for folder in _folders(inputs, base / manifest.data, manifest.pilihan.tahun):
            _add_dir(tar, f"{PROYEK}/{folder.relative_to(base).as_posix()}")
        if cache is not None and cache.is_dir():
            _add_tree(tar, cache, CACHE)
        if buku is not None and manifest.pilihan.html_only and buku.is_dir():
            for name in PDF_LAMA:
                if (buku / name).is_file():
                    tar.add(buku / name, f"{BUKU}/{name}")
                elif (buku / name).is_dir():
                    _add_tree(tar, buku / name, f"{BUKU}/{name}")
    return data.getvalue()


def manifest(payload: bytes) -> Manifest:
    """The manifest of a payload (without unpacking the files)."""
    with tarfile.open(fileobj=io.BytesIO(payload), mode="r") as tar:
        member = tar.extractfile(MANIFEST)
        if member is None:
            raise ValueError(f"paket tanpa {MANIFEST}")
        record = json.loads(member.read().decode("utf-8"))
    return Manifest(**{**record, "pilihan": Pilihan(**record["pilihan"])})


def buka(payload: bytes, folder: Path) -> Manifest:
    """Unpack a payload into ``folder``: ``proyek/``, ``cache/``, ``buku/``."""
    bongkar(payload, folder)
    return manifest(payload)


def arsip(folder: Path) -> bytes:
    """Every file and folder below ``folder`` as a tar archive (empty when it is absent)."""
    if not folder.is_dir():
        return b""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        _add_tree(tar, folder, ".")
    return data.getvalue()


def bongkar(payload: bytes, folder: Path) -> None:
    """Unpack a tar archive into ``folder`` (nothing may land outside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not payload:
        return
    with tarfile.open(fileobj=io.BytesIO(payload), mode="r") as tar:
        tar.extractall(folder, filter="data")


def _folders(inputs: Snapshot, data: Path, tahun: int) -> list[Path]:
    """Every folder the build read below the data folder (its metadata and year)."""
    found: list[Path] = []
    todo = [paths.metadata_dir(data), paths.year_dir(data, tahun)]
    while todo:
        folder = todo.pop()
        if inputs.kind(folder) != "dir":
            continue
        found.append(folder)
        todo += inputs.listdir(folder)
    return sorted(found)


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(content))


def _add_dir(tar: tarfile.TarFile, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = 0o755
    tar.addfile(info)


def _add_tree(tar: tarfile.TarFile, folder: Path, prefix: str) -> None:
    """Regular files and folders below ``folder`` (symbolic links are not followed)."""
    for path in sorted(folder.rglob("*")):
        name = f"{prefix}/{path.relative_to(folder).as_posix()}"
        if path.is_symlink():
            continue
        if path.is_dir():
            _add_dir(tar, name)
        elif path.is_file():
            tar.add(path, name, recursive=False)
