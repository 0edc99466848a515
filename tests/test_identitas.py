"""Identity cell by cell: a draft prints what is known of ``identitas`` and marks only the
missing cells; file names, title and author come from ``nama_satker`` alone; a strict
build names each missing cell; the workbook of ``init --satker`` imports with the rest
of the identity empty; ``init`` of a new year carries identitas and pegawai; nihil is
refused for tables that always exist."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from lkjip.assemble import pdf
from lkjip.audit.figures import compute_all
from lkjip.chapters import kata_pengantar, sampul
from lkjip.chapters.kernel.context import Bab
from lkjip.cli import main
from lkjip.data import identity
from lkjip.data.gaps import table_gap
from lkjip.data.loading import load_dataset
from lkjip.data.metadata import load_catalog
from lkjip.data.rules import nihil_refusal
from lkjip.errors import DataInvalid
from lkjip.render.myst import BELUM, escape_md

from .helpers import TAHUN, copy_project, project_root_env

SURAKARTA = "Kantor Imigrasi Kelas I TPI Surakarta"
BANDUNG = "Kantor Imigrasi Kelas I TPI Bandung"
#: six cells of a new office not known yet (as reported)
UNKNOWN = (
    "kanwil",
    "alamat",
    "kepala_kantor",
    "nip_kepala_kantor",
    "tanggal_pengesahan",
    "program",
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _new_office(year: Path, unknown: tuple[str, ...] = UNKNOWN) -> dict[str, str]:
    """Bandung's identity renamed to another office with ``unknown`` cells emptied;
    returns the row as written."""
    row = _rows(year / "identitas.csv")[0] | {"nama_satker": SURAKARTA}
    row |= dict.fromkeys(unknown, "")
    _write(year / "identitas.csv", [row])
    return row


def _draft(data: Path) -> Bab:
    """A draft chapter's context on the year of ``data`` (no kernel needed)."""
    ds = load_dataset(TAHUN, data, strict=False)
    return Bab(chapter="sampul", ds=ds, reg=compute_all(ds, draft=True), draft=True)


# --- a draft: what is known is printed, only the missing cells are marked ---------------


def test_a_draft_keeps_every_known_identity_cell(data_copy: Path) -> None:
    row = _new_office(data_copy / str(TAHUN))
    ds = load_dataset(TAHUN, data_copy, strict=False)
    cells = identity.cells(ds)
    for column, value in row.items():
        assert cells[column] == (value or None), column
    assert identity.missing(ds) == list(UNKNOWN)
    assert table_gap(ds, "identitas") is None  # no section is boxed for the identity
    # each missing cell is a problem named by line and column, nothing else of identitas
    mine = sorted(str(p) for p in ds.problems if p.file.endswith("identitas.csv"))
    assert mine == sorted(
        f"data/{TAHUN}/identitas.csv, baris 2, kolom '{c}': tidak boleh kosong" for c in UNKNOWN
    )


def test_file_names_title_and_author_come_from_nama_satker_alone(data_copy: Path) -> None:
    _new_office(data_copy / str(TAHUN))
    ds = load_dataset(TAHUN, data_copy, strict=False)
    assert pdf.file_stem(ds) == f"LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Surakarta-{TAHUN}"
    assert pdf.file_stem(ds, "kertas_kerja") == (
        f"Kertas-Kerja-LKjIP-Kantor-Imigrasi-Kelas-I-TPI-Surakarta-{TAHUN}"
    )
    assert pdf.html_title(ds) == f"LKjIP {SURAKARTA} Tahun {TAHUN}"
    assert pdf.satker(ds) == SURAKARTA
    assert f"LKjIP {SURAKARTA} Tahun {TAHUN}" in pdf.running_header(ds, "laporan")
    assert f"pdfauthor={{{SURAKARTA}}}" in pdf.metadata(ds, "laporan")
    cover = pdf.cover(ds, "laporan")
    assert "KANTOR IMIGRASI KELAS I TPI SURAKARTA" in cover
    assert "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA RI" in cover  # known: printed
    assert cover.count("{[}DATA BELUM TERSEDIA{]}") == 1  # kanwil, and only there
    assert "data belum tersedia" not in pdf.file_stem(ds).lower()


def test_without_a_name_the_files_carry_the_year_alone(data_copy: Path) -> None:
    _new_office(data_copy / str(TAHUN), ("nama_satker",))
    ds = load_dataset(TAHUN, data_copy, strict=False)
    assert pdf.file_stem(ds) == f"LKjIP-{TAHUN}"
    assert pdf.html_title(ds) == f"Laporan Kinerja Instansi Pemerintah Tahun {TAHUN}"
    assert pdf.satker(ds) == identity.BELUM
    reg = compute_all(ds, draft=True)
    assert reg["tahun.laporan"].value == TAHUN  # the build's year, whatever identitas holds


def test_the_cover_and_the_signature_mark_only_the_missing_cells(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = _new_office(data_copy / str(TAHUN))
    ctx = _draft(data_copy)
    shown: list[str] = []
    for module in (sampul, kata_pengantar):
        monkeypatch.setattr(module, "display", lambda obj: shown.append(obj.data))
    sampul.sampul(ctx)
    cover, box = shown[0], shown[1]
    assert SURAKARTA in cover and row["kementerian"] in cover
    assert cover.count(identity.BELUM) == 1  # kanwil
    assert box.startswith(":::{admonition} Data belum tersedia")
    assert "lembar `identitas`" in box
    assert escape_md(f"kolom belum diisi: {', '.join(UNKNOWN)}") in box
    kata_pengantar.tanda_tangan(ctx)
    signature = shown[2]
    assert f"{row['tempat_pengesahan']}, {BELUM}" in signature  # the date is not known
    assert f"{row['jabatan_penandatangan']}," in signature
    assert f"**{BELUM}**" in signature and f"NIP. {BELUM}" in signature
    facts = ctx.teks()
    assert facts["satker"] == SURAKARTA and facts["kota"] == row["kota"]
    assert [k for k, v in facts.items() if v == identity.BELUM] == [
        "kanwil",
        "alamat",
        "kepala_kantor",
        "program",
        "nip_kepala_kantor",
        "tanggal_pengesahan",
    ]


def test_a_complete_identity_shows_no_box(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = _draft(data_copy)
    shown: list[str] = []
    monkeypatch.setattr(sampul, "display", lambda obj: shown.append(obj.data))
    sampul.sampul(ctx)
    assert len(shown) == 1 and BANDUNG in shown[0] and identity.BELUM not in shown[0]


def test_a_malformed_identity_cell_is_missing_in_a_draft_not_the_whole_identity(
    data_copy: Path,
) -> None:
    year = data_copy / str(TAHUN)
    row = _rows(year / "identitas.csv")[0] | {"tanggal_pengesahan": "5 Januari 2024"}
    _write(year / "identitas.csv", [row])
    ds = load_dataset(TAHUN, data_copy, strict=False)
    assert identity.nama_satker(ds) == BANDUNG
    assert identity.missing(ds) == ["tanggal_pengesahan"]
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data_copy)
    assert [str(p) for p in info.value.problems] == [
        f"data/{TAHUN}/identitas.csv, baris 2, kolom 'tanggal_pengesahan', nilai "
        "'5 Januari 2024': harus tanggal dengan format YYYY-MM-DD"
    ]


# --- a strict build still refuses, naming the cell ---------------------------------------


@pytest.mark.integration
def test_a_strict_build_names_each_missing_identity_cell(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _new_office(data_copy / str(TAHUN), ("alamat",))
    assert main(["build", "--tahun", str(TAHUN), "--data-dir", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "Data tidak valid: 1 masalah ditemukan." in err
    assert f"data/{TAHUN}/identitas.csv, baris 2, kolom 'alamat': tidak boleh kosong" in err
    assert not (data_copy.parent / "_build" / str(TAHUN)).exists()


# --- the workbook of init --satker imports with identitas partial -----------------------


def _sheet_cell(book_path: Path, sheet: str, column: str, value: str | None) -> None:
    book = load_workbook(book_path)
    header = [c.value for c in book[sheet][1]]
    book[sheet].cell(row=2, column=header.index(column) + 1).value = value
    book.save(book_path)


@pytest.mark.integration
def test_the_workbook_of_init_satker_imports_with_identitas_partial(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--tahun", str(TAHUN), "--data-dir", "data-surakarta"]
    assert main(["init", *args, "--satker", SURAKARTA]) == 0
    year = data_copy.parent / "data-surakarta" / str(TAHUN)
    book = year / f"lkjip-{TAHUN}.xlsx"
    capsys.readouterr()
    assert main(["import", *args, str(book)]) == 0  # the workbook as init made it
    assert capsys.readouterr().err == ""
    _sheet_cell(book, "identitas", "alamat", "Jl. Adi Sucipto No. 8")
    assert main(["import", *args, str(book)]) == 0
    row = _rows(year / "identitas.csv")
    assert len(row) == 1
    assert (row[0]["nama_satker"], row[0]["alamat"]) == (SURAKARTA, "Jl. Adi Sucipto No. 8")
    assert row[0]["kepala_kantor"] == ""
    capsys.readouterr()
    # validation still names every cell not yet filled, and no longer the address
    assert main(["validate", *args]) == 2
    err = capsys.readouterr().err
    assert "identitas.csv, baris 2, kolom 'kepala_kantor': tidak boleh kosong" in err
    assert "kolom 'alamat'" not in err
    # the key is still required: a row without its year is refused, nothing written
    before = (year / "identitas.csv").read_bytes()
    _sheet_cell(book, "identitas", "tahun", None)
    assert main(["import", *args, str(book)]) == 2
    assert "lembar identitas, baris 2, kolom 'tahun': tidak boleh kosong" in (
        capsys.readouterr().err
    )
    assert (year / "identitas.csv").read_bytes() == before


# --- init of a new year carries identitas and pegawai ------------------------------------


@pytest.mark.integration
def test_init_of_a_new_year_carries_identitas_and_pegawai(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = data_copy / str(TAHUN)
    assert main(["init", "--tahun", str(TAHUN + 1), "--data-dir", str(data_copy)]) == 0
    out = capsys.readouterr().out
    new = data_copy / str(TAHUN + 1)
    staff = _rows(old / "pegawai.csv")
    assert f"  - identitas: 1 baris dibawa dari tahun {TAHUN}\n" in out
    assert f"  - pegawai: {len(staff)} baris dibawa dari tahun {TAHUN}\n" in out
    assert f"  - identitas: tanggal_pengesahan dikosongkan, isi untuk tahun {TAHUN + 1}\n" in out
    before, after = _rows(old / "identitas.csv")[0], _rows(new / "identitas.csv")
    assert after == [before | {"tahun": str(TAHUN + 1), "tanggal_pengesahan": ""}]
    assert _rows(new / "pegawai.csv") == [r | {"tahun": str(TAHUN + 1)} for r in staff]
    # the new year's draft keeps the carried identity; its date is the cell to fill
    ds = load_dataset(TAHUN + 1, data_copy, strict=False)
    assert identity.nama_satker(ds) == BANDUNG
    assert identity.missing(ds) == ["tanggal_pengesahan"]


@pytest.mark.integration
def test_init_satker_of_a_new_year_carries_the_same_office_only(data_copy: Path) -> None:
    args = ["init", "--tahun", str(TAHUN + 1), "--data-dir", str(data_copy)]
    assert main([*args, "--satker", BANDUNG]) == 0
    assert _rows(data_copy / str(TAHUN + 1) / "identitas.csv")[0]["alamat"] != ""
    (data_copy / str(TAHUN + 1) / "identitas.csv").unlink()
    assert main([*args, "--satker", SURAKARTA]) == 0  # another office: its name alone
    row = _rows(data_copy / str(TAHUN + 1) / "identitas.csv")[0]
    assert row["nama_satker"] == SURAKARTA and row["alamat"] == "" and row["kanwil"] == ""


# --- nihil only where "nothing happened" makes sense ------------------------------------


def test_one_rule_decides_which_tables_may_be_nihil() -> None:
    from .helpers import DATA

    specs = load_catalog(DATA / "metadata")
    for name in ("identitas", "pegawai", "unit_organisasi", "pk_indikator", "unsur_skm"):
        assert nihil_refusal(specs[name]) is not None, name
    for name in ("penghargaan", "projustitia", "unit_layanan", "tpi"):
        assert nihil_refusal(specs[name]) is None, name


def test_nihil_is_refused_for_identitas(data_copy: Path) -> None:
    year = data_copy / str(TAHUN)
    header = list(_rows(year / "identitas.csv")[0])
    _write(year / "identitas.csv", [], header)
    (year / "nihil.csv").write_text(
        f"tahun,tabel,keterangan\n{TAHUN},identitas,belum ada\n{TAHUN},unsur_skm,tidak ada\n",
        encoding="utf-8",
    )
    with pytest.raises(DataInvalid) as info:
        load_dataset(TAHUN, data_copy)
    messages = [str(p) for p in info.value.problems]
    assert any(
        m.startswith(f"data/{TAHUN}/nihil.csv, baris 2, kolom 'tabel', nilai 'identitas': ")
        and "tidak dapat dinyatakan nihil" in m
        for m in messages
    ), messages
    assert any(
        m.startswith(f"data/{TAHUN}/nihil.csv, baris 3, kolom 'tabel', nilai 'unsur_skm': ")
        and "tabel rujukan" in m
        for m in messages
    ), messages
    # and the empty identitas is missing, with no advice to declare it nihil
    empty = [m for m in messages if m.startswith(f"data/{TAHUN}/identitas.csv")]
    assert empty == [
        f"data/{TAHUN}/identitas.csv: tabel wajib 'Identitas satuan kerja dan laporan' "
        "belum berisi data"
    ]


# --- a built draft of a new office ---------------------------------------------------------


@pytest.mark.book
def test_a_draft_of_a_new_office_prints_its_known_identity(tmp_path: Path) -> None:
    from lkjip.assemble.pipeline import build
    from lkjip.newyear.prepare import init

    root = copy_project(tmp_path / "proyek")
    with project_root_env(root):
        init(TAHUN, root / "data-surakarta", satker=SURAKARTA)
        year = root / "data-surakarta" / str(TAHUN)
        known = {"kementerian": "Kementerian Hukum dan Hak Asasi Manusia RI", "kota": "Surakarta"}
        known |= {"tempat_pengesahan": "Surakarta", "jabatan_penandatangan": "Kepala Kantor"}
        _write(year / "identitas.csv", [_rows(year / "identitas.csv")[0] | known])
        result = build(TAHUN, "data-surakarta", draft=True, pdf_enabled=False, progress=None)
    html = result.out_dir / "html" / "notebooks"
    soup = BeautifulSoup((html / "sampul.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().endswith(f"LKjIP {SURAKARTA} Tahun {TAHUN}")
    footer = " ".join(soup.select_one("footer.bd-footer-content").get_text(" ").split())
    assert footer == f"Oleh {SURAKARTA} © Copyright {SURAKARTA}."
    cover = [d.get_text() for d in soup.select(".lkjip-sampul div")]
    assert cover == [
        "LAPORAN KINERJA INSTANSI PEMERINTAH",
        f"TAHUN {TAHUN}",
        known["kementerian"],
        identity.BELUM,  # kanwil: not known yet, only there
        SURAKARTA,
    ]
    box = soup.select_one(".admonition").get_text(" ")
    assert "kolom belum diisi: kanwil, divisi" in " ".join(box.split())
    text = BeautifulSoup(
        (html / "kata_pengantar.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one(".lkjip-ttd")
    lines = [" ".join(t.split()) for t in text.get_text("\n").split("\n") if t.strip()]
    assert lines[:2] == ["Surakarta,", "[data belum tersedia]"]
    assert "Kepala Kantor," in lines
    assert "data belum tersedia" not in result.out_dir.name
