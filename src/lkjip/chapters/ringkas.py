"""The report's own short calculations, printed where its text announces them.

The full worked calculation of a figure (formula, substitution, inputs, source rows)
is the working paper's (:meth:`lkjip.chapters.kernel.context.Bab.hitung`). Where the report's
text says "perhitungannya sebagai berikut" or "seperti ditunjukkan perhitungan di bawah
tabel", the official edition prints the short form the published report prints, for
example ``Nilai SKM tahun 2023 = Σ(Nilai SKM bulanan × responden) / Σ responden``, then
``= 1.674,59 / 420 = 3,99``: generated from the
registry (every number a link to its calculation), in a ``lkjip-rumus`` block (centred;
``book/_static/lkjip.css``, ``book/latex/preamble.tex``). These outputs carry no
calculation marker, so both editions keep them.
"""

from __future__ import annotations

from lkjip.chapters.bab2_perencanaan import KOLOM_PAGU
from lkjip.chapters.kernel.context import Bab
from lkjip.figures import ids

#: the container class of a short calculation (tests find announced calculations by it)
KELAS = "lkjip-rumus"

#: the pagu groupings whose sums the Komposisi Pagu section prints, in its order
DIMENSI_PAGU = ("sumber_alokasi", "jenis_belanja", "sumber_dana")


def blok(baris: list[str]) -> str:
    """MyST of a short calculation: one centred paragraph per line."""
    return f":::{{container}} {KELAS}\n" + "\n\n".join(baris) + "\n:::\n"


def indeks_tahunan(ctx: Bab, k: str, nilai: str) -> None:
    """``<nilai> tahun <t> = Σ(<nilai> bulanan × responden) / Σ responden``
    and, on a line of its own, ``= <pembilang> / <responden> = <indeks>``: a survey index
    weighted by respondents (``<k>.pembilang``, ``<k>.responden``, ``<k>.indeks``)."""
    rumus = f"Σ({nilai} bulanan × responden) / Σ responden"
    pembilang, responden, indeks = (
        ctx.link(ids.indikator(k, u)) for u in ("pembilang", "responden", "indeks")
    )
    hasil = f"= {pembilang} / {responden} = {indeks}"
    # two lines, as the published report sets it: the formula, then the numbers
    ctx.tampilkan(blok([f"{nilai} tahun {ctx.tahun} = {rumus}", hasil]))


def jumlah_pagu(ctx: Bab) -> None:
    """Each pagu grouping summed: ``Menurut jenis belanja: Rp… + Rp… + Rp… = Rp…``."""
    baris = []
    for dimensi in DIMENSI_PAGU:
        total = ids.pagu(dimensi, "jumlah")
        if total not in ctx.reg:  # a draft without the grouping: its table says so
            continue
        rincian = " + ".join(str(ctx.link(i)) for i in ctx.reg[total].inputs)
        baris.append(f"Menurut {KOLOM_PAGU[dimensi].lower()}: {rincian} = {ctx.link(total)}")
    if baris:
        ctx.tampilkan(blok(baris))
