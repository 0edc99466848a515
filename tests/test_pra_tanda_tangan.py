"""The pre-signing checklist (Daftar periksa sebelum penandatanganan): each item producer
on the 2023 data and on a changed copy, the build's output, and the working paper's first
page (HTML table of contents and PDF), never in the official edition."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from lkjip.assemble import checklist_page, editions
from lkjip.assemble.pipeline import BuildResult
from lkjip.audit import checks
from lkjip.audit import pra_tanda_tangan as ptt
from lkjip.audit.butir_periksa import Bahan, Butir
from lkjip.audit.figures import compute_all
from lkjip.audit.periksa_tanggal import tanggal
from lkjip.data.loading import load_dataset

from .helpers import BUILT_BOOK_OUTPUT, TAHUN, edit_csv


def _bahan(ds, reg) -> Bahan:
    return Bahan(ds, reg)


# --- producers on the 2023 data --------------------------------------------------------------


def test_date_conflict_kata_pengantar_before_attached_pk(ds2023, reg2023) -> None:
    items = tanggal(_bahan(ds2023, reg2023))
    assert len(items) == 1
    (item,) = items
    # published dates: Kata Pengantar 5 Januari 2024, PK 2024 19 Januari 2024
    assert "Kata Pengantar bertanggal 5 Januari 2024" in item.apa
    assert "Perjanjian Kinerja Tahun 2024" in item.apa
    assert "19 Januari 2024" in item.apa
    assert "data/2023/identitas.csv:2" in item.sumber
    assert all(
        s.startswith(("data/2023/identitas", "data/2023/pk_penandatangan")) for s in item.sumber
    )


def test_repeated_isu_strategis_paragraph(ds2023, reg2023) -> None:
    items = ptt.paragraf(_bahan(ds2023, reg2023))
    assert len(items) == 1
    (item,) = items
    assert item.sumber == ("data/2023/isu_strategis.csv:2", "data/2023/isu_strategis.csv:3")
    assert "Keamanan Perbatasan" in item.apa
    assert "Penanganan Pengungsi dan Pencari Suaka" in item.apa
    assert "BAB I E" in item.letak


def test_dukungan_manajemen_differs_from_publication(ds2023, reg2023) -> None:
    items = ptt.publikasi(_bahan(ds2023, reg2023))
    fid = "anggaran.program.program_dukungan_manajemen.realisasi"
    (item,) = [i for i in items if i.angka == (fid,)]
    # the published figure and the book's (published total minus the other programme)
    assert "Rp.15.845.110.354" in item.nilai
    assert "Rp15.909.535.354" in item.nilai
    assert "Program Dukungan Manajemen" in item.letak
    assert "koreksi" in item.keputusan
    # one item per figure, and never an official value (those have their own kind)
    ids = [i.angka[0] for i in items if i.angka]
    assert len(ids) == len(set(ids))
    assert not any(reg2023[i].jenis == "resmi" for i in ids)


def test_corrections_adopted(ds2023, reg2023) -> None:
    items = ptt.koreksi(_bahan(ds2023, reg2023))
    assert len(items) == len(ds2023.corrections)
    first = items[0]
    assert first.sumber == ("data/2023/koreksi.csv:2", "data/2023/realisasi_program.csv:3")
    assert "buku mencetak Rp15.909.535.354, bukan Rp15.845.110.354" in first.apa
    readings = [i for i, c in zip(items, ds2023.corrections, strict=True) if not c.changes_value]
    assert readings and all("dibaca sebagai" in i.apa for i in readings)


def test_official_values_are_the_reviu_checks_findings(ds2023, reg2023) -> None:
    """The same official values the reviu's check finds, no other computation."""
    items = ptt.nilai_resmi(_bahan(ds2023, reg2023))
    found = [c for c in checks.hitung_ulang(reg2023) if c.hasil == checks.TEMUAN]
    assert len(items) == len(found) > 0
    # published values: IKPA 2021 95,06 and SMART 2023 87,04
    assert any("95,06" in i.apa and "2021" in i.apa for i in items)
    assert any("87,04" in i.apa and "SMART" in i.apa for i in items)
    assert all(i.angka and i.angka[0] in reg2023 for i in items)


def test_checklist_order_and_console(ds2023, reg2023) -> None:
    items = ptt.susun(ds2023, reg2023)
    kinds = [i.jenis for i in items]
    assert kinds == sorted(kinds, key=list(ptt.JENIS).index)
    assert set(kinds) == set(ptt.JENIS)
    lines = ptt.baris_konsol(items)
    assert lines[0].startswith(f"Daftar periksa sebelum penandatanganan ({len(items)} butir")
    assert any("5 Januari 2024" in line and "19 Januari 2024" in line for line in lines)


def test_empty_checklist_says_nothing_to_decide(reg2023) -> None:
    assert ptt.baris_konsol([]) == [
        "Daftar periksa sebelum penandatanganan: tidak ada yang perlu diputuskan sebelum "
        "penandatanganan."
    ]
    page = checklist_page.markdown([], reg2023)
    assert "Tidak ada yang perlu diputuskan sebelum penandatanganan." in page
    assert "##" not in page


def test_a_producer_added_to_the_list_is_listed(ds2023, reg2023, monkeypatch) -> None:
    """The extension point: one more producer, one more kind of item."""
    extra = Butir("dokumen", "PK yang ditandatangani belum dilampirkan.", "Lampiran", "-", "x")
    monkeypatch.setattr(ptt, "PRODUCERS", [lambda b: [extra]])
    assert ptt.susun(ds2023, reg2023) == [extra]
    assert "  - PK yang ditandatangani belum dilampirkan." in ptt.baris_konsol([extra])
    assert "## dokumen (1)" in checklist_page.markdown([extra], reg2023)


# --- producers on a changed copy --------------------------------------------------------------


def _load(data: Path):
    ds = load_dataset(TAHUN, data)
    return ds, compute_all(ds)


def test_fixed_date_removes_the_item(data_copy: Path) -> None:
    edit_csv(data_copy / "2023" / "identitas.csv", ",2024-01-05,", ",2024-01-22,")
    ds, reg = _load(data_copy)
    assert tanggal(Bahan(ds, reg)) == []
    assert not [i for i in ptt.susun(ds, reg) if i.jenis == "tanggal"]


def test_report_dated_inside_its_year(data_copy: Path) -> None:
    edit_csv(data_copy / "2023" / "identitas.csv", ",2024-01-05,", ",2023-12-30,")
    ds, reg = _load(data_copy)
    texts = [i.apa for i in tanggal(Bahan(ds, reg))]
    assert (
        "Kata Pengantar bertanggal 30 Desember 2023, sebelum tahun 2023 yang dilaporkan "
        "berakhir." in texts
    )
    # both PKs are now signed after the report: 2 Januari 2023 is not, 19 Januari 2024 is
    assert sum("yang dilampirkan bertanggal" in t for t in texts) == 1


def test_pk_pages_dated_apart(data_copy: Path) -> None:
    path = data_copy / "2023" / "pk_penandatangan.csv"
    edit_csv(
        path,
        "Kepala Kantor Imigrasi Kelas I TPI Bandung,19820811 2002 2 1 001,Bandung,2024-01-19",
        "Kepala Kantor Imigrasi Kelas I TPI Bandung,19820811 2002 2 1 001,Bandung,2024-01-18",
    )
    ds, reg = _load(data_copy)
    (item,) = [i for i in tanggal(Bahan(ds, reg)) if "bertanggal berbeda" in i.apa]
    assert "Perjanjian Kinerja Tahun 2024" in item.apa
    assert "halaman lampiran: 18 Januari 2024" in item.nilai


def test_rewritten_paragraph_removes_the_item_and_case_is_ignored(data_copy: Path) -> None:
    path = data_copy / "2023" / "isu_strategis.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # the same words in other case and spacing: still the same paragraph
    lines[2] = lines[2].replace("Meningkatnya ancaman", "MENINGKATNYA   ancaman")
    path.write_text("".join(lines), encoding="utf-8")
    ds, reg = _load(data_copy)
    assert len(ptt.paragraf(Bahan(ds, reg))) == 1
    lines[2] = lines[2].replace("MENINGKATNYA   ancaman", "Gelombang pengungsi dan ancaman")
    path.write_text("".join(lines), encoding="utf-8")
    ds, reg = _load(data_copy)
    assert ptt.paragraf(Bahan(ds, reg)) == []


# --- the built book ------------------------------------------------------------------------------


@pytest.mark.book
def test_build_prints_the_checklist_after_the_summary(built_book: BuildResult) -> None:
    out = BUILT_BOOK_OUTPUT
    done = next(i for i, line in enumerate(out) if line.startswith("Selesai dalam"))
    assert out[done + 1 :] == ptt.baris_konsol(list(built_book.daftar_periksa))
    assert any("5 Januari 2024" in line for line in out[done + 1 :])


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


@pytest.mark.book
def test_working_paper_starts_with_the_checklist(built_book: BuildResult) -> None:
    html = built_book.out_dir / "html"
    page = html / f"{checklist_page.PAGE}.html"
    body = page.read_text(encoding="utf-8")
    assert "5 Januari 2024" in body and "isu_strategis.csv baris 2–3" in body
    # HTML: the first page of the working paper's part of the navigation
    nav = (html / "notebooks" / "lampiran.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]+\.html)"', nav.split("Kertas Kerja</span>", 1)[-1])
    assert links[0] == "../kertas_kerja/daftar_periksa.html"
    assert links[1] == "../kertas_kerja/index.html"
    # PDF: the first page after the cover and the contents
    pdfs = sorted((built_book.out_dir / "pdf").glob("*.pdf"))
    working = next(p for p in pdfs if p.name.startswith("Kertas-Kerja"))
    pages = _pdf_pages(working)
    first = next(
        i
        for i, text in enumerate(pages[1:], 1)
        if "DAFTAR ISI" not in text and ". . . ." not in text
    )
    assert "DAFTAR PERIKSA SEBELUM PENANDATANGANAN" in pages[first]
    assert "Kata Pengantar bertanggal 5 Januari 2024" in " ".join(pages[first].split())
    # the official edition holds nothing of it
    report = next(p for p in pdfs if not p.name.startswith("Kertas-Kerja"))
    official = " ".join("".join(_pdf_pages(report)).split()).casefold()
    assert "daftar periksa" not in official
    assert "perlu diputuskan" not in official


def test_report_toc_never_lists_the_checklist(tmp_path: Path) -> None:
    """The staged toc: first in the working paper's part, absent from the report's PDF."""
    toc = tmp_path / "_toc.yml"
    toc.write_text(
        "format: jb-book\nroot: notebooks/sampul\nparts:\n"
        "  - caption: Laporan Kinerja\n    chapters:\n      - file: notebooks/kata_pengantar\n"
        "  - caption: Kertas Kerja\n    chapters:\n      - file: kertas_kerja/index\n"
        "      - file: notebooks/reviu\n",
        encoding="utf-8",
    )
    checklist_page.write(tmp_path, [], None)  # type: ignore[arg-type]
    site = yaml.safe_load(toc.read_text(encoding="utf-8"))
    assert [c["file"] for c in site["parts"][1]["chapters"]][:2] == [
        checklist_page.PAGE,
        editions.INDEX,
    ]
    report = tmp_path / "laporan"
    report.mkdir()
    (report / "_toc.yml").write_text(toc.read_text(encoding="utf-8"), encoding="utf-8")
    editions.latex_toc(report, "laporan")
    assert checklist_page.PAGE not in (report / "_toc.yml").read_text(encoding="utf-8")
    editions.latex_toc(tmp_path, "kertas_kerja")
    paper = yaml.safe_load(toc.read_text(encoding="utf-8"))
    assert paper["chapters"][0] == {"file": checklist_page.PAGE}


def test_declared_not_available_is_put_before_the_head(ds2023, reg2023) -> None:
    """A part the report leaves out (tidak_tersedia.csv) is a decision of the head: the
    item names the table, the printed reason and its declaration row."""
    items = ptt.tidak_disajikan(_bahan(ds2023, reg2023))
    declared = ds2023.table("tidak_tersedia")
    declared = declared[declared["tahun"] == TAHUN]
    assert len(items) == len(declared) == 1
    (item,) = items
    assert ds2023.specs["pegawai_golongan"].title in item.apa
    assert declared.iloc[0]["alasan"] in item.nilai
    assert item.sumber and item.sumber[0].startswith(ds2023.file("tidak_tersedia") + ":")
    assert "pegawai_golongan" in item.keputusan


def test_retyped_pk_is_put_before_the_head(ds2023, reg2023) -> None:
    """Without scans (Bandung 2023 has none) both PKs of the Lampiran are retyped: each is
    an item naming where to put the signed scan."""
    items = ptt.pk_tanpa_pindaian(_bahan(ds2023, reg2023))
    assert [i.apa.split(" dicetak")[0] for i in items] == [
        f"Perjanjian Kinerja Tahun {TAHUN}",
        f"Perjanjian Kinerja Tahun {TAHUN + 1}",
    ]
    assert all(f"pk-{i.apa.split()[3]}.pdf" in i.keputusan for i in items)


def test_attached_scan_removes_the_retyped_pk_item(data_copy: Path) -> None:
    from .berkas_lampiran import pdf

    folder = data_copy / str(TAHUN) / "lampiran"
    folder.mkdir(exist_ok=True)
    (folder / f"pk-{TAHUN + 1}.pdf").write_bytes(pdf(["PK bertanda tangan"]))
    ds, reg = _load(data_copy)
    items = ptt.pk_tanpa_pindaian(_bahan(ds, reg))
    assert [i.apa.split(" dicetak")[0] for i in items] == [f"Perjanjian Kinerja Tahun {TAHUN}"]


def test_cover_without_emblem_is_an_item_until_the_emblem_is_saved(data_copy: Path) -> None:
    from .berkas_lampiran import png

    ds, reg = _load(data_copy)
    (item,) = ptt.sampul_tanpa_lambang(_bahan(ds, reg))
    assert item.letak == "Sampul" and "lambang.png" in item.keputusan
    (data_copy / "aset").mkdir(exist_ok=True)
    (data_copy / "aset" / "lambang.png").write_bytes(png())
    ds, reg = _load(data_copy)
    assert ptt.sampul_tanpa_lambang(_bahan(ds, reg)) == []
