"""Titles in the HTML theme's templates: data text, printed escaped exactly once.

A page's title comes from data (a data table's page is titled by its metadata), and the
book's title and author hold the office's name (``identitas.nama_satker``). The theme
prints some of them as they are; ``book/_templates`` overrides those templates and
:mod:`lkjip.render.sphinx_ext` escapes the rest where the theme sets them. A new theme
version that prints a title raw in another template fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pydata_sphinx_theme
import sphinx
import sphinx_book_theme
from markupsafe import Markup

from lkjip.assemble.jupyterbook import escape_search_titles
from lkjip.render import sphinx_ext

from .helpers import ROOT

#: the template folders the book's HTML is rendered from, most specific first
THEMES = [
    Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme",
    Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme",
    Path(sphinx.__file__).parent / "themes" / "basic",
]
OVERRIDES = ROOT / "book" / "_templates"
#: context values that are plain text from data: the book's title (``docstitle``,
#: ``project``, ``shorttitle``), its author and copyright (the office's name), a page's
#: title as text (``pagetitle``, ``root_title``). (Sphinx's ``title`` is HTML.)
DATA_TEXT = ("docstitle", "project", "shorttitle", "author", "copyright", "pagetitle", "root_title")
#: a print or an assignment in a template
_EXPRESSION = re.compile(r"\{\{-?(.*?)-?\}\}|\{%-?\s*(?:set|trans)\b(.*?)-?%\}", re.S)
_ESCAPED = re.compile(r"\|\s*(?:e|escape|striptags\s*\|\s*e)\b")


#: a translated sentence: its variables are bound (and escaped, or not) in its tag
_TRANS_BODY = re.compile(r"(\{%-?\s*trans\b.*?%\}).*?\{%-?\s*endtrans\s*-?%\}", re.S)


def _raw_uses(text: str) -> set[str]:
    """The data text values ``text`` prints or assigns without escaping them."""
    found = set()
    text = _TRANS_BODY.sub(r"\1", text)
    for match in _EXPRESSION.finditer(text):
        expression = match.group(1) or match.group(2) or ""
        for name in DATA_TEXT:
            for use in re.finditer(rf"(?<![\w.\"']){name}\b(?!\s*=[^=])", expression):
                rest = expression[use.end() :]
                if not _ESCAPED.match(rest.lstrip(") ")):
                    found.add(name)
    return found


def _templates(folder: Path) -> dict[str, Path]:
    """The HTML templates of ``folder`` (not those of Sphinx's ``changes`` builder)."""
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*.html"))
        if p.relative_to(folder).parts[0] != "changes"
    }


def test_every_title_the_theme_prints_raw_is_escaped() -> None:
    overridden = {p.name for p in OVERRIDES.glob("*.html")}
    unescaped = []
    for folder in THEMES:
        for name, path in _templates(folder).items():
            raw = _raw_uses(path.read_text(encoding="utf-8"))
            if raw and Path(name).name not in overridden:
                unescaped += [(name, v) for v in sorted(raw - set(sphinx_ext.PLAIN_TITLES))]
    assert unescaped == []


def test_the_overrides_print_no_title_raw() -> None:
    assert {
        name: _raw_uses(path.read_text(encoding="utf-8"))
        for name, path in _templates(OVERRIDES).items()
    } == {name: set() for name in _templates(OVERRIDES)}


def test_the_scan_sees_a_raw_print() -> None:
    assert _raw_uses("<h1>{{ pagetitle }}</h1>") == {"pagetitle"}
    assert _raw_uses("{{ author|e }} {% trans c=copyright|e %}© {{ c }}{% endtrans %}") == set()
    assert _raw_uses("{% trans c=copyright %}© {{ c }}{% endtrans %}") == {"copyright"}
    assert _raw_uses('{% set alt = "%s - Home" % docstitle %}') == {"docstitle"}


def test_plain_titles_are_escaped_once() -> None:
    hostile = 'TPI <img src=x onerror=window.lkjipXss=1> & "q"'
    context = {"pagetitle": hostile, "root_title": Markup("<b>tebal</b>"), "title": "<i>x</i>"}
    sphinx_ext._escape_plain_titles(None, "p", "page.html", context, None)  # type: ignore[arg-type]
    printed = jinja2.Template("{{ pagetitle }}|{{ pagetitle|e }}|{{ root_title }}").render(context)
    escaped = "TPI &lt;img src=x onerror=window.lkjipXss=1&gt; &amp; &#34;q&#34;"
    assert printed == f"{escaped}|{escaped}|<b>tebal</b>"
    assert context["title"] == "<i>x</i>"  # Sphinx's HTML title stays as it is


def test_the_search_index_has_html_section_titles() -> None:
    index = {
        "titles": ["TPI &lt;img&gt;"],
        "alltitles": {"TPI <img src=x onerror=alert(1)>": [[0, None]], "A & B": [[1, "a-b"]]},
    }
    escape_search_titles(index)
    assert index["alltitles"] == {
        "TPI &lt;img src=x onerror=alert(1)&gt;": [[0, None]],
        "A &amp; B": [[1, "a-b"]],
    }
