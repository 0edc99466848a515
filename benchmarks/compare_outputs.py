"""Compare the book built from the working tree with the book of a git commit.

``python benchmarks/compare_outputs.py [--ref COMMIT] [--tahun 2023] [--keep DIR]``

A refactoring must not change what the book says. This script builds the HTML
book twice, each in its own scratch copy of the project with an empty cache:
once from ``--ref`` (default ``HEAD``, checked out with ``git worktree``) and
once from the working tree as it is now (uncommitted changes included). It then
compares ``ledger.csv``, ``reviu.csv`` and every file of ``html/`` byte by byte.

For each HTML file that differs it also says whether the difference is confined
to the two places a refactoring may legitimately touch:

* ``code``: the source of code cells shown in the HTML (``cell_input`` blocks,
  and the search index built from them), which changes when notebook code moves
  into the package;
* ``stamp``: the reproducibility stamp on the Reviu page (git commit, hashes of
  the notebooks and package versions), which changes with every commit.

A page that differs otherwise is compared by its visible text (code cells
removed, whitespace collapsed): ``same text`` means only the markup changed
(for example a sentence that moved from a code cell's output into a Markdown
cell); ``TEXT`` shows a word diff of what a reader sees differently.

Exit status 0 when the ledger and the reconciliation are identical and no
page's text differs beyond code cells and the stamp; 1 otherwise. Each differing file is shown as
a short unified diff so that intended changes can be explained.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lkjip import config

ROOT = Path(__file__).resolve().parents[1]
#: what a scratch copy of the project needs to build (no _build, no .venv)
PROJECT_ITEMS = (
    "_config.yml",
    "_toc.yml",
    "parameters.yml",
    "pyproject.toml",
    "book",
    "notebooks",
    "data",
    "src",
)
_CELL_INPUT = re.compile(r'<div class="cell_input[^"]*">.*?</div>\n</div>\n', re.S)
#: git commits and SHA-256 hashes (the stamp's commit and input hashes)
_HASH = re.compile(r"\b[0-9a-f]{40}(?:[0-9a-f]{24})?\b")


def _copy(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    for name in PROJECT_ITEMS:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.is_file():
            shutil.copy2(path, target / name)


def _build(project: Path, tahun: int) -> Path:
    env = {**os.environ, "PYTHONPATH": str(project / "src"), config.ROOT: str(project)}
    env.pop("VIRTUAL_ENV", None)
    command = [
        sys.executable,
        "-c",
        "import sys; from lkjip.cli import main; sys.exit(main())",
        "build",
        "--tahun",
        str(tahun),
        "--html-saja",  # the old spelling: accepted by every version
    ]
    print(f"build {project.name} ...", flush=True)
    subprocess.run(command, cwd=project, env=env, check=True)
    return project / "_build" / str(tahun)


def _normalised(text: str) -> str:
    return _HASH.sub("<hash>", _CELL_INPUT.sub("", text))


def _visible_text(text: str) -> list[str]:
    """The words a reader sees on a page (code cells and scripts removed, hashes masked)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_CELL_INPUT.sub("", text), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return _HASH.sub("<hash>", soup.get_text(" ")).split()


def _word_diff(a: list[str], b: list[str], limit: int) -> str:
    out = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            context = " ".join(a[max(0, i1 - 6) : i1])
            out.append(f"  …{context} [-{' '.join(a[i1:i2])}-] {{+{' '.join(b[j1:j2])}+}}")
    cut = [line[:300] for line in out[:limit]]
    if len(out) > limit:
        cut.append(f"  ... ({len(out) - limit} more changes)")
    return "\n".join(cut)


def _index_terms_diff(old: str, new: str, limit: int) -> str:
    """Terms only in one of two Sphinx search indexes (hashes left out)."""
    terms = []
    for text in (old, new):
        data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        terms.append({t for t in data["terms"] if not _HASH.fullmatch(t)})
    gone, added = sorted(terms[0] - terms[1]), sorted(terms[1] - terms[0])
    return f"  only old: {' '.join(gone[:limit])}\n  only new: {' '.join(added[:limit])}"


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _short_diff(old: Path, new: Path, limit: int) -> str:
    a = old.read_text(encoding="utf-8", errors="replace").splitlines()
    b = new.read_text(encoding="utf-8", errors="replace").splitlines()
    lines = list(difflib.unified_diff(a, b, "lama", "baru", n=0, lineterm=""))
    cut = [line[:300] for line in lines[:limit]]
    if len(lines) > limit:
        cut.append(f"... ({len(lines) - limit} more lines)")
    return "\n".join(cut)


def compare(old: Path, new: Path, limit: int) -> bool:
    """Print what differs between two builds; True when only code cells and the stamp do."""
    ok = True
    for name in ("ledger.csv", "reviu.csv"):
        same = filecmp.cmp(old / name, new / name, shallow=False)
        print(f"{name}: {'identical' if same else 'DIFFERENT'}")
        if not same:
            ok = False
            print(_short_diff(old / name, new / name, limit))
    old_html, new_html = old / "html", new / "html"
    a, b = _files(old_html), _files(new_html)
    for name in sorted(a ^ b):
        ok = False
        print(f"only in {'old' if name in a else 'new'}: html/{name}")
    identical = kinds = 0
    for name in sorted(a & b):
        if filecmp.cmp(old_html / name, new_html / name, shallow=False):
            identical += 1
            continue
        kinds += 1
        try:
            ta = (old_html / name).read_text(encoding="utf-8")
            tb = (new_html / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            ok = False
            print(f"html/{name}: binary file differs")
            continue
        if _normalised(ta) == _normalised(tb):
            print(f"html/{name}: differs (code cells / stamp only)")
            continue
        if name.endswith(".html"):
            wa, wb = _visible_text(ta), _visible_text(tb)
            if wa == wb:
                print(f"html/{name}: differs (same text, markup changed)")
                continue
            ok = False
            print(f"html/{name}: differs (TEXT)")
            print(_word_diff(wa, wb, limit))
            continue
        if name == "searchindex.js":  # words of code cells and hashes are indexed too
            print(f"html/{name}: differs (index terms; check them against the pages above)")
            print(_index_terms_diff(ta, tb, limit))
            continue
        ok = False
        print(f"html/{name}: differs (CONTENT)")
        print(_short_diff(old_html / name, new_html / name, limit))
    print(f"html: {identical} identical files, {kinds} differing, {len(a ^ b)} only on one side")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="HEAD", help="git commit to compare with")
    parser.add_argument("--tahun", type=int, default=2023)
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep both builds here (the ref's is reused)"
    )
    parser.add_argument("--diff-lines", type=int, default=40)
    parser.add_argument(
        "--compare-only", action="store_true", help="compare the kept builds, build nothing"
    )
    args = parser.parse_args()
    scratch = Path(args.keep or tempfile.mkdtemp(prefix="lkjip-compare-"))
    scratch.mkdir(parents=True, exist_ok=True)
    worktree = scratch / "ref-checkout"
    try:
        old = scratch / "lama" / "_build" / str(args.tahun)
        if not (args.keep and old.is_dir()):  # a kept build of the ref is reused
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(worktree), args.ref],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            shutil.rmtree(scratch / "lama", ignore_errors=True)
            _copy(worktree, scratch / "lama")
            old = _build(scratch / "lama", args.tahun)
        new = scratch / "baru" / "_build" / str(args.tahun)
        if not (args.compare_only and new.is_dir()):
            shutil.rmtree(scratch / "baru", ignore_errors=True)
            _copy(ROOT, scratch / "baru")
            new = _build(scratch / "baru", args.tahun)
        ok = compare(old, new, args.diff_lines)
    finally:
        if worktree.exists():
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT)
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print("RESULT:", "same book" if ok else "differences to explain")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
