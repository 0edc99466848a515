"""Complete content: e-Performance, TARJA narratives, staff by golongan, the Renstra
restructuring and IKU, the Ikhtisar's closing, and images from data."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pandas as pd
import pytest
from IPython.utils.capture import capture_output

from lkjip.audit.figures import compute_all
from lkjip.chapters import bab1_pendahuluan, bab2_perencanaan, ikhtisar, uraian
from lkjip.chapters.bab2_perencanaan import renstra as restrukturisasi
from lkjip.chapters.bab3_akuntabilitas import lainnya
from lkjip.chapters.gambar import keterangan, label, tampilkan_gambar
from lkjip.chapters.kernel.context import Bab
from lkjip.data import tidak_tersedia
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid
from lkjip.figures.registry import Registry

from .helpers import TAHUN, copy_project, project_root_env


@pytest.fixture(autouse=True)
def _shell() -> None:
    """An IPython shell, so displayed Markdown can be captured."""
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()


def _ctx(chapter: str, ds: Dataset, reg: Registry) -> Bab:
    return Bab(chapter=chapter, ds=ds, reg=reg)


def _shown(fn, *args) -> str:
    """The Markdown a chapter function displays."""
    with capture_output() as out:
        fn(*args)
    return "\n".join(o.data.get("text/markdown", "") for o in out.outputs)


def png_bytes() -> bytes:
    """A tiny valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# --- the 2023 values against the published report ------------------------------------


def test_restructuring_counts_as_published(reg2023: Registry) -> None:
    base = "renstra.restrukturisasi"
    assert reg2023.v(f"{base}.seluruh_k_l.program.sebelum") == 428
    assert reg2023.v(f"{base}.seluruh_k_l.program.sesudah.spesifik_teknis_k_l") == 84
    assert reg2023.v(f"{base}.seluruh_k_l.program.sesudah.generik_lintas_k_l") == 18
    assert reg2023.v(f"{base}.seluruh_k_l.program.sesudah") == 84 + 18
    assert reg2023.v(f"{base}.kementerian_hukum_dan_ham.program.sebelum") == 11
    assert reg2023.v(f"{base}.kementerian_hukum_dan_ham.program.sesudah") == 4


def test_restructuring_table(ds2023: Dataset, reg2023: Registry) -> None:
    table = restrukturisasi.tabel_restrukturisasi(_ctx("bab2_perencanaan", ds2023, reg2023))
    assert table["Lingkup"].to_list() == [
        "seluruh K/L (program)",
        "Kementerian Hukum dan HAM (program)",
    ]
    assert [c.split("`")[1].split(" <")[0] for c in table["Sebelum"]] == ["428", "11"]
    assert [c.split("`")[1].split(" <")[0] for c in table["Sesudah"]] == ["102", "4"]
    rincian = table["Rincian sesudah restrukturisasi"].to_list()
    assert "84" in rincian[0] and "spesifik/teknis K/L" in rincian[0] and "18" in rincian[0]
    assert rincian[1].count(";") == 3 and "Penegakan dan Pelayanan Hukum" in rincian[1]


def test_renstra_iku_in_the_ikhtisar(ds2023: Dataset, reg2023: Registry) -> None:
    assert reg2023.v("renstra.iku.jumlah") == 2  # "2 (dua) Indikator Kinerja Utama"
    text = _shown(ikhtisar.iku_renstra, _ctx("ikhtisar", ds2023, reg2023))
    assert "Penegakan dan Pelayanan Hukum" in text
    assert "Meningkatnya Kepuasan Masyarakat atas Layanan Keimigrasian" in text
    assert "Indeks Pengamanan Keimigrasian" in text
    assert "{angka}`2 <" in text


def test_ikhtisar_closing_from_data(ds2023: Dataset, reg2023: Registry) -> None:
    text = _shown(ikhtisar.penutup, _ctx("ikhtisar", ds2023, reg2023))
    assert "berkomitmen" in text and "Demikian" in text


def test_e_performance_section(ds2023: Dataset, reg2023: Registry) -> None:
    ctx = _ctx("bab3_akuntabilitas", ds2023, reg2023)
    text = _shown(lainnya.e_performance, ctx)
    assert "e-Performance" in text
    assert "<f-emonev-anggaran>" in text and "<f-emonev-progres>" in text
    assert "tbl-bab3-emonev" in text
    table = lainnya.tabel_emonev(ctx)
    assert list(table.columns) == ["Anggaran", "Progres"]
    # published: Nilai Dashboard Anggaran 99,0 and Progres 100
    assert reg2023.v("emonev.anggaran") == 99 and reg2023.v("emonev.progres") == 100


def test_tarja_narratives(ds2023: Dataset, reg2023: Registry) -> None:
    text = _shown(lainnya.uraian_tarja, _ctx("bab3_akuntabilitas", ds2023, reg2023))
    for no in (37, 38, 39):
        assert f"**TARJA {no}:" in text
    assert "M-Paspor" in text and "walk-in" in text and "kuota" in text
    assert "biometrik" in text and "helpdesk.imigrasi.go.id" in text
    assert "Kendala yang dihadapi:" in text and "Tindak lanjut:" in text
    assert "Konvensi 1951" in text and "pengungsi" in text
    assert "penjamin virtual orang asing" in text
    pengantar = _shown(lainnya.pengantar_tarja, _ctx("bab3_akuntabilitas", ds2023, reg2023))
    assert "Target Kinerja (TARJA)" in pengantar


def test_every_narrative_figure_exists(ds2023: Dataset, reg2023: Registry) -> None:
    for table in ("narasi", "narasi_tarja"):
        for teks in ds2023.table(table)["teks"]:
            for figure_id in uraian.angka_dalam(teks):
                assert figure_id in reg2023, (table, figure_id)


def test_placeholders_become_links_and_text_is_escaped(reg2023: Registry) -> None:
    text = uraian.teks_dengan_angka(
        "Nilai *anggaran* {{emonev.anggaran}}.", lambda i: f"<{reg2023[i].id}>"
    )
    assert text == "Nilai \\*anggaran\\* <emonev.anggaran>."
    rows = pd.DataFrame(
        {"no": [2, 1, 3], "jenis": ["butir", "paragraf", "butir"], "teks": ["a", "p", "b"]}
    )
    assert uraian.markdown_narasi(rows, str) == "p\n\n- a\n- b\n"


def test_staff_by_golongan_absent_in_2023(ds2023: Dataset, reg2023: Registry) -> None:
    # the 2023 report prints the golongan composition only as a picture: nothing made up;
    # the office declares it not available, and the report prints its reason
    assert ds2023.table("pegawai_golongan").empty
    assert not reg2023.ids("pegawai.golongan.")
    ctx = _ctx("bab1_pendahuluan", ds2023, reg2023)
    text = _shown(bab1_pendahuluan.tampilkan_pegawai_golongan, ctx)
    alasan = tidak_tersedia.alasan(ds2023, "pegawai_golongan")
    assert alasan
    assert text == f"Rincian pegawai menurut golongan tidak disajikan: {alasan}."


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_staff_by_golongan_from_data(data_copy: Path) -> None:
    _write(
        data_copy / "2023" / "pegawai_golongan.csv",
        "tahun,golongan,jumlah\n2023,II,40\n2023,III,66\n2023,IV,6\n",
    )
    # filled: no longer declared not available
    _write(data_copy / "2023" / "tidak_tersedia.csv", "tahun,tabel,alasan\n")
    ds = load_dataset(TAHUN, data_copy)
    reg = compute_all(ds)
    assert reg.v("pegawai.golongan.iii") == 66
    assert reg.v("pegawai.golongan.total") == reg.v("pegawai.total") == 112
    ctx = _ctx("bab1_pendahuluan", ds, reg)
    text = _shown(bab1_pendahuluan.tampilkan_pegawai_golongan, ctx)
    assert "tbl-bab1-pegawai-golongan" in text and "{angka}`66 <" in text


def test_staff_by_golongan_must_add_up(data_copy: Path) -> None:
    _write(data_copy / "2023" / "pegawai_golongan.csv", "tahun,golongan,jumlah\n2023,III,100\n")
    with pytest.raises(DataInvalid) as err:
        load_dataset(TAHUN, data_copy)
    assert any(
        p.file.endswith("pegawai_golongan.csv") and p.column == "jumlah" and "112" in p.rule
        for p in err.value.problems
    )


# --- images -------------------------------------------------------------------------------


def test_no_images_in_2023(ds2023: Dataset, reg2023: Registry) -> None:
    assert ds2023.table("gambar").empty
    ctx = _ctx("bab3_akuntabilitas", ds2023, reg2023)
    with capture_output() as out:
        assert tampilkan_gambar(ctx, "bab3.e_performance") == 0
    assert not out.outputs


def test_image_shown_with_its_caption(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "proyek")
    year = root / "data" / str(TAHUN)
    (year / "gambar").mkdir()
    (year / "gambar" / "e-performance.png").write_bytes(png_bytes())
    _write(
        year / "gambar.csv",
        "tahun,bagian,no,berkas,judul,sumber\n"
        "2023,bab3.e_performance,1,e-performance.png,Capaian pada aplikasi e-Performance,"
        "Tangkapan layar aplikasi e-Performance\n",
    )
    with project_root_env(root):
        ds = load_dataset(TAHUN, root / "data")
        reg = compute_all(ds)
        ctx = _ctx("bab3_akuntabilitas", ds, reg)
        with capture_output() as out:
            assert tampilkan_gambar(ctx, "bab3.e_performance") == 1
            assert tampilkan_gambar(ctx, "bab3.tarja") == 0
    markdown = [o.data["text/markdown"] for o in out.outputs if "text/markdown" in o.data]
    assert markdown == [
        "```{glue:figure} foto.bab3.e_performance.1\n"
        f":name: {label('bab3.e_performance', 1)}\n"
        ':alt: "Capaian pada aplikasi e-Performance"\n\n'  # (a quoted option value)
        "Capaian pada aplikasi e-Performance Sumber: Tangkapan layar aplikasi e-Performance.\n"
        "```\n"
    ]
    glued = [o for o in out.outputs if "application/papermill.record/image/png" in o.data]
    assert len(glued) == 1 and glued[0].metadata["scrapbook"]["name"] == "foto.bab3.e_performance.1"


def test_caption_without_source() -> None:
    assert keterangan("Piagam *terbaik*", None) == "Piagam \\*terbaik\\*"


def test_listed_image_missing_is_a_validation_error(data_copy: Path) -> None:
    _write(
        data_copy / "2023" / "gambar.csv",
        "tahun,bagian,no,berkas,judul,sumber\n"
        "2023,bab3.penghargaan,1,piagam.png,Piagam penghargaan,\n"
        "2023,bab3.penghargaan,2,../rahasia.png,Piagam kedua,\n"
        "2023,bab3.penghargaan,3,piagam.gif,Piagam ketiga,\n",
    )
    with pytest.raises(DataInvalid) as err:
        load_dataset(TAHUN, data_copy)
    problems = [p for p in err.value.problems if p.file.endswith("gambar.csv")]
    assert [(p.line, p.column, p.value) for p in problems] == [
        (2, "berkas", "piagam.png"),
        (3, "berkas", "../rahasia.png"),
        (4, "berkas", "piagam.gif"),
    ]
    assert "tidak ada" in problems[0].rule
    assert "tanpa folder" in problems[1].rule
    assert "tidak didukung" in problems[2].rule
    assert "data/2023/gambar.csv, baris 2, kolom 'berkas'" in str(problems[0])


def test_tables_are_optional(data_copy: Path, rujukan_copy: Path) -> None:
    for name in ("gambar", "narasi_tarja", "pegawai_golongan"):
        (data_copy / "2023" / f"{name}.csv").unlink()
    (rujukan_copy / "2023" / "renstra_restrukturisasi.csv").unlink()  # a national table
    ds = load_dataset(TAHUN, data_copy)
    reg = compute_all(ds)
    assert not reg.ids("renstra.restrukturisasi.")
    ctx = _ctx("bab3_akuntabilitas", ds, reg)
    assert _shown(lainnya.uraian_tarja, ctx) == ""
    assert _shown(bab2_perencanaan.restrukturisasi, _ctx("bab2_perencanaan", ds, reg)) == ""
