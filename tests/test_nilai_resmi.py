"""Official values (SMART DJA, IKPA, e-monev, TARJA): printed as published, recomputed as a check.

The expected official values are those printed in the published LKjIP 2023
(BAB III C); the recomputations are what the printed components give.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from itertools import permutations
from pathlib import Path

import pytest

from lkjip.audit import ledger
from lkjip.audit.checks import hitung_ulang
from lkjip.audit.figures import compute_all
from lkjip.chapters.bab3_akuntabilitas import anggaran
from lkjip.chapters.kernel.context import Bab
from lkjip.data.dataset import Dataset
from lkjip.data.loading import load_dataset
from lkjip.domain.formatting import BELUM_TERSEDIA
from lkjip.domain.rounding import round_half_up, to_decimal
from lkjip.domain.smart import SKOR_KOMPONEN, nilai_kinerja
from lkjip.errors import DataInvalid
from lkjip.figures.registry import Registry

from .helpers import TAHUN

#: (official id, official value as printed, recomputation, difference); SMART 2021 and 2022
#: recompute to the official value because the weights were read so that they do (see
#: test_the_smart_weights_are_the_one_pairing_of_the_printed_weights_that_fits): those two
#: rows check the difference figures, not the weights
OFFICIAL = [
    ("smart.nilai_kinerja", "87,04", "87,07", "-0,03"),
    ("smart.nilai_kinerja.t-1", "89,62", "89,62", "0,00"),
    ("smart.nilai_kinerja.t-2", "97,45", "97,45", "0,00"),
    ("ikpa.nilai_akhir", "96,66", "96,66", "0,00"),
    ("ikpa.nilai_akhir.t-1", "97,86", "97,76", "0,10"),
    ("ikpa.nilai_akhir.t-2", "95,06", "92,28", "2,78"),
]


def _related(fid: str) -> tuple[str, str, str]:
    base, dot, year = fid.partition(".t-")
    sfx = f".t-{year}" if dot else ""
    return f"{base}.hitung_ulang{sfx}", f"{base}.selisih{sfx}", f"{base}.selisih.alasan{sfx}"


@pytest.mark.parametrize(("fid", "official", "recomputed", "difference"), OFFICIAL)
def test_official_figure_is_the_published_value_and_the_recomputation_a_check(
    reg2023: Registry, fid: str, official: str, recomputed: str, difference: str
) -> None:
    figure = reg2023[fid]
    assert (figure.display, figure.jenis, figure.formula) == (official, "resmi", "data")
    assert len(figure.sources) == 1
    assert figure.sources[0].startswith("data/2023/nilai_resmi.csv:")
    again, selisih, alasan = _related(fid)
    assert (reg2023[again].display, reg2023[again].jenis) == (recomputed, "hitung")
    assert reg2023[again].formula != "data"
    assert reg2023[selisih].display == difference
    assert reg2023[selisih].inputs == (fid, again)
    assert reg2023[selisih].substituted == f"{official} − {recomputed} = {difference}"
    # a difference carries the office's reason; no difference needs none
    assert (alasan in reg2023) == (difference != "0,00")


def test_the_smart_weights_are_the_one_pairing_of_the_printed_weights_that_fits(
    ds2023: Dataset,
) -> None:
    """The SMART weights are a reading (tafsiran) chosen because they reproduce the official
    2021 and 2022 scores, so recomputing those scores with them proves nothing. What can
    fail: the weights are the four percentages the report prints (it pairs them with other
    components), and no other pairing of them reproduces both official scores. The 2023
    recomputation is then a real check (test_official_figure_...: 87,07 against 87,04)."""
    pub = ds2023.table("publikasi")
    printed = pub[pub["figure_id"].str.startswith("smart.bobot.", na=False)]["nilai"]
    weights = ds2023.table("smart_bobot")
    used = {k: to_decimal(w) for k, w in zip(weights["komponen"], weights["bobot"], strict=True)}
    assert sorted(used.values()) == sorted(to_decimal(w) for w in printed)
    parts = ds2023.table("smart_komponen")
    komponen = {
        int(year): dict(zip(group["komponen"], group["nilai"], strict=True))
        for year, group in parts.groupby("tahun")
    }
    resmi = ds2023.table("nilai_resmi")
    smart = resmi[(resmi["sistem"] == "SMART DJA") & (resmi["indikator"] == "nilai_kinerja")]
    official = {int(y): to_decimal(v) for y, v in zip(smart["tahun"], smart["nilai"], strict=True)}

    def reproduces(pairing: dict[str, Decimal], years: tuple[int, ...]) -> bool:
        return all(
            round_half_up(nilai_kinerja(komponen[y], pairing), 2) == official[y] for y in years
        )

    pairings = [dict(zip(SKOR_KOMPONEN, p, strict=True)) for p in set(permutations(printed))]
    pairings = [{k: to_decimal(w) for k, w in p.items()} for p in pairings]
    before = (TAHUN - 2, TAHUN - 1)
    assert [p for p in pairings if reproduces(p, before)] == [used]
    # 2021 alone leaves two pairings (its capaian RO and nilai efisiensi are both 100)
    assert len([p for p in pairings if reproduces(p, before[:1])]) == 2


def test_kind_of_each_figure(reg2023: Registry) -> None:
    kinds = {f.id: f.jenis for f in reg2023}
    assert set(kinds.values()) == {"hitung", "resmi"}
    for fid in ("ikm.realisasi", "ikm.capaian", "anggaran.persen", "pnbp.realisasi"):
        assert kinds[fid] == "hitung", fid
    for fid in ("smart.penyerapan", "ikpa.indikator.2.nilai", "emonev.anggaran", "tarja.37.b03"):
        assert kinds[fid] == "resmi", fid
    assert kinds["ikpa.nilai_total"] == "resmi" and "ikpa.nilai_total.t-2" not in kinds
    for fid in (
        "smart.kategori",
        "ikpa.nilai_total.hitung_ulang",
        "tarja.rerata",
        "smart.bobot.penyerapan",
    ):
        assert kinds[fid] == "hitung", fid
    # an official figure is always data
    assert all(reg2023[f].formula == "data" for f, k in kinds.items() if k == "resmi")


def test_categories_follow_the_official_value(reg2023: Registry) -> None:
    assert reg2023["smart.kategori"].display == "Baik"
    assert reg2023["smart.kategori"].inputs == ("smart.nilai_kinerja",)
    # 95,06 is Sangat Baik; the recomputation 92,28 would have been Baik
    assert reg2023["ikpa.kategori.t-2"].display == "Sangat Baik"
    assert reg2023["ikpa.kategori.t-2"].inputs == ("ikpa.nilai_akhir.t-2",)


def test_registry_kind_rules() -> None:
    reg = Registry(tahun=2000, default_bab="bab3_akuntabilitas")
    assert reg.add("a", 1, "jumlah", "A").jenis == "hitung"
    assert reg.add("b", 2, "skor", "B", jenis="resmi").jenis == "resmi"
    with pytest.raises(ValueError, match="jenis"):
        reg.add("c", 3, "skor", "C", jenis="tebakan")
    with pytest.raises(ValueError, match="official"):
        reg.add("d", 4, "skor", "D", formula="a + b", substituted="1 + 2", jenis="resmi")


def test_ledger_has_the_kind(reg2023: Registry, tmp_path: Path) -> None:
    path = ledger.write_csv(reg2023, tmp_path / "ledger.csv", missing=["x.belum"])
    with path.open(encoding="utf-8") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows["smart.nilai_kinerja"]["jenis"] == "resmi"
    assert rows["smart.nilai_kinerja"]["display"] == "87,04"
    assert rows["smart.nilai_kinerja.hitung_ulang"]["jenis"] == "hitung"
    assert rows["x.belum"]["jenis"] == ""


def test_the_difference_is_a_check_with_its_reason(ds2023, reg2023: Registry) -> None:
    checks = {c.nama: c for c in hitung_ulang(reg2023)}
    assert len(checks) == 8  # SMART 2021-2023, IKPA nilai akhir 2021-2023, IKPA total 2022-2023
    total = checks["Selisih nilai resmi IKPA (nilai total) tahun 2022 dan perhitungan ulang"]
    assert total.hasil == "temuan" and total.rincian.startswith("nilai resmi 97,86; ")
    smart = checks["Selisih nilai resmi SMART DJA tahun 2023 dan perhitungan ulang"]
    assert smart.hasil == "temuan"
    assert smart.rincian.startswith("nilai resmi 87,04; perhitungan ulang 87,07; selisih -0,03. ")
    assert smart.rincian.endswith(reg2023["smart.nilai_kinerja.selisih.alasan"].display)
    ikpa = checks["Selisih nilai resmi IKPA tahun 2021 dan perhitungan ulang"]
    assert ikpa.hasil == "temuan" and "tidak tersusun rapi" in ikpa.rincian
    assert checks["Selisih nilai resmi IKPA tahun 2023 dan perhitungan ulang"].hasil == "lulus"


def test_chapter_shows_the_recomputation_beside_the_official_value(ds2023, reg2023) -> None:
    ctx = Bab(chapter="bab3_akuntabilitas", ds=ds2023, reg=reg2023)
    assert anggaran.hitung_ulang(ctx, "smart.nilai_kinerja") == [
        "smart.nilai_kinerja.hitung_ulang",
        "smart.nilai_kinerja.selisih",
        "smart.nilai_kinerja.selisih.alasan",
    ]
    assert anggaran.hitung_ulang(ctx, "ikpa.nilai_akhir") == [
        "ikpa.nilai_akhir.hitung_ulang",
        "ikpa.nilai_akhir.selisih",
    ]
    table = anggaran.tabel_smart(ctx)
    assert "87,04" in str(table.iloc[-1]["2023"]) and "87,07" not in table.to_string()


def _without_smart_2023(data: Path) -> None:
    path = data / str(TAHUN) / "nilai_resmi.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith("2023,SMART DJA,nilai_kinerja,")]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")


def test_missing_official_value_fails_validation(data_copy: Path) -> None:
    _without_smart_2023(data_copy)
    with pytest.raises(DataInvalid) as caught:
        load_dataset(TAHUN, data_copy)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1
    assert "nilai resmi SMART DJA (nilai_kinerja) tahun 2023 belum dicatat" in problems[0]


def test_missing_official_value_is_missing_in_a_draft_never_the_recomputation(
    data_copy: Path,
) -> None:
    _without_smart_2023(data_copy)
    ds = load_dataset(TAHUN, data_copy, strict=False)
    assert any("belum dicatat" in str(p) for p in ds.problems)
    reg = compute_all(ds, draft=True)
    assert "smart.nilai_kinerja" not in reg
    assert "smart.kategori" not in reg  # the category follows the official value only
    assert "smart.nilai_kinerja.selisih" not in reg
    assert reg["smart.nilai_kinerja.hitung_ulang"].display == "87,07"  # still a check
    assert reg["smart.nilai_kinerja.t-1"].display == "89,62"
    ctx = Bab(chapter="bab3_akuntabilitas", ds=ds, reg=reg, draft=True)
    assert BELUM_TERSEDIA in str(ctx.link("smart.nilai_kinerja"))
    table = anggaran.tabel_smart(ctx)
    assert BELUM_TERSEDIA in str(table.iloc[-1]["2023"])
    assert "89,62" in str(table.iloc[-1]["2022"])
    rows = {r["id"]: r for r in ledger.rows(reg, missing=["smart.nilai_kinerja"])}
    assert rows["smart.nilai_kinerja"]["display"] == BELUM_TERSEDIA
