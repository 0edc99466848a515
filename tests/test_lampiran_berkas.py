"""Signed documents and the emblem as attachments from the data folder.

The signed PK (``data/<tahun>/lampiran/pk-<tahun>.pdf`` or page images) replaces the
retyped PK in both editions: every page a whole sheet of the official PDF, an image in
HTML; the emblem (``data/aset/lambang.*``) is on both covers. Without a scan a draft
says the PK is retyped, a final build does not. Files that cannot be printed are refused
(exit 2), and a changed attachment re-runs the chapter that shows it.
"""

from __future__ import annotations

import base64
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from lkjip.assemble.pipeline import BuildResult, build
from lkjip.chapters import lampiran as L
from lkjip.chapters import sampul
from lkjip.cli import main
from lkjip.data import format_berkas
from lkjip.data import lampiran as scans
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid
from lkjip.figures.registry import Registry
from lkjip.render import halaman_pdf
from lkjip.render.myst import RawMarkdown

from . import berkas_lampiran as berkas
from .helpers import TAHUN, copy_built_project, project_root_env

TEKS = ["PKUJI 2023 HALAMAN 1", "PKUJI 2023 HALAMAN 2"]
#: what the draft's note above a retyped PK says (and a final build never prints)
CATATAN = "disusun ulang dari tabel data dan tidak memuat tanda tangan"


class _Ctx:
    def __init__(self, ds: Dataset, reg: Registry, draft: bool) -> None:
        self.tahun, self.ds, self.reg, self.draft = ds.tahun, ds, reg, draft

    def link(self, figure_id: str) -> RawMarkdown:
        return RawMarkdown(f"[{self.reg.d(figure_id)}]")


# --- files that can be printed, and those that cannot --------------------------------


@pytest.mark.integration
def test_pdf_pages_are_drawn_for_html_in_order_and_shape() -> None:
    pages = halaman_pdf.gambar_halaman(berkas.pdf(TEKS, berkas.LETTER), "pk-2023.pdf")
    assert len(pages) == 2
    for page in pages:
        assert format_berkas.masalah(page, "jpg") is None  # a JPEG the check accepts
        width, height = format_berkas.ukuran_jpeg(page)
        assert width == round(612 / 72 * halaman_pdf.RESOLUSI)
        assert height == round(792 / 72 * halaman_pdf.RESOLUSI)
    assert pages[0] != pages[1]
    assert len(halaman_pdf.gambar_halaman(berkas.pdf(TEKS), "x.pdf", halaman=1)) == 1


def test_a_locked_or_empty_pdf_cannot_be_printed() -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("rahasia")
    locked = io.BytesIO()
    writer.write(locked)
    assert "PDF terkunci" in format_berkas.masalah(locked.getvalue(), "pdf")
    assert format_berkas.masalah(berkas.pdf([]), "pdf") == "PDF tidak memiliki halaman"
    assert format_berkas.masalah(berkas.pdf(TEKS), "pdf") is None
    assert format_berkas.jumlah_halaman(berkas.pdf(TEKS)) == 2
    assert format_berkas.ukuran_png(berkas.png(30, 40)) == (30, 40)


def test_validate_names_an_unprintable_attachment_and_exits_2(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_copy / "2023" / "lampiran"
    folder.mkdir()
    (folder / "pk-2023.pdf").write_bytes(berkas.pdf(TEKS)[:-40])  # cut short
    (folder / "pk-2024.docx").write_bytes(b"PK\x03\x04")
    (data_copy / "aset").mkdir()
    (data_copy / "aset" / "lambang.jpg").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a JPEG
    code = main(["validate", "--tahun", str(TAHUN), "--data-dir", str(data_copy)])
    out, err = capsys.readouterr()
    assert code == 2
    text = out + err
    assert "data/2023/lampiran/pk-2023.pdf" in text and "PDF terpotong" in text
    assert "data/2023/lampiran/pk-2024.docx" in text
    assert "format berkas pindaian PK tidak diterima" in text
    assert "data/aset/lambang.jpg" in text and "isi berkas bukan JPEG" in text


def test_two_emblems_are_refused(data_copy: Path) -> None:
    (data_copy / "aset").mkdir()
    (data_copy / "aset" / "lambang.png").write_bytes(berkas.png(10, 10))
    (data_copy / "aset" / "lambang.pdf").write_bytes(berkas.pdf(["LAMBANG"]))
    with pytest.raises(DataInvalid) as caught:
        load_dataset(TAHUN, data_copy)
    (problem,) = caught.value.problems
    assert problem.file == "data/aset"
    assert "lambang lebih dari satu (lambang.png, lambang.pdf)" in problem.rule


def test_page_numbers_may_have_leading_zeros(data_copy: Path) -> None:
    folder = data_copy / "2023" / "lampiran"
    folder.mkdir()
    for n in (1, 2, 10, 3, 4, 5, 6, 7, 8, 9):
        (folder / f"pk-2024-{n:02d}.png").write_bytes(berkas.png(8, 8))
    found, problems = scans.scan(data_copy, TAHUN)
    assert problems == []
    assert [p.name for p in found[2024].files][-2:] == ["pk-2024-09.png", "pk-2024-10.png"]
    assert found[2024].halaman() == 10


# --- the chapters ----------------------------------------------------------------------


def test_a_draft_marks_a_retyped_pk_and_a_final_build_does_not(
    ds2023: Dataset, reg2023: Registry
) -> None:
    draft = L.dokumen_pk(_Ctx(ds2023, reg2023, draft=True), 2024)
    assert draft.startswith(":::{admonition} Naskah disusun ulang dari data\n:class: warning\n")
    assert CATATAN in draft
    assert "`data/2023/lampiran/pk-2024.pdf`" in draft and "`pk-2024-1.png`" in draft
    final = L.dokumen_pk(_Ctx(ds2023, reg2023, draft=False), 2024)
    assert CATATAN not in final and "admonition" not in final
    assert draft.endswith(final)  # the note is all a draft adds


def test_a_scan_in_a_draft_carries_no_note(data_copy: Path, reg2023: Registry) -> None:
    folder = data_copy / "2023" / "lampiran"
    folder.mkdir()
    (folder / "pk-2023.png").write_bytes(berkas.png())
    ds = load_dataset(TAHUN, data_copy)
    text = L.dokumen_pk(_Ctx(ds, reg2023, draft=True), 2023)
    assert CATATAN not in text
    assert "\\includepdf{pk-2023.png}" in text


@pytest.mark.integration
def test_the_cover_shows_the_emblem_as_read(data_copy: Path) -> None:
    assert sampul.lambang_html(data_copy) == ""
    (data_copy / "aset").mkdir()
    emblem = berkas.png(12, 12, (1, 2, 3))
    (data_copy / "aset" / "lambang.png").write_bytes(emblem)
    html = sampul.lambang_html(data_copy)
    assert html.startswith('<img class="lambang" ')
    uri = html.split('src="', 1)[1].split('"', 1)[0]
    assert uri == "data:image/png;base64," + base64.b64encode(emblem).decode("ascii")
    (data_copy / "aset" / "lambang.png").unlink()
    (data_copy / "aset" / "lambang.pdf").write_bytes(berkas.pdf(["LAMBANG"], (200, 200)))
    uri = sampul.lambang_html(data_copy).split('src="', 1)[1].split('"', 1)[0]
    drawn = base64.b64decode(uri.removeprefix("data:image/jpeg;base64,"))
    assert format_berkas.ukuran_jpeg(drawn) == (round(200 / 72 * 110),) * 2


# --- a built book (slow) -----------------------------------------------------------------


class Proyek:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "data" / "2023" / "lampiran"
        self.last: BuildResult | None = None

    def build(self, pdf: bool = False) -> BuildResult:
        with project_root_env(self.root):
            self.last = build(TAHUN, pdf_enabled=pdf, progress=None)
        return self.last

    def html(self, page: str) -> str:
        assert self.last is not None
        return (self.last.out_dir / "html" / "notebooks" / f"{page}.html").read_text("utf-8")


@pytest.fixture(scope="module")
def proyek(built_book: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proyek]:
    """A project whose data folder has a signed PK 2023 (a two-page PDF on Letter paper),
    PK 2024 as two page images and an emblem, built with both PDFs (from a copy of the
    session's built project: the chapters the files do not touch come from its cache)."""
    target = tmp_path_factory.mktemp("lampiran") / "proyek"
    project = Proyek(copy_built_project(built_book.out_dir, target))
    project.folder.mkdir()
    (project.folder / "pk-2023.pdf").write_bytes(berkas.pdf(TEKS, berkas.LETTER))
    (project.folder / "pk-2024-1.png").write_bytes(berkas.png(210, 297, (200, 30, 30)))
    (project.folder / "pk-2024-2.png").write_bytes(berkas.png(297, 210, (30, 30, 200)))
    (project.root / "data" / "aset").mkdir()
    (project.root / "data" / "aset" / "lambang.png").write_bytes(berkas.png(60, 60, (0, 99, 0)))
    project.build(pdf=True)
    yield project


def _gambar(obj: object) -> list[tuple[int, int]]:
    """Width and height of every image a page (or a form on it) draws (pypdf, no Pillow)."""
    resources = obj.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    found = []
    for ref in (xobjects.get_object() if xobjects is not None else {}).values():
        x = ref.get_object()
        if x.get("/Subtype") == "/Image":
            found.append((int(x["/Width"]), int(x["/Height"])))
        elif x.get("/Subtype") == "/Form":
            found += _gambar(x)
    return found


def _laporan(result: BuildResult) -> PdfReader:
    (path,) = (result.out_dir / "pdf").glob("LKjIP-*.pdf")
    return PdfReader(path)


@pytest.mark.book
def test_the_official_pdf_prints_every_signed_page_on_a_whole_sheet(proyek: Proyek) -> None:
    reader = _laporan(proyek.last)
    texts = [page.extract_text() or "" for page in reader.pages]
    first = reader.pages[1].mediabox
    a4 = (round(float(first.width)), round(float(first.height)))
    assert a4 == (595, 842)
    # the PDF's pages, each alone on its sheet (no running header, no page number)
    found = [i for i, t in enumerate(texts) if "PKUJI" in t]
    assert len(found) == 2 and found[1] == found[0] + 1
    assert [texts[i].strip() for i in found] == TEKS
    for i in found:  # a Letter page scaled onto the A4 sheet
        box = reader.pages[i].mediabox
        assert (round(float(box.width)), round(float(box.height))) == a4
    # the retyped PK 2023 is gone; the sentence above the pages says what follows
    assert not any("Dalam rangka mewujudkan manajemen" in t for t in texts)
    heading = found[0] - 1
    assert "Dokumen Perjanjian Kinerja Tahun 2023 yang telah ditandatangani" in texts[heading]
    # PK 2024: two images, each the only thing on its sheet
    after = found[1] + 1
    assert "Perjanjian Kinerja Tahun 2024" in texts[after]
    images = [reader.pages[i] for i in (after + 1, after + 2)]
    assert not any((page.extract_text() or "").strip() for page in images)
    assert [_gambar(page) for page in images] == [[(210, 297)], [(297, 210)]]
    assert CATATAN not in "".join(texts)


@pytest.mark.book
def test_the_covers_show_the_emblem(proyek: Proyek) -> None:
    cover = _laporan(proyek.last).pages[0]
    assert _gambar(cover) == [(60, 60)]
    assert '<img class="lambang"' in proyek.html("sampul")


@pytest.mark.book
def test_the_html_lampiran_shows_every_page(proyek: Proyek) -> None:
    html = proyek.html("lampiran")
    images = proyek.last.out_dir / "html" / "_images"
    for year, n, ext in [(2023, 1, "jpg"), (2023, 2, "jpg"), (2024, 1, "png"), (2024, 2, "png")]:
        alt = f'alt="Perjanjian Kinerja Tahun {year}, halaman {n}"'
        assert f'<img {alt} class="lkjip-pk-pindaian align-center" ' in html
        assert f'src="../_images/pk-{year}-{n}.{ext}"' in html
    assert (images / "pk-2024-2.png").read_bytes() == (proyek.folder / "pk-2024-2.png").read_bytes()
    assert format_berkas.masalah((images / "pk-2023-2.jpg").read_bytes(), "jpg") is None
    assert "Dalam rangka mewujudkan manajemen" not in html and CATATAN not in html


@pytest.mark.book
def test_a_changed_attachment_reruns_only_the_chapter_that_shows_it(proyek: Proyek) -> None:
    page = berkas.png(210, 297, (9, 200, 9))
    (proyek.folder / "pk-2024-1.png").write_bytes(page)
    result = proyek.build()
    assert result.executed == ("lampiran",)
    assert (result.out_dir / "html" / "_images" / "pk-2024-1.png").read_bytes() == page
    (proyek.root / "data" / "aset" / "lambang.png").write_bytes(berkas.png(60, 60, (99, 0, 0)))
    assert proyek.build().executed == ("sampul",)


@pytest.mark.book
def test_without_attachments_the_final_book_prints_the_retyped_pk_unmarked(
    proyek: Proyek,
) -> None:
    shutil.rmtree(proyek.folder)
    (proyek.root / "data" / "aset" / "lambang.png").unlink()
    result = proyek.build()
    assert set(result.executed) == {"lampiran", "sampul"}
    html = proyek.html("lampiran")
    assert "Dalam rangka mewujudkan manajemen" in html and "lkjip-pk-pindaian" not in html
    assert CATATAN not in html
    assert '<img class="lambang"' not in proyek.html("sampul")
