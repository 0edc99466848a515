"""The programme's name: one name in every table (the Renstra's), corrected by koreksi from
the published wording, with figure ids that stay those the published report's figure_id
names."""

from __future__ import annotations

from pathlib import Path

from lkjip.audit.figures import compute_all
from lkjip.audit.reconciliation import rekonsiliasi
from lkjip.chapters import bab2_perencanaan as B2
from lkjip.chapters import lampiran as L
from lkjip.chapters.bab3_akuntabilitas import anggaran
from lkjip.chapters.kernel.context import Bab
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.figures import ids
from lkjip.figures.registry import Registry

PUBLISHED = "Program Pelayanan dan Penegakan Hukum"
RENSTRA = "Program Penegakan dan Pelayanan Hukum"
#: the id the published report's rows (publikasi.figure_id) name for the programme
PUBLISHED_ID = "anggaran.program.program_pelayanan_dan_penegakan_hukum"


def _programs(ds: Dataset, reg: Registry) -> list[str]:
    """Every programme name the report's budget tables print."""
    bab3 = anggaran.tabel_program(Bab("bab3_akuntabilitas", ds, reg))
    names = [str(c) for c in bab3["Program/Kegiatan"] if str(c).startswith("**")]
    pk = ds.table("pk_anggaran")
    for tahun, versi in {(int(r.tahun), str(r.versi)) for r in pk.itertuples()}:
        names += list(B2.tabel_pk_anggaran(pk, tahun, versi, reg.d)["Program"])
        heads = L.tabel_anggaran(pk, tahun, versi, 2023, reg.d)["Kegiatan"]
        names += [str(c) for c in heads if str(c).startswith("**")]
    return names


def test_every_budget_table_names_the_renstra_programme(ds2023: Dataset, reg2023) -> None:
    names = _programs(ds2023, reg2023)
    assert not [n for n in names if "Pelayanan dan Penegakan Hukum" in n]
    assert sum(RENSTRA in n for n in names) == 1 + 2 * 3  # BAB III B; BAB II B and lampiran
    # the identity's programme (Ikhtisar, BAB II prose) is the same name
    assert RENSTRA == "Program " + str(ds2023.fact("identitas", "program"))


def test_the_programme_ids_stay_those_of_the_published_name(ds2023: Dataset, reg2023) -> None:
    assert ids.program(ds2023, RENSTRA, "pagu") == f"{PUBLISHED_ID}.pagu"
    assert ids.program(ds2023, "Program Dukungan Manajemen", "persen") == (
        "anggaran.program.program_dukungan_manajemen.persen"
    )
    assert reg2023[f"{PUBLISHED_ID}.pagu"].label == f"Pagu {RENSTRA}"
    assert not [f.id for f in reg2023 if "program_penegakan_dan_pelayanan" in f.id]
    # the published rows of the programme are compared, not "not computed"
    rows = [r for r in rekonsiliasi(ds2023, reg2023) if r.figure_id.startswith(PUBLISHED_ID)]
    assert len(rows) == 3 and all(r.status == "cocok" for r in rows), rows


def test_without_a_correction_the_id_is_the_entered_name(data_copy: Path) -> None:
    path = data_copy / "2023" / "koreksi.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if ",program,Program Pelayanan" not in ln))
    ds = load_dataset(2023, data_copy, strict=True)
    assert ids.program(ds, PUBLISHED, "pagu") == f"{PUBLISHED_ID}.pagu"
    assert ids.program(ds, RENSTRA, "pagu") == (
        "anggaran.program.program_penegakan_dan_pelayanan_hukum.pagu"
    )
    reg = compute_all(ds)
    assert reg[f"{PUBLISHED_ID}.pagu"].label == f"Pagu {PUBLISHED}"
    assert sum(PUBLISHED in n for n in _programs(ds, reg)) == 7
