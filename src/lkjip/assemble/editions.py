"""Two editions from the same executed chapters: the report (Laporan) and the working paper.

The chapter notebooks show every calculation where the report uses it (outputs
marked with :data:`~lkjip.chapters.kernel.protocol.META_KEY`). The report's staged
copy drops those outputs and every code cell's source; the calculations, in
report order and under the report's own section headings, become the working
paper's pages ``kertas_kerja/perhitungan_<chapter>.md``. The working paper also
gets a page per data table (rows anchored, the CSV downloadable) and the
popover data of the report's numbers (``_static/lkjip-angka.js``).

The HTML site holds both editions (``_toc.yml``: the report part, then the
working paper part); each PDF is built from a table of contents of its own
(:func:`latex_toc`).
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from lkjip import paths
from lkjip.assemble import unduhan
from lkjip.audit import national_note, stamp
from lkjip.chapters.kernel.protocol import CHAPTERS, META_KEY, PARTS, WORKING_PAPER
from lkjip.data import catatan, identity, spreadsheet
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry
from lkjip.render import myst
from lkjip.render.myst import anchor, escape_md, perhitungan_kata, rumus_kata, table_markdown
from lkjip.render.script import script_json

#: the working paper's folder in the book, its first page and its data index (HTML only)
FOLDER = "kertas_kerja"
INDEX = f"{FOLDER}/index"
DATA_INDEX = f"{FOLDER}/data"
#: the working paper's heading of the figures a chapter computes but does not print
REST = "Angka lain yang dihitung untuk bab ini"


def calculations_page(chapter: str) -> str:
    return f"{FOLDER}/perhitungan_{chapter}"


@dataclass
class Calculations:
    """The calculation blocks of one report chapter, under the headings they follow."""

    chapter: str
    title: str = ""
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    #: figures the blocks show (a block may show several)
    count: int = 0

    def add(self, heading: str, block: str, figures: int = 1) -> None:
        if not self.sections or self.sections[-1][0] != heading:
            self.sections.append((heading, []))
        self.sections[-1][1].append(block)
        self.count += figures


_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*$", re.MULTILINE)
_ROLE = re.compile(r"\{glue:[a-z]+\}`([^`:]+)(?::[^`]*)?`")


def _plain_heading(text: str, glued: dict[str, str]) -> str:
    """A heading's text without glue roles (the working paper is its own page)."""
    text = _ROLE.sub(lambda m: glued.get(m[1], ""), text)
    return re.sub(r"\s+", " ", text).strip()


def _glued_text(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Plain-text glue values of an executed notebook (for headings)."""
    out: dict[str, str] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            key = (output.get("metadata") or {}).get("scrapbook", {}).get("name")
            text = (output.get("data") or {}).get("text/markdown")
            if key and isinstance(text, str) and "`" not in text:
                out[key] = text.replace("\\", "")
    return out


def split_chapter(executed: Path, report: Path, *, keep_calculations: bool) -> Calculations:
    """Write the staged copy of an executed chapter; return its calculation blocks.

    ``keep_calculations``: a working-paper chapter keeps its calculations in place.
    Every code cell loses its source (no code and no code toggles in either edition).
    """
    notebook = nbformat.read(executed, as_version=4)
    glued = _glued_text(notebook)
    found = Calculations(executed.stem)
    heading = ""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for level, text in _HEADING.findall(cell.source):
                plain = _plain_heading(text, glued)
                if level == "#":
                    found.title = found.title or plain
                else:
                    heading = plain
            continue
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        if "remove-input" not in tags:
            tags.append("remove-input")
        if keep_calculations:
            continue
        kept = []
        for output in cell.get("outputs", []):
            meta = (output.get("metadata") or {}).get(META_KEY, {})
            if meta.get("figures"):
                where = REST if meta.get("rincian") else heading
                found.add(where, str(output["data"]["text/markdown"]), len(meta["figures"]))
            else:
                kept.append(output)
        cell.outputs = kept
    report.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, report)
    return found


def calculations_markdown(calc: Calculations) -> str:
    """The working paper's page of one report chapter's calculations."""
    title = calc.title or calc.chapter
    lines = [
        f"# Perhitungan {escape_md(title)}",
        "",
        f"Setiap angka {escape_md(title)} dengan rumus, angka yang dimasukkan, hasil, angka "
        "masukan, dan baris data sumbernya, dalam urutan kemunculannya di laporan "
        f"({calc.count} angka).",
        "",
    ]
    for heading, blocks in calc.sections:
        lines += [f"## {escape_md(heading or 'Pembuka')}", ""]
        lines += [block + "\n" for block in blocks]
    return "\n".join(lines)


# --- data pages ------------------------------------------------------------------


def _records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and ``(first physical line, cells)`` of every record of a CSV file."""
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    end = 0
    for record in reader:
        line, end = end + 1, reader.line_num
        if not header:
            header = record
            continue
        if any(cell.strip() for cell in record):
            rows.append((line, record))
    return header, rows


def data_page(table: str, path: Path, title: str, description: str, root: Path) -> str:
    """A data table's page: description, the CSV to download, the rows anchored by line."""
    header, rows = _records(path)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in ["Baris", *header])
    body = "\n".join(
        f'<tr id="baris-{line}"><td class="lkjip-baris">{line}</td>'
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
        + "</tr>"
        for line, cells in rows
    )
    return (
        f"# {escape_md(title)}\n\n"
        f"{escape_md(description)}\n\n"
        f"Berkas: [{myst.code_md(paths.display_path(path, root))}](path:{_relative(path, table)}) "
        f"({len(rows)} baris data; nomor baris sama dengan baris berkas, baris 1 adalah judul "
        "kolom).\n\n"
        "```{raw} html\n"
        f'<div class="lkjip-data-tabel"><table class="table lkjip-data">'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table></div>\n"
        "```\n"
    )


def _relative(path: Path, table: str) -> str:
    """The CSV as copied next to its page (``kertas_kerja/data/<table>.csv``)."""
    return f"{table}.csv"


def write_data_pages(src: Path, ds: Dataset, root: Path) -> list[str]:
    """Write a page per data table (and its CSV) into the staged book; returns the tables."""
    folder = src / DATA_INDEX
    folder.mkdir(parents=True, exist_ok=True)
    tables = sorted(ds.paths)
    for table in tables:
        path = ds.paths[table]
        spec = ds.specs[table]
        (folder / f"{table}.csv").write_bytes(spreadsheet.download(path.read_bytes()))
        (folder / f"{table}.md").write_text(
            data_page(table, path, spec.title, catatan.teks(ds, table), root), encoding="utf-8"
        )
    items = "\n".join(
        f"- [{escape_md(ds.specs[t].title)}](data/{t}.md) "
        f"({myst.code_md(paths.display_path(ds.paths[t], root))})"
        for t in tables
    )
    (src / f"{DATA_INDEX}.md").write_text(
        "# Data sumber\n\n"
        f"Tabel data tahun {ds.tahun} yang menjadi sumber seluruh angka laporan. Setiap tabel "
        "dapat diunduh sebagai CSV; baris yang dirujuk oleh sebuah perhitungan ditandai.\n\n"
        f"Unduhan CSV (tabel data dan data grafik) adalah data: {spreadsheet.RULE}.\n\n"
        f"{items}\n{national_note.markdown(ds)}",
        encoding="utf-8",
    )
    return tables


# --- popovers ----------------------------------------------------------------------


def popover_script(reg: Registry) -> str:
    """``_static/lkjip-angka.js``: what the popover of each report number shows."""
    data = {}
    for figure in reg:
        entry = {"l": figure.label, "h": figure.display}
        if figure.formula != "data":
            entry["r"] = rumus_kata(figure.formula)
            substituted = perhitungan_kata(figure.substituted)
            if substituted:
                entry["s"] = substituted
        else:
            entry["r"] = "data sumber"
        data[anchor(figure.id)] = entry
    return "window.LKJIP_ANGKA = " + script_json(data) + ";\n"


# --- tables of contents ------------------------------------------------------------------


def _entries(part: dict) -> list[str]:
    return [entry["file"] for entry in part.get("chapters", [])]


def book_toc() -> dict:
    """The site's table of contents from :data:`~lkjip.chapters.kernel.protocol.PARTS`: the
    cover as root, the report part, then the working paper part from its first page (the
    project's ``_toc.yml`` holds the same, checked by a test)."""
    report, working = PARTS
    return {
        "format": "jb-book",
        "root": f"notebooks/{report.chapters[0]}",
        "parts": [
            {
                "caption": part.caption,
                "chapters": [{"file": f} for f in first + [f"notebooks/{c}" for c in chapters]],
            }
            for part, first, chapters in (
                (report, [], report.chapters[1:]),
                (working, [INDEX], working.chapters),
            )
        ],
    }


def site_toc(src: Path, calculated: list[str], tables: list[str], *, stamped: bool = False) -> None:
    """Write the staged ``_toc.yml`` (:func:`book_toc`) with the working paper's
    calculation pages (one per report chapter that has calculations) after its first page,
    the stamp page after the Reviu, its data pages last."""
    path = src / "_toc.yml"
    toc = book_toc()
    part = toc["parts"][1]
    files = _entries(part)
    pages = [calculations_page(chapter) for chapter in calculated]
    files = files[:1] + pages + files[1:]
    if stamped:
        files.insert(files.index(f"notebooks/{STAMP_AFTER}") + 1, STAMP_PAGE)
    part["chapters"] = [{"file": f} for f in files]
    if tables:
        sections = [{"file": f"{DATA_INDEX}/{t}"} for t in tables]
        part["chapters"].append({"file": DATA_INDEX, "sections": sections})
    path.write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def latex_toc(src: Path, edition: str) -> None:
    """Rewrite the staged ``_toc.yml`` for the PDF of one edition (``laporan`` or
    ``kertas_kerja``, :attr:`Part.edition`): the report from the cover, the working paper
    from its first page (without the data pages, which are HTML only)."""
    path = src / "_toc.yml"
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    index = [part.edition for part in PARTS].index(edition)
    if index == 0:
        out = {"format": "jb-book", "root": toc["root"], "chapters": toc["parts"][0]["chapters"]}
    else:
        files = [f for f in _entries(toc["parts"][index]) if f not in (INDEX, DATA_INDEX)]
        out = {"format": "jb-book", "root": INDEX, "chapters": [{"file": f} for f in files]}
    path.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False), encoding="utf-8")


def stamp_markdown(build_stamp: dict) -> str:
    """The working paper's stamp page (``kertas_kerja/cap.md``), written by the build.

    Written by the build, not printed by a chapter: a data change changes this page and
    re-runs no chapter for it.
    """
    general, files = stamp.tables(stamp.without_time(build_stamp))
    # a hash in two halves, so that it wraps in the PDF's column (stamp.json has it whole)
    files["SHA-256"] = files["SHA-256"].map(lambda h: " ".join(re.findall(".{1,32}", h)))
    return (
        "# Cap Reproduksibilitas\n\n"
        "Laporan dan kertas kerja ini dapat dibangun ulang persis sama dari bahan yang sama. "
        "Cap berikut menyebut versi perangkat, commit kode, parameter, versi Python dan paket, "
        "dan sidik SHA-256 setiap berkas masukan. Waktu build dicatat di berkas `stamp.json` "
        "di folder hasil build.\n\n"
        + table_markdown(general, "Cap reproduksibilitas", "tbl-reviu-cap", kelas="lkjip-lebar")
        + "\n\n"
        + table_markdown(
            files, "Sidik SHA-256 berkas masukan", "tbl-reviu-berkas", kelas="lkjip-lebar"
        )
        + "\n"
    )


#: the stamp page (written by the build) and the chapter it follows
STAMP_PAGE = "kertas_kerja/cap"
STAMP_AFTER = "kertas_kerja_reviu"


# --- the working paper's first page and the download links -----------------------------


def _links(stems: dict[str, str], up: str) -> str:
    """HTML links to the PDFs (``stems``: those the book holds; none: said so) and the
    ledger, in the folder ``up`` (``html/unduh/``: :mod:`lkjip.assemble.unduhan`)."""
    names = {"laporan": "PDF Laporan Kinerja", "kertas_kerja": "PDF Kertas Kerja"}
    links = [
        f'<a href="{up}{html.escape(stem)}.pdf">{names[edition]}</a>'
        for edition, stem in stems.items()
    ]
    raw = html.escape(spreadsheet.LEDGER_RAW)
    links.append(f'<a href="{up}{unduhan.LEDGER}" title="{raw}">Daftar angka (ledger.csv)</a>')
    text = "Unduh: " + " · ".join(links) + ("" if stems else f". {NO_PDF}")
    return '```{raw} html\n<p class="lkjip-unduh">' + text + "</p>\n```\n"


#: what the HTML says instead of PDF links when the book holds no PDF of its inputs
NO_PDF = (
    "PDF tidak dibuat dari masukan ini (build hanya HTML, <code>--html-only</code>); "
    "jalankan <code>lkjip build</code> untuk membuatnya."
)


def index_markdown(ds: Dataset, stems: dict[str, str]) -> str:
    """``kertas_kerja/index.md``: what the working paper holds and how to read it."""
    satker = identity.shown(ds)["nama_satker"]  # a draft: the name, or marked not known
    links = _links(stems, unduhan.HREF)
    return (
        f"# Kertas Kerja\n\n"
        f"Kertas kerja Laporan Kinerja Instansi Pemerintah {escape_md(satker)} tahun "
        f"{ds.tahun}, untuk penelaah dan auditor (APIP). Isinya menyertai laporan, tidak menjadi "
        "bagian dari laporan yang ditandatangani:\n\n"
        "- **Perhitungan**: setiap angka laporan, bab demi bab dalam urutan laporan, dengan "
        "rumus, angka yang dimasukkan, hasil, angka masukan, dan baris data sumbernya;\n"
        "- **Rekonsiliasi**: perbandingan dengan angka laporan yang diterbitkan, pemeriksaan "
        "konsistensi, koreksi data, dan cap reproduksibilitas;\n"
        "- **Jejak Angka**: indeks seluruh angka dengan halaman tempatnya di laporan;\n"
        "- **Data sumber**: setiap tabel data, dapat diunduh sebagai CSV.\n\n"
        f"Unduhan CSV tabel data dan data grafik adalah data: {spreadsheet.RULE}. "
        f"{spreadsheet.LEDGER_RAW}\n\n"
        f"{links}"
    )


def add_downloads(cover: Path, stems: dict[str, str]) -> None:
    """Put the download links (HTML only) at the end of the staged cover page."""
    notebook = nbformat.read(cover, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(_links(stems, unduhan.HREF), id="unduhan"))
    nbformat.write(notebook, cover)


def stage(
    src: Path,
    executed: Path,
    ds: Dataset,
    reg: Registry,
    root: Path,
    stems: dict[str, str],
    build_stamp: dict | None = None,
) -> dict[str, str]:
    """Stage both editions in ``src`` from the notebooks in ``executed``.

    ``stems``: the PDFs' file names (linked from the HTML); ``build_stamp``: the
    reproducibility stamp, written as the working paper's page after the Reviu. Returns,
    per chapter, the HTML page (docname) that shows its calculations.
    """
    pages: dict[str, str] = {}
    calculated = []
    for chapter in CHAPTERS:
        calc = split_chapter(
            executed / f"{chapter}.ipynb",
            src / "notebooks" / f"{chapter}.ipynb",
            keep_calculations=chapter in WORKING_PAPER,
        )
        pages[chapter] = f"notebooks/{chapter}"
        if calc.count:
            page = calculations_page(chapter)
            (src / f"{page}.md").parent.mkdir(parents=True, exist_ok=True)
            (src / f"{page}.md").write_text(calculations_markdown(calc), encoding="utf-8")
            pages[chapter] = page
            calculated.append(chapter)
    tables = write_data_pages(src, ds, root)
    if build_stamp is not None:
        (src / f"{STAMP_PAGE}.md").write_text(stamp_markdown(build_stamp), encoding="utf-8")
    site_toc(src, calculated, tables, stamped=build_stamp is not None)
    (src / f"{INDEX}.md").write_text(index_markdown(ds, stems), encoding="utf-8")
    add_downloads(src / "notebooks" / f"{CHAPTERS[0]}.ipynb", stems)
    (src / "book" / "_static" / "lkjip-angka.js").write_text(popover_script(reg), encoding="utf-8")
    return pages
