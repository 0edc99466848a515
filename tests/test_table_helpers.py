"""One calling convention for the chapters' table helpers (docs/architecture.md, "Adding
a section to a chapter"): ``tabel_*`` returns a DataFrame and shows nothing, the notebook
shows it (``ctx.tabel``); ``tampilkan_*`` shows what it makes itself and returns no table
(None, or how many images ``gambar.tampilkan_gambar`` showed)."""

from __future__ import annotations

import ast

from .helpers import ROOT

CHAPTERS = ROOT / "src" / "lkjip" / "chapters"


def convention_breaks(source: str, name: str) -> list[str]:
    """The functions of ``source`` whose name and return annotation disagree."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef):
            continue
        returns = ast.unparse(node.returns) if node.returns else ""
        if node.name.startswith("tabel_") and "DataFrame" not in returns:
            found.append(f"{name}:{node.lineno}: {node.name} -> {returns or '?'}")
        if node.name.startswith("tampilkan_") and (not returns or "DataFrame" in returns):
            found.append(f"{name}:{node.lineno}: {node.name} -> {returns or '?'}")
    return found


def test_table_helpers_follow_one_convention() -> None:
    paths = sorted(CHAPTERS.rglob("*.py"))
    found = [
        hit
        for path in paths
        for hit in convention_breaks(path.read_text(encoding="utf-8"), path.name)
    ]
    assert not found, "\n".join(found)
    # both kinds are in use (the check is not vacuous)
    text = "\n".join(path.read_text(encoding="utf-8") for path in paths)
    assert "def tabel_" in text and "def tampilkan_" in text


def test_the_check_finds_a_helper_that_breaks_it() -> None:
    source = (
        "def tabel_a(ctx) -> None: ...\n"
        "def tabel_b(ctx) -> pd.DataFrame: ...\n"
        "def tampilkan_c(ctx) -> pd.DataFrame: ...\n"
        "def tampilkan_d(ctx) -> None: ...\n"
        "def tabel_e(ctx): ...\n"
    )
    assert convention_breaks(source, "x.py") == [
        "x.py:1: tabel_a -> None",
        "x.py:3: tampilkan_c -> pd.DataFrame",
        "x.py:5: tabel_e -> ?",
    ]
