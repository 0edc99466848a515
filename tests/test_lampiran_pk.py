"""The Perjanjian Kinerja pages of the Lampiran: the signed document, or its scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkjip.chapters import lampiran as L
from lkjip.chapters.lampiran import naskah_pk as N
from lkjip.data import lampiran as scans
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid
from lkjip.figures.registry import Registry
from lkjip.render import dokumen as dok
from lkjip.render.myst import RawMarkdown

from . import berkas_lampiran as berkas

PNG = berkas.png()
PDF = berkas.pdf(["PK 2023 halaman 1", "PK 2023 halaman 2"])


class _Ctx:
    """What the lampiran functions use of a chapter context."""

    def __init__(self, ds: Dataset, reg: Registry) -> None:
        self.tahun, self.ds, self.reg, self.draft = ds.tahun, ds, reg, False

    def link(self, figure_id: str) -> RawMarkdown:
        return RawMarkdown(f"[{self.reg.d(figure_id)}]")


def test_2023_pk_is_the_signed_document(ds2023: Dataset, reg2023: Registry) -> None:
    text = L.dokumen_pk(_Ctx(ds2023, reg2023), 2023)
    # three pages, each after the first on a new sheet of the PDF
    assert text.count(dok.HALAMAN_BARU) == 2
    assert text.count("PERJANJIAN KINERJA TAHUN 2023") == 3
    # statement text from pk_naskah, with the parties filled in from pk_penandatangan
    assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan" in text
    assert "Nama : Arief Hazairin Satoto\\\nJabatan : Kepala Kantor Imigrasi Kelas I TPI" in text
    assert "Nama : R. Andika Dwi Prasetya" in text
    assert "selanjutnya disebut Pihak Kedua" in text
    # both parties' signature blocks on the perjanjian and lampiran pages, corrected names and NIPs
    assert text.count("**Arief Hazairin Satoto**\\\nNIP. 19630530 200112 1 001") == 3
    assert text.count("**R. Andika Dwi Prasetya**\\\nNIP. 196712171991031002") == 2
    assert "Anis" not in text and "19830530" not in text and "198712171991031002" not in text
    assert text.count("Pihak Kedua,\\\nKepala Kantor Wilayah Kementerian Hukum dan HAM") == 2
    assert text.count("Bandung, 2 Januari 2023") == 3
    # Pihak Kedua left, Pihak Pertama right
    assert text.index("Pihak Kedua,") < text.index("Pihak Pertama,")
    # targets and the signed (initial) budget from the figures
    assert reg2023.d("ikm.target") == "3,25"
    assert "[3,25] (Indeks)" in text and "[3,13] (Indeks)" in text
    assert "87 (Nilai)" in text and "1 (Layanan)" in text
    budget = "pk.anggaran.awal.dukungan_manajemen_dan_teknis_lainnya"
    assert f"[{reg2023.d(budget)}]" == "[Rp13.568.523.000]"
    assert "| Dukungan Manajemen dan Teknis Lainnya UPT Imigrasi | [Rp13.568.523.000] |" in text
    assert "[Rp4.781.809.000]" in text
    assert "Rp4.526.929.000" not in text  # the revised budget is not the signed one


def test_2024_pk_prints_the_corrected_nip(ds2023: Dataset, reg2023: Registry) -> None:
    text = L.dokumen_pk(_Ctx(ds2023, reg2023), 2024)
    assert text.count("NIP. 19820811 200212 1 001") == 3
    assert "2002 2 1 001" not in text and "198208111" not in text
    assert "3,30 (Indeks)" in text
    assert "Bandung, 19 Januari 2024" in text


def test_typos_of_the_signed_pk_are_corrections(ds2023: Dataset) -> None:
    typos = [
        (c.kolom, c.nilai_dipublikasikan, c.nilai_koreksi)
        for c in ds2023.corrections
        if c.tabel == "pk_penandatangan"
    ]
    assert ("nama", "Anis Hazairin Satoto", "Arief Hazairin Satoto") in typos
    assert ("nip", "198712171991031002", "196712171991031002") in typos
    assert ("nip", "19820811 2002 2 1 001", "19820811 200212 1 001") in typos
    assert len(typos) == 6
    raw = ds2023.raw_frames["pk_penandatangan"]
    assert "Anis Hazairin Satoto" in set(raw["nama"])  # the published value is kept


def test_unknown_placeholder_is_an_error() -> None:
    with pytest.raises(ValueError, match="isian \\{jabatan\\}"):
        N.isi("{jabatan}", {"tahun": "2023"})
    assert N.isi("TAHUN {tahun}", {"tahun": "2023", "lain": "x"}) == "TAHUN 2023"


def test_single_signatory_block_on_the_right() -> None:
    text = dok.tanda_tangan("Kota, 1 Januari 2030", [dok.Penanda("", "Kepala", "A", "1")])
    assert text.count(":::{container} lkjip-pk-kanan lkjip-pk-pihak") == 2
    assert "NIP. 1" in text


def test_a_scan_replaces_the_generated_pages(
    data_copy: Path, ds2023: Dataset, reg2023: Registry
) -> None:
    folder = data_copy / "2023" / "lampiran"
    folder.mkdir()
    (folder / "pk-2023.pdf").write_bytes(PDF)
    (folder / "pk-2024-1.png").write_bytes(PNG)
    (folder / "pk-2024-2.png").write_bytes(PNG)
    ds = load_dataset(2023, data_copy)
    ctx = _Ctx(ds, reg2023)
    pk2023 = L.dokumen_pk(ctx, 2023)
    assert "\\includepdf[pages=-]{pk-2023.pdf}" in pk2023
    assert "{download}`Perjanjian Kinerja Tahun 2023 (PDF) <../pindaian/pk-2023.pdf>`" in pk2023
    # in HTML, each of the PDF's two pages as an image drawn by the build
    html = pk2023[pk2023.index("::::{only} html") :]
    assert html.count(":::{image} ../pindaian/halaman/pk-2023-") == 2
    assert ':alt: "Perjanjian Kinerja Tahun 2023, halaman 2"\n' in html
    assert "Dalam rangka" not in pk2023 and "lkjip-pk-ttd" not in pk2023
    pk2024 = L.dokumen_pk(ctx, 2024)
    # each image a whole sheet of the PDF, and an image in HTML
    assert pk2024.count("\\includepdf{pk-2024-") == 2
    assert pk2024.count(":::{image} ../pindaian/pk-2024-") == 2
    assert pk2024.index("pk-2024-1.png") < pk2024.index("pk-2024-2.png")
    assert "Agung Pramono" not in pk2024
    assert scans.files(data_copy, 2023) == sorted(folder.iterdir())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pk-2023.pdf", b"not a pdf", "isi berkas bukan PDF"),
        ("pk-2023.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "PDF tidak dapat dibaca"),
        ("pk-2023.png", PNG[:-12], "PNG terpotong"),
        ("pk-2023.jpg", b"\xff\xd8\xff\xe0\x00\x02\xff\xd9", "JPEG tanpa kepala bingkai"),
        ("pk-2023.tif", b"II*\x00", "format berkas pindaian PK tidak diterima"),
        ("pk-2023.png", b"", "berkas kosong"),
        ("pk-2023.pdf", b"%PDF-1.4\n1 0 obj", "PDF terpotong"),
        ("pk-2030.png", PNG, "tahun PK pindaian harus 2023 atau 2024"),
    ],
)
def test_an_unreadable_scan_is_a_validation_error(
    data_copy: Path, name: str, content: bytes, message: str
) -> None:
    folder = data_copy / "2023" / "lampiran"
    folder.mkdir()
    (folder / name).write_bytes(content)
    with pytest.raises(DataInvalid) as caught:
        load_dataset(2023, data_copy)
    assert any(message in str(p) for p in caught.value.problems)


def test_scan_pages_must_not_mix_or_skip(data_copy: Path) -> None:
    folder = data_copy / "2023" / "lampiran"
    folder.mkdir()
    (folder / "pk-2023.pdf").write_bytes(PDF)
    (folder / "pk-2023.png").write_bytes(PNG)
    (folder / "pk-2024-1.png").write_bytes(PNG)
    (folder / "pk-2024-3.png").write_bytes(PNG)
    (folder / "catatan.txt").write_text("x")
    found, problems = scans.scan(data_copy, 2023)
    assert found == {}
    rules = [p.rule for p in problems]
    assert any("tidak keduanya" in r for r in rules)
    assert any("tanpa loncatan" in r for r in rules)
    assert [p.severity for p in problems if "tidak dikenal" in p.rule] == ["peringatan"]
