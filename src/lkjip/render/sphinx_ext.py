"""Sphinx extension of the book: figure links, source rows, page references, numbering.

Roles (written by :mod:`lkjip.render.myst`):

- ``{angka}`122,77% <f-ikm-capaian>``` a number of the report. In HTML a quiet
  link to its calculation in the working paper (with a popover, ``lkjip.js``);
  in the PDF plain text in the body colour, with an invisible label so that the
  working paper can say on which page of the report the number stands.
- ``{sumber}`data/2023/skm_bulanan.csv:2-13``` source rows. In HTML a link to the
  row(s) on the data table's page (``kertas_kerja/data/<tabel>``); in the PDF text.
- ``{halaman}`f-ikm-capaian``` the page of the report where a figure stands (PDF:
  the LaTeX command ``lkjiphalaman`` with the anchor, looked up when LaTeX runs in the
  pages the build read from the report's LaTeX labels, :func:`lkjip.assemble.pdf.write_pages`,
  so that Sphinx writes the working paper without waiting for the report; HTML: a link).

Long words: in the LaTeX build, every word of the text longer than
:data:`lkjip.render.latex.LONG_WORD` characters (a URL, a path, a long identifier)
gets line-break points (:func:`lkjip.render.latex.break_long_words`), so it wraps in a
table cell or a paragraph instead of running off the page. In a table with paragraph
columns, a word wider than its column (an identifier, a path: never a number) gets
break points after its punctuation (:func:`lkjip.render.columns.break_wide_words`; the
column widths leave room for the pieces). A table with paragraph
columns taller than :data:`lkjip.render.columns.BREAK_LINES` lines is set as a
longtable (it breaks across pages instead of leaving a page half empty; a tabulary that
does not fit loses its last rows). The HTML is unchanged.

Numbering: tables and figures are numbered per chapter ("Tabel 3.1"): the
chapter prefix of each document comes from the config value ``lkjip_nomor_bab``
(docname -> prefix; documents not listed count from 1 without a prefix).

Scripts once, identifiers that break at their dots: :mod:`lkjip.render.sphinx_html`.

Titles: the two page titles the HTML theme prints as plain text without escaping them
(:data:`PLAIN_TITLES`) are HTML-escaped in the page context.

Only under ``lkjip build``: the chapter notebooks carry no outputs (``lkjip build`` runs
them with the year's data before jupyter-book), so a plain ``jupyter-book build .`` of
the project would make a book without a single number and exit 0. Outside a book staged
by ``lkjip build`` (whose staged ``_config.yml`` sets the config value
:data:`lkjip.config.STAGED_BOOK`) the extension stops Sphinx as soon as the configuration
is read, with :data:`ONLY_LKJIP_BUILD`.
"""

from __future__ import annotations

import os
import re
from typing import Any

from docutils import nodes
from markupsafe import Markup, escape
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from lkjip import config
from lkjip.render.columns import (
    BREAK_LINES,
    break_wide_words,
    column_widths,
    table_lines,
    table_type_in,
)
from lkjip.render.keep_with_next import keep_announcing_paragraphs
from lkjip.render.latex import LONG_WORD, PAGE_TARGET, break_long_words
from lkjip.render.role_code import role_decode
from lkjip.render.sphinx_doctrees import setup_doctrees
from lkjip.render.sphinx_html import setup_html
from lkjip.render.sphinx_numbering import setup_numbering

logger = logging.getLogger(__name__)

#: the docname of a data table's page in the working paper
DATA_PAGE = "kertas_kerja/data/{table}"


class halaman(nodes.Inline, nodes.TextElement):
    """A page reference to a label (resolved by the writers)."""


class angka(nodes.Inline, nodes.TextElement):
    """A number of the report, linked to its calculation."""


class sumber(nodes.Inline, nodes.TextElement):
    """Source rows of a data table."""


_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


class HalamanRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = halaman(self.rawtext, "", target=self.text.strip().lower())
        return [node], []


class AngkaRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _TARGET.match(self.text)
        if not match:
            msg = self.inliner.reporter.error(f"angka tanpa sasaran: {self.text}", line=self.lineno)
            return [], [msg]
        # the text is encoded where it holds role syntax (lkjip.render.role_code.role_text)
        text = role_decode(match["text"])
        node = angka(self.rawtext, text, target=match["target"].strip().lower())
        return [node], []


class SumberRole(SphinxRole):
    """``path/file.csv:2-13`` or ``path/file.csv:2,5`` (line numbers of the CSV file)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        path, _, lines = self.text.strip().rpartition(":")
        name = path.rsplit("/", 1)[-1]
        shown = f"{name} baris {lines.replace('-', '–').replace(',', ', ')}"
        node = sumber(self.rawtext, shown, path=path, lines=lines)
        return [node], []


def _lookup(translator: Any, target: str) -> tuple[str, str] | None:
    std = translator.builder.env.get_domain("std")
    found = std.labels.get(target) or std.anonlabels.get(target)
    return (found[0], found[1]) if found else None


def _uri(translator: Any, docname: str) -> str:
    return translator.builder.get_relative_uri(translator.builder.current_docname, docname)


# --- HTML ---------------------------------------------------------------------


def halaman_html(translator: Any, node: halaman) -> None:
    found = _lookup(translator, node["target"])
    if found:
        uri = _uri(translator, found[0])
        translator.body.append(f'<a class="lkjip-halaman" href="{uri}#{found[1]}">↗</a>')
    raise nodes.SkipNode


def angka_html(translator: Any, node: angka) -> None:
    text = translator.encode(node.astext())
    found = _lookup(translator, node["target"])
    if not found:
        logger.warning(
            "angka tanpa perhitungan: %s (%s)", node.astext(), node["target"], location=node
        )
        translator.body.append(text)
        raise nodes.SkipNode
    uri = f"{_uri(translator, found[0])}#{found[1]}"
    translator.body.append(
        f'<a class="lkjip-angka" href="{uri}" data-angka="{found[1]}">{text}</a>'
    )
    raise nodes.SkipNode


def sumber_html(translator: Any, node: sumber) -> None:
    table = node["path"].rsplit("/", 1)[-1].removesuffix(".csv")
    docname = DATA_PAGE.format(table=table)
    text = translator.encode(node.astext())
    if docname not in translator.builder.env.all_docs:
        translator.body.append(text)
        raise nodes.SkipNode
    first = node["lines"].split(",")[0].split("-")[0]
    uri = f"{_uri(translator, docname)}#baris-{first}"
    translator.body.append(
        f'<a class="lkjip-sumber" href="{uri}" data-baris="{node["lines"]}">{text}</a>'
    )
    raise nodes.SkipNode


# --- LaTeX ---------------------------------------------------------------------


def halaman_latex(translator: Any, node: halaman) -> None:
    if PAGE_TARGET.fullmatch(node["target"]):
        translator.body.append(rf"\lkjiphalaman{{{node['target']}}}")
    raise nodes.SkipNode


def angka_latex(translator: Any, node: angka) -> None:
    text = translator.encode(node.astext())
    translator.body.append(rf"\lkjipangka{{{node['target']}}}{{{text}}}")
    raise nodes.SkipNode


def plain_latex(translator: Any, node: nodes.Element) -> None:
    translator.body.append(translator.encode(node.astext()))
    raise nodes.SkipNode


def plain_text(translator: Any, node: nodes.Element) -> None:
    translator.add_text(node.astext()) if hasattr(translator, "add_text") else None
    raise nodes.SkipNode


def skip(translator: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


# --- numbering per chapter (the numbers: lkjip.render.sphinx_numbering) ------------


def _chapter_start(app: Sphinx, doctree: nodes.document) -> None:
    """LaTeX: restart the table and figure counters at every document, with its prefix."""
    prefix = (app.config.lkjip_nomor_bab or {}).get(app.env.docname, "")
    doctree.insert(0, nodes.raw("", rf"\lkjipbab{{{prefix}}}" + "\n", format="latex"))


#: text the LaTeX writer does not typeset as prose: left as it is
_VERBATIM = (nodes.FixedTextElement, nodes.raw, nodes.title, nodes.math, nodes.target)


def _break_long_words(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """LaTeX: break points in the long words of the text (tables, paragraphs, captions)."""
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        if len(text) <= LONG_WORD or any(
            isinstance(parent, _VERBATIM) for parent in _ancestors(text)
        ):
            continue
        broken = break_long_words(str(text))
        if broken != str(text):
            text.parent.replace(text, nodes.Text(broken))


def _wide_words_in_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """LaTeX: break points in the words of a table's body cells that are wider than their
    paragraph column (in the table's type, set by the raw LaTeX just before its spec)."""
    if app.builder.format != "latex":
        return
    for spec in list(doctree.findall(addnodes.tabular_col_spec)):
        widths = column_widths(spec["spec"])
        siblings = spec.parent.children
        position = siblings.index(spec)
        table = next((n for n in siblings[position + 1 :] if isinstance(n, nodes.table)), None)
        if not widths or table is None:
            continue
        before = siblings[position - 1] if position else None
        raw = before.astext() if isinstance(before, nodes.raw) else ""
        kind = table_type_in(raw)
        for body in table.findall(nodes.tbody):
            for row in body.findall(nodes.row):
                cells = [e for e in row.children if isinstance(e, nodes.entry)]
                for entry, width in zip(cells, widths, strict=False):
                    for text in list(entry.findall(nodes.Text)):
                        ancestors = _ancestors(text)
                        if any(isinstance(parent, _VERBATIM) for parent in ancestors):
                            continue
                        bold = any(isinstance(parent, nodes.strong) for parent in ancestors)
                        broken = break_wide_words(str(text), width, kind, bold=bold)
                        if broken != str(text):
                            text.parent.replace(text, nodes.Text(broken))


def _long_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """LaTeX: a tall table (estimated from its column spec: :data:`BREAK_LINES`) is a
    longtable."""
    if app.builder.format != "latex":
        return
    for spec in list(doctree.findall(addnodes.tabular_col_spec)):
        widths = column_widths(spec["spec"])
        siblings = spec.parent.children[spec.parent.index(spec) + 1 :]
        table = next((n for n in siblings if isinstance(n, nodes.table)), None)
        if not widths or table is None or "longtable" in table["classes"]:
            continue
        rows = [[e.astext() for e in row.findall(nodes.entry)] for row in table.findall(nodes.row)]
        if table_lines(rows, widths) > BREAK_LINES:
            table["classes"].append("longtable")


# --- HTML: titles the theme prints as they are ------------------------------------

#: page context values that sphinx-book-theme sets as plain text and prints unescaped:
#: the page's title in the print header (``layout.html``) and the first page's title in
#: the sidebar (``sbt-sidebar-nav.html``). A page's title is data (a data table's page is
#: titled by its metadata). Sphinx's own ``title`` is HTML already; the book's title and
#: author are escaped by the templates in ``book/_templates``.
PLAIN_TITLES = ("pagetitle", "root_title")


def _escape_plain_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """HTML-escape :data:`PLAIN_TITLES` (as markup: a template that escapes it again
    prints it once)."""
    for key in PLAIN_TITLES:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = escape(value)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


#: why a plain jupyter-book build of the project stops, and what to run instead
ONLY_LKJIP_BUILD = (
    "Buku LKjIP ini tidak dibangun dengan `jupyter-book build` langsung. Bab-babnya "
    "dijalankan lebih dulu dengan data tahun laporan oleh `lkjip build`; tanpa itu buku "
    "tidak memuat satu angka pun. Jalankan dari folder proyek:\n"
    "    lkjip build --tahun <tahun>          (buku lengkap: HTML dan PDF)\n"
    "    lkjip build --tahun <tahun> --draft  (selama data belum lengkap)\n"
    "Hasilnya di _build/<tahun>/html/index.html dan _build/<tahun>/pdf/."
)


class LkjipBuildOnly(SphinxError):
    category = "lkjip"


_SETUP_ENVIRONMENT = BuildEnvironment.setup


def _setup_moved_environment(env: BuildEnvironment, app: Sphinx) -> None:
    """Keep Sphinx's environment when the kept work folder moved with its project (a
    copied project, a renamed folder). Sphinx refuses a pickled environment whose source
    folder changed and reads every page again; ours names its pages relative to the
    source folder, and a dependency it names by an old absolute path is missing in the
    new place, so its page is read again (Sphinx's own rule). Everything else is
    :meth:`BuildEnvironment.setup`'s."""
    old, new = str(env.srcdir or ""), str(app.srcdir)
    if old and old != new:
        env.srcdir = app.srcdir
        # a setting that names a file of the source folder by its absolute path
        # (jupyter-book's ``external_toc_path``) moved with it: not a changed setting
        kept = env.config
        for item in app.config.filter("env") if kept is not None else ():
            value = getattr(kept, item.name, None)
            if isinstance(value, str) and value.startswith(old + os.sep):
                if new + value[len(old) :] == item.value:
                    setattr(kept, item.name, item.value)
    _SETUP_ENVIRONMENT(env, app)


def staged_only(_app: Sphinx, sphinx_config: Config) -> None:
    """Stop Sphinx unless the book was staged by ``lkjip build`` (``config-inited``)."""
    if getattr(sphinx_config, config.STAGED_BOOK) is not True:
        raise LkjipBuildOnly(ONLY_LKJIP_BUILD)


def setup(app: Sphinx) -> dict[str, Any]:
    # no rebuild: the mark changes no page
    app.add_config_value(config.STAGED_BOOK, False, "")
    app.connect("config-inited", staged_only)
    app.add_config_value("lkjip_nomor_bab", {}, "env")
    other = {w: (skip, None) for w in ("man", "texinfo")}
    app.add_node(
        halaman, html=(halaman_html, None), latex=(halaman_latex, None), text=(skip, None), **other
    )
    app.add_node(
        angka, html=(angka_html, None), latex=(angka_latex, None), text=(plain_text, None), **other
    )
    app.add_node(
        sumber,
        html=(sumber_html, None),
        latex=(plain_latex, None),
        text=(plain_text, None),
        **other,
    )
    app.add_role("halaman", HalamanRole())
    app.add_role("angka", AngkaRole())
    app.add_role("sumber", SumberRole())
    setup_numbering(app)
    setup_doctrees()
    BuildEnvironment.setup = _setup_moved_environment  # type: ignore[method-assign]
    app.connect("doctree-read", _chapter_start)
    app.connect("doctree-resolved", _break_long_words)
    app.connect("doctree-resolved", _wide_words_in_tables)
    app.connect("doctree-resolved", _long_tables)
    app.connect("doctree-resolved", keep_announcing_paragraphs)  # after _long_tables
    # after the theme's own handler (priority 500), which sets them
    app.connect("html-page-context", _escape_plain_titles, priority=900)
    setup_html(app)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
