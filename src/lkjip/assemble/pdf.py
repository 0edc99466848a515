"""The PDF edition: LaTeX settings, cover page and file name from data.

The build stages the book, then calls :func:`configure` to write the
year's LaTeX settings into the staged ``_config.yml`` (cover, title,
metadata, file name) before running jupyter-book's LaTeX builder.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from lkjip.data import lampiran as attachments
from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.domain.teks import slug
from lkjip.render.latex import latex_escape

ROOT_DOC = "notebooks/sampul"
PREAMBLE = Path("book") / "latex" / "preamble.tex"


#: identity fields used by the PDF, and what a draft without them prints
_IDENT_FIELDS = ("nama_satker", "kementerian", "kanwil")


def _ident(ds: Dataset) -> dict[str, str]:
    frame = ds.table("identitas") if ds.has("identitas") else None
    if frame is None or frame.empty:  # a draft of a year whose identity is not filled in yet
        return {name: fmt.BELUM_TERSEDIA for name in _IDENT_FIELDS}
    return {name: str(frame.iloc[0][name]) for name in _IDENT_FIELDS}


def file_stem(ds: Dataset) -> str:
    satker = _ident(ds)["nama_satker"]
    return f"LKjIP-{slug(satker, separator='-', words=None, lower=False)}-{ds.tahun}"


def cover(ds: Dataset) -> str:
    """The cover page and the start of roman page numbers."""
    ident = _ident(ds)
    lines = [
        r"\renewcommand{\thepage}{Sampul}",
        r"\begin{titlepage}",
        r"\centering\vspace*{3cm}",
        r"{\Huge\bfseries LAPORAN KINERJA\par INSTANSI PEMERINTAH\par}",
        r"\vspace{1cm}",
        rf"{{\Huge\bfseries TAHUN {ds.tahun}\par}}",
        r"\vfill",
        rf"{{\Large\bfseries {latex_escape(str(ident['kementerian']).upper())}\par}}",
        r"\vspace{0.3cm}",
        rf"{{\Large\bfseries {latex_escape(str(ident['kanwil']).upper())}\par}}",
        r"\vspace{0.3cm}",
        rf"{{\Large\bfseries {latex_escape(str(ident['nama_satker']).upper())}\par}}",
        r"\vspace*{2cm}",
        r"\end{titlepage}",
        r"\clearpage\pagenumbering{roman}\pagestyle{normal}",
    ]
    return "\n".join(lines)


def metadata(ds: Dataset) -> str:
    ident = _ident(ds)
    title = f"Laporan Kinerja Instansi Pemerintah Tahun {ds.tahun}"
    satker = str(ident["nama_satker"])
    subject = f"LKjIP {satker} {ds.tahun}"
    return (
        r"\hypersetup{"
        f"pdftitle={{{latex_escape(title)}}},"
        f"pdfauthor={{{latex_escape(satker)}}},"
        f"pdfsubject={{{latex_escape(subject)}}},"
        r"pdflang={id-ID},pdfcreator={lkjip},bookmarksopen=true}"
    )


def configure(src: Path, ds: Dataset, *, draft: bool = False) -> str:
    """Write the PDF settings into the staged ``_config.yml``; returns the file stem."""
    path = src / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    stem = file_stem(ds)
    title = f"Laporan Kinerja Instansi Pemerintah Tahun {ds.tahun}"
    author = _ident(ds)["nama_satker"]
    preamble = (src / PREAMBLE).read_text(encoding="utf-8") + "\n" + metadata(ds)
    if draft:  # on every page
        preamble += (
            "\n\\usepackage{draftwatermark}\\SetWatermarkText{DRAFT}"
            "\\SetWatermarkScale{1.2}\\SetWatermarkLightness{0.85}\n"
            # also as text in the footer, where it can be searched and read aloud
            "\\fancypagestyle{normal}{\\fancyhf{}\\fancyfoot[C]{\\thepage}"
            "\\fancyfoot[R]{\\textbf{DRAFT}}\\renewcommand{\\headrulewidth}{0pt}}\n"
            "\\fancypagestyle{plain}{\\fancyhf{}\\fancyfoot[C]{\\thepage}"
            "\\fancyfoot[R]{\\textbf{DRAFT}}\\renewcommand{\\headrulewidth}{0pt}}\n"
        )
    config.setdefault("latex", {}).update(
        {
            "latex_engine": "xelatex",
            "use_jupyterbook_latex": False,
        }
    )
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["latex_documents"] = [[ROOT_DOC, f"{stem}.tex", title, author, "manual", True]]
    sphinx_config["latex_elements"] = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "extraclassoptions": "openany,oneside",
        "fncychap": "",
        "maketitle": cover(ds),
        "tableofcontents": "",
        "preamble": preamble,
        "figure_align": "H",
        "sphinxsetup": "hmargin={2.5cm,2.5cm}, vmargin={2.5cm,2.5cm}",
    }
    # scanned PDFs of signed documents, included with \includepdf next to the .tex file
    scans = sorted((src / attachments.STAGED).glob("*.pdf"))
    if scans:
        sphinx_config["latex_additional_files"] = [f"{attachments.STAGED}/{p.name}" for p in scans]
    sphinx_config["latex_show_urls"] = "no"
    sphinx_config["latex_show_pagerefs"] = False
    sphinx_config["latex_domain_indices"] = False
    sphinx_config["latex_table_style"] = ["booktabs", "colorrows"]
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return stem
