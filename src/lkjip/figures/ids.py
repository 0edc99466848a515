"""Figure ids: one function per family of ids made from data.

The figure step that registers a family and every chapter, audit check or page that
refers to it call the same function, so an id is spelled in one place. Whole ids that
take nothing from data (``ikm.capaian``, ``anggaran.sisa``) stay literal where they are
used: a literal is its own single spelling, and a typo in one stops the build
(:meth:`Registry.__getitem__` names the missing id).

Year suffixes: a figure of the year before the report's ends in ``.t-1``, of the year
after (the next PK) in ``.t+1``; the report year's has none.
"""

from __future__ import annotations

from lkjip.data.dataset import Dataset
from lkjip.domain.teks import slug


def suffix(offset: int) -> str:
    """Year suffix by how many years before the report year: 0 -> ``""``, 1 -> ``".t-1"``,
    -1 (the year after) -> ``".t+1"``."""
    if offset == 0:
        return ""
    return f".t-{offset}" if offset > 0 else f".t+{-offset}"


def akhiran(tahun: int, tahun_laporan: int) -> str:
    """Year suffix of a figure of ``tahun`` in the report of ``tahun_laporan``."""
    return suffix(int(tahun_laporan) - int(tahun))


def nama_terbit(ds: Dataset, table: str, column: str, value: str) -> str:
    """``value`` of ``column`` as the table holds it before corrections: the name a
    ``koreksi`` replaced by ``value`` (the first in file order), else ``value`` itself."""
    for corr in ds.corrections_of(table):
        if corr.kolom == column and corr.changes_value and corr.nilai_koreksi == value:
            return corr.nilai_dipublikasikan
    return value


def program(ds: Dataset, nama: str, ukuran: str) -> str:
    """``anggaran.program.<slug>.<ukuran>`` (``pagu``, ``realisasi``, ``persen``).

    Made from the name as entered in ``realisasi_program``: a koreksi of the name changes
    what the report prints, never the id, so the ledger and the published report's
    ``figure_id`` (table ``publikasi``) keep matching.
    """
    terbit = nama_terbit(ds, "realisasi_program", "program", nama)
    return f"anggaran.program.{slug(terbit)}.{ukuran}"


def kegiatan(nama: str, ukuran: str) -> str:
    """A kegiatan's budget line: ``anggaran.kegiatan.<slug>.<ukuran>``."""
    return f"anggaran.kegiatan.{slug(nama)}.{ukuran}"


def anggaran(ukuran: str, offset: int = 0) -> str:
    """The office's budget total of a year: ``anggaran.<ukuran>[.t-n]``."""
    return f"anggaran.{ukuran}{suffix(offset)}"


def belanja(jenis: str, ukuran: str, offset: int = 0) -> str:
    """A jenis belanja of a year (``jumlah`` is their total): ``belanja.<slug>.<ukuran>``."""
    return f"belanja.{slug(jenis)}.{ukuran}{suffix(offset)}"


def pagu(dimensi: str, kategori: str) -> str:
    """A category of the pagu by one dimension (``jumlah`` is their total)."""
    return f"pagu.{dimensi}.{slug(kategori)}"


def pk_anggaran(versi: str, kegiatan: str, offset: int = 0) -> str:
    """A kegiatan's PK budget (``jumlah`` is their total): ``pk.anggaran.<versi>.<slug>``."""
    return f"pk.anggaran.{versi}.{slug(kegiatan)}{suffix(offset)}"


def pk_target(indikator_id: str, offset: int = 0) -> str:
    """The PK target of an indicator: ``pk.target.<indikator_id>[.t+1]``."""
    return f"pk.target.{indikator_id}{suffix(offset)}"


def pnbp_akun(kode: object, offset: int = 0) -> str:
    """The PNBP of one account code in a year: ``pnbp.akun.<kode>[.t-n]``."""
    return f"pnbp.akun.{kode}{suffix(offset)}"


def pnbp(ukuran: str, offset: int = 0) -> str:
    """The PNBP total, target or capaian of a year: ``pnbp.<ukuran>[.t-n]``."""
    return f"pnbp.{ukuran}{suffix(offset)}"


def smart(komponen: str, offset: int = 0) -> str:
    """A SMART DJA component or score of a year: ``smart.<komponen>[.t-n]``."""
    return f"smart.{komponen}{suffix(offset)}"


def smart_bobot(komponen: str) -> str:
    """The weight of a SMART component (the same every year): ``smart.bobot.<komponen>``."""
    return f"smart.bobot.{komponen}"


def ikpa(ukuran: str, offset: int = 0) -> str:
    """An IKPA score of a year (``nilai_total``, ``nilai_akhir``, ``konversi``, ...)."""
    return f"ikpa.{ukuran}{suffix(offset)}"


def indikator(k: str, ukuran: str, offset: int = 0) -> str:
    """A figure of a performance indicator (``ikm``, ``ipk``, ``iki``) in a year:
    ``<k>.<ukuran>[.t-n]`` (``target``, ``realisasi``, ``capaian``, ...)."""
    return f"{k}.{ukuran}{suffix(offset)}"


def rincian(prefix: str, kategori: tuple[object, ...], offset: int = 0) -> str:
    """A count of a yearly count table by its category columns (``("total",)`` is the
    total): ``perlintasan.kedatangan.wna[.t-n]``."""
    return f"{prefix}.{'.'.join(slug(v) for v in kategori)}{suffix(offset)}"


def ipk(pihak: str, ukuran: str = "") -> str:
    """An IPK party's index (``ipk.internal``) or one of its figures
    (``ipk.internal.unsur_terendah``)."""
    return f"ipk.{pihak}.{ukuran}" if ukuran else f"ipk.{pihak}"


def pembanding(k: str, unit: str, ukuran: str) -> str:
    """An indicator against a comparison unit: ``<k>.pembanding.<unit>.<ukuran>``."""
    return f"{k}.pembanding.{unit}.{ukuran}"


def emonev(komponen: str) -> str:
    """An e-monev score: ``emonev.<komponen>``."""
    return f"emonev.{slug(komponen)}"


def tarja(no: object, ukuran: str) -> str:
    """A figure of one TARJA: ``tarja.<no>.<ukuran>`` (``rerata``, ``target``, ...)."""
    return f"tarja.{no}.{ukuran}"


def reviu(status: str) -> str:
    """The count of reconciled figures of one status: ``reviu.tidak_dapat_diperiksa``."""
    return f"reviu.{status.replace(' ', '_')}"


def reviu_dasar(dasar: str) -> str:
    """The count of reconciled figures compared on one basis: ``reviu.dasar.<dasar>``."""
    return f"reviu.dasar.{dasar.replace(' ', '_')}"


def uraian_capaian(k: str, bagian: str) -> str:
    """A part of the change of an indicator's capaian (:mod:`lkjip.figures.uraian_capaian`):
    ``<k>.uraian_capaian.<bagian>`` (``realisasi``, ``target``, ``target_lalu``, ...)."""
    return f"{k}.uraian_capaian.{bagian}"
