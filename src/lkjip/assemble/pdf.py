"""The PDFs of both editions: LaTeX settings, cover, running header and file names.

For each edition the build stages a copy of the book with that edition's table
of contents (:func:`lkjip.assemble.editions.latex_toc`), then :func:`configure`
writes the LaTeX settings into the staged ``_config.yml`` (cover, title,
running header, metadata, file name, the emblem from ``data/aset/``) before
jupyter-book's LaTeX builder runs. The pages of the report's numbers
(:func:`figure_pages`) go into the working paper's figure index; an edition whose
LaTeX sources did not change is taken from the PDF cache (:mod:`pdf_cache`).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from lkjip import paths
from lkjip.assemble import editions, jupyterbook, pdf_cache, pdf_png, pindaian
from lkjip.assemble.pdf_glyphs import check_characters
from lkjip.assemble.pdf_hyphenation import hyphenation_block
from lkjip.data import identity
from lkjip.data.dataset import Dataset
from lkjip.domain.teks import slug
from lkjip.render import latex as render_latex
from lkjip.render.columns import MARGIN_CM
from lkjip.render.latex import PAGE_TARGET, latex_escape

#: the PDFs, in build order: edition -> its name in progress messages
EDITIONS = {"laporan": "laporan", "kertas_kerja": "kertas kerja"}
PREAMBLE = Path("book") / "latex" / "preamble.tex"


def _ident(ds: Dataset) -> dict[str, str]:
    """The identity cells the PDF prints; a draft marks each one not known yet in its
    place (``identity.BELUM``), and only that one."""
    return identity.shown(ds)


def satker(ds: Dataset) -> str:
    """The office's name (``identitas.nama_satker``): author of the book, in every footer."""
    return str(_ident(ds)["nama_satker"])


def html_title(ds: Dataset) -> str:
    """The HTML book's title (navigation bar, browser tab): office and year, from the data."""
    name = identity.nama_satker(ds)
    if name is None:  # a draft without the office's name: no "LKjIP [data ...]"
        return title(ds, "laporan")
    return f"LKjIP {name} Tahun {ds.tahun}"


#: longest office part of a PDF's file name: ``Kertas-Kerja-LKjIP-<satker>-<tahun>`` with
#: LaTeX's longest suffix (``.fdb_latexmk``) stays far below a file name's 255 bytes
STEM_SATKER = 100


def file_stem(ds: Dataset, edition: str = "laporan") -> str:
    """``LKjIP-<satker>-<tahun>`` and ``Kertas-Kerja-LKjIP-<satker>-<tahun>`` (a long
    office name: its words within :data:`STEM_SATKER` characters), from ``nama_satker``
    alone; ``LKjIP-<tahun>`` while a draft does not know the name."""
    satker = identity.nama_satker(ds)
    name = slug(satker, separator="-", words=None, lower=False, limit=STEM_SATKER) if satker else ""
    stem = f"LKjIP-{name}-{ds.tahun}" if name else f"LKjIP-{ds.tahun}"
    return stem if edition == "laporan" else f"Kertas-Kerja-{stem}"


def title(ds: Dataset, edition: str) -> str:
    base = f"Laporan Kinerja Instansi Pemerintah Tahun {ds.tahun}"
    return base if edition == "laporan" else f"Kertas Kerja {base}"


def emblem(ds: Dataset) -> Path | None:
    """The office's emblem for the cover (``<data>/aset/lambang.*``), as the build read
    it into its snapshot (policy checked, hashed into the build key and the stamp)."""
    files = ds.inputs()
    return next((p for p in paths.emblem_files(ds.data_dir) if files.is_file(p)), None)


def _cover_line(text: str) -> str:
    """An upper-case cover line, in a size that keeps it on one line when it can."""
    size = r"\Large" if len(text) <= 40 else r"\large"
    return rf"{{{size}\bfseries {latex_escape(text.upper())}\par}}"


def cover(ds: Dataset, edition: str) -> str:
    """The cover page and the start of roman page numbers."""
    ident = _ident(ds)
    picture = emblem(ds)
    lines = [
        r"\renewcommand{\thepage}{Sampul}",
        r"\begin{titlepage}",
        r"\centering\vspace*{2cm}",
    ]
    if edition != "laporan":
        lines += [r"{\LARGE\bfseries KERTAS KERJA\par}", r"\vspace{0.8cm}"]
        # its pages are numbered in roman throughout: room for "clxxxviii" in the contents
        lines.insert(0, r"\makeatletter\renewcommand{\@pnumwidth}{3.2em}\makeatother")
    lines += [
        r"{\Huge\bfseries LAPORAN KINERJA\par INSTANSI PEMERINTAH\par}",
        r"\vspace{1cm}",
        rf"{{\Huge\bfseries TAHUN {ds.tahun}\par}}",
        r"\vfill",
    ]
    if picture is not None:
        lines += [rf"\includegraphics[width=4.5cm]{{{picture.name}}}\par", r"\vfill"]
    lines += [
        _cover_line(str(ident["kementerian"])),
        r"\vspace{0.3cm}",
        _cover_line(str(ident["kanwil"])),
        r"\vspace{0.3cm}",
        _cover_line(str(ident["nama_satker"])),
        r"\vspace*{2cm}",
        r"\end{titlepage}",
        r"\clearpage\pagenumbering{roman}\pagestyle{normal}",
    ]
    return "\n".join(lines)


def metadata(ds: Dataset, edition: str) -> str:
    satker = str(_ident(ds)["nama_satker"])
    subject = f"LKjIP {satker} {ds.tahun}"
    return (
        r"\hypersetup{"
        f"pdftitle={{{latex_escape(title(ds, edition))}}},"
        f"pdfauthor={{{latex_escape(satker)}}},"
        f"pdfsubject={{{latex_escape(subject)}}},"
        r"pdflang={id-ID},bookmarksopen=true}"
    )


def running_header(ds: Dataset, edition: str) -> str:
    """The report's title in the header of every page but chapter openings."""
    satker = str(_ident(ds)["nama_satker"])
    short = f"LKjIP {satker} Tahun {ds.tahun}"
    text = latex_escape(short if edition == "laporan" else f"Kertas Kerja {short}")
    return (
        r"\fancypagestyle{normal}{\fancyhf{}\fancyhead[C]{\small\itshape " + text + "}"
        r"\fancyfoot[C]{\thepage}\renewcommand{\headrulewidth}{0.4pt}"
        r"\renewcommand{\footrulewidth}{0pt}}"
    )


_DRAFT = (
    "\n\\usepackage{draftwatermark}\\SetWatermarkText{DRAFT}"
    "\\SetWatermarkScale{1.2}\\SetWatermarkLightness{0.85}\n"
    # also as text in the footer, where it can be searched and read aloud
    "\\fancypagestyle{normal}{\\fancyhf{}\\fancyfoot[C]{\\thepage}"
    "\\fancyfoot[R]{\\textbf{DRAFT}}\\renewcommand{\\headrulewidth}{0pt}}\n"
    "\\fancypagestyle{plain}{\\fancyhf{}\\fancyfoot[C]{\\thepage}"
    "\\fancyfoot[R]{\\textbf{DRAFT}}\\renewcommand{\\headrulewidth}{0pt}}\n"
)


def configure(
    src: Path,
    ds: Dataset,
    edition: str = "laporan",
    *,
    draft: bool = False,
) -> str:
    """Write the PDF settings of ``edition`` into the staged ``_config.yml``; returns the
    file stem."""
    path = src / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    stem = file_stem(ds, edition)
    root_doc = yaml.safe_load((src / "_toc.yml").read_text(encoding="utf-8"))["root"]
    preamble = "\n".join(
        [
            (src / PREAMBLE).read_text(encoding="utf-8"),
            hyphenation_block(src),
            running_header(ds, edition),
            metadata(ds, edition),
        ]
    )
    if draft:  # on every page
        preamble += _DRAFT
    config.setdefault("latex", {}).update(
        {"latex_engine": "xelatex", "use_jupyterbook_latex": False}
    )
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    # Sphinx writes the title and author of latex_documents into \title and \author as
    # LaTeX markup, unescaped: the office's name is data text
    author = latex_escape(_ident(ds)["nama_satker"])
    latex_title = latex_escape(title(ds, edition))
    sphinx_config["latex_documents"] = [
        [root_doc, f"{stem}.tex", latex_title, author, "manual", True]
    ]
    # jupyter-book then replaces that title with the book's ``title`` (the HTML title,
    # which holds the office's name: ``jupyterbook.set_identity``), unescaped, unless
    # ``latex.latex_documents`` names one
    config["latex"]["latex_documents"] = {"title": latex_title, "author": author}
    picture = emblem(ds)
    extra = []
    if picture is not None:  # the bytes the build read, not the disk now
        (src / picture.name).write_bytes(ds.inputs().read_bytes(picture))
        extra.append(picture.name)
    sphinx_config["latex_elements"] = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "extraclassoptions": "openany,oneside",
        "fncychap": "",
        "maketitle": cover(ds, edition),
        # the report's lists follow the Kata Pengantar (``\lkjipdaftar`` there)
        "tableofcontents": "" if edition == "laporan" else r"\tableofcontents\clearpage",
        "preamble": preamble,
        "figure_align": "H",
        # (the width of the text block sizes the tables' columns: lkjip.render.columns)
        "sphinxsetup": f"hmargin={{{MARGIN_CM:g}cm,{MARGIN_CM:g}cm}}, vmargin={{2.5cm,2.5cm}}",
    }
    # scans of signed documents (PDFs, page images), included with \includepdf next to the
    # .tex file
    extra += pindaian.latex_files(src)
    if extra:
        sphinx_config["latex_additional_files"] = extra
    sphinx_config["latex_show_urls"] = "no"
    sphinx_config["latex_show_pagerefs"] = False
    sphinx_config["latex_domain_indices"] = False
    sphinx_config["latex_table_style"] = ["booktabs", "colorrows"]
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return stem


_PAGE = re.compile(r"\\lkjipseite\{([^}]*)\}\{([^}]*)\}")


#: the file the working paper's LaTeX reads the report's pages from (book/latex/preamble.tex);
#: not a ``.tex``: Sphinx's Makefile typesets every ``.tex`` of the folder as a document
PAGES_FILE = "lkjip-halaman.def"
#: what a page label may be (arabic or roman numerals): anything else is not written
_PAGE_LABEL = re.compile(r"[0-9A-Za-z]+")


def write_pages(folder: Path, pages: dict[str, str]) -> None:
    """The pages of the report's numbers as :data:`PAGES_FILE` in the LaTeX ``folder``
    of the working paper, for its figure index (``\\lkjiphalaman``)."""
    lines = [
        rf"\lkjiphal{{{target}}}{{{page}}}"
        for target, page in sorted(pages.items())
        if PAGE_TARGET.fullmatch(target) and _PAGE_LABEL.fullmatch(page)
    ]
    text = "".join(line + "\n" for line in lines)
    path = folder / PAGES_FILE
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")  # (unchanged: latexmk sees no new input)


def figure_pages(aux: Path) -> dict[str, str]:
    """Anchor of each report number -> the page it first stands on (from the LaTeX .aux)."""
    if not aux.is_file():
        return {}
    pages: dict[str, str] = {}
    for target, page in _PAGE.findall(aux.read_text(encoding="utf-8", errors="replace")):
        pages.setdefault(target, page)
    return pages


#: the code that turns the staged sources into LaTeX (break points, roles) is part of
#: an edition's cache key: a PDF typeset by an older version is not served
_WRITER = hashlib.sha256(
    b"".join(
        Path(render_latex.__file__).with_name(name).read_bytes()
        # (Sphinx is not loaded here)
        for name in (
            "latex.py",
            "columns.py",
            "font_widths.py",
            "sphinx_ext.py",
            "keep_with_next.py",
        )
    )
).hexdigest()[:16]


@dataclass(frozen=True)
class _Edition:
    """One edition staged for LaTeX: its sources, file stem and cache key."""

    edition: str
    src: Path
    stem: str
    key: str


def _prepare(
    src: Path,
    staging: Path,
    ds: Dataset,
    edition: str,
    draft: bool,
    pngs: pdf_png.ChartPngs,
) -> _Edition:
    """A copy of the staged book with ``edition``'s contents and settings (and the
    charts' PNGs, which the chapters leave to the PDF)."""
    edition_src = staging / f"latex-{edition}"
    shutil.rmtree(edition_src, ignore_errors=True)
    shutil.copytree(src, edition_src)
    pngs.add(edition_src)
    editions.latex_toc(edition_src, edition)
    stem = configure(edition_src, ds, edition, draft=draft)
    return _Edition(edition, edition_src, stem, pdf_cache.source_key(edition_src) + _WRITER)


def _beside_report(
    report: Callable[[Callable[[Path], None]], tuple[Path, dict[str, str]]],
    paper: Callable[[Callable[[], dict[str, str]]], Path] | None,
    html_done: threading.Event | None,
) -> tuple[Path, dict[str, str], Future[Path] | None]:
    """Typeset the report (``report``, given what to call once Sphinx wrote it) and, when
    ``paper`` is given, the working paper beside it: its Sphinx run starts once the
    report's is done and either the HTML (``html_done``; None: none is being built) or
    the report's typesetting is done; its LaTeX waits for the report's pages. Returns the
    report's LaTeX folder and pages, and the working paper's (done) job."""
    written, report_done = threading.Event(), threading.Event()
    pages: Future[dict[str, str]] = Future()

    def start_paper() -> Path:
        assert paper is not None
        written.wait()
        while not report_done.is_set() and not (html_done is None or html_done.is_set()):
            report_done.wait(0.1)
        if pages.done() and pages.exception() is not None:
            raise _NoPages()
        return paper(pages.result)

    with ThreadPoolExecutor(max_workers=1) as side:
        paper_job = side.submit(start_paper) if paper is not None else None
        try:
            report_dir, report_pages = report(lambda folder: written.set())
        except BaseException:
            # (not the report's error: a BuildError would make the working paper's run
            # start again from nothing, jupyterbook.build_kept)
            pages.set_exception(_NoPages())
            written.set()
            report_done.set()
            if paper_job is not None:
                paper_job.exception()  # (waits for it; the report's error is the one said)
            raise
        pages.set_result(report_pages)
        report_done.set()
    return report_dir, report_pages, paper_job


class _NoPages(Exception):
    """The report failed: the working paper, begun beside it, has no pages to print."""


def _with_pages(job: _Edition, pages: dict[str, str]) -> _Edition:
    """The working paper's job whose key also covers the report's pages it prints."""
    printed = json.dumps(pages, sort_keys=True).encode("utf-8")
    return replace(job, key=f"{job.key}-{hashlib.sha256(printed).hexdigest()[:16]}")


#: latexmk runs xelatex without making a PDF on each pass (an ``.xdv``) and converts the
#: last one with xdvipdfmx once (Sphinx's Makefile reads ``LATEXMKOPTS``): the same PDF,
#: without a PDF written for every pass. A LaTeX error stops the run at once (it never
#: waits for an answer on the terminal).
LATEXMK = {"LATEXMKOPTS": "-xelatex", "LATEXOPTS": "-interaction=nonstopmode -halt-on-error"}


def _typeset(
    job: _Edition,
    work: Path,
    draft: bool,
    before_latex: Callable[[Path], None] | None = None,
) -> Path:
    """Run LaTeX for one edition in its kept work folder; returns the folder holding its
    PDF, log and aux. ``before_latex``: called with the LaTeX folder once Sphinx wrote
    it, before latexmk runs (the working paper waits there for the report's pages).

    The work folder (:meth:`PdfCache.work`, :func:`jupyterbook.build_kept`) keeps the
    edition's sources, Sphinx's doctrees and LaTeX's files from its last typesetting:
    Sphinx re-reads only the pages that changed, and latexmk starts from the last layout
    and runs LaTeX again only while it still changes (one pass when no page moved). It
    is only a starting point: a run that fails from it is run again from nothing (only a
    fresh run's error is believed), and latexmk reruns until the layout is stable, so the
    PDF is the one a fresh typesetting makes."""

    def then(folder: Path) -> None:
        if before_latex is not None:
            before_latex(folder / "latex")
        jupyterbook.latexmk(folder / "latex", LATEXMK)

    built = jupyterbook.build_kept(job.src, work, "latex", strict=not draft, then=then)
    return built / "latex"


def _deliver(folder: Path, stem: str, out: Path) -> None:
    shutil.copy2(folder / f"{stem}.pdf", out / f"{stem}.pdf")
    # the typesetting log, for checking overfull lines and missing glyphs; beside the
    # PDF folder, which holds only what the office publishes
    shutil.copy2(folder / f"{stem}.log", log_folder(out) / f"{stem}.log")


def log_folder(out: Path) -> Path:
    """Where the typesetting logs of the PDFs in ``out`` go: ``log/`` beside ``pdf/``."""
    return out.parent / "log"


def build_both(
    src: Path,
    staging: Path,
    ds: Dataset,
    out: Path,
    draft: bool,
    progress: Callable[[str], None] | None,
    cache_dir: Path | None = None,
    html_done: threading.Event | None = None,
) -> list[str]:
    """Both PDFs into ``out``; returns the editions typeset (the others came from the cache).

    An edition is typeset only when its LaTeX sources changed (:mod:`pdf_cache`); the
    working paper's key also covers the report's pages it prints. Those pages are read by
    LaTeX (:func:`write_pages`), not written by Sphinx, so when both editions must be
    typeset, Sphinx writes the working paper while the report is typeset, and only the
    working paper's LaTeX waits for the report's pages. It starts once the report's
    Sphinx run is done and either the HTML (``html_done``, set by the build when its
    Sphinx run ends; None: no HTML is being built) or the report's typesetting is done:
    never three Sphinx and LaTeX processes at once (their peaks would pass 1 GB).
    """
    out.mkdir()
    log_folder(out).mkdir()
    say = progress or (lambda text: None)
    store = pdf_cache.PdfCache(cache_dir or staging / "pdf-cache")
    pngs = pdf_png.ChartPngs(store.folder / "png")
    typeset: list[str] = []

    def fetch(job: _Edition) -> bool:
        hit = store.get(job.edition, job.key, job.stem)
        if hit is not None:
            _deliver(hit, job.stem, out)
            say(f"PDF {EDITIONS[job.edition]}: tidak berubah (dari cache)")
        return hit is not None

    def keep(job: _Edition, latex_dir: Path, pages: dict[str, str]) -> None:
        store.put(
            job.edition,
            job.key,
            [latex_dir / f"{job.stem}.pdf", latex_dir / f"{job.stem}.log"],
            pages,
        )
        _deliver(latex_dir, job.stem, out)
        typeset.append(job.edition)

    warned: set[str] = set()

    def warn_once(text: str) -> None:  # a draft's warning, once for both editions
        if text.split("): ", 1)[-1] not in warned:
            warned.add(text.split("): ", 1)[-1])
            say(text)

    def check(job: _Edition) -> None:
        check_characters(
            ds,
            log_folder(out) / f"{job.stem}.log",
            EDITIONS[job.edition],
            draft=draft,
            say=warn_once,
        )

    report = _prepare(src, staging, ds, "laporan", draft, pngs)
    sources = _prepare(src, staging, ds, "kertas_kerja", draft, pngs)  # (key: no pages)

    def make_paper(pages: Callable[[], dict[str, str]]) -> Path:
        say(f"Menyusun PDF {EDITIONS['kertas_kerja']} (LaTeX, xelatex) ...")
        return _typeset(
            sources, store.work("kertas_kerja"), draft, lambda d: write_pages(d, pages())
        )

    paper_job: Future[Path] | None = None
    if fetch(report):
        pages = store.pages("laporan")
    else:
        say(f"Menyusun PDF {EDITIONS['laporan']} (LaTeX, xelatex) ...")
        # the working paper beside it, unless only the pages can change it (its sources
        # are those of its last PDF): then after it, if at all
        beside = not (store.key("kertas_kerja") or "").startswith(f"{sources.key}-")

        def typeset_report(written: Callable[[Path], None]) -> tuple[Path, dict[str, str]]:
            report_dir = _typeset(report, store.work("laporan"), draft, written)
            return report_dir, figure_pages(report_dir / f"{report.stem}.aux")

        report_dir, pages, paper_job = _beside_report(
            typeset_report, make_paper if beside else None, html_done
        )
        keep(report, report_dir, pages)
    check(report)
    paper = _with_pages(sources, pages)
    if paper_job is not None:  # begun beside the report
        keep(paper, paper_job.result(), {})
    elif not fetch(paper):
        keep(paper, make_paper(lambda: pages), {})
    check(paper)
    pngs.prune()
    return typeset
