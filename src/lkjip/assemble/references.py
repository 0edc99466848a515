"""No reference to a table or figure the book does not hold reaches jupyter-book.

A chapter's prose, or a sentence a chapter writes, refers to a table or figure by its
number (``{numref}`tbl-…```). When its data did not let a chapter print that table (a
draft with data missing; a cached chapter referring to a table another chapter no longer
prints), Sphinx would print the reference as its raw label. Before jupyter-book runs,
every ``{numref}`` of the staged book (template prose, chapter outputs, glued text,
generated pages) is matched with the labels the staged book defines (``:name:`` of a
table or figure, a ``(label)=`` target). In a draft an unmatched reference becomes
words ("tabel belum tersedia"); a strict build stops and names it (its data made the
chapter skip a table its text refers to: a defect of the chapter, never printed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat

from lkjip.errors import BuildError

#: a label defined by a directive option or a target line
_DEFINED = (re.compile(r"^\s*:name:\s*(\S+)\s*$", re.M), re.compile(r"^\(([^()\s]+)\)=\s*$", re.M))
#: a numbered reference: ``{numref}`label``` or ``{numref}`Tabel %s <label>```
_NUMREF = re.compile(r"\{numref\}`([^`]*)`")

#: what a draft prints instead of a reference to a missing table or figure
KATA = {"tbl-": "tabel belum tersedia", "gbr-": "gambar belum tersedia"}


def _target(content: str) -> str:
    inner = re.search(r"<([^<>]+)>\s*$", content)
    return (inner.group(1) if inner else content).strip()


def _words(label: str) -> str:
    return next(
        (w for prefix, w in KATA.items() if label.startswith(prefix)), "rujukan belum tersedia"
    )


def _notebook_texts(notebook: dict) -> Iterator[tuple[dict, str]]:
    """``(holder, key)`` of every Markdown text of a notebook: its Markdown cells and every
    Markdown output (displayed or glued)."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            yield cell, "source"
        for output in cell.get("outputs", []) or []:
            data = output.get("data") or {}
            for mime in data:
                if mime.endswith("text/markdown"):
                    yield data, mime


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def _pages(src: Path) -> list[Path]:
    return sorted(
        p
        for p in src.rglob("*")
        if p.suffix in (".md", ".ipynb")
        and p.is_file()
        and "_build" not in p.relative_to(src).parts
    )


def _each_text(path: Path) -> Iterator[str]:
    if path.suffix == ".md":
        yield path.read_text(encoding="utf-8")
        return
    notebook = nbformat.read(path, as_version=4)
    for holder, key in _notebook_texts(notebook):
        yield _text(holder[key])


def labels(src: Path) -> set[str]:
    """Every label the staged book defines."""
    found: set[str] = set()
    for path in _pages(src):
        for text in _each_text(path):
            for pattern in _DEFINED:
                found.update(pattern.findall(text))
    return found


def dangling(src: Path) -> dict[str, list[str]]:
    """Labels referred to (``{numref}``) that the staged book does not define -> the pages
    (relative to ``src``) that refer to them."""
    defined = labels(src)
    out: dict[str, list[str]] = {}
    for path in _pages(src):
        for text in _each_text(path):
            for content in _NUMREF.findall(text):
                label = _target(content)
                page = path.relative_to(src).as_posix()
                if label not in defined and page not in out.get(label, []):
                    out.setdefault(label, []).append(page)
    return out


def _rewrite(text: str, missing: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        label = _target(match.group(1))
        return _words(label) if label in missing else match.group(0)

    return _NUMREF.sub(replace, text)


def _rewrite_page(path: Path, change: Callable[[str], str]) -> None:
    if path.suffix == ".md":
        text = path.read_text(encoding="utf-8")
        if change(text) != text:
            path.write_text(change(text), encoding="utf-8")
        return
    notebook = nbformat.read(path, as_version=4)
    changed = False
    for holder, key in _notebook_texts(notebook):
        before = _text(holder[key])
        after = change(before)
        if after != before:
            holder[key] = after
            changed = True
    if changed:
        nbformat.write(notebook, path)


def settle(src: Path, draft: bool) -> list[str]:
    """Make every ``{numref}`` of the staged book point to a label it defines: a draft's
    missing ones become words; a strict build raises BuildError naming them. Returns the
    labels a draft replaced."""
    missing = dangling(src)
    if not missing:
        return []
    if not draft:
        named = "; ".join(
            f"{label} ({', '.join(pages)})" for label, pages in sorted(missing.items())
        )
        raise BuildError(f"{len(missing)} rujukan ke tabel atau gambar yang tidak dicetak: {named}")
    referring = {page for pages in missing.values() for page in pages}
    for page in sorted(referring):
        _rewrite_page(src / page, lambda text: _rewrite(text, set(missing)))
    return sorted(missing)
