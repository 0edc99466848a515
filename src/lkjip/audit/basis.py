"""What a printed figure is compared with: its basis, other rounding conventions, the
values printed before a correction.

:class:`Comparison` says, for a figure of the registry, whether a printing of it is
compared with a recomputation, with an input the book read from the report, or with an
official value (:data:`lkjip.audit.baris.DASAR`).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from lkjip.audit.baris import DIHITUNG_ULANG, MASUKAN, NILAI_RESMI
from lkjip.audit.printed import same_quantity, split_year
from lkjip.data.dataset import Dataset
from lkjip.domain.capaian import capaian, ratio_percent
from lkjip.domain.indikator import INDIKATOR
from lkjip.domain.rounding import round_index, to_decimal
from lkjip.figures import ids
from lkjip.figures.nilai_resmi import related
from lkjip.figures.registry import Figure, Registry


def konvensi(reg: Registry) -> dict[str, tuple[Decimal, str]]:
    """Values under another rounding convention, with a description (Indonesian).

    A printed value equal only to one of these is a difference (the report's rule is
    half-up on the final value); the other convention is named in the reason.
    """
    out: dict[str, tuple[Decimal, str]] = {}
    if {"ipk.internal", "ipk.eksternal", "ipk.responden"} <= set(reg.ids("ipk.")):
        parts = round_index(reg.v("ipk.internal")) * reg.v("ipk.responden.internal") + round_index(
            reg.v("ipk.eksternal")
        ) * reg.v("ipk.responden.eksternal")
        value = round_index(parts / reg.v("ipk.responden"))
        why = "nilai internal dan eksternal dibulatkan 2 desimal sebelum digabung"
        out["ipk.realisasi"] = (value, why)
        out["ipk.indeks"] = (value, why)
        out["ipk.capaian"] = (capaian(value, reg.v("ipk.target")), why)
    for figure in reg:
        if ".tertimbang" in figure.id and figure.id.startswith("ikpa.indikator."):
            out[figure.id] = (
                figure.number.quantize(Decimal("0.01"), rounding=ROUND_DOWN),
                "nilai × bobot dipotong, bukan dibulatkan, ke 2 desimal",
            )
    for k in INDIKATOR:
        if (
            ids.indikator(k, "indeks") in reg
            and ids.indikator(k, "capaian") in reg
            and ids.indikator(k, "capaian") not in out
        ):
            out[ids.indikator(k, "capaian")] = (
                capaian(reg.v(ids.indikator(k, "indeks")), reg.v(ids.indikator(k, "target"))),
                "indeks tahunan tidak dibulatkan sebelum dibagi target",
            )
    return out


def exact(reg: Registry, figure_id: str) -> Decimal | None:
    """The unrounded value of a rounded ratio figure (for comparisons at finer precision)."""
    figure = reg[figure_id]
    if figure.unit == "persen" and len(figure.inputs) == 2 and "× 100%" in figure.formula:
        return ratio_percent(reg.v(figure.inputs[0]), reg.v(figure.inputs[1]))
    indeks = ids.indikator(figure.id.split(".")[0], "indeks")
    if figure.id == ids.indikator(figure.id.split(".")[0], "realisasi") and indeks in reg:
        return reg.v(indeks)
    return None


def raw_values(ds: Dataset, reg: Registry) -> dict[str, tuple[Decimal, str]]:
    """figure id -> (published value before a correction, correction source)."""
    out: dict[str, tuple[Decimal, str]] = {}
    for corr in ds.corrections:
        if ds.specs[corr.tabel].column(corr.kolom).type not in ("integer", "number"):
            continue  # a corrected name or NIP changes no figure
        try:
            to_decimal(corr.nilai_dipublikasikan)
        except ArithmeticError:
            continue  # a reading of a garbled print described in words
        for figure in reg:
            if figure.formula == "data" and corr.target_source in figure.sources:
                out[figure.id] = (
                    to_decimal(corr.nilai_dipublikasikan),
                    f"{corr.jenis} ({corr.source})",
                )
    # sums over a corrected value: what they were before the correction
    for figure in reg:
        if figure.formula == "Σ rincian" and any(i in out for i in figure.inputs):
            delta = sum((out[i][0] - reg.v(i) for i in figure.inputs if i in out), Decimal(0))
            source = ", ".join(out[i][1] for i in figure.inputs if i in out)
            out[figure.id] = (figure.number + delta, source)
    return out


class Comparison:
    """What every row's reconciliation needs, computed once per year."""

    def __init__(self, ds: Dataset, reg: Registry) -> None:
        self.reg = reg
        self.alternatives = konvensi(reg)
        self.raw = raw_values(ds, reg)
        self.same = same_quantity(reg)
        #: declared readings of a garbled or ambiguous print (tafsiran), by their source
        self.readings = {c.source for c in ds.corrections if not c.changes_value}
        self._read: dict[str, tuple[str, ...]] = {}
        #: figures equal to a published total because a correction made them so
        self.by_construction = {
            c.konstruksi: c.source for c in ds.corrections if c.konstruksi and c.changes_value
        }

    def dasar(self, figure: Figure) -> tuple[str, str]:
        """What a printing of ``figure`` is compared with, and a note on it."""
        reg = self.reg
        if figure.jenis == "resmi":
            base, sfx = split_year(figure.id)
            if related(base, sfx)[0] in reg:
                return DIHITUNG_ULANG, ""
            return NILAI_RESMI, ""
        if figure.id in self.by_construction:
            partner = next(
                (a for a, b in self.same.items() if b == figure.id and a in reg),
                "",
            )
            source = self.by_construction[figure.id]
            if partner:
                label = reg[partner].label
                return DIHITUNG_ULANG, (
                    f"dihitung ulang sebagai {label[:1].lower()}{label[1:]}; rincian lain "
                    f"dibuat sama dengan total ini oleh koreksi {source}"
                )
            return MASUKAN, f"sama dengan total yang dicetak karena koreksi {source}"
        if figure.formula == "data":
            return MASUKAN, ""
        return DIHITUNG_ULANG, ""

    def readings_of(self, figure_id: str) -> tuple[str, ...]:
        """The declared readings (tafsiran) a figure rests on, through its inputs."""
        if figure_id not in self._read:
            self._read[figure_id] = ()  # a cycle cannot recurse forever
            figure = self.reg[figure_id]
            found = {s for s in figure.sources if s in self.readings}
            for i in figure.inputs:
                if i in self.reg:
                    found.update(self.readings_of(i))
            self._read[figure_id] = tuple(sorted(found))
        return self._read[figure_id]
