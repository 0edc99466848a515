"""Table and figure numbers of the book's Sphinx runs: per chapter, and without walking
every page again in an incremental run.

Sphinx numbers figures and tables (``numfig``) after every read by walking the doctree of
every document under the root toctree (:meth:`TocTreeCollector.assign_figure_numbers`):
it unpickles every page and visits every node, about 88,000 nodes in the 2023 book, even
when one page changed. Under a profiler that walk was 2.9 of the 8.0 s of an HTML run
after one page changed; without it, on 2 cores, such a run took 4.4 s instead of 8.2-9.1.

What the walk takes from a document depends only on its doctree, which changes only when
Sphinx re-reads it. So the walk of each document is kept in the environment (pickled
with it) as a list of steps: its sections (by anchor), its toctrees (the documents they
include) and its numbered nodes (type and id), in the order of Sphinx's walk. A document
that Sphinx re-reads or removes loses its steps (``env-purge-doc``); the numbers are then
assigned by replaying the steps, Sphinx's own algorithm (section numbers are looked up
as they are now), walking only the doctrees of documents without steps (from memory when
Sphinx read them in this run: :mod:`sphinx_doctrees`).

Then the numbers are made per chapter: "3.1" in BAB III, "1" where the chapter has no
prefix (``lkjip_nomor_bab``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.util import url_re

from lkjip.render import sphinx_doctrees

#: a step of a document's walk: ("section", anchor, steps), ("toctree", documents) or
#: ("node", figure type, id)
Step = tuple[str, str, list[Any]] | tuple[str, list[str]] | tuple[str, str, str]

#: the environment's attribute holding each document's steps
STEPS = "lkjip_numbering_steps"

#: Sphinx's own numbering, which :func:`setup_numbering` replaces (kept for comparison)
SPHINX_ASSIGN = TocTreeCollector.assign_figure_numbers


def _steps(env: BuildEnvironment) -> dict[str, list[Step]]:
    kept = getattr(env, STEPS, None)
    if kept is None:
        kept = {}
        setattr(env, STEPS, kept)
    return kept


def forget(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """``env-purge-doc``: a document Sphinx re-reads or removes loses its steps."""
    _steps(env).pop(docname, None)


def _figure_type(env: BuildEnvironment, node: nodes.Node) -> str | None:
    """Sphinx's ``get_figtype`` (in ``assign_figure_numbers``): the numbered type of
    ``node``; an uncaptioned node of the standard domain has none."""
    for domain in env.domains.values():
        figtype = domain.get_enumerable_node_type(node)
        if domain.name == "std" and not domain.get_numfig_title(node):  # type: ignore[attr-defined]
            continue
        if figtype:
            return figtype
    return None


def _walk(env: BuildEnvironment, element: nodes.Element) -> list[Step]:
    """The steps of ``element``'s children, in the order of Sphinx's walk."""
    steps: list[Step] = []
    for child in element.children:
        if isinstance(child, nodes.section):
            steps.append(("section", child["ids"][0], _walk(env, child)))
        elif isinstance(child, addnodes.toctree):
            steps.append(("toctree", [name for _title, name in child["entries"]]))
        elif isinstance(child, nodes.Element):
            figtype = _figure_type(env, child)
            if figtype and child["ids"]:
                steps.append(("node", figtype, child["ids"][0]))
            steps.extend(_walk(env, child))
    return steps


def assign(env: BuildEnvironment) -> None:
    """Sphinx's numbering (``assign_figure_numbers`` of Sphinx 7.4), from each document's
    kept steps: ``env.toc_fignumbers`` as Sphinx would set it."""
    generated = frozenset(env.domains["std"]._virtual_doc_names)  # type: ignore[attr-defined]
    kept = _steps(env)
    assigned: set[str] = set()
    counters: dict[str, dict[tuple[int, ...], int]] = {}
    env.toc_fignumbers = {}

    def section_number(docname: str, anchor: str) -> tuple[int, ...]:
        numbers = env.toc_secnumbers.get(docname, {})
        found = numbers.get("#" + anchor) if "#" + anchor in numbers else numbers.get("")
        return found or ()

    def register(docname: str, secnum: tuple[int, ...], figtype: str, figure_id: str) -> None:
        counter = counters.setdefault(figtype, {})
        secnum = secnum[: env.config.numfig_secnum_depth]
        counter[secnum] = counter.get(secnum, 0) + 1
        by_type = env.toc_fignumbers.setdefault(docname, {}).setdefault(figtype, {})
        by_type[figure_id] = (*secnum, counter[secnum])

    def replay(docname: str, steps: list[Step], secnum: tuple[int, ...]) -> None:
        for step in steps:
            if step[0] == "section":
                _kind, anchor, inner = step
                replay(docname, inner, section_number(docname, anchor) or secnum)
            elif step[0] == "toctree":
                for name in step[1]:
                    if url_re.match(name) or name == "self" or name in generated:
                        continue
                    document(name, secnum)
            else:
                _kind, figtype, figure_id = step
                register(docname, secnum, figtype, figure_id)

    def document(docname: str, secnum: tuple[int, ...]) -> None:
        if docname in assigned:
            return
        assigned.add(docname)
        if docname not in kept:
            kept[docname] = _walk(env, sphinx_doctrees.read_only(env, docname))
        replay(docname, kept[docname], secnum)

    document(env.config.root_doc, ())


def renumber(env: BuildEnvironment) -> None:
    """Number tables and figures per document: "3.1" in BAB III, "1" where no prefix."""
    prefixes: dict[str, str] = env.config.lkjip_nomor_bab or {}
    for docname, by_type in env.toc_fignumbers.items():
        prefix = prefixes.get(docname, "")
        for figtype, numbers in by_type.items():
            if figtype == "section":
                continue
            ordered = sorted(numbers, key=lambda key: numbers[key])
            for position, key in enumerate(ordered, start=1):
                numbers[key] = (prefix, position) if prefix else (position,)


def assign_figure_numbers(self: TocTreeCollector, env: BuildEnvironment) -> list[str]:
    """In place of :meth:`TocTreeCollector.assign_figure_numbers`: the numbers of
    :func:`assign` made per chapter; returns the documents whose numbers changed (to be
    written again)."""
    old = env.toc_fignumbers
    if env.config.numfig:
        assign(env)
    else:
        env.toc_fignumbers = {}
    renumber(env)
    return [
        doc
        for doc in env.toc_fignumbers.keys() | old.keys()
        if env.toc_fignumbers.get(doc) != old.get(doc)
    ]


def setup_numbering(app: Sphinx) -> None:
    TocTreeCollector.assign_figure_numbers = assign_figure_numbers  # type: ignore[method-assign]
    app.connect("env-purge-doc", forget)
