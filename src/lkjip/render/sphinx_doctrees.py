"""Doctrees of the pages Sphinx read in this run, taken from memory instead of unpickled
again from the doctree folder.

Sphinx 7.4 keeps each page it reads in memory (``env._write_doc_doctree_cache``) and its
HTML builder writes the page from there. Two other readers unpickle it again: the walk
that numbers tables and figures (:mod:`sphinx_numbering`) and the LaTeX builder, which
inlines every page into one document (``inline_all_toctrees``) from a fresh unpickled
copy that it then copies once more, node by node. In the working paper's LaTeX run
(three pages of 2-4 MB of pickled doctree) the two unpickles and the copy were about a
quarter of the run under a profiler.

Here the walk reads the page kept in memory (it changes nothing), and the LaTeX builder
takes it (the page is written once: nothing reads it after), without the copy: every
doctree it inlines is its own (taken from memory or unpickled anew), so copying it
protected nothing. A page not read in this run (an incremental run) is unpickled, as
before. The LaTeX written is byte for byte the same (``tests/test_sphinx_doctrees.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.builders import latex as latex_builder
from sphinx.environment import BuildEnvironment
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.docutils import LoggingReporter

logger = logging.getLogger(__name__)


def _kept(env: BuildEnvironment) -> dict[str, nodes.document]:
    """The pages Sphinx read in this run and has not written yet (Sphinx 7.4's own
    store; none in a parallel read, whose pages come pickled from the workers)."""
    return getattr(env, "_write_doc_doctree_cache", {})


def read_only(env: BuildEnvironment, docname: str) -> nodes.document:
    """The doctree of ``docname``, to be read and not changed: the one kept in memory
    when Sphinx read the page in this run, else unpickled."""
    kept = _kept(env).get(docname)
    return kept if kept is not None else env.get_doctree(docname)


def take(env: BuildEnvironment, docname: str) -> nodes.document:
    """The doctree of ``docname``, the caller's to change: the one kept in memory (taken
    out of the store, as Sphinx's HTML writer does) or unpickled."""
    kept = _kept(env).pop(docname, None)
    if kept is None:
        return env.get_doctree(docname)
    kept.settings.env = env
    kept.reporter = LoggingReporter(env.doc2path(docname))
    return kept


def inline_all_toctrees(
    builder: Builder,
    docnameset: set[str],
    docname: str,
    tree: nodes.document,
    colorfunc: Callable[[str], str],
    traversed: list[str],
) -> nodes.document:
    """Sphinx 7.4's ``sphinx.util.nodes.inline_all_toctrees`` for the LaTeX builder:
    the same document, from doctrees taken by :func:`take` and not copied."""
    for toctreenode in list(tree.findall(addnodes.toctree)):
        newnodes = []
        for includefile in map(str, toctreenode["includefiles"]):
            if includefile in traversed:
                continue
            try:
                traversed.append(includefile)
                logger.info(colorfunc(includefile) + " ", nonl=True)
                subtree = inline_all_toctrees(
                    builder,
                    docnameset,
                    includefile,
                    take(builder.env, includefile),
                    colorfunc,
                    traversed,
                )
                docnameset.add(includefile)
            except Exception:
                logger.warning(
                    __("toctree contains ref to nonexisting file %r"), includefile, location=docname
                )
            else:
                sof = addnodes.start_of_file(docname=includefile)
                sof.children = subtree.children
                for sectionnode in sof.findall(nodes.section):
                    if "docname" not in sectionnode:
                        sectionnode["docname"] = includefile
                newnodes.append(sof)
        toctreenode.parent.replace(toctreenode, newnodes)
    return tree


def setup_doctrees() -> None:
    """The LaTeX builder inlines pages with :func:`inline_all_toctrees`."""
    latex_builder.inline_all_toctrees = inline_all_toctrees  # type: ignore[assignment]
