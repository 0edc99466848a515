"""jupyter-book runs: HTML in a kept work folder (incremental), LaTeX for the PDF."""

from __future__ import annotations

import errno
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import yaml

from lkjip import config
from lkjip.assemble.cache import code_version
from lkjip.errors import BuildError

#: the garbage collector's thresholds in jupyter-book's process: Sphinx unpickles and
#: copies millions of docutils nodes, and with Python's default (700, 10, 10) the
#: collector's passes over them took about half of a LaTeX run's CPU time (measured: the
#: working paper's Sphinx run 27.5 CPU-s, 17.3 with these, for 30 MB more memory; no
#: collection at all saves a little more for 185 MB more)
GC_THRESHOLDS = (100_000, 10, 10)


def run(src: Path, builder: str, out: Path, *, strict: bool = True) -> None:
    """Run jupyter-book; warnings are errors except in a draft (whose gaps leave dangling
    references to tables and figures that could not be made yet)."""
    command = [
        sys.executable,
        "-c",
        f"import gc; gc.set_threshold(*{GC_THRESHOLDS}); "
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(src),
        "--builder",
        builder,
        "--path-output",
        str(out),
        *(["-W", "-n"] if strict else []),
        "--keep-going",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        _failed(f"jupyter-book ({builder})", result, out)


def latexmk(folder: Path, env: dict[str, str]) -> None:
    """Typeset the LaTeX that Sphinx's LaTeX builder wrote into ``folder`` as a PDF: its
    Makefile's ``all-pdf`` (latexmk), with ``env``'s options added to the environment.
    Run apart from jupyter-book, whose process would otherwise wait through the whole
    typesetting holding every page's doctree in memory."""
    variables = {**os.environ, **env}
    command = [os.environ.get("MAKE", "make"), "all-pdf"]
    result = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, check=False, env=variables
    )
    if result.returncode != 0:
        _failed("LaTeX (xelatex)", result, folder)


def _failed(what: str, result: subprocess.CompletedProcess[str], near: Path) -> NoReturn:
    """Raise what stopped a tool's run: the environment's failure (:func:`os_error`) or
    a :class:`BuildError` with the output's warnings and errors."""
    output = result.stdout + result.stderr
    environment = os_error(output, near)
    if environment is not None:
        raise environment
    lines = [ln for ln in output.splitlines() if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
    detail = "\n".join(lines[-30:]) or result.stdout[-3000:]
    raise BuildError(f"{what} gagal:\n{detail}")


#: an OSError as Python prints it (``OSError: [Errno 28] No space left on device: '/x'``,
#: also docutils' ``OutputError``)
_OS_ERROR = re.compile(
    r"\[Errno (?P<errno>\d+)\] (?P<text>[^\n]*?)(?:: '(?P<path>[^'\n]*)')?\s*$", re.M
)
#: causes printed without an errno (C libraries, LaTeX tools)
_CAUSES = {
    "No space left on device": errno.ENOSPC,
    "Disk quota exceeded": errno.EDQUOT,
    "Read-only file system": errno.EROFS,
    "File too large": errno.EFBIG,
}


def os_error(output: str, near: Path) -> OSError | None:
    """The environment failure (a full disk, no permission, ...) that stopped a
    jupyter-book run, from its output, as an :class:`OSError` naming the file it names
    or else ``near`` (the folder the run writes to); None when the run failed otherwise.
    The command line turns it into an Indonesian message (exit 1)."""
    found = list(_OS_ERROR.finditer(output))
    if found:
        last = found[-1]
        return OSError(int(last["errno"]), last["text"], last["path"] or str(near))
    for text, number in _CAUSES.items():
        if text in output:
            return OSError(number, text, str(near))
    return None


def _sync(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source``, touching only files whose bytes differ
    (Sphinx then re-reads only those)."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        origin, copy = source / rel, target / rel
        if copy.is_file() and copy.read_bytes() == origin.read_bytes():
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, copy)
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in wanted:
                path.unlink()


def build_kept(
    src: Path,
    work: Path,
    builder: str,
    *,
    strict: bool,
    then: Callable[[Path], None] | None = None,
) -> Path:
    """Run jupyter-book's ``builder`` on ``src`` in a kept work folder, so that Sphinx
    re-reads only the pages whose bytes changed (the others keep their file times and
    their doctrees), then ``then`` on the folder of the builder's outputs
    (``.../_build``, which also keeps LaTeX's state for the next run); returns that
    folder.

    The work folder is part of the cache: it is marked while in use, and a mark
    left by an interrupted build makes the next build start it afresh. So does another
    version of lkjip's code (its Sphinx extension shapes pages Sphinx would not rewrite).
    """
    mark = work / ".sedang-dipakai"
    version = work / "code-version.txt"
    same_code = version.is_file() and version.read_text(encoding="utf-8") == code_version()
    if mark.exists() or not same_code:
        shutil.rmtree(work, ignore_errors=True)
    fresh = not (work / "src").exists()
    work.mkdir(parents=True, exist_ok=True)
    mark.touch()
    _sync(src, work / "src")

    def attempt() -> None:
        run(work / "src", builder, work / "out", strict=strict)
        if then is not None:
            then(work / "out" / "_build")

    try:
        attempt()
    except BuildError:
        if fresh:
            raise
        # Sphinx's kept state can disagree with pages that moved between documents (a
        # label now defined elsewhere), and LaTeX's with a changed layout: an error is
        # only believed from a fresh build
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        mark.touch()
        _sync(src, work / "src")
        attempt()
    version.write_text(code_version(), encoding="utf-8")
    mark.unlink()
    return work / "out" / "_build"


def build_html(src: Path, work: Path, html_out: Path, *, strict: bool) -> None:
    """Build the HTML in a kept work folder (:func:`build_kept`) into ``html_out``."""
    built = build_kept(src, work, "html", strict=strict)
    shutil.copytree(built / "html", html_out)
    for name in THEME_MACROS:
        (html_out / "_static" / name).unlink(missing_ok=True)
    _same_as_fresh(html_out)


#: Jinja macro files the themes keep in their static folders, which Sphinx copies into
#: ``_static/``: no pages of the book (opened, they request their template text as URLs)
THEME_MACROS = ("webpack-macros.html", "sbt-webpack-macros.html")


#: Sphinx adds a ``?v=<checksum>`` to static files, but rewrites only the pages whose
#: source changed: a page it kept would name the old checksum of a changed file (the
#: popover data changes with every figure). Local files need no cache busting.
_CHECKSUM = re.compile(r"(_static/[^\"'?]+\.(?:css|js))\?v=[0-9a-f]+")


_SEARCH_INDEX = "Search.setIndex("


def _same_as_fresh(html: Path) -> None:
    """Make an incremental HTML build byte-identical to a fresh one, and the search
    index's section titles HTML (:func:`escape_search_titles`).

    Two differences are Sphinx's, not the book's: the checksums of static files
    and terms left with no pages in the search index.
    """
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = _CHECKSUM.sub(r"\1", text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    index = html / "searchindex.js"
    text = index.read_text(encoding="utf-8") if index.is_file() else ""
    if text.startswith(_SEARCH_INDEX) and text.endswith(")"):
        data = json.loads(text[len(_SEARCH_INDEX) : -1])
        for key in ("terms", "titleterms"):
            data[key] = {term: docs for term, docs in data.get(key, {}).items() if docs != []}
        escape_search_titles(data)
        index.write_text(_SEARCH_INDEX + json.dumps(data, sort_keys=True) + ")", encoding="utf-8")


def escape_search_titles(index: dict) -> None:
    """HTML-escape the section titles of a search index, in place.

    Sphinx stores a page's title as HTML (``titles``) but its section titles as plain
    text (``alltitles``), and its search page writes either into the results with
    ``innerHTML``: a data table's title (metadata, data text) holding ``<img onerror>``
    would run when someone searches for it. Escaped, both are HTML. (Only the copy the
    book publishes is changed; Sphinx's kept work folder reloads its own index.)
    """
    titles = index.get("alltitles")
    if isinstance(titles, dict):
        index["alltitles"] = {html.escape(title, quote=False): at for title, at in titles.items()}


#: the mark of a draft book, on every HTML page and every PDF page
DRAFT_TEXT = "DRAFT: data belum lengkap, angka dapat berubah"


def mark_draft(src: Path) -> None:
    """Put the DRAFT banner on every HTML page of the staged book."""
    path = src / "_config.yml"
    book = yaml.safe_load(path.read_text(encoding="utf-8"))
    options = book.setdefault("sphinx", {}).setdefault("config", {})
    options.setdefault("html_theme_options", {})["announcement"] = DRAFT_TEXT
    path.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False), encoding="utf-8")


def set_identity(src: Path, title: str, author: str) -> None:
    """Write the book's title, author and copyright (the footer "© <author>") into the
    staged ``_config.yml``: they come from the data, never from the project's file. The
    same write marks the book as staged by ``lkjip build`` (the Sphinx config value
    :data:`lkjip.config.STAGED_BOOK`), without which the book's Sphinx extension
    refuses to run."""
    path = src / "_config.yml"
    book = yaml.safe_load(path.read_text(encoding="utf-8"))
    # data text: the templates that print them raw are overridden to escape them
    # (book/_templates)
    book.update({"title": title, "author": author, "copyright": author})
    book.setdefault("sphinx", {}).setdefault("config", {})[config.STAGED_BOOK] = True
    path.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False), encoding="utf-8")
