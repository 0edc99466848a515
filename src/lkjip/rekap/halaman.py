"""The pages of the comparison book, as MyST Markdown: the opening page, the sections
(tables and charts), the failed offices and the appendix "Sumber angka".

Each table and chart is written twice: as raw HTML (values linked to each office's
calculation) and, inside ``{only} latex``, as a MyST table and a PNG for the PDF, which
has no links into other books.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lkjip import paths
from lkjip.domain import formatting as fmt
from lkjip.rekap import grafik, tabel
from lkjip.rekap.angka import DataKantor
from lkjip.rekap.hasil import DIBANGUN, TIDAK_BERUBAH
from lkjip.render.myst import code_md, escape_md, option_text, table_markdown

#: the pages after the opening one: file stem -> title
HALAMAN = {
    "indikator": "Indikator Kinerja",
    "anggaran": "Anggaran dan PNBP",
    "smart_ikpa": "Nilai SMART dan IKPA",
    "gagal": "Kantor yang Gagal Dibangun",
    "sumber_angka": "Lampiran: Sumber Angka",
}


def judul_buku(tahun: int) -> str:
    return f"Perbandingan Kinerja Kantor Imigrasi Tahun {tahun}"


@dataclass(frozen=True)
class Konteks:
    tahun: int
    kantor: list[DataKantor]
    #: where the HTML pages will be (``out/html``): links are relative to it
    html_dir: Path
    #: the staged book (charts' PNGs are written into it)
    src: Path

    @property
    def kanwil(self) -> list[str]:
        return sorted({k.kanwil for k in self.kantor})

    @property
    def berhasil(self) -> list[DataKantor]:
        return [k for k in self.kantor if not k.gagal]

    @property
    def gagal(self) -> list[DataKantor]:
        return [k for k in self.kantor if k.gagal]


def _raw_html(text: str) -> str:
    return f"```{{raw}} html\n{text}\n```\n"


def _latex_only(text: str) -> str:
    return f"::::{{only}} latex\n{text}\n::::\n"


def _esc(text: str) -> str:
    return html.escape(text, quote=True).replace("`", "&#96;")


def _href(target: Path, base: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(target), os.path.abspath(base))).as_posix()


def _daftar_kantor(ctx: Konteks) -> str:
    """The offices by Kanwil, each with its book (HTML index and PDFs)."""
    parts = []
    for kanwil in ctx.kanwil:
        offices = sorted((k for k in ctx.kantor if k.kanwil == kanwil), key=lambda k: k.nama)
        parts.append(f"### {escape_md(kanwil)}\n")
        items_html, items_md = [], []
        for office in offices:
            book = office.hasil.kantor.buku
            if office.gagal:
                note = "gagal dibangun (lihat bagian Kantor yang Gagal Dibangun)"
                items_html.append(f"<li>{_esc(office.nama)}: <em>{note}</em></li>")
                items_md.append(f"- {escape_md(office.nama)}: *{note}*")
                continue
            index = _href(book / "html" / "index.html", ctx.html_dir)
            links = [f'<a href="{_esc(index)}">HTML</a>']
            pdfs = sorted((book / "pdf").glob("*.pdf")) if (book / "pdf").is_dir() else []
            links += [f'<a href="{_esc(_href(p, ctx.html_dir))}">{_esc(p.name)}</a>' for p in pdfs]
            items_html.append(f"<li>{_esc(office.nama)}: {' · '.join(links)}</li>")
            folder = paths.display_path(book)
            items_md.append(f"- {escape_md(office.nama)}: buku di {code_md(folder)}")
        parts.append(_raw_html('<ul class="lkjip-kantor">' + "".join(items_html) + "</ul>"))
        parts.append(_latex_only("\n".join(items_md)))
    return "\n".join(parts)


def pembuka(ctx: Konteks) -> str:
    built = sum(1 for k in ctx.berhasil if k.hasil.status == DIBANGUN)
    kept = sum(1 for k in ctx.berhasil if k.hasil.status == TIDAK_BERUBAH)
    lines = [
        f"# {judul_buku(ctx.tahun)}",
        "",
        f"Buku ini menyandingkan kinerja {len(ctx.kantor)} kantor imigrasi tahun {ctx.tahun} "
        f"dari {len(ctx.kanwil)} Kantor Wilayah. Setiap angka diambil apa adanya dari ledger "
        "buku LKjIP kantor yang bersangkutan (`ledger.csv`), sebagaimana tercetak di buku itu; "
        "pada versi HTML setiap angka tertaut ke perhitungannya di buku kantor tersebut.",
        "",
        "## Ringkasan",
        "",
        f"- Jumlah kantor: {len(ctx.kantor)}",
        f"- Dibangun pada proses ini: {built}",
        f"- Tidak berubah (buku sebelumnya tetap berlaku): {kept}",
        f"- Gagal dibangun: {len(ctx.gagal)}",
        f"- Kantor Wilayah: {', '.join(escape_md(k) for k in ctx.kanwil)}",
        "",
        "Peringkat disusun menurut angka sebagaimana tercetak (kantor dengan angka tercetak "
        "sama berperingkat sama: 1, 2, 2, 4); kantor yang angkanya belum tersedia tidak "
        f"diperingkat ({tabel.TIDAK_DIPERINGKAT}) dan ditulis \u201c{fmt.BELUM_TERSEDIA}\u201d.",
        "",
    ]
    if ctx.gagal:
        lines += ["## Kantor yang gagal dibangun", ""]
        for office in ctx.gagal:
            first = office.pesan.strip().splitlines()[0] if office.pesan.strip() else ""
            lines.append(f"- {escape_md(office.nama)}: {escape_md(first)}")
        lines.append("")
    lines += ["## Daftar kantor", "", _daftar_kantor(ctx)]
    return "\n".join(lines)


def _bagian_md(ctx: Konteks, bagian: tabel.Bagian) -> str:
    rows = tabel.baris_bagian(bagian, ctx.kantor, ctx.html_dir)
    several = tabel.banyak_kanwil(ctx.berhasil)
    parts = [f"## {escape_md(bagian.judul)}\n"]
    if not rows:
        parts.append("Tidak ada kantor yang berhasil dibangun.\n")
        return "\n".join(parts)
    parts.append(_raw_html(tabel.tabel_html(bagian, rows, several)))
    parts.append(_latex_only(tabel.tabel_markdown(bagian, rows, several)))
    spec = grafik.spec_grafik(bagian, rows)
    if spec is None:
        parts.append(f"Belum ada kantor yang memiliki angka ini ({fmt.BELUM_TERSEDIA}).\n")
        return "\n".join(parts)
    parts.append(_raw_html(grafik.html(spec, bagian)))
    png = grafik.simpan_png(spec, bagian, ctx.src)
    image = f"```{{image}} {png}\n:alt: {option_text(spec['description'])}\n:width: 90%\n```"
    parts.append(_latex_only(image))
    return "\n".join(parts)


_PENGANTAR = {
    "indikator": "Indikator kinerja Perjanjian Kinerja setiap kantor sebagaimana tercantum "
    "pada ledger-nya: target, realisasi, capaian dan status, diperingkat menurut capaian.",
    "anggaran": "Realisasi anggaran (diperingkat menurut persentase realisasi) dan "
    "Penerimaan Negara Bukan Pajak terhadap targetnya (diperingkat menurut capaian).",
    "smart_ikpa": "Nilai resmi aplikasi SMART dan IKPA setiap kantor, diperingkat menurut "
    "nilainya.",
}


def halaman_bagian(ctx: Konteks, stem: str, sections: list[tabel.Bagian]) -> str:
    parts = [f"# {HALAMAN[stem]}\n", _PENGANTAR[stem] + "\n"]
    for bagian in sections:
        parts.append(_bagian_md(ctx, bagian))
    return "\n".join(parts)


def halaman_gagal(ctx: Konteks) -> str:
    parts = [f"# {HALAMAN['gagal']}\n"]
    if not ctx.gagal:
        parts.append("Semua kantor berhasil dibangun.\n")
        return "\n".join(parts)
    parts.append(
        "Kantor berikut tidak memiliki buku yang berlaku untuk tahun ini; angkanya tidak "
        "dimuat dalam tabel mana pun dan tidak diperingkat.\n"
    )
    for office in ctx.gagal:
        kantor = office.hasil.kantor
        parts.append(f"## {escape_md(office.nama)}\n")
        parts.append(
            f"Kanwil: {escape_md(kantor.kanwil)}; baris {kantor.baris} daftar kantor "
            f"(folder {code_md(kantor.folder)}).\n"
        )
        lines = [ln for ln in office.pesan.splitlines() if ln.strip()] or ["gagal dibangun"]
        parts.append("\n".join(f"- {escape_md(line.strip())}" for line in lines) + "\n")
    return "\n".join(parts)


def halaman_sumber(ctx: Konteks, sections: list[tabel.Bagian]) -> str:
    """Per office, its ledger file and the rows the comparison used."""
    parts = [
        f"# {HALAMAN['sumber_angka']}\n",
        "Setiap angka buku ini berasal dari ledger buku kantor yang bersangkutan. Untuk "
        "setiap kantor dicantumkan berkas ledger-nya dan baris yang dipakai (baris 1 adalah "
        "judul kolom).\n",
    ]
    ids = [f"{s.kunci}.indikator" for s in sections if s.halaman == "indikator"]
    ids += [k.id for s in sections for k in s.kolom]
    for number, office in enumerate(sorted(ctx.berhasil, key=lambda k: (k.kanwil, k.nama)), 1):
        assert office.ledger is not None
        parts.append(f"## {escape_md(office.nama)}\n")
        parts.append(f"Ledger: {code_md(paths.display_path(office.ledger))}\n")
        records = []
        for figure_id in ids:
            found = office.nilai(figure_id)
            if found is None:
                shown = office.angka.get(figure_id)
                row = str(shown.baris) if shown else "tidak ada"
                records.append([row, figure_id, fmt.BELUM_TERSEDIA])
            else:
                records.append([str(found.baris), figure_id, found.tampil])
        frame = pd.DataFrame(records, columns=["Baris", "Id angka", "Nilai tercetak"])
        parts.append(
            table_markdown(
                frame,
                f"Baris ledger yang dipakai: {office.nama}",
                f"tabel-sumber-{number}",
                kanan=["Baris"],
            )
        )
    return "\n".join(parts)


def semua_halaman(ctx: Konteks, say: Callable[[str], None]) -> dict[str, str]:
    """Every page of the book: file stem -> MyST text (the opening page is ``index``)."""
    sections = tabel.bagian_semua(ctx.berhasil)
    pages = {"index": pembuka(ctx)}
    for stem in ("indikator", "anggaran", "smart_ikpa"):
        mine = [s for s in sections if s.halaman == stem]
        say(f"Perbandingan: halaman {HALAMAN[stem]} ({len(mine)} tabel)")
        pages[stem] = halaman_bagian(ctx, stem, mine)
    pages["gagal"] = halaman_gagal(ctx)
    pages["sumber_angka"] = halaman_sumber(ctx, sections)
    return pages
