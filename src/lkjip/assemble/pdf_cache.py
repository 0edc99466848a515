"""The PDF cache: an edition's PDF is typeset again only when its LaTeX sources changed.

Key of an edition = SHA-256 of its staged sources after the edition's table of contents
and settings are written: the pages in its contents (executed notebooks without run
times, generated pages), the settings and the files LaTeX can read (preamble, images,
fonts); HTML-only files (scripts, styles, CSV downloads) are left out. A hit copies
the cached PDF and its log; the report also keeps the pages of its numbers (for the
working paper's index).

Beside the entries, each edition has a work folder (:meth:`PdfCache.work`), whatever the
key: its staged sources, Sphinx's doctrees and what LaTeX last wrote about its layout
(labels with their pages, contents, lists, latexmk's record of its inputs). The next
typesetting of the edition runs there (:func:`lkjip.assemble.pdf._typeset`): Sphinx
re-reads only the pages that changed, and latexmk runs LaTeX again only while the layout
still changes (one pass when no page moved, instead of three from nothing).

Layout: ``_build/.cache/<tahun>/pdf/<edition>/{key.txt,<stem>.pdf,<stem>.log,halaman.json}``
and ``_build/.cache/<tahun>/pdf/work/<edition>/``. Safe to delete at any time; a missing
or damaged entry is a miss, a missing work folder a typesetting from nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from lkjip.assemble.cache import replace_entry

#: files LaTeX can read besides the pages (settings, preamble, images, fonts)
_LATEX_ASSETS = (
    ".yml",
    ".tex",
    ".sty",
    ".cls",
    ".png",
    ".jpg",
    ".jpeg",
    ".pdf",
    ".svg",
    ".ttf",
    ".otf",
)
#: run metadata that differs between two executions of the same chapter
_RUN_TIMES = ("papermill", "execution")


def _pages(src: Path) -> set[str]:
    """The documents the edition's table of contents holds (without suffix)."""
    toc = yaml.safe_load((src / "_toc.yml").read_text(encoding="utf-8"))
    found = {toc["root"]}
    stack = list(toc.get("chapters", [])) + [c for p in toc.get("parts", []) for c in p["chapters"]]
    while stack:
        entry = stack.pop()
        found.add(entry["file"])
        stack.extend(entry.get("sections", []))
    return found


def _notebook_bytes(path: Path) -> bytes:
    """A notebook without its run times (the same chapter run twice is the same source)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for key in _RUN_TIMES:
        notebook.get("metadata", {}).pop(key, None)
    for cell in notebook.get("cells", []):
        for key in _RUN_TIMES:
            cell.get("metadata", {}).pop(key, None)
        cell.pop("execution_count", None)
        for output in cell.get("outputs", []):
            output.pop("execution_count", None)
    return json.dumps(notebook, sort_keys=True, ensure_ascii=False).encode("utf-8")


def source_key(src: Path) -> str:
    """What an edition's PDF is typeset from (see the module docstring)."""
    pages = _pages(src)
    h = hashlib.sha256()
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        name = path.relative_to(src).as_posix()
        if path.suffix in (".ipynb", ".md"):
            if name.rsplit(".", 1)[0] not in pages:
                continue  # a page of the other edition (or of the HTML only)
        elif path.suffix.lower() not in _LATEX_ASSETS:
            continue  # HTML only: scripts, styles, CSV downloads
        h.update(name.encode("utf-8") + b"\0")
        h.update(_notebook_bytes(path) if path.suffix == ".ipynb" else path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class PdfCache:
    folder: Path  # _build/.cache/<tahun>/pdf

    def get(self, edition: str, key: str, stem: str) -> Path | None:
        """The cached entry folder of ``edition`` for ``key``, or None."""
        entry = self.folder / edition
        if self.key(edition) != key:
            return None
        return entry if (entry / f"{stem}.pdf").is_file() else None

    def key(self, edition: str) -> str | None:
        """The key of ``edition``'s cached entry (None: no entry)."""
        try:
            return (self.folder / edition / "key.txt").read_text(encoding="utf-8").strip()
        except OSError:
            return None

    def put(
        self,
        edition: str,
        key: str,
        files: list[Path],
        pages: dict[str, str],
    ) -> None:
        """Store ``files`` (the PDF and its log) for ``key``, replacing the old entry."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{edition}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        for path in files:
            shutil.copy2(path, tmp / path.name)
        (tmp / "halaman.json").write_text(json.dumps(pages, sort_keys=True), encoding="utf-8")
        (tmp / "key.txt").write_text(key + "\n", encoding="utf-8")
        replace_entry(tmp, self.folder / edition)

    def pages(self, edition: str) -> dict[str, str]:
        """The report's number pages recorded with its last PDF (empty when none)."""
        try:
            return json.loads((self.folder / edition / "halaman.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def work(self, edition: str) -> Path:
        """The work folder where ``edition`` is typeset, kept from one typesetting to the
        next (any key)."""
        return self.folder / "work" / edition
