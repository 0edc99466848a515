"""The pre-signing checklist (Daftar periksa sebelum penandatanganan).

What the head of office must decide before signing the official edition, computed from
the data and the audit's own results for any office and year: dates that cannot be in
that order, paragraphs the report prints twice, figures the book prints otherwise than
the office's published report, the corrections the book adopted, and official values
their printed components do not reproduce.

Each kind of item has a producer (:data:`PRODUCERS`, in the order the checklist lists
them); a producer takes a :class:`Bahan` and returns its items. Another check (for
example a signed document that is not attached) is one more producer in that list.
The build prints the checklist (:func:`baris_konsol`) and writes it as the working
paper's first page (:mod:`lkjip.assemble.checklist_page`); the official edition holds
nothing of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from lkjip import paths
from lkjip.audit.baris import TEMUAN, Baris
from lkjip.audit.butir_periksa import Bahan, Butir, pendek
from lkjip.audit.periksa_tanggal import tanggal
from lkjip.audit.printed import split_year
from lkjip.data import lampiran as lampiran_data
from lkjip.data import tidak_tersedia
from lkjip.data.dataset import Dataset
from lkjip.data.metadata import ColumnSpec
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import to_decimal
from lkjip.figures.nilai_resmi import related
from lkjip.figures.registry import Registry

#: the kinds of item, in checklist order: kind -> heading
JENIS = {
    "tanggal": "Tanggal yang bertentangan",
    "paragraf": "Paragraf yang berulang",
    "publikasi": "Angka yang berbeda dari laporan yang dipublikasikan",
    "koreksi": "Koreksi dan tafsiran data yang dipakai",
    "nilai_resmi": "Nilai resmi yang tidak sesuai dengan komponennya",
    "tidak_disajikan": "Bagian yang tidak disajikan",
    "lampiran": "Dokumen bertanda tangan dan lambang yang belum dilampirkan",
}


# --- repeated paragraphs ------------------------------------------------------------------

#: tables the official edition does not print (the working paper's, the reviu's)
TIDAK_DICETAK = frozenset(
    {
        "publikasi",
        "daftar_isi_publikasi",
        "cakupan_publikasi",
        "catatan_tabel",
        "koreksi",
        "nihil",
        "reviu_tim",
        "reviu_penugasan",
        "reviu_langkah",
        "reviu_tanggapan",
    }
)
#: a paragraph: a text of at least this many words that ends a sentence
KATA_PARAGRAF = 12
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)]*$")


def normal(text: str) -> str:
    """A paragraph for comparison: whitespace collapsed, case folded."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def is_paragraph(text: object) -> bool:
    return (
        isinstance(text, str)
        and len(text.split()) >= KATA_PARAGRAF
        and bool(_SENTENCE_END.search(text.strip()))
    )


def paragraf(b: Bahan) -> list[Butir]:
    """Paragraphs of the official edition's data-driven text printed twice (the same
    words once whitespace and case are set aside). A table's rows of different years
    (the PK of two years, a history) are separate documents and are not compared."""
    ds = b.ds
    seen: dict[str, list[tuple[str, str, object, pd.Series]]] = {}
    for table in sorted(ds.frames):
        if table in TIDAK_DICETAK:
            continue
        frame = b.frame(table)
        if frame is None:
            continue
        spec = ds.specs[table]
        for column in spec.column_names:
            if column not in frame.columns or spec.column(column).type != "string":
                continue
            for _, row in frame.iterrows():
                text = row[column]
                if is_paragraph(text):
                    seen.setdefault(normal(text), []).append((table, column, row.get("tahun"), row))
    out = []
    for where in seen.values():
        if len(where) < 2:
            continue
        # the same table, each time another year: a document of each year, not a repetition
        years = {(t, y) for t, _, y, _ in where}
        if len({t for t, _ in years}) == 1 and len(years) == len(where):
            continue
        tables = sorted({t for t, _, _, _ in where})
        letak = "; ".join(
            f"{ds.specs[t].title}: {' '.join(ds.specs[t].source.split())}" for t in tables
        )
        rows = "; ".join(_row_words(ds, t, row) for t, _, _, row in where)
        refs = tuple(r for t, _, _, row in where for r in ds.refs(t, row)[:1])
        first = where[0][3][where[0][1]]
        out.append(
            Butir(
                "paragraf",
                f"Paragraf yang sama dicetak {len(where)} kali: {rows}.",
                letak,
                f"“{pendek(first)}”",
                "Tulis uraian yang tepat untuk setiap bagian, atau pastikan pengulangan memang "
                "dikehendaki.",
                sumber=refs,
            )
        )
    return out


def _row_words(ds: Dataset, table: str, row: pd.Series) -> str:
    """A row named by its key (without the year) and its title, if the table has one."""
    spec = ds.specs[table]
    key = [f"{k} {row[k]}" for k in spec.primary_key if k != "tahun" and k in row]
    title = next((row[c] for c in ("judul", "nama", "bagian") if c in row and row[c]), "")
    named = ", ".join(key) + (f" ({title})" if isinstance(title, str) and title else "")
    return f"{spec.title.lower()} {named}".strip()


# --- the published report --------------------------------------------------------------------


def publikasi(b: Bahan) -> list[Butir]:
    """Figures the book prints otherwise than the office's published report (the
    reconciliation's differences, one item per figure; official values have their own
    kind)."""
    by_figure: dict[str, list[Baris]] = {}
    for row in b.rows:
        if row.status in TEMUAN and row.kategori != "nilai_resmi" and row.figure_id:
            by_figure.setdefault(row.figure_id, []).append(row)
    out = []
    for fid, rows in by_figure.items():
        figure = b.reg[fid] if fid in b.reg else None
        label = figure.label if figure else fid
        printed = sorted({r.dipublikasikan for r in rows})
        corrected = [r for r in rows if r.kategori == "data_sumber"]
        out.append(
            Butir(
                "publikasi",
                f"{label}: buku mencetak {rows[0].dihitung}, laporan yang dipublikasikan "
                f"mencetak {' / '.join(printed)}.",
                "; ".join(r.lokasi for r in rows),
                f"dipublikasikan {' / '.join(printed)}; buku {rows[0].dihitung}",
                (
                    "Setujui angka sesudah koreksi, atau batalkan koreksinya."
                    if corrected
                    else "Setujui angka buku, atau perbaiki data sumbernya bila angka yang "
                    "dipublikasikan yang benar."
                ),
                angka=(fid,) if figure else (),
            )
        )
    return out


def _shown(column: ColumnSpec, value: str) -> str:
    """A corrected cell as the report prints it (amounts and numbers formatted)."""
    if column.type not in ("integer", "number"):
        return value
    try:
        number = to_decimal(value)
    except ArithmeticError:
        return value  # a reading of a garbled print, in words
    if column.unit == "rupiah":
        return fmt.rupiah(number)
    places = max(0, -int(number.normalize().as_tuple().exponent))
    return fmt.angka(number, places)


def koreksi(b: Bahan) -> list[Butir]:
    """The corrections and readings the book adopted (``koreksi.csv``)."""
    out = []
    for corr in b.ds.corrections:
        spec = b.ds.specs[corr.tabel]
        changed = corr.changes_value
        was, now = (
            _shown(spec.column(corr.kolom), v)
            for v in (corr.nilai_dipublikasikan, corr.nilai_koreksi)
        )
        out.append(
            Butir(
                "koreksi",
                (
                    f"{spec.title}, kolom {corr.kolom}: buku mencetak {now}, "
                    f"bukan {was} yang dipublikasikan."
                    if changed
                    else f"{spec.title}, kolom {corr.kolom}: cetakan “{was}” dibaca sebagai {now}."
                ),
                " ".join(spec.source.split()),
                f"{was} → {now}. Alasan: {corr.alasan}",
                (
                    "Setujui koreksi ini, atau hapus barisnya dari koreksi.csv."
                    if changed
                    else "Setujui tafsiran ini, atau tetapkan bacaan lain."
                ),
                sumber=(corr.source, corr.target_source),
            )
        )
    return out


def nilai_resmi(b: Bahan) -> list[Butir]:
    """Official values (SMART DJA, IKPA) that their printed components do not reproduce:
    the registry's own difference figures (:mod:`lkjip.figures.nilai_resmi`), as the
    reviu's check reads them (:func:`lkjip.audit.checks.hitung_ulang`)."""
    reg = b.reg
    out = []
    for figure in sorted(reg, key=lambda f: f.label):
        if figure.jenis != "resmi":
            continue
        base, sfx = split_year(figure.id)
        recomputed, difference, reason = related(base, sfx)
        if difference not in reg or reg.v(difference) == 0:
            continue
        why = reg.d(reason) if reason in reg else "alasan selisih belum dicatat"
        out.append(
            Butir(
                "nilai_resmi",
                f"{figure.label}: nilai resmi {figure.display} tidak dihasilkan oleh "
                f"komponennya yang dicetak ({reg.d(recomputed)}).",
                " ".join(b.ds.specs["nilai_resmi"].source.split())
                if "nilai_resmi" in b.ds.specs
                else "",
                f"nilai resmi {figure.display}; dari komponen {reg.d(recomputed)}; selisih "
                f"{reg.d(difference)}. {why}",
                "Cetak nilai resmi dengan catatan, atau minta rincian nilai dari aplikasinya.",
                angka=tuple(i for i in (figure.id, recomputed) if i in reg),
            )
        )
    return out


def tidak_disajikan(b: Bahan) -> list[Butir]:
    """Parts the report leaves out because the office declared their data not available
    (``tidak_tersedia.csv``): the report prints the office's reason in their place."""
    frame = b.frame(tidak_tersedia.TIDAK_TERSEDIA)
    if frame is None:
        return []
    out = []
    for _, row in frame.iterrows():
        if int(row["tahun"]) != b.ds.tahun or row["tabel"] not in b.ds.specs:
            continue
        spec = b.ds.specs[row["tabel"]]
        out.append(
            Butir(
                "tidak_disajikan",
                f"{spec.title} tidak disajikan; laporan mencetak alasannya.",
                " ".join(spec.source.split()),
                f"Alasan yang dicetak: {row['alasan']}",
                f"Setujui bahwa bagian ini tidak disajikan, atau isi tabel {row['tabel']}.",
                sumber=b.ds.refs(tidak_tersedia.TIDAK_TERSEDIA, row)[:1],
            )
        )
    return out


def pk_tanpa_pindaian(b: Bahan) -> list[Butir]:
    """The Perjanjian Kinerja the Lampiran prints (the report year's and the next) that
    have no scan of the signed document in ``data/<tahun>/lampiran/``: the report then
    prints them retyped from the data, with unsigned signature blocks."""
    frame = b.frame("pk_penandatangan")
    if frame is None:
        return []
    scans, _ = lampiran_data.scan(b.ds.data_dir, b.ds.tahun, b.ds.inputs())
    folder = paths.display_path(lampiran_data.folder(b.ds.data_dir, b.ds.tahun))
    out = []
    for tahun in (b.ds.tahun, b.ds.tahun + 1):
        rows = frame[frame["tahun"] == tahun]
        if rows.empty or tahun in scans:
            continue
        out.append(
            Butir(
                "lampiran",
                f"Perjanjian Kinerja Tahun {tahun} dicetak ulang dari data, tanpa tanda "
                "tangan: pindaian dokumen yang ditandatangani belum dilampirkan.",
                f"Lampiran, Perjanjian Kinerja Tahun {tahun}",
                f"tidak ada berkas pk-{tahun}.* di {folder}",
                f"Lampirkan pindaian PK yang ditandatangani ({folder}/pk-{tahun}.pdf), atau "
                "setujui naskah yang dicetak ulang.",
                sumber=b.ds.refs("pk_penandatangan", rows)[:1],
            )
        )
    return out


def sampul_tanpa_lambang(b: Bahan) -> list[Butir]:
    """A cover without the office's emblem (``<data>/aset/lambang.*`` absent)."""
    if lampiran_data.emblem(b.ds.data_dir, b.ds.inputs()) is not None:
        return []
    where = paths.display_path(b.ds.data_dir / paths.ASSETS)
    return [
        Butir(
            "lampiran",
            "Sampul dicetak tanpa lambang: berkas lambang belum disimpan.",
            "Sampul",
            f"tidak ada berkas lambang.* di {where}",
            f"Simpan lambang ({where}/lambang.png, .jpg atau .pdf), atau setujui sampul "
            "tanpa lambang.",
        )
    ]


#: the producers, in checklist order (add one to check something more)
PRODUCERS: list[Callable[[Bahan], list[Butir]]] = [
    tanggal,
    paragraf,
    publikasi,
    koreksi,
    nilai_resmi,
    tidak_disajikan,
    pk_tanpa_pindaian,
    sampul_tanpa_lambang,
]


def susun(ds: Dataset, reg: Registry, rows: list[Baris] | None = None) -> list[Butir]:
    """The checklist of a year: every producer's items, grouped by kind in JENIS order."""
    bahan = Bahan(ds, reg, rows)
    items = [item for producer in PRODUCERS for item in producer(bahan)]
    order = list(JENIS)
    return sorted(items, key=lambda i: order.index(i.jenis) if i.jenis in order else len(order))


#: what the checklist says when nothing needs a decision
KOSONG = "tidak ada yang perlu diputuskan sebelum penandatanganan"
JUDUL = "Daftar periksa sebelum penandatanganan"
#: items of one kind the build prints before it refers to the working paper
KONSOL_PER_JENIS = 6


def baris_konsol(items: list[Butir]) -> list[str]:
    """The checklist as short lines for the build's output."""
    if not items:
        return [f"{JUDUL}: {KOSONG}."]
    lines = [f"{JUDUL} ({len(items)} butir; rinciannya di halaman pertama Kertas Kerja):"]
    for jenis, heading in JENIS.items():
        mine = [i for i in items if i.jenis == jenis]
        if not mine:
            continue
        lines.append(f"  {heading} ({len(mine)}):")
        lines += [f"    - {pendek(i.apa, 30)}" for i in mine[:KONSOL_PER_JENIS]]
        if len(mine) > KONSOL_PER_JENIS:
            lines.append(f"    … dan {len(mine) - KONSOL_PER_JENIS} butir lainnya")
    others = [i for i in items if i.jenis not in JENIS]
    lines += [f"  - {pendek(i.apa, 30)}" for i in others]
    return lines
