"""The Kertas Kerja Reviu: the reviu program applied to one year's evidence.

A reviu of an LKjIP (PermenPANRB 53/2014) works through a program of steps; each
step is documented with its procedure, criterion, evidence, result and conclusion.
The program (steps and kinds of finding, in Indonesian) is package data,
``program_reviu.yaml``; the evidence is what the book already computes: the
reconciliation rows (:mod:`lkjip.audit.reconciliation`) and the consistency checks
(:mod:`lkjip.audit.checks`). A step's conclusion follows from its evidence only:

* ``memadai``: evidence exists and none of it is a finding;
* ``tidak memadai``: at least one finding in its evidence;
* ``belum dapat disimpulkan``: there is no evidence for the step this year (for
  example no published report has been transcribed), so nothing is claimed.

Findings are grouped by kind and written as kondisi (generated from the rows and
checks), kriteria, sebab, akibat and rekomendasi (the program's text for the kind).
Every judgement that removes or downgrades a finding is listed (:func:`pertimbangan`).
What the APIP team enters (team, assignment, paraf per step, the auditee's response)
is read from the tables ``reviu_*``; a blank stays blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from lkjip.audit import reconciliation
from lkjip.audit.baris import (
    MASUKAN,
    NILAI_RESMI,
    TEMUAN,
    TIDAK_DAPAT,
    Baris,
)
from lkjip.audit.checks import Pemeriksaan, pemeriksaan
from lkjip.data.dataset import Dataset
from lkjip.figures.registry import Registry

MEMADAI = "memadai"
TIDAK_MEMADAI = "tidak memadai"
BELUM = "belum dapat disimpulkan"
KESIMPULAN = (MEMADAI, TIDAK_MEMADAI, BELUM)


@dataclass(frozen=True)
class Program:
    """The reviu program: its steps and kinds of finding, as written in the package data."""

    langkah: tuple[dict, ...]
    temuan: tuple[dict, ...]

    def kinds(self) -> tuple[str, ...]:
        return tuple(t["kode"] for t in self.temuan)

    def steps(self) -> tuple[str, ...]:
        return tuple(s["kode"] for s in self.langkah)


@cache
def program() -> Program:
    """The reviu program shipped with the tool (``program_reviu.yaml``)."""
    text = resources.files("lkjip.audit").joinpath("program_reviu.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    return Program(tuple(raw["langkah"]), tuple(raw["temuan"]))


@dataclass(frozen=True)
class Langkah:
    """One step of the reviu with its evidence and conclusion."""

    kode: str
    judul: str
    prosedur: str
    kriteria: str
    baris: tuple[Baris, ...]
    pemeriksaan: tuple[Pemeriksaan, ...]
    #: the format step: the parts the report must have and those its Daftar Isi lacks
    bagian_wajib: tuple[str, ...] = ()
    bagian_hilang: tuple[str, ...] = ()
    #: why the step has no evidence this year ("" when it has)
    tanpa_bukti: str = ""

    @property
    def temuan(self) -> tuple[Baris, ...]:
        return tuple(r for r in self.baris if r.status in TEMUAN)

    @property
    def pemeriksaan_temuan(self) -> tuple[Pemeriksaan, ...]:
        return tuple(c for c in self.pemeriksaan if c.hasil == "temuan")

    @property
    def kesimpulan(self) -> str:
        if self.tanpa_bukti:
            return BELUM
        if self.temuan or self.pemeriksaan_temuan or self.bagian_hilang:
            return TIDAK_MEMADAI
        return MEMADAI


@dataclass(frozen=True)
class Temuan:
    """One kind of finding with everything that shows it (kondisi) and the program's text."""

    kode: str
    judul: str
    kriteria: str
    sebab: str
    akibat: str
    rekomendasi: str
    baris: tuple[Baris, ...]
    pemeriksaan: tuple[Pemeriksaan, ...]
    #: the steps whose evidence holds it
    langkah: tuple[str, ...]

    @property
    def jumlah(self) -> int:
        return len(self.baris) + len(self.pemeriksaan)


@dataclass(frozen=True)
class Pertimbangan:
    """A judgement that removes, downgrades or limits a finding, disclosed with its reason."""

    jenis: str
    jumlah: int
    pengaruh: str
    rincian: str


@dataclass(frozen=True)
class KertasKerjaReviu:
    langkah: tuple[Langkah, ...]
    temuan: tuple[Temuan, ...]
    pertimbangan: tuple[Pertimbangan, ...]

    @property
    def kesimpulan(self) -> str:
        """The reviu's overall conclusion: the weakest conclusion of its steps."""
        found = {s.kesimpulan for s in self.langkah}
        for value in (TIDAK_MEMADAI, BELUM):
            if value in found:
                return value
        return MEMADAI


# --- evidence ------------------------------------------------------------------------


def _selected(row: Baris, bukti: dict) -> bool:
    if any(re.search(p, row.figure_id) for p in bukti.get("figure", ()) if row.figure_id):
        return True
    return (
        row.jenis in bukti.get("jenis", ())
        or row.dasar in bukti.get("dasar", ())
        or row.status in bukti.get("status", ())
    )


def _checks_of(checks: list[Pemeriksaan], bukti: dict) -> tuple[Pemeriksaan, ...]:
    """The step's checks that had something to check (one that could not check is no
    evidence, as a reconciliation row that cannot be checked is none)."""
    patterns = bukti.get("pemeriksaan", ())
    return tuple(c for c in checks if c.diperiksa and any(re.search(p, c.nama) for p in patterns))


def _missing_parts(ds: Dataset, wanted: list[str]) -> tuple[str, ...] | None:
    """The required parts the published report's Daftar Isi lacks (None: no Daftar Isi)."""
    if not ds.has("daftar_isi_publikasi") or ds.table("daftar_isi_publikasi").empty:
        return None
    listed = {str(b).upper() for b in ds.table("daftar_isi_publikasi")["bagian"]}
    return tuple(p for p in wanted if p.upper() not in listed)


def _step(spec: dict, ds: Dataset, rows: list[Baris], checks: list[Pemeriksaan]) -> Langkah:
    bukti = spec.get("bukti", {})
    base = dict(
        kode=spec["kode"],
        judul=spec["judul"],
        prosedur=spec["prosedur"].strip(),
        kriteria=spec["kriteria"].strip(),
    )
    if "bagian" in bukti:
        wanted = tuple(bukti["bagian"])
        missing = _missing_parts(ds, list(wanted))
        if missing is None:
            return Langkah(
                **base,
                baris=(),
                pemeriksaan=(),
                bagian_wajib=wanted,
                tanpa_bukti="daftar isi laporan yang direviu belum dicatat "
                "(tabel daftar_isi_publikasi)",
            )
        return Langkah(**base, baris=(), pemeriksaan=(), bagian_wajib=wanted, bagian_hilang=missing)
    chosen = tuple(r for r in rows if r.status != TIDAK_DAPAT and _selected(r, bukti))
    found_checks = _checks_of(checks, bukti)
    why = ""
    if not chosen and not found_checks:
        why = (
            "tidak ada angka laporan yang direviu yang tercatat untuk langkah ini (tabel "
            "publikasi) dan tidak ada pemeriksaan konsistensi yang berlaku"
        )
    return Langkah(**base, baris=chosen, pemeriksaan=found_checks, tanpa_bukti=why)


def jenis_pemeriksaan(check: Pemeriksaan) -> str:
    """The kind of finding a failed consistency check is."""
    if check.nama.startswith("Koreksi"):
        return "data_sumber"
    if check.nama.startswith("Selisih nilai resmi"):
        return "nilai_resmi"
    if check.nama.startswith("Nilai terbit"):
        return "pembulatan"
    return "konsistensi"


def _findings(steps: tuple[Langkah, ...], rows: list[Baris], checks: list[Pemeriksaan]):
    out = []
    for spec in program().temuan:
        kode = spec["kode"]
        kind_rows = tuple(r for r in rows if r.status in TEMUAN and r.kategori == kode)
        kind_checks = tuple(
            c for c in checks if c.hasil == "temuan" and jenis_pemeriksaan(c) == kode
        )
        if not kind_rows and not kind_checks:
            continue
        in_steps = tuple(
            s.kode
            for s in steps
            if any(r in s.temuan for r in kind_rows)
            or any(c in s.pemeriksaan_temuan for c in kind_checks)
        )
        out.append(
            Temuan(
                kode=kode,
                judul=spec["judul"],
                kriteria=spec["kriteria"].strip(),
                sebab=spec["sebab"].strip(),
                akibat=spec["akibat"].strip(),
                rekomendasi=spec["rekomendasi"].strip(),
                baris=kind_rows,
                pemeriksaan=kind_checks,
                langkah=in_steps,
            )
        )
    return tuple(out)


def pertimbangan(ds: Dataset, rows: list[Baris]) -> tuple[Pertimbangan, ...]:
    """Every judgement that removes, downgrades or limits a finding, with its reason."""
    koreksi = [c for c in ds.corrections if c.changes_value]
    tafsiran = [c for c in ds.corrections if not c.changes_value]
    konstruksi = [c for c in koreksi if c.konstruksi]
    count = {d: sum(r.dasar == d for r in rows) for d in (MASUKAN, NILAI_RESMI, TIDAK_DAPAT)}
    explained = [r for r in rows if r.kategori == "pembulatan"]
    return (
        Pertimbangan(
            "Koreksi data sumber",
            len(koreksi),
            "nilai yang dicetak diganti dengan nilai koreksi; angka yang dihitung dari nilai "
            "itu tidak lagi menunjukkan selisih",
            "; ".join(f"{c.tabel} {c.kunci} {c.kolom} ({c.source})" for c in koreksi) or "-",
        ),
        Pertimbangan(
            "Tafsiran cetakan yang rusak atau bermakna ganda",
            len(tafsiran),
            "cetakan dibaca dengan satu cara; pembacaan lain dapat memberi hasil lain",
            "; ".join(f"{c.tabel} {c.kunci} {c.kolom} ({c.source})" for c in tafsiran) or "-",
        ),
        Pertimbangan(
            "Total yang sama karena konstruksi koreksi",
            len(konstruksi),
            "total ini tidak dapat berbeda dari yang dicetak, karena rinciannya dikoreksi "
            "menjadi total dikurangi rincian lainnya; dihitung ulang hanya melalui rincian "
            "lain bila ada",
            "; ".join(f"{c.konstruksi} ({c.source})" for c in konstruksi) or "-",
        ),
        Pertimbangan(
            "Angka masukan (tidak dihitung ulang)",
            count[MASUKAN],
            "hanya dibandingkan dengan data yang disalin dari laporan dan dengan cetakan yang "
            "sama di tempat lain; tidak dihitung sebagai angka yang dihitung ulang",
            "baris berdasar 'masukan' pada rekonsiliasi",
        ),
        Pertimbangan(
            "Nilai resmi aplikasi lain tanpa komponen yang tercetak",
            count[NILAI_RESMI],
            "dibandingkan dengan nilai resmi yang tercatat saja; tidak dihitung ulang",
            "baris berdasar 'nilai resmi' pada rekonsiliasi",
        ),
        Pertimbangan(
            "Angka yang tidak dapat diperiksa",
            count[TIDAK_DAPAT],
            "dikecualikan dari pemeriksaan, masing-masing dengan alasannya",
            "baris berstatus 'tidak dapat diperiksa' pada rekonsiliasi",
        ),
        Pertimbangan(
            "Toleransi pembulatan",
            0,
            "tidak ada: setiap angka dibandingkan setelah hasil perhitungan ulang dibulatkan "
            "setengah ke atas ke ketelitian yang dicetak",
            f"{len(explained)} temuan pembulatan diberi keterangan bahwa masukannya dicetak "
            "dibulatkan; keterangan itu tidak mengubah statusnya",
        ),
    )


def susun(ds: Dataset, reg: Registry) -> KertasKerjaReviu:
    """The Kertas Kerja Reviu of one year."""
    rows = reconciliation.rows(ds, reg)
    checks = pemeriksaan(ds, reg)
    steps = tuple(_step(spec, ds, rows, checks) for spec in program().langkah)
    return KertasKerjaReviu(steps, _findings(steps, rows, checks), pertimbangan(ds, rows))


# --- pages of the report under review ----------------------------------------------------


def halaman_publikasi(ds: Dataset) -> dict[str, str]:
    """Part (``bagian`` of the published Daftar Isi) -> its printed page or page range."""
    if not ds.has("daftar_isi_publikasi"):
        return {}
    entries = [
        (str(r.bagian), str(r.halaman))
        for r in ds.table("daftar_isi_publikasi").sort_values("no").itertuples()
    ]
    out: dict[str, str] = {}
    for i, (bagian, page) in enumerate(entries):
        out[bagian] = page
        if not page.isdigit():
            continue
        later = [
            int(p)
            for b, p in entries[i + 1 :]
            if p.isdigit() and int(p) > int(page) and not b.startswith(f"{bagian} ")
        ]
        if later and later[0] - 1 > int(page):
            out[bagian] = f"{page}–{later[0] - 1}"
        elif not later and i == len(entries) - 1:
            out[bagian] = f"{page} dst."
    return out


def halaman_dari_lokasi(lokasi: str, pages: dict[str, str]) -> str:
    """The page (range) of the report under review where ``lokasi`` is, or ""."""
    best = ""
    for bagian in pages:
        if re.match(rf"{re.escape(bagian)}(?![\w])", lokasi, re.IGNORECASE) and len(bagian) > len(
            best
        ):
            best = bagian
    return pages.get(best, "")
