"""The figure registry: every computed number with its provenance.

A :class:`Figure` carries a stable id, the value at full precision, the
Indonesian display text, the unit, the formula, the formula with the inputs
substituted, the ids of the figures it was computed from and the ``file:line``
keys of the source rows. The ledger is this registry written out.

Each figure also says what kind of number it is (:data:`JENIS`): ``hitung``,
the office's own figure (read from its own source data or computed from it), or
``resmi``, a value another institution's system publishes (SMART DJA, IKPA,
e-monev, TARJA). An official figure is always data (formula ``"data"``); the
report prints it as recorded. A recomputation of it lives under a related id
(``<id>.hitung_ulang``) and is only a check.

Each figure declares the chapter (``bab``) whose page shows its calculation when it is
registered: a step adds its figures inside ``with reg.bab("bab3_akuntabilitas"): ...``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from lkjip.data.reads import RecordsFields, collect, record, recorded_fields, unrecorded
from lkjip.domain import bab as daftar_bab
from lkjip.domain import formatting as fmt
from lkjip.domain.rounding import places_of, to_decimal
from lkjip.errors import MISSING_DATA, DuplicateFigure

Value = Decimal | int | str

#: the kinds of figure: the office's own (``hitung``) or another institution's (``resmi``)
JENIS = ("hitung", "resmi")

#: how each unit is displayed
UNITS = {
    "indeks": lambda v: fmt.indeks(v, 2),
    "indeks3": lambda v: fmt.angka(v, 3),
    "persen": lambda v: fmt.persen(v, 2),
    "poin": lambda v: fmt.angka(v, 2),
    #: a part of a change in points (``domain.uraian_capaian``): 2 decimals, 3 when it is
    #: exactly a half of a hundredth, so the printed parts add up to the printed change
    "poin_bagian": lambda v: fmt.angka(v, max(2, places_of(v))),
    "skor": lambda v: fmt.angka(v, 2),
    "rupiah": fmt.rupiah,
    "jumlah": lambda v: fmt.angka(v, 0),
    "orang": lambda v: fmt.angka(v, 0),
    "bobot": lambda v: fmt.angka(v, 1) if to_decimal(v) % 1 else fmt.angka(v, 0),
    "angka2": lambda v: fmt.angka(v, 2),
    #: a bound printed with as many decimals as it has (at least 2): 2,5996, 3,064, 4,00
    "batas": lambda v: fmt.angka(v, max(2, -int(to_decimal(v).normalize().as_tuple().exponent))),
    "teks": str,
    "tahun": str,
    "tanggal": fmt.tanggal,
}


@dataclass(frozen=True)
class Figure:
    """One number of the report with its provenance.

    ``jenis`` says whose number it is. ``"hitung"`` (the default): the office
    computes it from its own source data (survey indices, capaian, budget and
    PNBP sums and percentages, service totals), or reads it from that data; the
    report prints our value. ``"resmi"``: another institution's system publishes
    it (SMART DJA, IKPA, e-monev, TARJA); it is data, the report prints the
    published value, and a recomputation (``<id>.hitung_ulang``) with its
    difference (``<id>.selisih``) is a check for the working paper, never a
    replacement.
    """

    id: str
    value: Value
    display: str
    unit: str
    label: str
    formula: str = "data"
    substituted: str = ""
    inputs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    jenis: str = "hitung"
    notebook: str = ""
    cell_id: str = ""
    url: str = ""
    #: provenance notes for the reviewer: corrected values used, equal to a total by construction
    catatan: str = ""
    #: the chapter (notebook stem, :data:`lkjip.domain.bab.CHAPTERS`) that shows its calculation
    bab: str = ""

    @property
    def number(self) -> Decimal:
        if isinstance(self.value, str):
            raise TypeError(f"figure {self.id} is text, not a number")
        return to_decimal(self.value)


#: what a computation step may raise when its data is missing (draft builds); a bug
#: (TypeError, AttributeError, ...) fails a draft too
DRAFT_ERRORS = MISSING_DATA


@dataclass(frozen=True)
class Failure:
    """A computation step a draft could not run: its name and the tables it read.

    ``cause`` is the exception, for developers only (a draft box names the
    tables, never the exception).
    """

    step: str
    tables: frozenset[str]
    cause: str = ""


@dataclass
class Registry(RecordsFields):
    """Every figure of a year. What a chapter reads of it is recorded
    (:mod:`lkjip.data.reads`): each figure (``figure:<id>``), and the draft bookkeeping
    (``failed``, ``figure_tables``) as a whole (``registry:<field>``) when read from
    outside (:meth:`tables_behind` records the figures it is asked about instead)."""

    _record_kind = "registry"

    tahun: int
    _figures: dict[str, Figure] = field(default_factory=dict)
    #: draft builds: a step whose data is missing is recorded instead of failing
    draft: bool = False
    failed: list[Failure] = field(default_factory=list)
    #: the tables each figure was computed from (filled by figures.compute_all)
    figure_tables: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the chapter of figures added outside any :meth:`bab` scope: only for a registry
    #: built by hand in a test; the year's registry (``compute_figures``) has none, so
    #: every step declares the chapter of each figure it adds
    default_bab: str | None = None
    #: the chapter of the innermost :meth:`bab` scope (``None``: outside any)
    _bab: str | None = field(default=None, init=False, repr=False, compare=False)
    #: the reconciliation's rows (:mod:`lkjip.audit.reconciliation`), computed once by the
    #: audit step of ``compute_all`` and read from here by the build and the chapters;
    #: None in a draft (read through ``reconciliation.rows``)
    rekonsiliasi: list | None = None

    def __post_init__(self) -> None:
        if self.default_bab is not None:
            daftar_bab.periksa(self.default_bab)

    @contextlib.contextmanager
    def bab(self, nama: str) -> Iterator[None]:
        """Figures added inside the block belong to chapter ``nama`` (its page shows their
        calculation); a chapter not in :data:`lkjip.domain.bab.CHAPTERS` is refused."""
        daftar_bab.periksa(nama)
        outer = self._bab
        self._bab = nama
        try:
            yield
        finally:
            self._bab = outer

    def step(self, label: str, fn, *args):
        """Run one computation step; in a draft, record (not raise) a data gap."""
        if not self.draft:
            return fn(*args)
        with collect() as reads:
            try:
                return fn(*args)
            except DRAFT_ERRORS as exc:
                cause = f"{type(exc).__name__}: {exc}"
                tables = self.tables_read(reads) | self.tables_behind(_missing(reads, self))
                unrecorded(self, "failed").append(Failure(label, tables, cause))
                return None

    def tables_read(self, reads: set[str], known: set[str] | None = None) -> frozenset[str]:
        """The tables behind a set of reads (tables directly, figures through their tables).

        ``known``: the figures whose tables are already recorded (``figure:*`` means them all).
        """
        tables = {
            key.split(":", 1)[1]
            for key in reads
            if key.startswith(("table:", "spec:")) and not key.endswith(":*")
        }
        tables |= {key[5:].split(".", 1)[0] for key in reads if key.startswith("cell:")}
        figures = {key.split(":", 1)[1] for key in reads if key.startswith("figure:")}
        for walk in [f for f in figures if f.endswith("*")]:  # "ipk.*", "*": a walk
            figures.discard(walk)
            every = known if known is not None else unrecorded(self, "figure_tables")
            figures |= {i for i in every if i.startswith(walk[:-1])}
        for figure_id in figures:
            tables |= unrecorded(self, "figure_tables").get(figure_id, frozenset())
        return frozenset(tables)

    def tables_behind(self, figure_ids: Iterable[str]) -> frozenset[str]:
        """The tables a figure is computed from; for a figure a draft could not compute,
        the tables of the failed step that would have made it (``ikm`` makes ``ikm.*``)."""
        tables: set[str] = set()
        for figure_id in figure_ids:
            record("figure", figure_id)  # its fingerprint holds these tables
            if figure_id in self._figures:
                tables |= unrecorded(self, "figure_tables").get(figure_id, frozenset())
                continue
            for failure in unrecorded(self, "failed"):
                if figure_id == failure.step or figure_id.startswith(failure.step + "."):
                    tables |= failure.tables
        return frozenset(tables)

    def __contains__(self, figure_id: str) -> bool:
        record("figure", figure_id)
        return figure_id in self._figures

    def __iter__(self) -> Iterator[Figure]:
        record("figure", "*")
        return iter(self._figures.values())

    def __len__(self) -> int:
        record("ids", "*")
        return len(self._figures)

    def select(self, keep: Callable[[str], bool]) -> list[str]:
        """The ids ``keep`` accepts, in registry order. Recorded as a read of the set of ids
        (``ids:*``), not of every figure: reading a selected figure records it."""
        record("ids", "*")
        return [fid for fid in self._figures if keep(fid)]

    def __getitem__(self, figure_id: str) -> Figure:
        record("figure", figure_id)
        try:
            return self._figures[figure_id]
        except KeyError:
            raise KeyError(f"figure {figure_id!r} is not in the registry") from None

    def v(self, figure_id: str) -> Decimal:
        """Numeric value of a figure."""
        return self[figure_id].number

    def d(self, figure_id: str) -> str:
        """Display text of a figure."""
        return self[figure_id].display

    def add(
        self,
        id: str,
        value: Value,
        unit: str,
        label: str,
        *,
        formula: str = "data",
        substituted: str = "",
        inputs: Iterable[str] = (),
        sources: Iterable[str] = (),
        jenis: str = "hitung",
    ) -> Figure:
        if id in self._figures:
            raise DuplicateFigure(id)
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r} for {id}")
        if jenis not in JENIS:
            raise ValueError(f"unknown jenis {jenis!r} for {id}")
        if jenis == "resmi" and formula != "data":
            raise ValueError(f"{id}: an official figure is data, not computed ({formula!r})")
        bab = self._bab or self.default_bab
        if bab is None:  # a bug, not missing data: a draft does not swallow it
            raise RuntimeError(f"{id}: added outside a chapter scope (with reg.bab(...): ...)")
        inputs = tuple(inputs)
        for ref in inputs:
            if ref not in self._figures:
                raise KeyError(f"{id}: input {ref!r} is not in the registry")
        if hasattr(value, "item"):  # numpy scalar -> Python scalar
            value = value.item()
        if isinstance(value, float):
            value = to_decimal(value)
        display = UNITS[unit](value)
        if substituted and formula != "data":
            substituted = f"{substituted} = {display}"
        figure = Figure(
            id=id,
            value=value,
            display=display,
            unit=unit,
            label=label,
            formula=formula,
            substituted=substituted,
            inputs=inputs,
            sources=tuple(sorted(set(sources), key=_source_key)),
            jenis=jenis,
            bab=bab,
        )
        self._figures[id] = figure
        return figure

    def annotate(self, figure_id: str, **fields: str) -> None:
        """Set ``notebook``, ``cell_id`` or ``url`` of a figure (done by the book build)."""
        self._figures[figure_id] = replace(self[figure_id], **fields)

    def lineage(self, figure_id: str) -> tuple[str, ...]:
        """All source rows behind a figure, through its inputs (sorted)."""
        seen: set[str] = set()
        sources: set[str] = set()
        stack = [figure_id]
        while stack:
            current = self[stack.pop()]
            if current.id in seen:
                continue
            seen.add(current.id)
            sources.update(current.sources)
            stack.extend(current.inputs)
        return tuple(sorted(sources, key=_source_key))

    def ids_under(self, prefixes: Iterable[str]) -> list[str]:
        """The ids that start with one of ``prefixes``, in registry order; recorded as a
        walk of each prefix (``figure:<prefix>*``), so a figure added under another
        prefix changes nothing for the caller."""
        prefixes = tuple(prefixes)
        for prefix in prefixes:
            record("figure", f"{prefix}*")
        return [fid for fid in self._figures if fid.startswith(prefixes)] if prefixes else []

    def of_bab(self, bab: str) -> list[str]:
        """The ids of the figures of chapter ``bab``, in registry order; recorded as which
        figures the chapter has (``bab:<bab>``), so a figure added to another chapter
        changes nothing for the caller (reading one of them records it)."""
        record("bab", bab)
        return [fid for fid, figure in self._figures.items() if figure.bab == bab]

    def ids(self, prefix: str = "") -> list[str]:
        record("figure", f"{prefix}*")
        return [fid for fid in self._figures if fid.startswith(prefix)]


#: what reading records as a whole: all but the parameters and the figures themselves
Registry._recorded_fields = recorded_fields(
    Registry, {"tahun", "draft", "_figures", "default_bab", "_bab"}
)


def _missing(reads: set[str], reg: Registry) -> list[str]:
    """The figures among ``reads`` that are not in ``reg`` (a draft could not compute them)."""
    return [
        key.split(":", 1)[1]
        for key in reads
        if key.startswith("figure:") and key != "figure:*" and key[7:] not in reg._figures
    ]


def _source_key(source: str) -> tuple[str, int]:
    path, _, line = source.rpartition(":")
    return (path, int(line)) if line.isdigit() else (source, 0)
