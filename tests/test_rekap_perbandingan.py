"""The comparison book of many offices (lkjip.rekap.perbandingan): it reads each office's
ledger and identity, ranks with ties on the printed value, shows missing figures as
missing, lists failed offices, and links each value to that office's calculation.

Offices are fabricated from the real 2023 ledger with changed values (book folders that
hold only ``ledger.csv``)."""

from __future__ import annotations

import csv
import html
import os
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from lkjip.audit import ledger
from lkjip.domain import formatting as fmt
from lkjip.figures.registry import Registry
from lkjip.rekap import angka, peringkat, tabel
from lkjip.rekap.hasil import DIBANGUN, GAGAL, TIDAK_BERUBAH, HasilKantor, Kantor
from lkjip.rekap.perbandingan import bangun, file_stem
from lkjip.render.myst import anchor

from .helpers import DATA, TAHUN

GAMMA_PESAN = "data/2023/realisasi_program.csv baris 3, kolom pagu: bukan angka ('12x')"


#: where a built book puts the calculations of chapter 3's figures (``lkjip ledger``
#: writes no urls: the book build fills them, :mod:`lkjip.assemble.notebooks`)
HALAMAN_HITUNG = "html/kertas_kerja/perhitungan_bab3_akuntabilitas.html"


@pytest.fixture(scope="session")
def ledger2023(reg2023: Registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2023 ledger, with the urls a book build gives chapter 3's figures."""
    path = ledger.write_csv(reg2023, tmp_path_factory.mktemp("ledger") / "ledger.csv")
    rows = ledger.read_csv(path)
    for row in rows:
        row["url"] = row["url"] or f"{HALAMAN_HITUNG}#{anchor(row['id'])}"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=ledger.COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def kantor_palsu(
    root: Path,
    source: Path,
    name: str,
    kanwil: str,
    *,
    ubah: dict[str, tuple[str, str]] | None = None,
    buang: tuple[str, ...] = (),
    hapus: tuple[str, ...] = (),
    status: str = DIBANGUN,
    pesan: str = "",
    baris: int = 2,
) -> HasilKantor:
    """An office: a data folder holding its identitas.csv, and a book folder holding only
    a ledger made from ``source`` (``ubah``: id -> (value, display); ``buang``: ids left
    empty as a draft ledger writes them; ``hapus``: ids left out)."""
    data = root / name / "data"
    book = root / name / "_build" / str(TAHUN)
    (data / str(TAHUN)).mkdir(parents=True)
    book.mkdir(parents=True)
    with (DATA / str(TAHUN) / "identitas.csv").open(encoding="utf-8") as handle:
        ident = list(csv.DictReader(handle))[:1]
    ident[0] |= {"nama_satker": f"Kantor Imigrasi {name}", "kanwil": kanwil}
    with (data / str(TAHUN) / "identitas.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ident[0]))
        writer.writeheader()
        writer.writerows(ident)
    if status != GAGAL:
        rows = ledger.read_csv(source)
        out = []
        for row in rows:
            if row["id"] in hapus:
                continue
            if row["id"] in buang:
                row = dict.fromkeys(row, "") | {"id": row["id"], "display": fmt.BELUM_TERSEDIA}
            if row["id"] in (ubah or {}):
                row = row | dict(zip(("value", "display"), (ubah or {})[row["id"]], strict=True))
            out.append(row)
        with (book / "ledger.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=ledger.COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(out)
    kantor = Kantor(baris, f"{name}/data", kanwil, root / name, data, book)
    return HasilKantor(kantor, status, pesan)


def tiga_kantor(root: Path, source: Path) -> list[HasilKantor]:
    """Alfa (Jawa Barat), Beta (Banten, without PNBP capaian and SMART), Gamma (failed)."""
    return [
        kantor_palsu(
            root,
            source,
            "Alfa",
            "Kanwil Jawa Barat",
            ubah={"ikm.capaian": ("120.00", "120,00%"), "anggaran.persen": ("98.50", "98,50%")},
        ),
        kantor_palsu(
            root,
            source,
            "Beta",
            "Kanwil Banten",
            ubah={"ikm.capaian": ("125.10", "125,10%")},
            buang=("pnbp.capaian",),
            hapus=("smart.nilai_kinerja",),
            status=TIDAK_BERUBAH,
            baris=3,
        ),
        kantor_palsu(
            root,
            source,
            "Gamma",
            "Kanwil Jawa Barat",
            status=GAGAL,
            pesan=GAMMA_PESAN + "\nlkjip build berhenti",
            baris=4,
        ),
    ]


def row_of(path: Path, figure_id: str) -> int:
    for number, row in enumerate(ledger.read_csv(path), start=2):
        if row["id"] == figure_id:
            return number
    raise AssertionError(figure_id)


# --- rankings ------------------------------------------------------------------------


def test_printed_numbers_are_read_as_printed() -> None:
    assert peringkat.angka_tercetak("Rp20.578.348.000") == Decimal("20578348000")
    assert peringkat.angka_tercetak("99,00%") == Decimal("99.00")
    assert peringkat.angka_tercetak("3,99") == Decimal("3.99")
    assert peringkat.angka_tercetak("-0,40") == Decimal("-0.40")
    assert peringkat.angka_tercetak("tercapai") is None
    assert peringkat.angka_tercetak(fmt.BELUM_TERSEDIA) is None


def test_competition_ranking_with_ties_and_unranked() -> None:
    ranks = peringkat.peringkat(
        {"a": Decimal(5), "b": Decimal(3), "c": Decimal(3), "d": Decimal(1), "e": None}
    )
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 4}
    assert peringkat.peringkat({"x": Decimal(2), "y": Decimal(2)}) == {"x": 1, "y": 1}
    within = peringkat.peringkat_kelompok(
        {"a": Decimal(5), "b": Decimal(3), "c": Decimal(4), "d": None},
        {"a": "K1", "b": "K1", "c": "K2", "d": "K2"},
    )
    assert within == {"a": 1, "b": 2, "c": 1}


def test_offices_printed_alike_are_tied(tmp_path: Path, ledger2023: Path) -> None:
    """3,994 and 3,986 both print 3,99: the same rank; a lower printed value ranks after."""
    offices = [
        kantor_palsu(tmp_path, ledger2023, n, "Kanwil A", ubah={"ikm.capaian": v})
        for n, v in (
            ("A", ("3.994", "3,99")),
            ("B", ("3.986", "3,99")),
            ("C", ("3.5", "3,50")),
        )
    ]
    offices.append(kantor_palsu(tmp_path, ledger2023, "D", "Kanwil A", buang=("ikm.capaian",)))
    read = [angka.baca_kantor(h, TAHUN) for h in offices]
    section = next(s for s in tabel.bagian_semua(read) if s.kunci == "ikm")
    rows = tabel.baris_bagian(section, read, tmp_path / "out" / "html")
    ranks = {r.kantor.nama: r.peringkat for r in rows}
    assert ranks == {
        "Kantor Imigrasi A": 1,
        "Kantor Imigrasi B": 1,
        "Kantor Imigrasi C": 3,
        "Kantor Imigrasi D": None,
    }
    missing = next(r for r in rows if r.kantor.nama == "Kantor Imigrasi D")
    capaian = [k.id for k in section.kolom].index("ikm.capaian")
    assert missing.sel[capaian].teks == fmt.BELUM_TERSEDIA
    assert missing.sel[capaian].angka is None


# --- reading -------------------------------------------------------------------------


def test_reading_an_office(tmp_path: Path, ledger2023: Path) -> None:
    hasil = kantor_palsu(
        tmp_path,
        ledger2023,
        "Alfa",
        "Kanwil X",
        buang=("pnbp.capaian",),
        hapus=("ikpa.nilai_akhir",),
    )
    office = angka.baca_kantor(hasil, TAHUN)
    source = {r["id"]: r for r in ledger.read_csv(ledger2023)}
    assert office.nama == "Kantor Imigrasi Alfa"
    assert office.kanwil == "Kanwil X"
    assert not office.gagal
    found = office.nilai("ikm.capaian")
    assert found is not None
    assert (found.nilai, found.tampil, found.url) == (
        source["ikm.capaian"]["value"],
        source["ikm.capaian"]["display"],
        source["ikm.capaian"]["url"],
    )
    assert found.baris == row_of(hasil.kantor.buku / "ledger.csv", "ikm.capaian")
    # an empty value and an absent id are both missing, never 0
    assert office.nilai("pnbp.capaian") is None
    assert office.nilai("ikpa.nilai_akhir") is None
    assert angka.kunci_indikator([office]) == sorted(
        k.removesuffix(".indikator")
        for k in source
        if k.endswith(".indikator") and k.count(".") == 1
    )


def test_indicators_come_from_the_ledgers(tmp_path: Path, ledger2023: Path) -> None:
    """An indicator the ledger does not have is no section; a new one is."""
    hasil = kantor_palsu(
        tmp_path,
        ledger2023,
        "Alfa",
        "K",
        hapus=("iki.indikator",),
        ubah={"ipk.indikator": ("Indeks Baru", "Indeks Baru")},
    )
    office = angka.baca_kantor(hasil, TAHUN)
    keys = angka.kunci_indikator([office])
    assert "iki" not in keys and "ipk" in keys
    titles = [s.judul for s in tabel.bagian_semua([office])]
    assert "IPK: Indeks Baru" in titles


def test_a_failed_office_and_an_unreadable_ledger(tmp_path: Path, ledger2023: Path) -> None:
    failed = angka.baca_kantor(
        kantor_palsu(tmp_path, ledger2023, "G", "K", status=GAGAL, pesan=GAMMA_PESAN), TAHUN
    )
    assert failed.gagal and failed.pesan == GAMMA_PESAN and failed.angka == {}
    broken = kantor_palsu(tmp_path, ledger2023, "H", "K")
    (broken.kantor.buku / "ledger.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    read = angka.baca_kantor(broken, TAHUN)
    assert read.gagal and "bukan ledger lkjip" in read.pesan
    ok = angka.baca_kantor(kantor_palsu(tmp_path, ledger2023, "I", "K"), TAHUN)
    section = tabel.bagian_semua([ok])[0]
    rows = tabel.baris_bagian(section, [failed, read, ok], tmp_path)
    assert [r.kantor.nama for r in rows] == ["Kantor Imigrasi I"]


def test_links_point_into_each_office_book(tmp_path: Path, ledger2023: Path) -> None:
    hasil = kantor_palsu(tmp_path, ledger2023, "Alfa", "K")
    office = angka.baca_kantor(hasil, TAHUN)
    found = office.nilai("anggaran.persen")
    assert found is not None
    pages = tmp_path / "rekap" / "2023" / "html"
    href = tabel.tautan(office, found, pages)
    path, _, anchor = href.partition("#")
    assert not os.path.isabs(path)
    assert (pages / path).resolve() == (hasil.kantor.buku / found.url.split("#")[0]).resolve()
    assert anchor == found.url.split("#")[1] == "f-anggaran-persen"


def test_a_failed_build_leaves_the_previous_book(
    tmp_path: Path, ledger2023: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "rekap" / "2023"
    (out / "html").mkdir(parents=True)
    (out / "html" / "index.html").write_text("lama", encoding="utf-8")
    from lkjip.assemble import jupyterbook
    from lkjip.errors import BuildError

    def fail(*args, **kwargs):
        raise BuildError("jupyter-book (html) gagal")

    monkeypatch.setattr(jupyterbook, "build_html", fail)
    hasil = [kantor_palsu(tmp_path, ledger2023, "Alfa", "K")]
    with pytest.raises(BuildError):
        bangun(TAHUN, hasil, out, progress=None)
    assert (out / "html" / "index.html").read_text(encoding="utf-8") == "lama"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".tmp-")]  # no staging


# --- the book ------------------------------------------------------------------------


def _cells(page: str) -> list[tuple[str, str, str]]:
    """(href, title, text) of every linked value of an HTML page."""
    found = re.findall(r'<a href="([^"]+)" title="([^"]+)"[^>]*>([^<]+)</a>', page)
    return [(html.unescape(h), html.unescape(t), html.unescape(x)) for h, t, x in found]


@pytest.mark.book
def test_comparison_book_html_and_pdf(tmp_path: Path, ledger2023: Path) -> None:
    offices = tiga_kantor(tmp_path, ledger2023)
    out = tmp_path / "rekap" / str(TAHUN)
    messages: list[str] = []
    assert bangun(TAHUN, offices, out, progress=messages.append) == out
    assert messages[-1].startswith("Perbandingan selesai")
    pages = out / "html"
    index = (pages / "index.html").read_text(encoding="utf-8")
    for name in ("Kantor Imigrasi Alfa", "Kantor Imigrasi Beta", "Kantor Imigrasi Gamma"):
        assert name in index
    assert GAMMA_PESAN in html.unescape(index)
    assert "Kanwil Banten" in index and "Kanwil Jawa Barat" in index
    assert 'href="../../../Alfa/_build/2023/html/index.html"' in index

    # every linked value: the office's ledger row, its display, its calculation's file/anchor
    by_name = {h.kantor.folder.split("/")[0]: h for h in offices}
    seen = 0
    for page in ("indikator", "anggaran", "smart_ikpa"):
        text = (pages / f"{page}.html").read_text(encoding="utf-8")
        assert "Gamma" not in text  # the failed office is in no table
        for href, title, shown in _cells(text):
            path, _, anchor = href.partition("#")
            office = next(n for n in by_name if f"/{n}/" in path)
            book = by_name[office].kantor.buku
            number = int(re.fullmatch(r"ledger\.csv baris (\d+): (\S+)", title)[1])
            figure_id = title.rsplit(": ", 1)[1]
            row = ledger.read_csv(book / "ledger.csv")[number - 2]
            assert row["id"] == figure_id and row["display"] == shown
            file, _, target = row["url"].partition("#")
            assert path == f"../../../{office}/_build/{TAHUN}/{file}" and anchor == target
            seen += 1
    assert seen > 30
    anggaran = (pages / "anggaran.html").read_text(encoding="utf-8")
    assert fmt.BELUM_TERSEDIA in anggaran  # Beta's PNBP capaian
    assert fmt.BELUM_TERSEDIA in (pages / "smart_ikpa.html").read_text(encoding="utf-8")
    assert "vega-bundle.js" in index and "cdn" not in index.lower()

    pdf = out / "pdf" / f"{file_stem(TAHUN)}.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    alfa = ledger.read_csv(by_name["Alfa"].kantor.buku / "ledger.csv")
    shown = {r["id"]: r["display"] for r in alfa}
    for name in ("Kantor Imigrasi Alfa", "Kantor Imigrasi Beta", "Kantor Imigrasi Gamma"):
        assert name in text
    for figure_id in ("ikm.capaian", "anggaran.persen", "pnbp.capaian", "ikpa.nilai_akhir"):
        assert shown[figure_id] in text
    assert "120,00%" in text and "125,10%" in text
    assert fmt.BELUM_TERSEDIA in text
    assert "Sumber Angka" in text and GAMMA_PESAN in text.replace("\n", " ")
    # the appendix: Alfa's ledger row of its IKM capaian, with the value printed
    number = row_of(by_name["Alfa"].kantor.buku / "ledger.csv", "ikm.capaian")
    assert re.search(rf"\b{number}\s+ikm\.capaian\s+120,00%", text)


def test_data_text_stays_text(tmp_path: Path, ledger2023: Path) -> None:
    """An office's name and a Kanwil holding markup become no HTML, MyST or LaTeX code."""
    from lkjip.rekap.halaman import Konteks, semua_halaman

    hostile = "<script>alert(1)</script> {raw}`x` $\\input{y}$ | **b**"
    hasil = kantor_palsu(tmp_path, ledger2023, "Alfa", hostile)
    office = angka.baca_kantor(hasil, TAHUN)
    office = angka.DataKantor(**{**office.__dict__, "nama": hostile})
    pages = semua_halaman(
        Konteks(TAHUN, [office], tmp_path / "out" / "html", tmp_path / "src"), print
    )
    text = "\n".join(pages.values())
    assert "<script>alert" not in text
    # (the charts' specs are JSON in a script, whose "<" are escaped: text there)
    assert "\\u003cscript\\u003ealert(1)" in text
    text = re.sub(r"<script>\(function\(\)\{.*?\}\)\(\);</script>", "", text, flags=re.S)
    assert "{raw}`x`" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
