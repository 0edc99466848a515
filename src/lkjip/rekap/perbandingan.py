"""The comparison book of many offices: a Jupyter Book of its own (HTML and PDF) built
from the offices' ledgers and identities (:mod:`lkjip.rekap.angka`).

It is built as a book is (:mod:`lkjip.assemble.staging`: one build at a time, a staging
folder beside ``out``, a rename) and replaces ``out`` only when both the HTML and the PDF
were made: a failed build leaves the previous comparison untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from lkjip import paths
from lkjip.assemble import jupyterbook, staging
from lkjip.assemble.pdf import PREAMBLE
from lkjip.assemble.pdf_hyphenation import hyphenation_block
from lkjip.rekap.angka import DataKantor, baca_kantor
from lkjip.rekap.halaman import HALAMAN, Konteks, judul_buku, semua_halaman
from lkjip.rekap.hasil import HasilKantor
from lkjip.render import charts
from lkjip.render.columns import MARGIN_CM
from lkjip.render.latex import latex_escape

#: the HTML's own style (tables of values, missing values)
CSS = """\
table.lkjip-rekap { font-size: 0.9em; }
table.lkjip-rekap caption { caption-side: top; font-weight: bold; text-align: left; }
table.lkjip-rekap td.lkjip-nilai, table.lkjip-rekap td.lkjip-peringkat { text-align: right; }
table.lkjip-rekap td.lkjip-nilai a { text-decoration: none; border-bottom: 1px dotted; }
table.lkjip-rekap td.lkjip-belum { color: #6b6b6b; }
"""


def file_stem(tahun: int) -> str:
    return f"Perbandingan-Kinerja-Kantor-Imigrasi-{tahun}"


def _penulis(kantor: list[DataKantor]) -> str:
    """The author line: the Kanwil when all offices are in one, else the Directorate
    General."""
    groups = sorted({k.kanwil for k in kantor})
    return groups[0] if len(groups) == 1 else "Direktorat Jenderal Imigrasi"


def _sampul(tahun: int, kantor: list[DataKantor]) -> str:
    groups = sorted({k.kanwil for k in kantor})
    lines = [
        r"\begin{titlepage}",
        r"\centering\vspace*{3cm}",
        r"{\Huge\bfseries PERBANDINGAN KINERJA\par KANTOR IMIGRASI\par}",
        r"\vspace{1cm}",
        rf"{{\Huge\bfseries TAHUN {tahun}\par}}",
        r"\vfill",
        rf"{{\Large {len(kantor)} kantor imigrasi, {len(groups)} Kantor Wilayah\par}}",
        r"\vspace{0.5cm}",
    ]
    lines += [rf"{{\large {latex_escape(g)}\par}}" for g in groups[:12]]
    if len(groups) > 12:
        lines.append(rf"{{\large dan {len(groups) - 12} Kantor Wilayah lainnya\par}}")
    lines += [
        r"\vspace*{2cm}",
        r"\end{titlepage}",
        r"\clearpage\pagenumbering{roman}\pagestyle{normal}",
    ]
    return "\n".join(lines)


def _preamble(src: Path, tahun: int, penulis: str) -> str:
    root = paths.template_root() or paths.project_root()
    title = latex_escape(judul_buku(tahun))
    return "\n".join(
        [
            (root / PREAMBLE).read_text(encoding="utf-8"),
            hyphenation_block(src),
            r"\fancypagestyle{normal}{\fancyhf{}\fancyhead[C]{\small\itshape " + title + "}"
            r"\fancyfoot[C]{\thepage}\renewcommand{\headrulewidth}{0.4pt}"
            r"\renewcommand{\footrulewidth}{0pt}}",
            # (the book's preamble numbers tables per chapter, "Tabel 3.1": here from 1)
            r"\makeatletter\gdef\lkjipnomorbab{}\makeatother",
            r"\hypersetup{"
            f"pdftitle={{{title}}},pdfauthor={{{latex_escape(penulis)}}},"
            r"pdflang={id-ID},bookmarksopen=true}",
        ]
    )


def _config(src: Path, tahun: int, kantor: list[DataKantor]) -> dict:
    title = judul_buku(tahun)
    penulis = _penulis(kantor)
    latex_title, latex_author = latex_escape(title), latex_escape(penulis)
    return {
        "title": title,
        "author": penulis,
        "copyright": penulis,
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "parse": {"myst_enable_extensions": ["colon_fence"]},
        "html": {
            "use_repository_button": False,
            "use_issues_button": False,
            "use_edit_page_button": False,
            "use_download_button": False,
            "home_page_in_navbar": True,
        },
        "latex": {
            "latex_engine": "xelatex",
            "use_jupyterbook_latex": False,
            "latex_documents": {"title": latex_title, "author": latex_author},
        },
        "sphinx": {
            "config": {
                "language": "id",
                # the author is data (a Kanwil's name): templates that escape it
                "templates_path": ["_templates"],
                "numfig": False,
                # offices' names and messages are data: shown as written
                "smartquotes": False,
                "html_static_path": ["_static"],
                "html_css_files": ["rekap.css"],
                "html_js_files": [charts.BUNDLE_NAME],
                "html_show_sourcelink": False,
                "html_copy_source": False,
                "html_theme_options": {
                    "use_download_button": False,
                    "use_fullscreen_button": False,
                    "use_repository_button": False,
                    "show_toc_level": 2,
                },
                "html_context": {"default_mode": "light"},
                "latex_documents": [
                    ["index", f"{file_stem(tahun)}.tex", latex_title, latex_author, "manual", True]
                ],
                "latex_elements": {
                    "papersize": "a4paper",
                    "pointsize": "11pt",
                    "extraclassoptions": "openany,oneside",
                    "fncychap": "",
                    "maketitle": _sampul(tahun, kantor),
                    "preamble": _preamble(src, tahun, penulis),
                    "figure_align": "H",
                    "sphinxsetup": (
                        f"hmargin={{{MARGIN_CM:g}cm,{MARGIN_CM:g}cm}}, vmargin={{2.5cm,2.5cm}}"
                    ),
                },
                "latex_show_urls": "no",
                "latex_show_pagerefs": False,
                "latex_domain_indices": False,
                "latex_table_style": ["booktabs", "colorrows"],
            }
        },
    }


def tulis_sumber(src: Path, ctx: Konteks, say: Callable[[str], None], cache: Path) -> None:
    """The staged book: pages, table of contents, configuration, static files."""
    src.mkdir(parents=True)
    pages = semua_halaman(ctx, say)
    for stem, text in pages.items():
        (src / f"{stem}.md").write_text(text, encoding="utf-8")
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": s} for s in HALAMAN]}
    (src / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    root = paths.template_root() or paths.project_root()
    shutil.copytree(root / "book" / "_templates", src / "_templates")
    static = src / "_static"
    charts.write_bundle(static, cache)
    (static / "rekap.css").write_text(CSS, encoding="utf-8")
    # (the preamble's hyphenation reads the pages: written last)
    config = _config(src, ctx.tahun, ctx.kantor)
    (src / "_config.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


#: the opening page as the PDF's first chapter: file stem and title
PEMBUKA = "pembuka"
JUDUL_PEMBUKA = "Gambaran Umum"


def sumber_latex(src: Path, target: Path, tahun: int) -> Path:
    """A copy of the staged book for LaTeX, whose root page holds only the title: Sphinx's
    LaTeX drops the root page's text, so the opening page becomes the first chapter
    (``pembuka``)."""
    shutil.copytree(src, target)
    index = target / "index.md"
    title = f"# {judul_buku(tahun)}"
    text = index.read_text(encoding="utf-8")
    (target / f"{PEMBUKA}.md").write_text(
        text.replace(title, f"# {JUDUL_PEMBUKA}", 1), encoding="utf-8"
    )
    index.write_text(title + "\n", encoding="utf-8")
    toc = yaml.safe_load((target / "_toc.yml").read_text(encoding="utf-8"))
    toc["chapters"].insert(0, {"file": PEMBUKA})
    (target / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return target


def bangun(
    tahun: int,
    hasil: Sequence[HasilKantor],
    out: Path,
    *,
    pdf: bool = True,
    progress: Callable[[str], None] | None = print,
) -> Path:
    """Build the comparison book of ``hasil`` into ``out`` (``html/index.html`` and
    ``pdf/<file>.pdf``); returns ``out``."""
    say = progress or (lambda text: None)
    out = Path(os.path.abspath(out))
    with staging.year_lock(out.parent, out.name):
        staging.clean_stale(out.parent, out.name)
        _bangun(tahun, hasil, out, pdf, say)
    say(f"Perbandingan selesai: {out}")
    return out


def _bangun(
    tahun: int, hasil: Sequence[HasilKantor], out: Path, pdf: bool, say: Callable[[str], None]
) -> None:
    stage = Path(tempfile.mkdtemp(prefix=staging.staging_name(out.name), dir=out.parent))
    try:
        say(f"Perbandingan: membaca ledger {len(hasil)} kantor")
        kantor = [baca_kantor(h, tahun) for h in hasil]
        src = stage / "src"
        ctx = Konteks(tahun, kantor, out / "html", src)
        tulis_sumber(src, ctx, say, out.parent / ".cache")
        made = stage / "hasil"
        made.mkdir()
        say("Perbandingan: menyusun HTML ...")
        jupyterbook.build_html(src, stage / "work", made / "html", strict=True)
        if pdf:
            say("Perbandingan: menyusun PDF (LaTeX, xelatex) ...")
            built = stage / "latex"
            latex_src = sumber_latex(src, stage / "src-latex", tahun)
            jupyterbook.run(latex_src, "pdflatex", built, strict=True)
            (made / "pdf").mkdir()
            name = f"{file_stem(tahun)}.pdf"
            shutil.copy2(built / "_build" / "latex" / name, made / "pdf" / name)
        staging.swap(made, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
