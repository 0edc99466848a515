"""A corpus of hostile inputs, generated from the real data.

Each case breaks a copy of the 2023 data the way an analyst's spreadsheet does.
For each, ``lkjip validate`` either names file, line and column in Indonesian and
exits 2 without a traceback, or normalises the input as docs/analis.md ("Aturan berkas
masukan") documents, and the data read is then identical to the original.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from lkjip.cli import main
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.data.reading import LINE

from .helpers import SPECIAL, TAHUN, Mutation, set_cell


def text_of(year: Path, file: str) -> str:
    return (year / file).read_text(encoding="utf-8")


def replace(file: str, old: str, new: str) -> Mutation:
    def mutate(year: Path) -> None:
        text = text_of(year, file)
        assert old in text, f"{old!r} not in {file}"
        (year / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def rewrite(file: str, change: Callable[[str], str]) -> Mutation:
    def mutate(year: Path) -> None:
        text = text_of(year, file)
        new = change(text)
        assert new != text, f"mutation left {file} unchanged"
        (year / file).write_text(new, encoding="utf-8")

    return mutate


def write_bytes(file: str, change: Callable[[bytes], bytes]) -> Mutation:
    def mutate(year: Path) -> None:
        (year / file).write_bytes(change((year / file).read_bytes()))

    return mutate


def delete(file: str) -> Mutation:
    def mutate(year: Path) -> None:
        (year / file).unlink()

    return mutate


def drop_line(file: str, start: str) -> Mutation:
    return rewrite(
        file, lambda t: "".join(ln for ln in t.splitlines(True) if not ln.startswith(start))
    )


def excel_style(text: str) -> str:
    """What Excel in an Indonesian locale writes: ``;`` between cells, decimal commas."""
    return "\n".join(ln.replace(",", ";").replace(".", ",") for ln in text.splitlines()) + "\n"


LONG = "Sangat panjang " * 100  # 1500 characters

#: (case id, mutation, fragments that must all appear in one message line)
ERRORS: list[tuple[str, Mutation, list[str]]] = [
    (
        "baris_kurang_kolom",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31"),
        ["skm_bulanan.csv, baris 5", "berisi 3 kolom, seharusnya 4", "baris terpotong"],
    ),
    (
        "koma_desimal_tanpa_kutip",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31,3,98"),
        ["skm_bulanan.csv, baris 5", "berisi 5 kolom", "tulis angka dengan titik"],
    ),
    (
        "berkas_terpotong_di_tengah_baris",
        rewrite("skm_bulanan.csv", lambda t: t[: t.index("2023,12,") + len("2023,12")]),
        ["skm_bulanan.csv, baris 13", "berisi 2 kolom, seharusnya 4"],
    ),
    (
        "berkas_terpotong_di_dalam_kutip",
        rewrite("unit_organisasi.csv", lambda t: t[: t.index('"Melakukan') + 30]),
        ["unit_organisasi.csv, baris 3", "tidak dapat dibaca sebagai CSV"],
    ),
    (
        "pemisah_titik_koma_excel",
        rewrite("skm_bulanan.csv", excel_style),
        ["skm_bulanan.csv, baris 1", "pemisah kolom harus koma", "titik koma (;)"],
    ),
    (
        "pemisah_tab",
        rewrite("skm_bulanan.csv", lambda t: t.replace(",", "\t")),
        ["skm_bulanan.csv, baris 1", "pemisah kolom harus koma", "tab"],
    ),
    (
        "windows_1252",
        write_bytes(
            "tpi.csv", lambda b: b.replace(b"Sastranegara", "Sastranegara é".encode("cp1252"))
        ),
        ["tpi.csv, baris 2, kolom 'nama'", "berkas bukan UTF-8", "0xE9", "CSV UTF-8"],
    ),
    (
        # Excel for Mac's "CSV (Macintosh)": Mac Roman, lines ended by CR only
        "csv_macintosh_cr_saja",
        write_bytes(
            "tpi.csv",
            lambda b: b.replace(b"Sastranegara", "Sastranegara é".encode("mac_roman")).replace(
                b"\n", b"\r"
            ),
        ),
        ["tpi.csv, baris 2, kolom 'nama'", "bukan UTF-8", "0x8E", "CSV (Macintosh)"],
    ),
    (
        "berkas_biner",
        write_bytes("tpi.csv", lambda b: bytes(range(256)) * 20),
        ["tpi.csv, baris 3:", "bukan UTF-8", "0x80", "bukan berkas teks"],
    ),
    (
        "sel_raksasa",
        write_bytes("tpi.csv", lambda b: b + b"x" * 200_000 + b"\n"),
        ["tpi.csv, baris 4", "sel terlalu panjang"],
    ),
    (
        "angka_koma_desimal_dalam_kutip",
        replace("skm_bulanan.csv", "2023,4,31,3.98", '2023,4,31,"3,98"'),
        ["skm_bulanan.csv, baris 5, kolom 'nilai_skm', nilai '3,98'", "tulis 3.98"],
    ),
    (
        "angka_rupiah_titik_ribuan",
        replace("pnbp.csv", ",468300000", ',"Rp.468.300.000"'),
        ["pnbp.csv, baris 2, kolom 'realisasi', nilai 'Rp.468.300.000'", "tulis 468300000"],
    ),
    (
        "angka_persen_koma",
        replace("ikpa_indikator.csv", ",100.00,5", ',"100,00%",5'),
        ["ikpa_indikator.csv, baris 2, kolom 'nilai', nilai '100,00%'", "tulis 100.00"],
    ),
    (
        "bilangan_bulat_titik_ribuan",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,1.031,3.98"),
        ["kolom 'responden', nilai '1.031'", "bilangan bulat", "tulis 1031"],
    ),
    (
        "bulan_hilang",
        drop_line("skm_bulanan.csv", "2023,4,"),
        ["skm_bulanan.csv, kolom 'bulan'", "bulan 4 tidak ada"],
    ),
    (
        "bulan_ganda",
        replace("skm_bulanan.csv", "2023,5,", "2023,4,"),
        ["skm_bulanan.csv, baris 6, kolom 'tahun, bulan'", "kunci ganda"],
    ),
    (
        "bobot_tidak_100",
        replace("ipk_unsur.csv", "Intelijen,20,", "Intelijen,25,"),
        ["ipk_unsur.csv, kolom 'bobot', nilai '105'", "jumlah kolom bobot harus 100"],
    ),
    (
        "responden_negatif",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,-31,3.98"),
        ["skm_bulanan.csv, baris 5, kolom 'responden', nilai '-31'", "kurang dari 0"],
    ),
    (
        "responden_pecahan",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31.5,3.98"),
        ["skm_bulanan.csv, baris 5, kolom 'responden', nilai '31.5'", "bilangan bulat"],
    ),
    (
        "indeks_di_atas_4",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31,4.5"),
        ["skm_bulanan.csv, baris 5, kolom 'nilai_skm', nilai '4.5'", "antara 1 dan 4"],
    ),
    (
        "indeks_di_bawah_1",
        replace("iio_bulanan.csv", "2023,2,Transparansi,3.96", "2023,2,Transparansi,0.96"),
        ["iio_bulanan.csv, baris 3, kolom 'nilai', nilai '0.96'", "antara 1 dan 4"],
    ),
    (
        "target_nol",
        replace("pnbp_target.csv", "2023,33775450000", "2023,0"),
        ["pnbp_target.csv, baris 2, kolom 'target', nilai '0'", "harus lebih dari 0"],
    ),
    (
        "indikator_tidak_dikenal",
        replace("kinerja_historis.csv", "2021,ikm,", "2021,ikmx,"),
        ["kinerja_historis.csv, baris 2, kolom 'indikator_id', nilai 'ikmx'", "salah satu dari"],
    ),
    (
        "rujukan_tidak_dikenal",
        replace("iio_bulanan.csv", "2023,2,Transparansi,", "2023,2,Transparan,"),
        ["iio_bulanan.csv, baris 3, kolom 'variabel', nilai 'Transparan'", "variabel_iio"],
    ),
    (
        "berkas_kosong",
        write_bytes("skm_bulanan.csv", lambda b: b""),
        ["skm_bulanan.csv: berkas kosong"],
    ),
    (
        "berkas_hilang",
        delete("skm_bulanan.csv"),
        ["skm_bulanan.csv", "tidak ada"],
    ),
    (
        "hanya_baris_judul",
        rewrite("skm_bulanan.csv", lambda t: t.splitlines(True)[0]),
        ["skm_bulanan.csv: tabel wajib", "belum berisi data"],
    ),
    (
        "tabel_tahun_lain",
        rewrite("skm_bulanan.csv", lambda t: t.replace("\n2023,", "\n2022,")),
        ["skm_bulanan.csv, baris 2, kolom 'tahun', nilai '2022'", "tahun harus 2023"],
    ),
    (
        "teks_nan",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31,nan"),
        ["skm_bulanan.csv, baris 5, kolom 'nilai_skm', nilai 'nan'", "harus angka"],
    ),
    (
        "teks_inf",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,31,inf"),
        ["skm_bulanan.csv, baris 5, kolom 'nilai_skm', nilai 'inf'", "harus angka"],
    ),
    (
        "angka_berupa_kata",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,tiga puluh,3.98"),
        ["skm_bulanan.csv, baris 5, kolom 'responden', nilai 'tiga puluh'", "bilangan bulat"],
    ),
    (
        "karakter_nul",
        set_cell("dasar_hukum.csv", 2, "tentang", "Pelaporan\x00Keuangan"),
        ["dasar_hukum.csv, baris 2, kolom 'tentang'", "karakter kendali U+0000"],
    ),
    (
        "baris_baru_dalam_sel",
        set_cell("dasar_hukum.csv", 2, "tentang", "Pelaporan\nKeuangan"),
        ["dasar_hukum.csv, baris 2, kolom 'tentang'", "U+000A"],
    ),
    (
        "teks_sangat_panjang",
        set_cell("dasar_hukum.csv", 2, "tentang", LONG.strip()),
        ["dasar_hukum.csv, baris 2, kolom 'tentang'", "teks terlalu panjang", "paling banyak 1000"],
    ),
    (
        "kolom_tidak_dikenal",
        replace("skm_bulanan.csv", "nilai_skm\n", "nilai_skm,catatan\n"),
        ["skm_bulanan.csv, baris 1, kolom 'catatan'", "kolom tidak dikenal"],
    ),
    (
        "kolom_wajib_hilang",
        rewrite(
            "skm_bulanan.csv",
            lambda t: "\n".join(ln.rsplit(",", 1)[0] for ln in t.splitlines()) + "\n",
        ),
        ["skm_bulanan.csv, baris 1, kolom 'nilai_skm'", "kolom wajib tidak ada"],
    ),
    (
        "kolom_ganda",
        replace(
            "skm_bulanan.csv", "tahun,bulan,responden,nilai_skm", "tahun,bulan,bulan,nilai_skm"
        ),
        ["skm_bulanan.csv, baris 1", "kolom 'responden'", "kolom wajib tidak ada"],
    ),
    (
        "tanggal_format_lain",
        replace("pk_penandatangan.csv", "Bandung,2023-01-02", "Bandung,02/01/2023"),
        ["pk_penandatangan.csv, baris 2, kolom 'tanggal', nilai '02/01/2023'", "YYYY-MM-DD"],
    ),
    (
        "nilai_di_luar_daftar",
        replace("tpi.csv", ",bandar_udara,", ",bandara,"),
        ["tpi.csv, baris 2, kolom 'jenis', nilai 'bandara'", "salah satu dari"],
    ),
    (
        "sel_wajib_kosong",
        replace("skm_bulanan.csv", "2023,4,31,3.98", "2023,4,,3.98"),
        ["skm_bulanan.csv, baris 5, kolom 'responden'", "tidak boleh kosong"],
    ),
]


def run_validate(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", "--tahun", str(TAHUN)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_corpus_is_large_enough() -> None:
    assert len(ERRORS) + len(NORMALISED) + len(PARAMETERS) >= 30
    assert len({case for case, _, _ in ERRORS}) == len(ERRORS)


@pytest.mark.parametrize(("case", "mutation", "expected"), ERRORS, ids=[c[0] for c in ERRORS])
def test_bad_input_is_named_precisely(
    case: str,
    mutation: Mutation,
    expected: list[str],
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mutation(data_copy / str(TAHUN))
    code, out, err = run_validate(capsys)
    assert code == 2, err
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("Data tidak valid:")
    lines = err.splitlines()
    assert any(all(fragment in line for fragment in expected) for line in lines), (case, err)


def table_values(ds: Dataset) -> dict[str, pd.DataFrame]:
    return {
        name: frame.drop(columns=[LINE], errors="ignore").reset_index(drop=True)
        for name, frame in ds.frames.items()
    }


def add_bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def blank_lines_and_spaces(text: str) -> str:
    lines = text.splitlines()
    padded = [", ".join(cell for cell in ln.split(",")) if '"' not in ln else ln for ln in lines]
    return "\n\n".join(padded) + "\n\n\n"


def quoted_numbers(text: str) -> str:
    head, *rows = text.splitlines()
    return "\n".join([head, *(",".join(f'"{c}"' for c in r.split(",")) for r in rows)]) + "\n"


#: (case id, mutation) inputs that are normalised: the data read equals the original
NORMALISED: list[tuple[str, Mutation]] = [
    ("bom_utf8", write_bytes("skm_bulanan.csv", add_bom)),
    ("bom_utf8_berkas_teks", write_bytes("dasar_hukum.csv", add_bom)),
    ("akhir_baris_windows", write_bytes("unit_organisasi.csv", crlf)),
    ("akhir_baris_windows_angka", write_bytes("skm_bulanan.csv", crlf)),
    ("baris_kosong_dan_spasi", rewrite("skm_bulanan.csv", blank_lines_and_spaces)),
    ("angka_dalam_kutip", rewrite("skm_bulanan.csv", quoted_numbers)),
]


@pytest.mark.parametrize(("case", "mutation"), NORMALISED, ids=[c[0] for c in NORMALISED])
def test_normalised_input_reads_the_same(
    case: str, mutation: Mutation, data_copy: Path, ds2023: Dataset
) -> None:
    mutation(data_copy / str(TAHUN))
    ds = load_dataset(TAHUN, data_copy)
    got, want = table_values(ds), table_values(ds2023)
    assert got.keys() == want.keys()
    for name in want:
        pd.testing.assert_frame_equal(got[name], want[name], obj=f"{case}: {name}")


def test_special_characters_are_data_not_markup(data_copy: Path) -> None:
    """Markup characters are ordinary text: accepted and kept verbatim (the book
    escapes them; see test_build_reliability for HTML and PDF)."""
    set_cell("dasar_hukum.csv", 2, "tentang", SPECIAL)(data_copy / str(TAHUN))
    ds = load_dataset(TAHUN, data_copy)
    assert ds.table("dasar_hukum")["tentang"].iloc[0] == SPECIAL


#: (arguments, fragment of the Indonesian message)
PARAMETERS: list[tuple[list[str], str]] = [
    (["--tahun", "dua ribu"], "tahun harus bilangan bulat, bukan 'dua ribu'"),
    (["--tahun", "1999"], "tahun harus antara 2000 dan 2100, bukan 1999"),
    (["--tahun", "2101"], "tahun harus antara 2000 dan 2100, bukan 2101"),
    (["--tahun", "2023.5"], "tahun harus bilangan bulat"),
    (["--tahun", "२०२३"], "tahun harus bilangan bulat dengan angka 0-9, bukan '२०२३'"),
    (["--tahun", "２０２３"], "tahun harus bilangan bulat dengan angka 0-9, bukan '２０２３'"),
    (["--tahun", "2_023"], "tahun harus bilangan bulat, bukan '2_023'"),
    (["--tahun", "2031"], "folder data tahun 2031 tidak ada"),
    (["--data-dir", "/"], "folder data harus berada di dalam folder proyek"),
    (["--data-dir", "../.."], "folder data harus berada di dalam folder proyek"),
    (["--data-dir", "tidak-ada"], "folder data tidak valid"),
]


@pytest.mark.parametrize(("args", "expected"), PARAMETERS, ids=[" ".join(a) for a, _ in PARAMETERS])
def test_bad_parameters_exit_2_in_indonesian(
    args: list[str], expected: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    assert code == 2
    assert expected in err
    assert "Traceback" not in err
    assert "usage:" not in err and "error:" not in err  # argparse's English is replaced


def test_bad_parameters_in_a_chapter_are_named(data_copy: Path) -> None:
    """A chapter run on its own (papermill -p ...) checks its parameters the same way."""
    from lkjip.chapters.kernel import context as bab
    from lkjip.errors import ParameterError

    with pytest.raises(ParameterError, match="tahun harus bilangan bulat, bukan 'abc'"):
        bab.mulai("bab3_akuntabilitas", tahun="abc")
    with pytest.raises(ParameterError, match="di dalam folder proyek"):
        bab.mulai("bab3_akuntabilitas", tahun=TAHUN, data_dir="/etc")
