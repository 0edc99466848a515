"""Two editions: the official report (Laporan) and the working paper (Kertas Kerja).

Fast tests of the staging (splitting chapters, pages, tables of contents, numbering,
PDF settings); book tests of the built 2023 PDFs and HTML, and a real browser.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from lkjip.assemble import editions, pdf
from lkjip.assemble.pipeline import BuildResult
from lkjip.chapters.kernel.protocol import CHAPTERS, META_KEY, REPORT
from lkjip.domain.hyphenation import bad_breaks
from lkjip.domain.teks import slug
from lkjip.render import sphinx_numbering
from lkjip.render.myst import perhitungan_kata, rumus_kata, sources_text

from .helpers import ROOT, chrome, html_ids

# --- staging (fast) ---------------------------------------------------------------------


def _executed(tmp_path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    calc = nbformat.v4.new_output(
        "display_data",
        data={"text/markdown": "(f-a)=\n**A** = **1**"},
        metadata={META_KEY: {"figures": ["a"]}},
    )
    rest = nbformat.v4.new_output(
        "display_data",
        data={"text/markdown": "(f-b)=\n**B** = **2**"},
        metadata={META_KEY: {"figures": ["b"], "rincian": True}},
    )
    shown = nbformat.v4.new_output("display_data", data={"text/markdown": "Tabel resmi"})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# BAB I Pendahuluan\n\n## A. Latar {glue:md}`tahun:myst`"),
        nbformat.v4.new_code_cell("ctx.hitung('a')", outputs=[calc, shown]),
        nbformat.v4.new_markdown_cell("## B. Lain"),
        nbformat.v4.new_code_cell("ctx.rincian()", outputs=[rest]),
    ]
    path = tmp_path / "bab1_pendahuluan.ipynb"
    nbformat.write(nb, path)
    return path


def test_report_copy_loses_calculations_and_code(tmp_path: Path) -> None:
    report = tmp_path / "laporan" / "bab1_pendahuluan.ipynb"
    calc = editions.split_chapter(_executed(tmp_path), report, keep_calculations=False)
    nb = nbformat.read(report, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all("remove-input" in c.metadata["tags"] for c in code)
    texts = [o["data"]["text/markdown"] for c in code for o in c.outputs]
    assert texts == ["Tabel resmi"]
    assert calc.title == "BAB I Pendahuluan"
    assert calc.sections == [
        ("A. Latar", ["(f-a)=\n**A** = **1**"]),
        (editions.REST, ["(f-b)=\n**B** = **2**"]),
    ]
    page = editions.calculations_markdown(calc)
    assert page.startswith("# Perhitungan BAB I Pendahuluan")
    assert "(2 angka)" in page and "## A. Latar" in page


def test_working_paper_chapter_keeps_its_calculations(tmp_path: Path) -> None:
    report = tmp_path / "kk" / "reviu.ipynb"
    calc = editions.split_chapter(_executed(tmp_path), report, keep_calculations=True)
    assert calc.count == 0
    nb = nbformat.read(report, as_version=4)
    assert sum(len(c.outputs) for c in nb.cells if c.cell_type == "code") == 3


def test_data_page_anchors_the_file_lines(tmp_path: Path) -> None:
    path = tmp_path / "contoh.csv"
    path.write_text('a,b\n1,"dua\nbaris"\n3,<x>\n', encoding="utf-8")
    page = editions.data_page("contoh", path, "Contoh", "Uraian", tmp_path)
    assert '<tr id="baris-2">' in page and '<tr id="baris-4">' in page
    assert "baris-3" not in page  # the second line of a quoted cell starts no record
    assert "&lt;x&gt;" in page and "<x>" not in page
    assert "Berkas: [`contoh.csv`](path:contoh.csv)" in page


def test_sources_link_to_row_ranges() -> None:
    text = sources_text(["data/2023/x.csv:2", "data/2023/x.csv:3", "data/2023/x.csv:9"])
    assert text == "{sumber}`data/2023/x.csv:2-3`, {sumber}`data/2023/x.csv:9`"


def test_formulas_in_words() -> None:
    assert rumus_kata("hitung(baris upaya)") == "banyaknya baris tabel upaya"
    assert rumus_kata("hitung(bulan)") == "banyaknya bulan"
    assert rumus_kata("bulatkan(indeks, 2 desimal)") == "indeks dibulatkan (2 desimal)"
    assert perhitungan_kata("bulatkan(3,9871) = 3,99") == "3,9871 dibulatkan = 3,99"
    assert perhitungan_kata("12 = 12") == ""


def _toc(tmp_path: Path) -> Path:
    (tmp_path / "_toc.yml").write_bytes((ROOT / "_toc.yml").read_bytes())
    return tmp_path


def test_the_project_toc_is_the_one_the_chapter_list_gives() -> None:
    # the build writes the staged _toc.yml from protocol.PARTS; the project's copy agrees
    assert yaml.safe_load((ROOT / "_toc.yml").read_text()) == editions.book_toc()
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(CHAPTERS)  # every chapter notebook is in the list, once


def test_site_and_pdf_tables_of_contents(tmp_path: Path) -> None:
    src = _toc(tmp_path)
    editions.site_toc(src, ["bab3_akuntabilitas"], ["paspor"])
    site = yaml.safe_load((src / "_toc.yml").read_text())
    files = [c["file"] for c in site["parts"][1]["chapters"]]
    assert files[:2] == [editions.INDEX, "kertas_kerja/perhitungan_bab3_akuntabilitas"]
    assert files[-1] == editions.DATA_INDEX
    assert site["parts"][1]["chapters"][-1]["sections"] == [{"file": "kertas_kerja/data/paspor"}]
    report = tmp_path / "r"
    report.mkdir()
    (report / "_toc.yml").write_text((src / "_toc.yml").read_text())
    editions.latex_toc(report, "laporan")
    toc = yaml.safe_load((report / "_toc.yml").read_text())
    assert [c["file"] for c in toc["chapters"]] == [f"notebooks/{c}" for c in REPORT[1:]]
    editions.latex_toc(src, "kertas_kerja")
    toc = yaml.safe_load((src / "_toc.yml").read_text())
    assert toc["root"] == editions.INDEX
    assert editions.DATA_INDEX not in [c["file"] for c in toc["chapters"]]


class _Env:
    def __init__(self, numbers: dict, prefixes: dict) -> None:
        self.toc_fignumbers = numbers
        self.config = type("C", (), {"lkjip_nomor_bab": prefixes})()


def test_tables_and_figures_numbered_per_chapter() -> None:
    env = _Env(
        {
            "notebooks/ikhtisar": {"table": {"t1": (1,)}},
            "notebooks/bab3_akuntabilitas": {
                "table": {"x": (7,), "y": (5,)},
                "figure": {"g": (3,)},
            },
        },
        {"notebooks/bab3_akuntabilitas": "3"},
    )
    sphinx_numbering.renumber(env)
    assert env.toc_fignumbers["notebooks/bab3_akuntabilitas"]["table"] == {
        "y": ("3", 1),
        "x": ("3", 2),
    }
    assert env.toc_fignumbers["notebooks/bab3_akuntabilitas"]["figure"] == {"g": ("3", 1)}
    assert env.toc_fignumbers["notebooks/ikhtisar"]["table"] == {"t1": (1,)}


def test_pdf_names_and_report_pages(tmp_path: Path, ds2023) -> None:
    assert pdf.file_stem(ds2023) == "LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-2023"
    assert pdf.file_stem(ds2023, "kertas_kerja").startswith("Kertas-Kerja-LKjIP-")
    aux = tmp_path / "x.aux"
    aux.write_text(
        "\\lkjipseite{f-a}{iii}\n\\lkjipseite{f-b}{12}\n\\lkjipseite{f-a}{30}\n", encoding="utf-8"
    )
    assert pdf.figure_pages(aux) == {"f-a": "iii", "f-b": "12"}
    assert pdf.figure_pages(tmp_path / "none.aux") == {}
    # what the working paper's LaTeX looks the pages up in (\lkjiphalaman): an anchor
    # or page LaTeX could read as a command is left out
    pages = {"f-b": "12", "f-a": "iii", "f-c}\\input{x": "1", "f-d": "1\\x"}
    pdf.write_pages(tmp_path, pages)
    written = tmp_path / pdf.PAGES_FILE
    assert written.read_text(encoding="utf-8") == "\\lkjiphal{f-a}{iii}\n\\lkjiphal{f-b}{12}\n"
    before = written.stat().st_mtime_ns
    pdf.write_pages(tmp_path, pages)  # the same pages: the file is not written again
    assert written.stat().st_mtime_ns == before


def test_a_long_office_name_gives_pdf_names_the_system_accepts(tmp_path: Path, ds2023) -> None:
    """An office name of 500 characters: the PDFs' names keep its first words (no
    ``OSError: File name too long`` when LaTeX writes them); a usual name is unchanged."""
    long_name = "Kantor Imigrasi Kelas I TPI Bandung " + "Sangat Panjang " * 31
    ds = dataclasses.replace(ds2023)
    identitas = ds2023.frames["identitas"].copy()
    identitas["nama_satker"] = long_name.strip()
    ds.frames = {**ds2023.frames, "identitas": identitas}
    for edition in pdf.EDITIONS:
        stem = pdf.file_stem(ds, edition)
        for suffix in (".tex", ".fdb_latexmk", ".pdf"):
            (tmp_path / f"{stem}{suffix}").write_text("", encoding="utf-8")
        assert stem.endswith("-Sangat-Panjang-2023") and "LKjIP-Kantor-Imigrasi-Kelas" in stem
        assert len(stem) <= len("Kertas-Kerja-LKjIP--2023") + 100
    assert slug("Satu Dua Tiga", separator="-", words=None, lower=False, limit=8) == "Satu-Dua"
    assert (
        slug("Satu Dua Tiga", separator="-", words=None, lower=False, limit=13) == "Satu-Dua-Tiga"
    )
    assert slug("x" * 30, separator="-", words=None, lower=False, limit=10) == "x" * 10


def test_cover_line_fits_and_emblem_only_when_given(ds2023) -> None:
    assert pdf._cover_line("KANTOR").startswith(r"{\Large")
    assert pdf._cover_line("x" * 52).startswith(r"{\large")
    assert pdf.emblem(ds2023) is None
    assert r"\includegraphics" not in pdf.cover(ds2023, "laporan")
    assert "KERTAS KERJA" in pdf.cover(ds2023, "kertas_kerja")


def test_popover_data_from_the_registry(reg2023) -> None:
    script = editions.popover_script(reg2023)
    data = json.loads(script.removeprefix("window.LKJIP_ANGKA = ").removesuffix(";\n"))
    entry = data["f-ikm-capaian"]
    assert entry["h"] == "122,77%" and entry["l"]
    assert entry["s"].endswith("= 122,77%")


# --- the built book (slow) ----------------------------------------------------------------

TOOL_TEXT = (
    "Rumus:",
    "Masukan:",
    "Sumber: data/",
    "Rincian perhitungan",
    "Tampilkan kode",
    ".csv",
    "buku ini",
    "di-klik",
    "Jejak Angka",
    "lkjip",
)


@lru_cache(maxsize=4)
def _text(path: Path, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _pdfs(result: BuildResult) -> tuple[Path, Path]:
    folder = result.out_dir / "pdf"
    return (
        folder / "LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-2023.pdf",
        folder / "Kertas-Kerja-LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Bandung-2023.pdf",
    )


@pytest.mark.book
def test_pdf_folder_holds_only_what_is_published(built_book: BuildResult) -> None:
    """The two editions in pdf/; their typesetting logs apart, in log/."""
    pdfs = _pdfs(built_book)
    assert sorted((built_book.out_dir / "pdf").iterdir()) == sorted(pdfs)
    logs = sorted(p.name for p in (built_book.out_dir / "log").iterdir())
    assert logs == sorted(p.with_suffix(".log").name for p in pdfs)


def _ids_pattern(reg) -> re.Pattern[str]:
    ids = sorted((f.id for f in reg if "." in f.id), key=len, reverse=True)
    return re.compile("|".join(re.escape(i) for i in ids))


@pytest.mark.book
def test_official_pdf_has_nothing_about_the_tool(built_book: BuildResult, reg2023) -> None:
    report, _ = _pdfs(built_book)
    text = _text(report, layout=False)
    found = [t for t in TOOL_TEXT if t in text]
    assert not found
    assert not _ids_pattern(reg2023).findall(text.replace("\n", ""))


@pytest.mark.book
def test_official_pdf_prints_official_values_and_numbers_per_chapter(
    built_book: BuildResult,
) -> None:
    report, working = _pdfs(built_book)
    text = _text(report)
    # the SMART table's row of nilai kinerja 2021-2023 ends with the application's 2023 value
    assert re.search(r"Nilai kinerja\s+[\d,]+\s+[\d,]+\s+87,04\b", text), "SMART 2023"
    assert "97,86" in text and "95,06" in text  # IKPA 2022 and 2021
    assert "87,07" not in text and "97,76" not in text and "92,28" not in text
    assert re.search(r"Tabel 3\.1\b", text) and re.search(r"Gambar 3\.1\b", text)
    assert re.search(r"Tabel 1\.1\b", text) and not re.search(r"Tabel 58\b", text)
    paper = _text(working)
    assert "87,07" in paper and "87,04 − 87,07" in paper


@pytest.mark.book
def test_official_pdf_breaks_words_at_syllables(built_book: BuildResult) -> None:
    report, _ = _pdfs(built_book)
    assert bad_breaks(_text(report).splitlines()) == []


@pytest.mark.book
def test_working_paper_cites_report_pages(built_book: BuildResult) -> None:
    import pypdf

    report, working = _pdfs(built_book)
    text = _text(working)
    assert "KERTAS KERJA" in text
    assert "Rumus:" in text and "Sumber:" in text
    # the figure index: label, calculation, value, and the report page where it first stands
    line = next(ln for ln in text.splitlines() if re.search(r"= 122,77%\s+122,77%", ln))
    page = line.split()[-1]
    pages = _text(report).split("\f")
    first = next(i for i, p in enumerate(pages) if "122,77%" in p)
    assert pypdf.PdfReader(report).page_labels[first] == page


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.book
def test_report_pages_have_no_code_and_no_ids(built_book: BuildResult, reg2023) -> None:
    pattern = _ids_pattern(reg2023)
    for chapter in REPORT:
        soup = _soup(built_book.out_dir / "html" / "notebooks" / f"{chapter}.html")
        assert not soup.select(".cell_input, .toggle-details, details.hide, button.toggle-button")
        text = soup.select_one("article").get_text(" ")
        assert "Tampilkan kode" not in text and "Rumus:" not in text, chapter
        assert not pattern.findall(text), chapter


@pytest.mark.book
def test_every_number_link_resolves_into_the_working_paper(built_book: BuildResult) -> None:
    html = built_book.out_dir / "html"
    checked = 0
    for chapter in REPORT:
        page = html / "notebooks" / f"{chapter}.html"
        for link in _soup(page).select("a.lkjip-angka"):
            parts = urlsplit(link["href"])
            target = (page.parent / parts.path).resolve()
            assert target.parent.name in ("kertas_kerja", "notebooks"), link["href"]
            assert target.parent.name == "kertas_kerja" or target.stem in ("reviu", "jejak_angka")
            assert parts.fragment in html_ids(target), link["href"]
            checked += 1
    assert checked > 300


@pytest.mark.book
def test_browser_popover_and_wide_tables(built_book: BuildResult) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chrome()
    try:
        driver.set_window_size(1280, 1000)
        html = built_book.out_dir / "html"
        driver.get((html / "notebooks" / "bab3_akuntabilitas.html").as_uri())
        number = driver.find_element(
            By.XPATH, "//p//a[contains(@class,'lkjip-angka')][normalize-space()='122,77%']"
        )
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", number)
        driver.execute_script("arguments[0].focus();", number)
        box = WebDriverWait(driver, 5).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".lkjip-popover")
        )[0]
        assert "3,99 / 3,25 × 100% = 122,77%" in box.text
        assert "Kertas Kerja" in box.text
        driver.get((html / "notebooks" / "reviu.html").as_uri())
        width = driver.execute_script("return document.documentElement.clientWidth")
        tables = driver.find_elements(By.CSS_SELECTOR, "table.lkjip-saring")
        assert tables
        for table in tables:
            last = table.find_element(By.CSS_SELECTOR, "thead th:last-child")
            right = driver.execute_script("return arguments[0].getBoundingClientRect().right", last)
            assert right <= width, (last.text, right, width)
        selects = driver.find_elements(By.CSS_SELECTOR, ".lkjip-saring-bar select")
        assert len(selects) >= 2
        # every table of both editions shows all its columns at 1280 px (none needs
        # sideways scrolling), and the theme's second search bar is not shown
        overflowing = {}
        pages = sorted(html.glob("notebooks/*.html")) + sorted(html.glob("kertas_kerja/*.html"))
        for page in pages:
            driver.get(page.as_uri())
            wide = driver.execute_script(
                "return [...document.querySelectorAll('.pst-scrollable-table-container')]"
                ".filter(c => c.scrollWidth > c.clientWidth + 1)"
                ".map(c => (c.querySelector('caption') || c).innerText.slice(0, 60))"
            )
            if wide:
                overflowing[page.name] = wide
            assert not driver.find_element(By.ID, "pst-header").is_displayed(), page.name
        assert len(pages) >= 10
        assert overflowing == {}
    finally:
        driver.quit()


def test_the_working_paper_waits_for_the_html_or_the_report_and_for_the_pages(
    tmp_path: Path,
) -> None:
    """``pdf._beside_report`` without LaTeX: the working paper's Sphinx run starts only
    after the report's and the HTML's; its LaTeX gets the report's pages; a report that
    fails stops it with an error that is not a BuildError (which would start its run
    again from nothing) and is the error said."""
    import threading

    from lkjip.errors import BuildError

    events: list[str] = []
    html_done, started = threading.Event(), threading.Event()

    def report(written, fail: bool = False):
        events.append("laporan sphinx")
        written(tmp_path)
        html_done.set()  # the HTML ends while the report is typeset
        started.wait(10)  # (the working paper starts now, or the order below is wrong)
        events.append("laporan latex")
        if fail:
            raise BuildError("laporan rusak")
        return tmp_path, {"f-a": "3"}

    def paper(pages):
        events.append("kertas sphinx")
        started.set()
        try:
            got = pages()
        except Exception as exc:
            events.append(type(exc).__name__)
            raise
        events.append(f"kertas latex {got}")
        return tmp_path / "kertas"

    folder, pages, job = pdf._beside_report(report, paper, html_done)
    assert (folder, pages, job.result()) == (tmp_path, {"f-a": "3"}, tmp_path / "kertas")
    assert events == [
        "laporan sphinx",
        "kertas sphinx",  # beside the report's LaTeX, once the HTML is done
        "laporan latex",
        "kertas latex {'f-a': '3'}",
    ]
    events.clear()
    html_done.clear()
    started.clear()
    with pytest.raises(BuildError, match="laporan rusak"):
        pdf._beside_report(lambda w: report(w, fail=True), paper, html_done)
    assert events == ["laporan sphinx", "kertas sphinx", "laporan latex", "_NoPages"]
