"""What the build and the chapter notebooks agree on (no IPython here).

Which chapter shows the calculation of each figure, the output metadata that
marks a calculation, the glue keys a chapter's template pastes, and the shared
context: the dataset and registry the build validated and computed once,
handed to every chapter kernel as a pickle.
"""

from __future__ import annotations

import json
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from lkjip import params, paths
from lkjip.audit.figures import compute_all
from lkjip.data.dataset import Dataset
from lkjip.domain import bab
from lkjip.errors import BuildError, DataInvalid
from lkjip.figures.registry import Registry


@dataclass(frozen=True)
class Part:
    """One edition of the book: its caption in the HTML site, its name (the PDF's
    edition) and its chapter notebooks in order (stems of notebooks/*.ipynb)."""

    caption: str
    edition: str
    chapters: tuple[str, ...]


#: the book's two editions in book order, from the one list of chapter names
#: (:mod:`lkjip.domain.bab`; the staged ``_toc.yml``, the PDFs' tables of contents and
#: the build derive from it)
PARTS = (
    Part("Laporan Kinerja", "laporan", bab.LAPORAN),
    Part("Kertas Kerja", "kertas_kerja", bab.KERTAS_KERJA),
)

#: chapter notebooks in book order
CHAPTERS = tuple(chapter for part in PARTS for chapter in part.chapters)
#: the chapters of the report (Laporan) and of the working paper (Kertas Kerja)
REPORT, WORKING_PAPER = (part.chapters for part in PARTS)

#: output metadata key under which a calculation output lists its figure ids
META_KEY = "lkjip"


#: what a chapter run on its own (papermill) on invalid data says after the problems
SARAN_DRAF = (
    "Perbaiki data di atas, atau jalankan bab ini sebagai draf dari data yang belum lengkap: "
    "papermill ... -p draft True (lkjip build --draft untuk seluruh buku)."
)


def owner(reg: Registry, figure_id: str) -> str:
    """The chapter whose page holds the calculation of ``figure_id``: the one the figure
    declared when it was registered (:meth:`Registry.bab`)."""
    return reg[figure_id].bab


def owned(reg: Registry, chapter: str) -> list[str]:
    """The figures whose calculation ``chapter`` shows, in registry order.

    Recorded as which figures the chapter has (``bab:<chapter>``): a figure added to
    another chapter does not re-run it.
    """
    return reg.of_bab(chapter)


_GLUE_KEYS = (
    re.compile(r"\{glue:(?:md|text)\}`([^`]+?)(?::[^:`]*)?`"),
    re.compile(r"```\{glue:(?:figure|md)\}\s+(\S+)"),
)


def referenced_keys(chapter: str) -> set[str]:
    """Glue keys the chapter's markdown pastes (read from its template notebook)."""
    path = paths.project_root() / "notebooks" / f"{chapter}.ipynb"
    if not path.exists():
        return set()
    notebook = json.loads(path.read_text(encoding="utf-8"))
    keys: set[str] = set()
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = "".join(cell.get("source", ""))
            for pattern in _GLUE_KEYS:
                keys.update(pattern.findall(text))
    return keys


def expected_figures() -> set[str]:
    """Figure ids the chapters paste (for marking the missing ones in a draft ledger)."""
    keys: set[str] = set()
    for chapter in CHAPTERS:
        keys |= referenced_keys(chapter)
    return {k for k in keys if "." in k and not k.startswith(("gbr.", "data.gbr.", "narasi."))}


def check_referenced(reg: Registry) -> None:
    """Every figure the chapters' text names was computed (else the build would stop in
    jupyter-book with a warning naming no data): the message names the figures."""
    missing = sorted(expected_figures() - set(reg.ids()))
    if missing:
        raise BuildError(
            f"{len(missing)} angka yang disebut naskah bab tidak dapat dihitung dari data: "
            f"{', '.join(missing[:10])}; periksa nama kategori pada tabel sumbernya"
        )


@dataclass(frozen=True)
class KernelBuild:
    """What ``lkjip build`` hands one chapter kernel, explicitly: the notebook parameter
    ``build`` (a dict papermill injects; :meth:`parameter`), passed by the chapter's first
    cell to ``mulai``. A chapter run on its own has none (``build = None``).

    ``reads``: the file the kernel records what it reads to (:mod:`lkjip.data.reads`);
    ``shared_context``: the pickle of the build's dataset and registry
    (:func:`write_shared_context`); ``png``: whether charts make the PNG only the PDF
    uses (a build's PDF step adds it, :mod:`lkjip.assemble.pdf_png`).
    """

    reads: str | None = None
    shared_context: str | None = None
    png: bool = True

    def parameter(self) -> dict:
        return {"reads": self.reads, "shared_context": self.shared_context, "png": self.png}

    @classmethod
    def from_parameter(cls, value: dict | None) -> KernelBuild:
        return cls(**value) if value else cls()


#: the name of that notebook parameter
BUILD_PARAMETER = "build"


def write_shared_context(ds: Dataset, reg: Registry, draft: bool, path: Path) -> Path:
    """Save the year validated and computed once by ``lkjip build`` for its chapters."""
    meta = {"tahun": ds.tahun, "data_dir": str(ds.data_dir), "draft": draft}
    path.write_bytes(pickle.dumps((meta, ds, reg), protocol=pickle.HIGHEST_PROTOCOL))
    return path


def read_shared_context(
    p: params.Parameters, draft: bool, path: str | None
) -> tuple[Dataset, Registry] | None:
    """The build's dataset and registry (the pickle at ``path``, :class:`KernelBuild`)
    when they are for the same parameters.

    The dataset carries the build's snapshot: the chapter reads the files through it
    (:meth:`Dataset.inputs`), as the build read them. A chapter run on its own
    (papermill, no ``build`` parameter) loads and computes itself.
    """
    if not path or not Path(path).is_file():
        return None
    meta, ds, reg = pickle.loads(Path(path).read_bytes())
    if meta != {"tahun": p.tahun, "data_dir": str(p.data_dir), "draft": draft}:
        return None
    return ds, reg


def year_of(
    p: params.Parameters, draft: bool, shared_context: str | None = None
) -> tuple[Dataset, Registry]:
    """The dataset and registry of a chapter: the build's (:func:`read_shared_context`),
    or, for a chapter run on its own, loaded and computed here. Invalid data outside a
    draft raises :class:`DataInvalid` listing the problems, then how to draft anyway."""
    shared = read_shared_context(p, draft, shared_context)
    if shared is not None:
        return shared
    # validation (pandera: about 0.4 s of imports) only where the chapter reads the data
    # itself; a build's kernels get the validated dataset
    from lkjip.data.loading import load_dataset

    try:
        ds = load_dataset(p.tahun, p.data_dir, strict=not draft)
    except DataInvalid as exc:
        raise DataInvalid(exc.problems, SARAN_DRAF) from None
    return ds, compute_all(ds, draft=draft)


def figures_in_outputs(notebook: dict) -> dict[str, str]:
    """figure id -> cell id, read from an executed notebook's calculation outputs."""
    found: dict[str, str] = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) or []:
            meta = (output.get("metadata") or {}).get(META_KEY)
            if meta:
                for figure_id in meta.get("figures", []):
                    found[figure_id] = cell.get("id", "")
    return found
