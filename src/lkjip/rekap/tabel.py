"""The comparison tables: which figures each section compares, and the rows (offices)
with their values, links and ranks. Rendered as HTML (values linked to each office's
calculation) and as MyST tables for the PDF (:mod:`lkjip.rekap.halaman`)."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from lkjip.domain import formatting as fmt
from lkjip.rekap.angka import Angka, DataKantor, kunci_indikator
from lkjip.rekap.peringkat import angka_tercetak, peringkat, peringkat_kelompok
from lkjip.render.myst import table_markdown

#: what a rank cell shows for an office that has not the figure
TIDAK_DIPERINGKAT = "–"


@dataclass(frozen=True)
class Kolom:
    judul: str
    id: str


@dataclass(frozen=True)
class Bagian:
    """One comparison: its figures (columns) and the figure ranked."""

    kunci: str
    judul: str
    kolom: tuple[Kolom, ...]
    #: the figure the offices are ranked on
    peringkat_id: str
    #: what the ranked figure is called in the chart
    judul_peringkat: str
    #: the page it belongs to
    halaman: str


def _teks(key: str, kantor: list[DataKantor], fallback: str) -> str:
    """The first office's printed text of the figure ``key`` (``ikm.singkatan``: "IKM")."""
    for office in kantor:
        found = office.nilai(key)
        if found is not None:
            return found.tampil
    return fallback


def bagian_semua(kantor: list[DataKantor]) -> list[Bagian]:
    """The sections of the book, the indicators first (as the offices' ledgers have them)."""
    short = {key: _teks(f"{key}.singkatan", kantor, key.upper()) for key in kunci_indikator(kantor)}
    out = [
        Bagian(
            kunci=key,
            judul=f"{short[key]}: {_teks(f'{key}.indikator', kantor, short[key])}",
            kolom=(
                Kolom("Target", f"{key}.target"),
                Kolom("Realisasi", f"{key}.realisasi"),
                Kolom("Capaian", f"{key}.capaian"),
                Kolom("Status", f"{key}.status"),
            ),
            peringkat_id=f"{key}.capaian",
            judul_peringkat=f"Capaian {short[key]} (%)",
            halaman="indikator",
        )
        for key in kunci_indikator(kantor)
    ]
    out += [
        Bagian(
            "anggaran",
            "Realisasi Anggaran",
            (
                Kolom("Pagu", "anggaran.pagu"),
                Kolom("Realisasi", "anggaran.realisasi"),
                Kolom("Persentase realisasi", "anggaran.persen"),
            ),
            "anggaran.persen",
            "Realisasi anggaran (%)",
            "anggaran",
        ),
        Bagian(
            "pnbp",
            "Penerimaan Negara Bukan Pajak (PNBP)",
            (
                Kolom("Target", "pnbp.target"),
                Kolom("Realisasi", "pnbp.realisasi"),
                Kolom("Capaian", "pnbp.capaian"),
            ),
            "pnbp.capaian",
            "Capaian PNBP (%)",
            "anggaran",
        ),
        Bagian(
            "smart",
            "Nilai Kinerja Anggaran (SMART)",
            (Kolom("Nilai kinerja", "smart.nilai_kinerja"),),
            "smart.nilai_kinerja",
            "Nilai kinerja SMART",
            "smart_ikpa",
        ),
        Bagian(
            "ikpa",
            "Indikator Kinerja Pelaksanaan Anggaran (IKPA)",
            (Kolom("Nilai akhir", "ikpa.nilai_akhir"),),
            "ikpa.nilai_akhir",
            "Nilai akhir IKPA",
            "smart_ikpa",
        ),
    ]
    return out


@dataclass(frozen=True)
class Sel:
    """A cell: its text, and for a figure its ledger row and link."""

    teks: str
    angka: Angka | None = None
    href: str = ""

    @property
    def kutipan(self) -> str:
        """The ledger row it cites (``ledger.csv baris 57: ikm.capaian``)."""
        return f"ledger.csv baris {self.angka.baris}: {self.angka.id}" if self.angka else ""


@dataclass(frozen=True)
class Baris:
    kantor: DataKantor
    sel: tuple[Sel, ...]
    peringkat_kanwil: int | None
    peringkat: int | None


def tautan(office: DataKantor, figure: Angka, halaman_dir: Path) -> str:
    """The relative link from a page in ``halaman_dir`` to the figure's calculation in
    the office's own book (``<book>/<url>``); "" when the ledger gives no url."""
    if not figure.url:
        return ""
    path, _, anchor = figure.url.partition("#")
    target = os.path.abspath(office.hasil.kantor.buku / path)
    relative = Path(os.path.relpath(target, os.path.abspath(halaman_dir))).as_posix()
    return f"{relative}#{anchor}" if anchor else relative


def nilai_peringkat(office: DataKantor, figure_id: str) -> Decimal | None:
    found = office.nilai(figure_id)
    return angka_tercetak(found.tampil) if found is not None else None


def baris_bagian(bagian: Bagian, kantor: list[DataKantor], halaman_dir: Path) -> list[Baris]:
    """The rows of one section: every office with values (failed ones are left out),
    by Kanwil, then by rank (unranked last), then by name."""
    shown = [k for k in kantor if not k.gagal]
    key = {id(k): str(i) for i, k in enumerate(shown)}
    values = {key[id(k)]: nilai_peringkat(k, bagian.peringkat_id) for k in shown}
    overall = peringkat(values)
    within = peringkat_kelompok(values, {key[id(k)]: k.kanwil for k in shown})
    rows = []
    for office in shown:
        cells = []
        for kolom in bagian.kolom:
            found = office.nilai(kolom.id)
            if found is None:
                cells.append(Sel(fmt.BELUM_TERSEDIA))
            else:
                cells.append(Sel(found.tampil, found, tautan(office, found, halaman_dir)))
        k = key[id(office)]
        rows.append(Baris(office, tuple(cells), within.get(k), overall.get(k)))
    big = 10**9
    rows.sort(key=lambda r: (r.kantor.kanwil, r.peringkat_kanwil or big, r.kantor.nama))
    return rows


def banyak_kanwil(kantor: list[DataKantor]) -> bool:
    return len({k.kanwil for k in kantor}) > 1


def _rank(value: int | None) -> str:
    return str(value) if value is not None else TIDAK_DIPERINGKAT


def judul_kolom(bagian: Bagian, kanwil: bool, kolom_kanwil: bool | None = None) -> list[str]:
    """The header: ``kanwil`` (several Kanwils) adds the rank within the Kanwil and, unless
    ``kolom_kanwil`` is False (a table of one Kanwil), a Kanwil column."""
    shown = kanwil if kolom_kanwil is None else kolom_kanwil
    head = ["No", "Kantor"] + (["Kanwil"] if shown else [])
    head += [k.judul for k in bagian.kolom]
    return head + (["Peringkat di Kanwil", "Peringkat keseluruhan"] if kanwil else ["Peringkat"])


def _ekor(row: Baris, kanwil: bool) -> list[str]:
    if kanwil:
        return [_rank(row.peringkat_kanwil), _rank(row.peringkat)]
    return [_rank(row.peringkat)]


def _esc(text: str) -> str:
    # (a raw block ends at a fence of backticks: none survives)
    return html.escape(text, quote=True).replace("`", "&#96;")


def tabel_html(bagian: Bagian, rows: list[Baris], kanwil: bool) -> str:
    """The section's table as HTML: each value a link to the office's calculation, with
    the ledger row it comes from as its title."""
    head = "".join(f"<th>{_esc(h)}</th>" for h in judul_kolom(bagian, kanwil))
    body = []
    for position, row in enumerate(rows, start=1):
        cells = [f"<td>{position}</td>", f"<td>{_esc(row.kantor.nama)}</td>"]
        if kanwil:
            cells.append(f"<td>{_esc(row.kantor.kanwil)}</td>")
        for sel in row.sel:
            if sel.angka is None:
                cells.append(f'<td class="lkjip-belum"><em>{_esc(sel.teks)}</em></td>')
            elif sel.href:
                cells.append(
                    f'<td class="lkjip-nilai"><a href="{_esc(sel.href)}" '
                    f'title="{_esc(sel.kutipan)}" data-ledger="{_esc(sel.kutipan)}">'
                    f"{_esc(sel.teks)}</a></td>"
                )
            else:
                cells.append(f'<td title="{_esc(sel.kutipan)}">{_esc(sel.teks)}</td>')
        cells += [f'<td class="lkjip-peringkat">{r}</td>' for r in _ekor(row, kanwil)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = _esc(bagian.judul)
    return (
        f'<table class="table lkjip-rekap" id="tabel-{bagian.kunci}">'
        f"<caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def tabel_markdown(bagian: Bagian, rows: list[Baris], kanwil: bool) -> str:
    """The section's table(s) for the PDF (no links to other books: the appendix "Sumber
    angka" gives each office's ledger rows): with several Kanwils, one table per Kanwil
    (its name in the caption, not in a column beside every office)."""
    if not kanwil:
        return _tabel_pdf(bagian, rows, False, bagian.judul, f"tabel-{bagian.kunci}")
    groups: dict[str, list[Baris]] = {}
    for row in rows:  # (rows come sorted by Kanwil)
        groups.setdefault(row.kantor.kanwil, []).append(row)
    return "\n".join(
        _tabel_pdf(bagian, group, True, f"{bagian.judul}: {name}", f"tabel-{bagian.kunci}-{i}")
        for i, (name, group) in enumerate(groups.items(), start=1)
    )


def _tabel_pdf(bagian: Bagian, rows: list[Baris], kanwil: bool, judul: str, nama: str) -> str:
    records = []
    for position, row in enumerate(rows, start=1):
        record = [str(position), row.kantor.nama] + [sel.teks for sel in row.sel]
        records.append(record + _ekor(row, kanwil))
    frame = pd.DataFrame(records, columns=judul_kolom(bagian, kanwil, kolom_kanwil=False))
    right = [k.judul for k in bagian.kolom if k.judul != "Status"]
    right += ["No"] + [c for c in frame.columns if c.startswith("Peringkat")]
    return table_markdown(frame, judul, nama, kanan=right)
