"""The placeholders of the office's own text, checked by validation, every one at once.

Two syntaxes (docs/analis.md):

* the narratives (``narasi.teks``, ``narasi_tarja.teks``): ``{{figure.id}}`` stands for
  a computed figure, ``{{ref:tbl-label}}`` for the number of a table or figure of the
  book (:mod:`lkjip.chapters.uraian` prints them);
* the Perjanjian Kinerja text (``pk_naskah.teks``): ``{nama}`` is one of :data:`ISIAN`,
  filled from the page's signatories (:mod:`lkjip.chapters.lampiran.naskah_pk`).

:func:`syntax_problems` needs only the tables: a ``{{`` or ``}}`` that is not part of a
placeholder, a reference that is not a label, an unknown PK placeholder. It runs with the
rest of the validation (:mod:`lkjip.data.loading`). :func:`unknown_figures` needs the
year's figure ids, so it runs once the figures are computed (``lkjip validate``, and a
build before any chapter runs). A table or figure label a reference names is checked by
the book's build (Sphinx), since the labels exist only in the built chapters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd

from lkjip.data.reading import LINE
from lkjip.errors import Problem

#: ``{{figure.id}}`` inside a narrative
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
#: ``{{ref:label}}``: the number of a table or figure of the book
RUJUKAN = "ref:"
#: the form of a table or figure label (``tbl-bab1-sejarah``)
LABEL = re.compile(r"[a-z0-9][a-z0-9-]*")
#: the tables and columns written with ``{{...}}`` placeholders
NARRATIVES = (("narasi", "teks"), ("narasi_tarja", "teks"))

#: placeholders a PK statement text may hold, filled from the signatories of its page
ISIAN = (
    "tahun",
    "nama_pertama",
    "jabatan_pertama",
    "nip_pertama",
    "nama_kedua",
    "jabatan_kedua",
    "nip_kedua",
    "tempat",
    "tanggal",
)
#: ``{nama}``: a PK placeholder (any other brace is text, never a format expression)
PK_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: the table and column written with ``{nama}`` placeholders
PK_TEXT = ("pk_naskah", "teks")


def label_rule(key: str) -> str:
    """Why ``{{key}}`` (a ``ref:`` placeholder) names no label."""
    return (
        f"rujukan {{{{{key}}}}} tidak dikenal: tulis {{{{ref:tbl-...}}}} dengan "
        "label tabel atau gambar (huruf kecil, angka, tanda hubung)"
    )


def figure_rule(figure_id: str) -> str:
    """Why ``{{figure_id}}`` is refused: no figure of the year has that id."""
    return (
        f"angka {{{{{figure_id}}}}} tidak ada pada hasil hitung (periksa id angka; "
        "daftar id ada di ledger)"
    )


def pk_rule(key: str) -> str:
    return (
        f"isian {{{key}}} pada naskah Perjanjian Kinerja tidak dikenal; "
        f"yang dikenal: {', '.join('{' + k + '}' for k in ISIAN)}"
    )


def _cells(frames: dict[str, pd.DataFrame], table: str, column: str) -> Iterator[tuple[int, str]]:
    frame = frames.get(table)
    if frame is None or column not in frame.columns:
        return
    for line, value in zip(frame[LINE], frame[column], strict=True):
        if isinstance(value, str):
            yield int(line), value


def syntax_problems(frames: dict[str, pd.DataFrame], files: dict[str, str]) -> list[Problem]:
    """Every malformed placeholder of the narratives and the PK text (``files``: each
    table's file as messages name it)."""
    problems = []
    for table, column in NARRATIVES:
        for line, text in _cells(frames, table, column):
            for match in PLACEHOLDER.finditer(text):
                key = match.group(1)
                label = key.removeprefix(RUJUKAN)
                if key.startswith(RUJUKAN) and not LABEL.fullmatch(label):
                    problems.append(Problem(files[table], line, column, text, label_rule(key)))
            rest = PLACEHOLDER.sub("", text)
            if "{{" in rest or "}}" in rest:
                problems.append(
                    Problem(
                        files[table],
                        line,
                        column,
                        text,
                        "isian {{...}} tidak lengkap atau memuat spasi: tulis {{id.angka}} "
                        "atau {{ref:label}} (kurung kurawal ganda di kedua sisi)",
                    )
                )
    table, column = PK_TEXT
    for line, text in _cells(frames, table, column):
        for key in dict.fromkeys(PK_PLACEHOLDER.findall(text)):
            if key not in ISIAN:
                problems.append(Problem(files[table], line, column, text, pk_rule(key)))
    return problems


def unknown_figures(
    frames: dict[str, pd.DataFrame], files: dict[str, str], figure_ids: set[str]
) -> list[Problem]:
    """Every ``{{id}}`` of the narratives that names no figure in ``figure_ids``."""
    problems = []
    for table, column in NARRATIVES:
        for line, text in _cells(frames, table, column):
            for key in dict.fromkeys(PLACEHOLDER.findall(text)):
                if not key.startswith(RUJUKAN) and key not in figure_ids:
                    problems.append(Problem(files[table], line, column, text, figure_rule(key)))
    return problems
