"""Cross-table consistency: sums that must agree between tables.

Run on the corrected tables. A hard disagreement is a validation error (the
book would print two different totals); a soft one (a published monthly
value that differs from the mean of its parts by more than rounding) is a
warning that the reviu chapter reports.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from lkjip.data.dataset import Dataset
from lkjip.data.reading import LINE
from lkjip.domain import formatting as fmt
from lkjip.domain import smart
from lkjip.domain.indikator import INDIKATOR, TINGKAT_KANTOR
from lkjip.domain.rounding import INDEX_PLACES, places_of, round_half_up, to_decimal
from lkjip.errors import Problem


def check_consistency(ds: Dataset) -> tuple[list[Problem], list[Problem]]:
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for check in HARD:
        errors.extend(check(ds))
    for check in SOFT:
        warnings.extend(check(ds))
    return errors, warnings


def _needs(ds: Dataset, *tables: str) -> bool:
    return all(ds.has(t) for t in tables)


def _rp(value: float | int) -> str:
    """A whole Rupiah amount in Indonesian digits, without the currency sign."""
    return fmt.angka(int(value), 0)


def _mismatch(
    ds: Dataset,
    table: str,
    column: str,
    got: int,
    label: str,
    other: str,
    expected: int,
    line: int | None = None,
) -> Problem:
    return Problem(
        ds.file(table),
        line,
        column,
        _rp(got),
        f"{label} ({_rp(got)}) tidak sama dengan {other} ({_rp(expected)}); "
        f"selisih {_rp(got - expected)}",
    )


def _budget_totals(ds: Dataset) -> list[Problem]:
    """Program table, composition, annual summary and jenis belanja agree for the year."""
    if not _needs(ds, "realisasi_program"):
        return []
    problems = []
    program = ds.table("realisasi_program")
    pagu = int(program["pagu"].sum())
    realisasi = int(program["realisasi"].sum())
    if ds.has("pagu_komposisi"):
        komposisi = ds.table("pagu_komposisi")
        for dimensi, group in komposisi.groupby("dimensi", sort=True):
            total = int(group["pagu"].sum())
            if total != pagu:
                problems.append(
                    _mismatch(
                        ds,
                        "pagu_komposisi",
                        "pagu",
                        total,
                        f"jumlah pagu menurut {dimensi}",
                        "jumlah pagu realisasi_program",
                        pagu,
                    )
                )
    if ds.has("realisasi_tahunan"):
        annual = ds.table("realisasi_tahunan")
        row = annual[annual["tahun"] == ds.tahun]
        if len(row) == 1:
            line = int(row[LINE].iloc[0])
            for column, expected in (("pagu", pagu), ("realisasi", realisasi)):
                got = int(row[column].iloc[0])
                if got != expected:
                    problems.append(
                        _mismatch(
                            ds,
                            "realisasi_tahunan",
                            column,
                            got,
                            f"{column} tahun {ds.tahun}",
                            f"jumlah {column} realisasi_program",
                            expected,
                            line,
                        )
                    )
    return problems


def _jenis_belanja_totals(ds: Dataset) -> list[Problem]:
    """Each year's jenis belanja parts add up to that year's annual total."""
    if not _needs(ds, "realisasi_jenis_belanja", "realisasi_tahunan"):
        return []
    problems = []
    parts = ds.table("realisasi_jenis_belanja")
    annual = ds.table("realisasi_tahunan")
    for row in annual.itertuples():
        group = parts[parts["tahun"] == row.tahun]
        if group.empty:
            continue
        for column in ("pagu", "realisasi"):
            total = int(group[column].sum())
            if total != int(getattr(row, column)):
                problems.append(
                    _mismatch(
                        ds,
                        "realisasi_tahunan",
                        column,
                        int(getattr(row, column)),
                        f"{column} tahun {row.tahun}",
                        f"jumlah {column} realisasi_jenis_belanja tahun {row.tahun}",
                        total,
                        int(getattr(row, LINE)),
                    )
                )
    return problems


def _pk_budget(ds: Dataset) -> list[Problem]:
    """PK budget (revised) equals the year's pagu; the initial PK equals the DIPA."""
    if not _needs(ds, "pk_anggaran", "realisasi_program"):
        return []
    problems = []
    pk = ds.table("pk_anggaran")
    pagu = int(ds.table("realisasi_program")["pagu"].sum())
    revisi = pk[(pk["tahun"] == ds.tahun) & (pk["versi"] == "revisi")]
    if not revisi.empty and int(revisi["anggaran"].sum()) != pagu:
        problems.append(
            _mismatch(
                ds,
                "pk_anggaran",
                "anggaran",
                int(revisi["anggaran"].sum()),
                f"anggaran PK {ds.tahun} (revisi)",
                "jumlah pagu realisasi_program",
                pagu,
            )
        )
    awal = pk[(pk["tahun"] == ds.tahun) & (pk["versi"] == "awal")]
    if not awal.empty and ds.has("pagu_komposisi"):
        komposisi = ds.table("pagu_komposisi")
        dipa = komposisi[
            (komposisi["dimensi"] == "sumber_alokasi") & (komposisi["kategori"] == "DIPA")
        ]
        if len(dipa) == 1 and int(awal["anggaran"].sum()) != int(dipa["pagu"].iloc[0]):
            problems.append(
                _mismatch(
                    ds,
                    "pk_anggaran",
                    "anggaran",
                    int(awal["anggaran"].sum()),
                    f"anggaran PK {ds.tahun} (awal)",
                    "pagu DIPA awal",
                    int(dipa["pagu"].iloc[0]),
                )
            )
    return problems


def _survey_parts(ds: Dataset) -> list[Problem]:
    """Monthly item tables cover the months of their respondent tables, and IPK both sides."""
    problems = []
    pairs = (
        ("skm_unsur_bulanan", "unsur", "skm_bulanan"),
        ("iio_bulanan", "variabel", "iio_responden"),
    )
    for table, item, months_table in pairs:
        if not _needs(ds, table, months_table):
            continue
        months = set(ds.table(months_table)["bulan"])
        for name, group in ds.table(table).groupby(item, sort=True):
            missing = sorted(months - set(group["bulan"]))
            if missing:
                problems.append(
                    Problem(
                        ds.file(table),
                        None,
                        "bulan",
                        None,
                        f"{item} '{name}' tidak memiliki nilai untuk bulan "
                        f"{', '.join(map(str, missing))} yang ada di {months_table}",
                    )
                )
        extra = sorted(set(ds.table(table)["bulan"]) - months)
        if extra:
            problems.append(
                Problem(
                    ds.file(months_table),
                    None,
                    "bulan",
                    None,
                    f"bulan {', '.join(map(str, extra))} ada di {table} tetapi tidak ada "
                    f"di {months_table} (jumlah responden tidak diketahui)",
                )
            )
    if _needs(ds, "ipk_unsur", "ipk_responden"):
        sides = set(ds.table("ipk_unsur")["pihak"])
        counted = set(ds.table("ipk_responden")["pihak"])
        for pihak in sorted(sides ^ counted):
            problems.append(
                Problem(
                    ds.file("ipk_responden"),
                    None,
                    "pihak",
                    pihak,
                    "pihak IPK harus ada di ipk_unsur dan ipk_responden",
                )
            )
    return problems


def _targets_present(ds: Dataset) -> list[Problem]:
    if not _needs(ds, "pk_indikator"):
        return []

    pk = ds.table("pk_indikator")
    rows = pk[(pk["tahun"] == ds.tahun) & (pk["tingkat"] == TINGKAT_KANTOR)]
    problems = []
    for k in INDIKATOR:
        match = rows[rows["indikator_id"] == k]
        if match.empty:
            problems.append(
                Problem(
                    ds.file("pk_indikator"),
                    None,
                    "indikator_id",
                    k,
                    f"target indikator {k} tahun {ds.tahun} tidak ada",
                )
            )
    return problems


#: official values (table ``nilai_resmi``) every year of a component table must have:
#: component table -> (sistem, indikator)
OFFICIAL_FOR = {
    "smart_komponen": ("SMART DJA", "nilai_kinerja"),
    "ikpa_indikator": ("IKPA", "nilai_akhir"),
}


def _official_values_present(ds: Dataset) -> list[Problem]:
    """Each year with SMART/IKPA components has its official value (never recomputed instead)."""
    problems = []
    for table, (sistem, indikator) in OFFICIAL_FOR.items():
        if not ds.has(table):
            continue
        recorded: set[int] = set()
        if ds.has("nilai_resmi"):
            resmi = ds.table("nilai_resmi")
            mine = resmi[(resmi["sistem"] == sistem) & (resmi["indikator"] == indikator)]
            recorded = {int(t) for t in mine["tahun"]}
        for tahun in sorted({int(t) for t in ds.table(table)["tahun"]} - recorded):
            problems.append(
                Problem(
                    ds.file("nilai_resmi") if ds.has("nilai_resmi") else "nilai_resmi.csv",
                    None,
                    "nilai",
                    f"{sistem} {indikator} {tahun}",
                    f"nilai resmi {sistem} ({indikator}) tahun {tahun} belum dicatat; "
                    f"laporan mencetak nilai dari aplikasi, bukan hasil perhitungan ulang "
                    f"dari {table}",
                )
            )
    return problems


def _staff_totals(ds: Dataset) -> list[Problem]:
    """Staff by golongan, when given, add up to the staff by jabatan."""
    if not _needs(ds, "pegawai", "pegawai_golongan"):
        return []
    golongan = ds.table("pegawai_golongan")
    if golongan.empty:
        return []
    got = int(golongan["jumlah"].sum())
    expected = int(ds.table("pegawai")["jumlah"].sum())
    if got == expected:
        return []
    return [
        _mismatch(
            ds,
            "pegawai_golongan",
            "jumlah",
            got,
            "jumlah pegawai menurut golongan",
            "jumlah pegawai menurut jabatan (pegawai.csv)",
            expected,
        )
    ]


def _mean_of_parts(
    ds: Dataset, table: str, value: str, parts_table: str, label: str
) -> list[Problem]:
    """A published monthly value is the mean of its parts rounded half-up (no tolerance)."""
    if not _needs(ds, table, parts_table):
        return []
    problems = []
    parts = ds.table(parts_table).groupby("bulan")["nilai"].apply(list)
    for row in ds.table(table).itertuples():
        if row.bulan not in parts.index:
            continue
        values = [to_decimal(v) for v in parts[row.bulan]]
        average = sum(values, Decimal(0)) / len(values)
        published = to_decimal(getattr(row, value))
        # a float cell loses trailing zeros (3.90 -> 3.9): an index has 2 decimals at least
        if round_half_up(average, max(places_of(published), INDEX_PLACES)) != published:
            problems.append(
                Problem(
                    ds.file(table),
                    int(getattr(row, LINE)),
                    value,
                    str(getattr(row, value)),
                    f"{label} bulan {row.bulan} bukan rata-rata rinciannya ({average:.4f}) "
                    "yang dibulatkan setengah ke atas",
                    severity="peringatan",
                )
            )
    return problems


def _skm_mean(ds: Dataset) -> list[Problem]:
    return _mean_of_parts(ds, "skm_bulanan", "nilai_skm", "skm_unsur_bulanan", "Nilai SKM")


def _iio_mean(ds: Dataset) -> list[Problem]:
    return _mean_of_parts(
        ds, "iio_responden", "nilai_integritas", "iio_bulanan", "Nilai integritas"
    )


def _smart_efisiensi(ds: Dataset) -> list[Problem]:
    """Published nilai efisiensi follows the rule within the precision of the printed efisiensi."""
    if not _needs(ds, "smart_komponen"):
        return []
    problems = []
    frame = ds.table("smart_komponen")
    for tahun, group in frame.groupby("tahun", sort=True):
        values = dict(zip(group["komponen"], group["nilai"], strict=True))
        if "efisiensi" not in values or "nilai_efisiensi" not in values:
            continue
        e = to_decimal(values["efisiensi"])
        half = Decimal("0.5").scaleb(-places_of(e))
        low, high = smart.nilai_efisiensi(e - half), smart.nilai_efisiensi(e + half)
        published = to_decimal(values["nilai_efisiensi"])
        step = Decimal("0.5").scaleb(-places_of(published))
        if not (low - step <= published <= high + step):
            row = group[group["komponen"] == "nilai_efisiensi"]
            problems.append(
                Problem(
                    ds.file("smart_komponen"),
                    int(row[LINE].iloc[0]),
                    "nilai",
                    str(values["nilai_efisiensi"]),
                    f"nilai efisiensi tahun {tahun} tidak sesuai rumus 50 + 50 × E/20 "
                    f"(E = {values['efisiensi']} memberi {low:.2f}–{high:.2f})",
                    severity="peringatan",
                )
            )
    return problems


HARD: tuple[Callable[[Dataset], list[Problem]], ...] = (
    _budget_totals,
    _jenis_belanja_totals,
    _pk_budget,
    _survey_parts,
    _targets_present,
    _official_values_present,
    _staff_totals,
)
SOFT: tuple[Callable[[Dataset], list[Problem]], ...] = (_skm_mean, _iio_mean, _smart_efisiensi)
