"""Sentences that state an event are printed only when the data say so.

Each event (an additional budget, a revision of the PK budget, awards, innovations, how
often the TARJA are scored, the Ikhtisar's lists of activities) is toggled in the data:
with it, its sentence is printed with its figures; without it, the sentence is not, and
the sentence that holds instead is. Checked on the Dataset and Registry, without a build.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from IPython.utils.capture import capture_output

from lkjip.audit.figures import compute_all
from lkjip.chapters import bab2_perencanaan, ikhtisar, lampiran, narasi, peristiwa
from lkjip.chapters.bab3_akuntabilitas import kinerja, lainnya
from lkjip.chapters.kernel.context import Bab
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.figures.registry import Registry
from lkjip.render.myst import link_markdown

from .helpers import ROOT, TAHUN

#: the event sentences once typed in the notebooks (Bandung's 2023 events), now fragments
TYPED = (
    "Pada triwulan terakhir",
    "Anggaran Belanja Tambahan",
    "Setelah revisi",
    "menerima {glue:md}`penghargaan.jumlah:myst`",
    "Penghargaan yang diterima sepanjang tahun ini",
    "kantor menjalankan inovasi berikut",
    "Inovasi layanan yang dijalankan",
    "dinilai setiap triwulan",
    "Kegiatan yang dilaksanakan",
    "Langkah yang terus ditempuh",
)


@pytest.fixture(autouse=True)
def _shell() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()


def _shown(fn: Callable[[Bab], None], ctx: Bab) -> str:
    with capture_output() as out:
        fn(ctx)
    return "\n".join(o.data.get("text/markdown", "") for o in out.outputs)


def _notebooks() -> dict[str, str]:
    out = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        out[path.stem] = re.sub(r"\s+", " ", " ".join("".join(c["source"]) for c in cells))
    return out


def _rewrite(path: Path, keep: Callable[[dict[str, str]], bool]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    kept = [r for r in rows if keep(r)]
    assert len(kept) < len(rows), path.name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)


def _nihil(data_copy: Path, *tables: str) -> tuple[Dataset, Registry]:
    """The year with ``tables`` emptied and declared nihil (nothing happened)."""
    year = data_copy / str(TAHUN)
    for table in tables:
        _rewrite(year / f"{table}.csv", lambda r: False)
    with (year / "nihil.csv").open("a", encoding="utf-8") as handle:
        handle.writelines(f"{TAHUN},{t},Tidak ada\n" for t in tables)
    ds = load_dataset(TAHUN, data_copy)
    return ds, compute_all(ds)


def test_no_notebook_types_an_event_sentence() -> None:
    notebooks = _notebooks()
    for sentence in TYPED:
        assert [n for n, text in notebooks.items() if sentence in text] == [], sentence


def test_every_pasted_fragment_is_made(reg2023: Registry) -> None:
    pasted = set()
    for text in _notebooks().values():
        pasted |= set(re.findall(r"\{glue:md\}`(narasi\.[^`:]+):myst`", text))
    assert {"narasi.pagu.alokasi", "narasi.pk.revisi", "narasi.tarja.penilaian"} <= pasted
    assert pasted <= set(narasi.fragments(reg2023))


# --- Anggaran Belanja Tambahan ---------------------------------------------------------


def _pagu(**kategori: int) -> Registry:
    reg = Registry(tahun=2030, default_bab="bab3_akuntabilitas")
    ids = []
    for name, pagu in kategori.items():
        ids.append(f"pagu.sumber_alokasi.{name}")
        reg.add(ids[-1], pagu, "rupiah", f"Pagu {name}")
    total = sum(kategori.values())
    reg.add("pagu.sumber_alokasi.jumlah", total, "rupiah", "Jumlah", formula="Σ", inputs=ids)
    return reg


def test_abt_is_stated_only_with_an_abt_row(reg2023: Registry) -> None:
    # published: DIPA Rp18.350.332.000, ABT Rp2.228.016.000, pagu Rp20.578.348.000
    text = peristiwa.pagu_alokasi(reg2023)
    assert text is not None
    assert text.startswith(link_markdown(reg2023["pagu.sumber_alokasi.dipa"]))
    abt = link_markdown(reg2023["pagu.sumber_alokasi.anggaran_belanja_tambahan_abt"])
    assert "Rp2.228.016.000" in abt
    assert f"menerima Anggaran Belanja Tambahan (ABT) sebesar {abt}" in text
    total = link_markdown(reg2023["pagu.sumber_alokasi.jumlah"])
    assert "Rp20.578.348.000" in total and f"sehingga pagu seluruhnya menjadi {total}" in text
    assert "triwulan" not in text  # the data do not say when
    only_dipa = peristiwa.pagu_alokasi(_pagu(dipa=10_000_000_000))
    assert only_dipa is not None and "ABT" not in only_dipa and "seluruhnya" not in only_dipa
    assert only_dipa.startswith("{angka}`Rp10.000.000.000 ")
    zero = peristiwa.pagu_alokasi(_pagu(dipa=10, anggaran_belanja_tambahan_abt=0))
    assert zero is not None and "ABT" not in zero
    with_abt = peristiwa.pagu_alokasi(_pagu(dipa=10, anggaran_belanja_tambahan_abt=5))
    assert with_abt is not None and "sebesar {angka}`Rp5 " in with_abt
    assert "menjadi {angka}`Rp15 " in with_abt
    assert peristiwa.pagu_alokasi(Registry(tahun=2030)) is None  # draft: not glued


# --- revision of the PK budget ---------------------------------------------------------


def test_the_pk_revision_is_stated_only_with_a_revised_budget(
    reg2023: Registry, ds2023: Dataset, data_copy: Path
) -> None:
    revisi = link_markdown(reg2023["pk.anggaran.revisi.jumlah"])
    assert "Rp20.578.348.000" in revisi
    assert peristiwa.pk_revisi(reg2023).startswith(f"Setelah revisi, jumlahnya menjadi {revisi}")
    table = _shown(bab2_perencanaan.tampilkan_anggaran_pk, Bab("bab2_perencanaan", ds2023, reg2023))
    assert "Anggaran Perjanjian Kinerja tahun 2023 (revisi)" in table
    _rewrite(
        data_copy / str(TAHUN) / "pk_anggaran.csv",
        lambda r: not (r["tahun"] == str(TAHUN) and r["versi"] == "revisi"),
    )
    # and the corrections of the rows removed (a correction must point at a row)
    _rewrite(
        data_copy / str(TAHUN) / "koreksi.csv",
        lambda r: not (r["tabel"] == "pk_anggaran" and "versi=revisi" in r["kunci"]),
    )
    ds = load_dataset(TAHUN, data_copy)
    reg = compute_all(ds)
    assert "pk.anggaran.revisi.jumlah" not in reg
    assert peristiwa.pk_revisi(reg) == "Rinciannya per program dan kegiatan disajikan pada"
    table = _shown(bab2_perencanaan.tampilkan_anggaran_pk, Bab("bab2_perencanaan", ds, reg))
    assert "(revisi)" not in table and "Anggaran Perjanjian Kinerja tahun 2023" in table
    # the signed budget, Rp18.350.332.000 (= the DIPA)
    assert "Rp18.350.332.000" in table and "Rp20.578.348.000" not in table


# --- awards and innovations -----------------------------------------------------------


def test_awards_are_stated_only_when_there_are_awards(
    reg2023: Registry, ds2023: Dataset, data_copy: Path
) -> None:
    made = narasi.fragments(reg2023)
    # published: 4 awards (BAB III D.6)
    assert reg2023.v("penghargaan.jumlah") == 4
    count = link_markdown(reg2023["penghargaan.jumlah"])
    assert (
        made["narasi.penghargaan.bab"]
        == f"Sepanjang tahun ini kantor menerima {count} penghargaan:"
    )
    assert made["narasi.penghargaan.ikhtisar"] == "Penghargaan yang diterima sepanjang tahun ini:"
    # the sentence announces the table only (its keterangan stays in the working paper)
    assert made["narasi.penghargaan.lampiran"] == f"menerima {count} penghargaan dari pihak luar."
    listed = _shown(lainnya.daftar_penghargaan, Bab("bab3_akuntabilitas", ds2023, reg2023))
    assert "Eazy Passport" in listed
    ds, reg = _nihil(data_copy, "penghargaan")
    assert reg.v("penghargaan.jumlah") == 0
    made = narasi.fragments(reg)
    none = "Tidak ada penghargaan yang diterima kantor pada tahun 2023."
    assert made["narasi.penghargaan.bab"] == none
    assert made["narasi.penghargaan.ikhtisar"] == none
    assert made["narasi.penghargaan.lampiran"] == "tidak menerima penghargaan dari pihak luar."
    assert not [t for t in made.values() if "menerima {angka}" in t]
    for chapter, show in (
        ("bab3_akuntabilitas", lainnya.daftar_penghargaan),
        ("lampiran", lampiran.penghargaan),
        ("ikhtisar", lambda c: ikhtisar.daftar(c, "penghargaan", "penghargaan")),
    ):
        assert _shown(show, Bab(chapter, ds, reg)) == "", chapter


def test_innovations_are_stated_only_when_there_are_innovations(
    reg2023: Registry, ds2023: Dataset, data_copy: Path
) -> None:
    made = narasi.fragments(reg2023)
    assert made["narasi.inovasi.bab"] == "Inovasi layanan yang dijalankan pada tahun ini:"
    assert made["narasi.inovasi.ikhtisar"].startswith("Untuk meningkatkan mutu layanan")
    shown = _shown(kinerja.tampilkan_inovasi, Bab("bab3_akuntabilitas", ds2023, reg2023))
    assert "Maung Wani" in shown
    ds, reg = _nihil(data_copy, "inovasi")
    made = narasi.fragments(reg)
    none = "Tidak ada inovasi layanan pada tahun 2023."
    assert made["narasi.inovasi.bab"] == none and made["narasi.inovasi.ikhtisar"] == none
    assert _shown(kinerja.tampilkan_inovasi, Bab("bab3_akuntabilitas", ds, reg)) == ""
    assert _shown(lambda c: ikhtisar.daftar(c, "inovasi", "nama"), Bab("ikhtisar", ds, reg)) == ""


def test_a_missing_count_glues_nothing_so_the_draft_shows_it_missing() -> None:
    made = narasi.fragments(Registry(tahun=2030), ["narasi.penghargaan.bab", "narasi.inovasi.bab"])
    assert made == {}


# --- TARJA scoring and the Ikhtisar's lists --------------------------------------------


def _tarja(months: list[int]) -> Registry:
    reg = Registry(tahun=2030, default_bab="bab3_akuntabilitas")
    for no in (1, 2):
        for bulan in months:
            reg.add(f"tarja.{no}.b{bulan:02d}", 100, "angka2", "Nilai", jenis="resmi")
    return reg


def test_how_often_tarja_are_scored_follows_the_months(reg2023: Registry) -> None:
    # published: columns B03, B06, B09 and B12 hold the scores
    assert peristiwa.tarja_penilaian(reg2023) == "dinilai setiap triwulan"
    assert peristiwa.tarja_penilaian(_tarja([3, 6, 9, 12])) == "dinilai setiap triwulan"
    assert peristiwa.tarja_penilaian(_tarja(list(range(1, 13)))) == "dinilai setiap bulan"
    assert peristiwa.tarja_penilaian(_tarja([6, 12])) == "dinilai pada bulan Juni dan Desember"
    assert peristiwa.tarja_penilaian(Registry(tahun=2030)) is None


def test_the_ikhtisar_lists_have_their_sentence_only_with_items(
    ds2023: Dataset, reg2023: Registry, data_copy: Path
) -> None:
    shown = _shown(lambda c: ikhtisar.daftar_butir(c, "kegiatan"), Bab("ikhtisar", ds2023, reg2023))
    assert shown.startswith(ikhtisar.PENGANTAR["kegiatan"] + "\n\n- ")
    assert ikhtisar.butir(pd.Series([], dtype=str), "langkah") == ""
    _rewrite(data_copy / str(TAHUN) / "ikhtisar_butir.csv", lambda r: r["jenis"] != "kegiatan")
    ds = load_dataset(TAHUN, data_copy)
    ctx = Bab("ikhtisar", ds, compute_all(ds))
    assert _shown(lambda c: ikhtisar.daftar_butir(c, "kegiatan"), ctx) == ""
    assert _shown(lambda c: ikhtisar.daftar_butir(c, "langkah"), ctx).startswith(
        ikhtisar.PENGANTAR["langkah"]
    )
