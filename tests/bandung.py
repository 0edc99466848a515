"""Bandung's own facts, derived from its 2023 data: what nothing made for another office
(table metadata, the workbook's README sheet, another office's book) may state.

Derived, not typed: the names of its office, people, places, services, innovations and
awards (from its tables), its years, the counts of its rows, and the figures of its
report (its numeric cells and the figures computed from them). Shared by the test
modules like ``helpers`` and ``synthetic``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pandas as pd

from lkjip.data.dataset import Dataset
from lkjip.domain import formatting as fmt
from lkjip.figures.registry import Registry

#: the columns that name Bandung's office, people, places, services and distinctions
NAME_COLUMNS = {
    "identitas": ("nama_satker", "alamat", "kota", "kepala_kantor", "nip_kepala_kantor", "kanwil"),
    "inovasi": ("nama",),
    "penghargaan": ("penghargaan", "pemberi"),
    "unit_layanan": ("nama", "lokasi"),
    "tpi": ("nama", "lokasi"),
    "wilayah_kerja": ("nama",),
    "pk_penandatangan": ("nama", "nip"),
    "tarja_rencana_aksi": ("judul",),
}
#: words that name a kind of place, not the place (``Kota Cimahi`` names ``Cimahi``)
_KIND = re.compile(r"^(Kota|Kabupaten|Kab\.|Bandar Udara( Internasional)?|Pelabuhan|Gedung)\s+")
#: year columns (their values are Bandung's years)
YEAR_COLUMNS = ("tahun", "periode_awal", "periode_akhir", "tahun_peristiwa")
#: a number as text: ``3,99``, ``2.822``, ``20578348000``, ``87.04`` (not ``A.1``)
NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:[.,]\d+)*(?![\w/-])")


def names(ds: Dataset) -> set[str]:
    """Bandung's names (office, head, places, services, innovations, awards), and the
    place in a place name (``Cimahi`` of ``Kota Cimahi``)."""
    found: set[str] = set()
    for table, columns in NAME_COLUMNS.items():
        for frame in (ds.raw_frames[table], ds.frames[table]):
            for column in columns:
                for value in frame[column].dropna().astype(str):
                    value = value.strip()
                    if len(value) >= 4:
                        found.add(value)
                        found.add(_KIND.sub("", value))
    return {n for n in found if len(n) >= 4}


def years(ds: Dataset) -> set[int]:
    """Every year Bandung's 2023 tables hold."""
    found: set[int] = set()
    for frame in ds.frames.values():
        for column in YEAR_COLUMNS:
            if column in frame.columns:
                found.update(int(v) for v in frame[column].dropna())
    return found


def counts(ds: Dataset, table: str) -> set[int]:
    """How many rows the table has in Bandung's 2023 data, in all and per value of each
    of its text columns (``5 butir``, ``IKM (7)``)."""
    frame = ds.frames[table]
    found = {len(frame)}
    for column in ds.specs[table].columns:
        if column.type == "string" and column.name in frame.columns:
            found.update(int(n) for n in frame[column.name].value_counts())
    return found


#: tables about the published report itself (its printed numbers, pages, coverage)
REPORT_TABLES = ("publikasi", "cakupan_publikasi", "daftar_isi_publikasi")


def _office_tables(ds: Dataset) -> set[str]:
    """The tables of the office's own results (a year scope of its own: not a reference
    table, not the plan of the Perjanjian Kinerja, not the transcription of the report)."""
    return {
        n
        for n, s in ds.specs.items()
        if s.year_scope in ("current", "history") and n not in REPORT_TABLES
    }


def _measures(ds: Dataset, table: str) -> list:  # ColumnSpec
    """The numeric columns of a table that measure (not its years, not its keys)."""
    spec = ds.specs[table]
    return [
        c
        for c in spec.columns
        if c.type in ("integer", "number")
        and c.name not in YEAR_COLUMNS
        and c.name not in spec.primary_key
    ]


def values(ds: Dataset, reg: Registry) -> set[Decimal]:
    """The numbers of Bandung's results: numeric cells of its own tables (not their years)
    and the numeric figures computed from them."""
    found: set[Decimal] = set()
    for table in _office_tables(ds) & set(ds.frames):
        for column in _measures(ds, table):
            for v in ds.frames[table][column.name].dropna():
                found.add(Decimal(str(v)).normalize())
    for figure in _office_figures(ds, reg):
        found.add(figure.number.normalize())
    return found


def _sources(reg: Registry, figure_id: str, seen: dict[str, set[str]]) -> set[str]:
    """The source rows of a figure and of every figure it was computed from."""
    if figure_id not in seen:
        figure = reg[figure_id]
        seen[figure_id] = set(figure.sources)
        for ref in figure.inputs:
            seen[figure_id] |= _sources(reg, ref, seen)
    return seen[figure_id]


def _office_figures(ds: Dataset, reg: Registry) -> list:  # Figure
    """The numeric figures computed from the office's own tables only."""
    office = tuple(f"{ds.file(t)}:" for t in _office_tables(ds) & set(ds.paths))
    seen: dict[str, set[str]] = {}
    out = []
    for fid in reg.ids():
        figure = reg[fid]
        sources = _sources(reg, fid, seen)
        if isinstance(figure.value, str) or not sources:
            continue
        if all(s.startswith(office) for s in sources):
            out.append(figure)
    return out


def displays(ds: Dataset, reg: Registry) -> set[str]:
    """Bandung's figures as its book prints them, when they cannot be a coincidence:
    three significant digits or more (trailing zeros not counted), with a non-zero
    decimal part (``3,99``, ``99,12%``) or thousands (``150.474``, ``Rp…``)."""
    shown = {f.display for f in _office_figures(ds, reg)}
    for table in _office_tables(ds) & set(ds.frames):
        for column in _measures(ds, table):
            places = column.decimals or 0
            shown.update(fmt.angka(v, places) for v in ds.frames[table][column.name].dropna())
    return {
        d
        for d in shown
        if re.search(r"\d,\d*[1-9]|\d\.\d{3}", d) and len(re.sub(r"\D", "", d).strip("0")) >= 3
    }


def displays_in(text: str, shown: set[str]) -> list[str]:
    """The displays of ``shown`` that occur in ``text`` as whole numbers (``3,99`` is not in
    ``13,995``), sorted."""
    return sorted(d for d in shown if re.search(rf"(?<![\d.,]){re.escape(d)}(?![\d]|[.,]\d)", text))


def number(token: str) -> Decimal | None:
    """A number token of a text as a value: ``3,99`` and ``3.99`` -> 3.99; ``2.822`` ->
    2822 (Indonesian thousands); None when it is not a number."""
    text = token
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return None


def in_text(text: str, terms: set[str]) -> list[str]:
    """The terms that occur in ``text`` (case-insensitive), sorted."""
    lower = text.lower()
    return sorted(t for t in terms if t.lower() in lower)


def frame_texts(frame: pd.DataFrame) -> str:
    """Every cell of a frame as one text."""
    return " ".join(str(v) for v in frame.to_numpy().ravel() if v is not None)
