"""Draft chapters: a cell that fails for missing data shows a plain box, and the chapter goes on.

In a draft, every cell run after ``mulai`` is wrapped (an IPython AST
transformer) in ``try``/``except``: a failure for missing data
(:data:`lkjip.errors.MISSING_DATA`) shows one box naming the tables to fill, and
the cell completes. So a chapter run with the papermill command line (which stops
at the first failed cell) completes too, and shows the same boxes as
``lkjip build --draft``. Any other exception (a ``TypeError``, an
``AttributeError``: a bug) is not caught: the cell fails with its traceback and
so does the build, as in a strict build.

While a cell runs, what it reads is collected (:mod:`lkjip.data.reads`): the
tables behind a failure are the tables the cell read, directly or through its
figures, that are missing or empty. The cell's section (the heading above it in
the template notebook) lets a chapter show one box per missing table per
section: later failures of the same cause in that section show nothing more.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd
from IPython.display import Markdown, display

from lkjip import paths
from lkjip.data import reads
from lkjip.data.dataset import Dataset
from lkjip.data.gaps import gaps, incomplete
from lkjip.domain import formatting as fmt
from lkjip.errors import MISSING_DATA
from lkjip.figures.registry import Registry
from lkjip.render.myst import kotak_belum, table_markdown

#: the name the wrapped cells call on failure (in the kernel's namespace)
HANDLER = "__lkjip_draft_failed__"
#: the name of the exception types the wrapped cells catch (in the kernel's namespace)
CAUGHT = "__lkjip_draft_missing__"
#: the name the wrapped cells call with their last expression (displayed as IPython would)
SHOW = "__lkjip_draft_show__"

_LABEL = re.compile(r"tbl-[A-Za-z0-9_-]*")
_NUMREF = re.compile(r"\{numref\}`(?:[^`<]*<)?([^`>]+)>?`")


class Bab(Protocol):
    """What a draft needs of a chapter's context (:class:`lkjip.chapters.kernel.context.Bab`)."""

    chapter: str
    ds: Dataset
    reg: Registry
    sel: DraftCells | None
    dilaporkan: dict[str, set[str]]
    label: set[str]

    @property
    def tahun(self) -> int: ...


def template_cells(chapter: str) -> list[tuple[str, str]]:
    """``(source, section)`` of each code cell of the chapter's template notebook; the
    section is the last Markdown heading above the cell."""
    path = notebook_path(chapter)
    if not path.exists():
        return []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    section = ""
    cells: list[tuple[str, str]] = []
    for cell in notebook.get("cells", []):
        text = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            for line in text.splitlines():
                if line.startswith("#"):
                    section = line.lstrip("#").strip()
        elif cell.get("cell_type") == "code":
            cells.append((text.strip(), section))
    return cells


def referenced_labels(chapter: str) -> list[str]:
    """Table labels the chapter's Markdown refers to (``{numref}``), in order."""
    path = notebook_path(chapter)
    if not path.exists():
        return []
    notebook = json.loads(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for label in _NUMREF.findall("".join(cell.get("source", ""))):
                if label.startswith("tbl-") and label not in found:
                    found.append(label)
    return found


def labels_in_source(
    raw_cell: str, namespace: dict, referenced: list[str], shown: set[str]
) -> list[str]:
    """The referenced table labels (not yet ``shown``) the functions a cell calls would
    have made.

    A label written as an f-string (``f"tbl-bab2-pagu-{x}"``) stands for the first
    referenced label it starts that is not shown yet (the prose refers to the tables
    in the order the cells show them).
    """
    try:
        tree = ast.parse(raw_cell)
    except SyntaxError:
        return []
    fragments: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = _resolve(node.func, namespace)
        if function is None:
            continue
        with contextlib.suppress(OSError, TypeError):
            fragments.update(_LABEL.findall(inspect.getsource(function)))
    waiting = [label for label in referenced if label not in shown]
    found = [label for label in waiting if label in fragments]
    for fragment in sorted(f for f in fragments if f.endswith("-")):
        first = next((label for label in waiting if label.startswith(fragment)), None)
        if first is not None and first not in found:
            found.append(first)
    return found


def _resolve(node: ast.expr, namespace: dict) -> Callable | None:
    """The function an ``a.b.c`` call expression names in ``namespace`` (or ``None``)."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in namespace:
        return None
    value = namespace[node.id]
    for name in reversed(names):
        value = getattr(value, name, None)
    return value if inspect.isfunction(value) or inspect.ismethod(value) else None


class _Wrap(ast.NodeTransformer):
    """``body`` -> ``try: body except CAUGHT as e: HANDLER(e)``, the last expression
    still displayed (``CAUGHT``: the missing-data exceptions, not a bug's)."""

    def visit_Module(self, node: ast.Module) -> ast.Module:  # ast API
        body = list(node.body)
        if not body:
            return node
        if isinstance(body[-1], ast.Expr):
            last = body[-1]
            call = ast.Call(ast.Name(SHOW, ast.Load()), [last.value], [])
            body[-1] = ast.copy_location(ast.Expr(call), last)
        handler = ast.ExceptHandler(
            type=ast.Name(CAUGHT, ast.Load()),
            name="__lkjip_exc__",
            body=[
                ast.Expr(
                    ast.Call(
                        ast.Name(HANDLER, ast.Load()), [ast.Name("__lkjip_exc__", ast.Load())], []
                    )
                )
            ],
        )
        wrapped = ast.Try(body=body, handlers=[handler], orelse=[], finalbody=[])
        node.body = [wrapped]
        return ast.fix_missing_locations(node)


@dataclass
class DraftCells:
    """The kernel side of a draft: what each cell reads, its section, its failures."""

    failed: Callable[[set[str], str], None]
    cells: list[tuple[str, str]]
    section: str = ""
    source: str = ""
    position: int = 0
    reads: set[str] = field(default_factory=set)
    _stack: contextlib.ExitStack | None = None

    def pre_run_cell(self, info) -> None:  # IPython's ExecutionInfo
        self.source = (info.raw_cell or "").strip()
        for index in range(self.position, len(self.cells)):
            if self.cells[index][0] == self.source:
                self.section = self.cells[index][1]
                self.position = index + 1
                break
        self._stack = contextlib.ExitStack()
        self.reads = self._stack.enter_context(reads.collect())

    def post_run_cell(self, result) -> None:  # IPython's ExecutionResult
        if self._stack is not None:
            self._stack.close()
            self._stack = None

    def handle(self, exc: BaseException) -> None:  # the box names tables, not exc
        self.failed(set(self.reads), self.source)


def install(shell, cells: DraftCells) -> None:  # an IPython shell
    """Wrap every later cell of ``shell`` and collect what each one reads."""

    def show(value: object) -> None:
        if value is not None:
            display(value)

    shell.user_ns[HANDLER] = cells.handle
    shell.user_ns[CAUGHT] = MISSING_DATA
    shell.user_ns[SHOW] = show
    shell.ast_transformers.append(_Wrap())
    shell.events.register("pre_run_cell", cells.pre_run_cell)
    shell.events.register("post_run_cell", cells.post_run_cell)


def notebook_path(chapter: str) -> Path:
    """The chapter's template notebook (its Markdown and its code cells in order)."""
    return paths.project_root() / "notebooks" / f"{chapter}.ipynb"


#: tables every chapter reads (never the one a section lacks when it has rows)
COMMON_TABLES = frozenset({"identitas"})


def show_gaps(ctx: Bab, reads: Iterable[str] = (), tables: Iterable[str] = ()) -> None:
    """Show what a draft section lacks: the tables to fill, their sheets, why.

    ``reads``: what the failing cell read (its tables, its figures' tables, and for a
    figure the draft could not compute, the tables of the step that makes it). One box
    per missing table per section: a later failure of the same cause in the same
    section shows nothing more.
    """
    reads = set(reads)
    figures = [k.split(":", 1)[1] for k in reads if k.startswith("figure:")]
    needed = (
        set(tables)
        | ctx.reg.tables_read(reads)
        | ctx.reg.tables_behind(f for f in figures if f != "*")
    )
    kurang = gaps(ctx.ds, needed)
    if not kurang:  # the tables the section reads itself are there, but not enough
        direct = {k.split(":", 1)[1] for k in reads if k.startswith(("table:", "spec:"))}
        kurang = incomplete(ctx.ds, direct - COMMON_TABLES)
    seen = ctx.dilaporkan.setdefault(ctx.sel.section if ctx.sel else "", set())
    keys = {g.table for g in kurang} or {""}
    new = keys - seen
    if not new or (not kurang and seen):  # a follow-on of a gap already shown
        return
    seen |= new
    display(Markdown(kotak_belum([g for g in kurang if g.table in new], tahun=ctx.tahun)))


def placeholders(ctx: Bab, labels: Iterable[str], judul: str | None = None) -> None:
    """A labelled placeholder for each table not shown, so that the prose's reference
    to it still resolves (no raw label in the book)."""
    for nama in labels:
        if nama in ctx.label:
            continue
        ctx.label.add(nama)
        frame = pd.DataFrame({"Keterangan": [fmt.BELUM_TERSEDIA.capitalize()]})
        caption = judul or f"{fmt.BELUM_TERSEDIA.capitalize()} ({ctx.tahun})"
        display(Markdown(table_markdown(frame, caption, nama)))


def cell_failed(ctx: Bab, reads: set[str], source: str) -> None:
    """A draft cell failed: the box, and placeholders for the tables it would show."""
    from IPython import get_ipython

    show_gaps(ctx, reads)
    shell = get_ipython()
    namespace = shell.user_ns if shell is not None else {}
    referenced = referenced_labels(ctx.chapter)
    placeholders(ctx, labels_in_source(source, namespace, referenced, ctx.label))


def start(ctx: Bab) -> None:
    """Make the running kernel a draft kernel for ``ctx`` (nothing outside a kernel)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    cells = DraftCells(lambda found, source: cell_failed(ctx, found, source), [])
    cells.cells = template_cells(ctx.chapter)
    ctx.sel = cells
    install(shell, cells)
