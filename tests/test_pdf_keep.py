"""An HTML-only build keeps the last PDFs: in ``pdf/`` when they were typeset from the
same inputs, in ``pdf-lama/`` when not; the HTML links only to PDFs the book holds.
(The whole build: ``test_same_inputs_give_the_same_book`` in test_build_reliability.)"""

from __future__ import annotations

from pathlib import Path

from lkjip.assemble import editions, pdf_keep, unduhan

PDFS = {"LKjIP-X-2023.pdf": b"%PDF-laporan", "Kertas-Kerja-LKjIP-X-2023.pdf": b"%PDF-kk"}
LOGS = {"LKjIP-X-2023.log": b"log-laporan", "Kertas-Kerja-LKjIP-X-2023.log": b"log-kk"}


def _book(folder: Path, key: str | None) -> Path:
    for sub, files in (("pdf", PDFS), ("log", LOGS)):
        (folder / sub).mkdir(parents=True)
        for name, content in files.items():
            (folder / sub / name).write_bytes(content)
    if key is not None:
        pdf_keep.record(folder, key)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_pdfs_of_the_same_inputs_stay_in_pdf(tmp_path: Path) -> None:
    book = _book(tmp_path / "lama", "kunci-a")
    assert pdf_keep.state(book, "kunci-a") == pdf_keep.CURRENT
    out = tmp_path / "baru"
    out.mkdir()
    assert "tetap dipakai" in (pdf_keep.carry(book, out, pdf_keep.CURRENT) or "")
    assert _files(out / "pdf") == PDFS and _files(out / "log") == LOGS
    assert pdf_keep.state(out, "kunci-a") == pdf_keep.CURRENT  # and at the next build


def test_pdfs_of_other_inputs_move_to_pdf_lama(tmp_path: Path) -> None:
    for key in ("kunci-a", None):  # another key, or a book from before the key was kept
        book = _book(tmp_path / f"lama-{key}", key)
        assert pdf_keep.state(book, "kunci-b") == pdf_keep.STALE
        out = tmp_path / f"baru-{key}"
        out.mkdir()
        note = pdf_keep.carry(book, out, pdf_keep.STALE) or ""
        assert "tidak mutakhir" in note and "pdf-lama/" in note
        assert not (out / "pdf").exists() and not (out / "log").exists()
        assert _files(out / pdf_keep.OLD) == PDFS | LOGS
        # the next HTML-only build has no current PDFs and keeps the old ones
        later = tmp_path / f"berikut-{key}"
        later.mkdir()
        assert pdf_keep.state(out, "kunci-b") == pdf_keep.NONE
        assert pdf_keep.carry(out, later, pdf_keep.NONE) is None
        assert _files(later / pdf_keep.OLD) == PDFS | LOGS


def test_the_html_links_only_to_pdfs_the_book_holds() -> None:
    stems = {"laporan": "LKjIP-X-2023", "kertas_kerja": "Kertas-Kerja-LKjIP-X-2023"}
    up = unduhan.HREF  # html/unduh/, where the book puts what its pages link to
    with_pdfs = editions._links(stems, up)
    assert f'href="{up}LKjIP-X-2023.pdf"' in with_pdfs
    assert editions.NO_PDF not in with_pdfs
    without = editions._links({}, up)
    assert ".pdf" not in without
    assert f'href="{up}ledger.csv"' in without and editions.NO_PDF in without
