"""Provenance notes for figures that use a corrected value (``koreksi.csv``).

A figure read from a corrected cell cites the correction next to the raw row
(:meth:`lkjip.data.dataset.Dataset.refs`); this step also says so in words, on
that figure and on every figure computed from it, and marks the figure a
correction names as equal to a published total by construction (a part
corrected to "total minus the other parts" makes the sum equal that total
whatever the parts were).
"""

from __future__ import annotations

from lkjip.data.corrections import Correction
from lkjip.data.dataset import Dataset
from lkjip.domain.rounding import to_decimal
from lkjip.figures.registry import Figure, Registry


def _uses(figure: Figure, corr: Correction) -> bool:
    """The figure holds the corrected cell (the row's other cells are as published)."""
    if isinstance(figure.value, str):
        return figure.value == corr.nilai_koreksi
    try:
        return to_decimal(figure.value) == to_decimal(corr.nilai_koreksi)
    except ArithmeticError:
        return False


def note_corrections(reg: Registry, ds: Dataset) -> None:
    changed = [c for c in ds.corrections if c.changes_value]
    if not changed:
        return
    by_source: dict[str, list[Correction]] = {}  # a row may have several corrected cells
    for c in changed:
        by_source.setdefault(c.target_source, []).append(c)
    uses: dict[str, set[str]] = {}  # figure id -> correction sources it depends on
    for figure in reg:  # registry order: inputs come before the figures computed from them
        corr = [c for s in figure.sources for c in by_source.get(s, []) if _uses(figure, c)]
        direct = {c.source for c in corr}
        inherited = set().union(*(uses.get(i, set()) for i in figure.inputs))
        if direct or inherited:
            uses[figure.id] = direct | inherited
        if direct:
            text = "; ".join(
                f"nilai terkoreksi ({c.source}): tercetak {c.nilai_dipublikasikan}, dipakai "
                f"{c.nilai_koreksi}, baris mentah {c.target_source}"
                for c in corr
            )
            reg.annotate(figure.id, catatan=text)
        elif inherited:
            reg.annotate(
                figure.id,
                catatan=f"dihitung dari nilai terkoreksi ({', '.join(sorted(inherited))})",
            )
    for corr in changed:
        if corr.konstruksi and corr.konstruksi in reg:
            note = reg[corr.konstruksi].catatan
            reg.annotate(
                corr.konstruksi,
                catatan=f"{note}. Sama dengan total yang dicetak karena konstruksi: koreksi "
                f"{corr.source} menetapkan rinciannya sebagai total dikurangi rincian lainnya"
                if note
                else f"Sama dengan total yang dicetak karena konstruksi ({corr.source})",
            )
