"""What several test modules share: the project paths, a project copy to build in, the
published figures used as the oracle, and helpers that edit data files.

Test modules import from here (and from ``synthetic``, the synthetic-year generator),
never from each other.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from lkjip import config

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TAHUN = 2023  # the year of the published report used as the test oracle
#: what the session's build of the 2023 book (fixture ``built_book``) printed, line by line
BUILT_BOOK_OUTPUT: list[str] = []
PROJECT_FILES = ("_config.yml", "_toc.yml", "parameters.yml", "pyproject.toml")
PROJECT_DIRS = ("book", "notebooks", "data")

#: a change applied to a copy of a year's folder
Mutation = Callable[[Path], None]

#: text full of characters that mean something in Markdown, HTML and LaTeX
SPECIAL = '<script>alert("x")</script> & 100% a_b #1 {x} C:\\temp ~^$'

#: the headline figures as the published report prints them
HEADLINE = [
    "3,99",
    "122,77%",
    "3,75",
    "119,81%",
    "127,48%",
    "123,35%",
    "Rp20.372.405.794",
    "99,00%",
    "244,88%",
]

# --- a project to build in ------------------------------------------------------------


def git(root: Path, *args: str) -> None:
    """Run git in ``root`` as an analyst would (a name and address for commits)."""
    subprocess.run(
        ["git", "-c", "user.name=Analis", "-c", "user.email=analis@contoh.id", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def copy_project(target: Path) -> Path:
    """A copy of what a build reads (no .venv, no _build)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PROJECT_DIRS:
        shutil.copytree(ROOT / name, target / name)
    return target


def copy_built_project(book_dir: Path, target: Path) -> Path:
    """A copy of the project a book was built in (``book_dir``: its ``_build/<tahun>``),
    with its ``_build`` (the book, the chapter, HTML and PDF caches): a build there of the
    same inputs finds them, one of changed inputs runs only what the change touches (the
    build keys hold no absolute path)."""
    shutil.copytree(book_dir.parents[1], target, symlinks=True)
    return target


def chapter_notebook(folder: Path, cells: list) -> Path:
    """A notebook ``folder/bab_uji.ipynb`` of ``cells`` (nbformat cells) for a Python kernel."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "bab_uji.ipynb"
    nbformat.write(nb, path)
    return path


class project_root_env:
    """Context manager pointing lkjip at another project root (``LKJIP_ROOT``)."""

    def __init__(self, root: Path):
        self.root = root
        self.old: str | None = None

    def __enter__(self) -> Path:
        self.old = os.environ.get(config.ROOT)
        os.environ[config.ROOT] = str(self.root)
        return self.root

    def __exit__(self, *exc: object) -> None:
        if self.old is None:
            os.environ.pop(config.ROOT, None)
        else:
            os.environ[config.ROOT] = self.old


def html_files(out_dir: Path) -> dict[str, bytes]:
    """Every file of a built book's HTML, by relative path (for byte comparisons)."""
    html = out_dir / "html"
    return {p.relative_to(html).as_posix(): p.read_bytes() for p in html.rglob("*") if p.is_file()}


@cache
def html_ids(page: Path) -> frozenset[str]:
    """Every ``id`` of an HTML page, parsed once per test process (a link check looks
    up hundreds of fragments in the same few pages; the pages of a build never change
    once it is done)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True))


# --- editing data -----------------------------------------------------------------------


def edit_csv(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a CSV; fails loudly when ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def set_cell(file: str, line: int, column: str, value: str) -> Mutation:
    """Write ``value`` into one cell (CSV quoting done properly)."""

    def mutate(year: Path) -> None:
        with (year / file).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        rows[line - 1][rows[0].index(column)] = value
        with (year / file).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)

    return mutate


# --- the oracle ---------------------------------------------------------------------------

#: (figure id, value as printed in the published LKjIP 2023) where the publication is right
PUBLISHED = [
    # Ikhtisar Eksekutif / BAB III A summary table
    ("ikm.realisasi", "3,99"),
    ("ikm.target", "3,25"),
    ("ikm.capaian", "122,77%"),
    ("ipk.realisasi", "3,75"),
    ("ipk.target", "3,13"),
    ("ipk.capaian", "119,81%"),
    ("iki.realisasi", "3,99"),
    ("iki.target", "3,13"),
    ("iki.capaian", "127,48%"),  # BAB III A.3 (the summary table's 124,48% is an error)
    ("kinerja.rerata_capaian", "123,35%"),
    ("ikm.selisih_target", "0,05"),
    ("iki.selisih_target", "0,01"),
    ("ikm.selisih_capaian", "-1,61"),  # "penurunan ... sebesar 1,61%"
    ("ipk.selisih_capaian", "-4,55"),  # "penurunan sebesar 4,55%"
    ("iki.selisih_capaian", "-0,40"),  # "penurunan persentase capaian sebesar 0,40%"
    # BAB III A.1 IKM
    ("ikm.pembilang", "1.674,59"),
    ("ikm.responden", "420"),
    ("ikm.unsur.informasi", "3,99"),
    ("ikm.unsur.persyaratan", "3,99"),
    ("ikm.unsur.prosedur_alur", "3,99"),
    ("ikm.unsur.waktu_penyelesaian", "3,99"),
    ("ikm.unsur.tarif_biaya", "3,99"),
    ("ikm.unsur.sarana_prasarana", "3,98"),
    ("ikm.unsur.respon", "3,98"),
    ("ikm.unsur.konsultasi_pengaduan", "3,99"),
    ("ikm.unsur_di_bawah_rerata", "Sarana/ Prasarana, Respon"),
    ("ikm.mutu", "A"),
    ("ikm.kinerja_unit", "SANGAT BAIK"),
    ("ikm.capaian.t-2", "124,44%"),
    ("ikm.capaian_renstra", "120,91%"),
    ("ikm.pembanding.kanwil.capaian", "100,25%"),
    ("ikm.pembanding.kanwil.selisih", "0,01"),
    ("ikm.pembanding.ditjen.capaian", "101,79%"),
    ("ikm.pembanding.ditjen.selisih", "0,07"),
    # BAB III A.2 IPK
    ("ipk.internal", "3,82"),
    ("ipk.eksternal", "3,59"),
    ("ipk.responden", "25"),
    ("ipk.eksternal.unsur_di_bawah_rerata", "Pengaduan, Pencegahan"),
    ("ipk.capaian.t-2", "126,69%"),
    ("ipk.capaian.t-1", "124,36%"),
    ("ipk.capaian_renstra", "119,43%"),
    ("ipk.pembanding.kanwil.capaian", "102,46%"),
    ("ipk.pembanding.kanwil.selisih", "0,09"),
    ("ipk.pembanding.ditjen.capaian", "101,08%"),
    ("ipk.pembanding.ditjen.selisih", "0,04"),
    # BAB III A.3 IKI
    ("iki.pembilang", "4.009,13"),
    ("iki.responden", "1.005"),
    ("iki.capaian.t-2", "127,33%"),
    ("iki.capaian.t-1", "127,88%"),
    ("iki.capaian_renstra", "127,07%"),
    ("iki.pembanding.kanwil.capaian", "100,50%"),
    ("iki.pembanding.kanwil.selisih", "0,02"),
    # BAB II B / BAB III B budget
    ("anggaran.pagu", "Rp20.578.348.000"),
    ("anggaran.realisasi", "Rp20.372.405.794"),
    ("anggaran.persen", "99,00%"),
    ("pagu.sumber_alokasi.jumlah", "Rp20.578.348.000"),
    ("pagu.jenis_belanja.jumlah", "Rp20.578.348.000"),
    ("pagu.sumber_dana.jumlah", "Rp20.578.348.000"),
    ("pk.anggaran.revisi.jumlah", "Rp20.578.348.000"),
    ("anggaran.program.program_pelayanan_dan_penegakan_hukum.persen", "98,58%"),
    ("anggaran.program.program_dukungan_manajemen.persen", "99,12%"),
    ("anggaran.pagu.t-1", "Rp18.874.377.000"),
    ("anggaran.persen.t-1", "97,56%"),
    ("anggaran.pagu.t-2", "Rp19.446.044.000"),
    ("anggaran.realisasi.t-2", "Rp16.544.801.981"),
    ("anggaran.persen.t-2", "85,08%"),
    ("anggaran.arah_persen", "naik"),
    ("belanja.belanja_pegawai.persen.t-2", "99,15%"),
    ("belanja.belanja_barang.persen.t-2", "76,60%"),
    ("belanja.belanja_modal.persen.t-2", "96,64%"),
    ("belanja.jumlah.persen.t-2", "85,08%"),
    ("belanja.belanja_pegawai.persen.t-1", "99,65%"),
    ("belanja.belanja_barang.persen.t-1", "96,28%"),
    ("belanja.belanja_modal.persen.t-1", "96,99%"),
    ("belanja.jumlah.persen.t-1", "97,56%"),
    ("belanja.jumlah.realisasi.t-1", "Rp18.414.319.748"),
    ("belanja.belanja_pegawai.persen", "99,34%"),
    ("belanja.belanja_barang.persen", "99,00%"),
    ("belanja.belanja_modal.persen", "97,80%"),
    ("belanja.jumlah.realisasi", "Rp20.372.405.794"),
    ("belanja.jumlah.persen", "99,00%"),
    # PNBP
    ("pnbp.realisasi.t-2", "Rp20.193.950.674"),
    ("pnbp.realisasi.t-1", "Rp59.604.795.551"),
    ("pnbp.realisasi", "Rp82.709.724.907"),
    ("pnbp.target", "Rp33.775.450.000"),
    ("pnbp.capaian", "244,88%"),
    # BAB III C (official values of SMART DJA and IKPA, printed as published)
    ("smart.nilai_kinerja.t-2", "97,45"),
    ("smart.nilai_kinerja.t-1", "89,62"),
    ("smart.nilai_kinerja", "87,04"),
    ("smart.kategori", "Baik"),
    ("ikpa.nilai_akhir.t-2", "95,06"),
    ("ikpa.nilai_akhir.t-1", "97,86"),
    ("ikpa.nilai_akhir", "96,66"),
    ("ikpa.kategori", "Sangat Baik"),
    # BAB III D
    ("tarja.rerata", "100,00"),
    ("paspor.total.t-1", "114.594"),
    ("paspor.total", "150.474"),
    ("izin_tinggal.total.t-1", "7.750"),
    ("izin_tinggal.total", "7.221"),
    ("perlintasan.wni.t-1", "2.069"),
    ("perlintasan.wna.t-1", "168"),
    ("perlintasan.total.t-1", "2.237"),
    ("perlintasan.wni", "329"),
    ("perlintasan.wna", "3.214"),
    ("perlintasan.total", "3.543"),
    ("tak.total.t-1", "66"),
    ("tak.total", "98"),
    ("projustitia.total.t-1", "1"),
    ("projustitia.total", "1"),
    # BAB I
    ("pegawai.total", "112"),
    ("pegawai.eselon_iii", "1"),
    ("pegawai.jabatan_fungsional", "95"),
    ("tugas_fungsi.jumlah", "10"),
    ("wilayah_kerja.jumlah", "6"),
    ("fasilitas.tanah", "2.822"),
]


def chrome():  # a selenium WebDriver
    """Headless Chromium at 1280 px, offline; skipped only with LKJIP_SKIP_BROWSER=1."""
    from selenium import webdriver

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        if config.flag(config.SKIP_BROWSER):
            pytest.skip("Chromium tidak terpasang (LKJIP_SKIP_BROWSER=1)")
        pytest.fail("Chromium/chromedriver tidak ditemukan: jalankan `make system-deps`")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--window-size=1280,1600",
    ):
        options.add_argument(flag)
    # every console message, for the tests that read driver.get_log("browser")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    from selenium.webdriver.chrome.service import Service

    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    return driver


#: what a page is made of, counted in the browser after its scripts ran: a script that
#: swallows the rest of the page, or markup that became elements, changes these
_CENSUS = """
const n = (s) => document.querySelectorAll(s).length;
return {
  table: n('table'), figure: n('figure'), p: n('p'), heading: n('h1,h2,h3,h4,h5,h6'),
  hr: n('hr'), list: n('ul,ol,dl'), item: n('li,dt,dd'), quote: n('blockquote'),
  pre: n('pre'), img: n('img'), iframe: n('iframe,object,embed'),
  script: document.scripts.length, chart: n('.lkjip-chart'),
  drawn: n('.lkjip-chart svg.marks'), flag: typeof window[arguments[0]],
};
"""


def page_census(driver, page: Path, flag: str, wait: float = 20.0) -> dict[str, object]:
    """The elements of ``page`` as Chromium built them, once its charts are drawn (or
    ``wait`` seconds passed), and the type of the global ``flag`` (``"undefined"``
    unless something set it)."""
    import time

    driver.get(page.as_uri())
    deadline = time.monotonic() + wait
    census = driver.execute_script(_CENSUS, flag)
    while census["drawn"] < census["chart"] and time.monotonic() < deadline:
        time.sleep(0.1)
        census = driver.execute_script(_CENSUS, flag)
    return census


def rst_doctree(text: str):  # a docutils document
    """``text`` (reStructuredText) parsed into a docutils document, messages silenced:
    what the LaTeX transforms of :mod:`lkjip.render` get to work on."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    settings = get_default_settings(Parser)
    settings.report_level = 5
    document = new_document("t", settings)
    Parser().parse(text, document)
    return document


def sphinx_app(root: Path, src: Path, builder: str):  # a sphinx.application.Sphinx
    """A Sphinx application on the small project ``src``, built into ``root`` (``out``,
    ``doctrees``), in this process, its messages kept out of the test's output."""
    import io

    from sphinx.application import Sphinx

    return Sphinx(
        str(src),
        str(src),
        str(root / "out"),
        str(root / "doctrees"),
        builder,
        status=io.StringIO(),
        warning=io.StringIO(),
    )
