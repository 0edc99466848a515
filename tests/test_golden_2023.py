"""Golden tests: the 2023 figures equal the published LKjIP 2023 where the publication is right.

Each expected string is the value as printed in the published report (the
oracle); the location is noted. Published values that are wrong are not here:
they are findings of the reviu chapter.
"""

import pytest

from lkjip.figures.registry import Registry

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
    # BAB III C
    ("smart.nilai_kinerja.t-2", "97,45"),
    ("smart.nilai_kinerja.t-1", "89,62"),
    ("smart.kategori", "Baik"),
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


@pytest.mark.parametrize(("figure_id", "published"), PUBLISHED)
def test_published_value(reg2023: Registry, figure_id: str, published: str) -> None:
    assert reg2023[figure_id].display == published


def test_status_follows_the_computation(reg2023: Registry) -> None:
    for k in ("ikm", "ipk", "iki"):
        assert reg2023[f"{k}.status"].value == "tercapai"
    assert reg2023["kinerja.jumlah_tercapai"].value == 3


def test_ipk_rounds_only_the_final_index(reg2023: Registry) -> None:
    # rounding internal and external first would give (3.82×18 + 3.59×7)/25 = 3.7556 -> 3.76
    assert str(reg2023["ipk.indeks"].value).startswith("3.7521")
    assert reg2023["ipk.realisasi"].display == "3,75"


def test_smart_2023_differs_from_the_published_score(reg2023: Registry) -> None:
    # the published 87,04 does not follow from the 2023 components with the weights that
    # reproduce 2021 and 2022; the reviu chapter reports it
    assert reg2023["smart.nilai_kinerja"].display == "87,07"


def test_capaian_shows_its_worked_formula(reg2023: Registry) -> None:
    figure = reg2023["iki.capaian"]
    assert figure.substituted == "3,99 / 3,13 × 100% = 127,48%"
    assert figure.inputs == ("iki.realisasi", "iki.target")
    assert reg2023.lineage("iki.capaian")[0].startswith("data/2023/iio_responden.csv:")


def test_sources_point_at_csv_lines(reg2023: Registry) -> None:
    figure = reg2023["pnbp.target"]
    assert figure.sources == ("data/2023/pnbp_target.csv:2",)
