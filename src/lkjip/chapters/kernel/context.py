"""What a chapter notebook calls: load, compute, glue, show calculations, tables and charts.

A notebook ``notebooks/X.ipynb`` starts with::

    from lkjip.chapters import X as bab

    ctx = bab.mulai(tahun=tahun, data_dir=data_dir, satker=satker, draft=draft)

which loads and validates the year, computes every figure and glues each one
under its id as a MyST link to its calculation, so the prose can write
``{glue:md}`ikm.capaian:myst``` and get ``122,77%`` linked to the cell that
computed it. ``ctx.hitung(...)`` shows worked calculations (formula, inputs
substituted, result) with the anchor the links point to; every figure the
chapter owns that was not shown inline is listed at the end by
``ctx.rincian()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from IPython.display import Markdown, display

from lkjip import params
from lkjip.chapters import narasi
from lkjip.chapters.kernel import draft as draft_cells
from lkjip.chapters.kernel.protocol import (
    META_KEY,
    KernelBuild,
    owned,
    owner,
    referenced_keys,
    year_of,
)
from lkjip.chapters.teks_tahun import Identitas, TeksTahun
from lkjip.data import identity, reads
from lkjip.data.dataset import Dataset
from lkjip.domain.indikator import TINGKAT_KANTOR
from lkjip.errors import ParameterError
from lkjip.figures import ids
from lkjip.figures.registry import Registry
from lkjip.render.myst import (
    BELUM,
    RawMarkdown,
    calculation_markdown,
    escape_md,
    link_markdown,
    numeric_columns,
    table_markdown,
)


@dataclass
class Bab:
    """The context of one chapter notebook."""

    chapter: str
    ds: Dataset
    reg: Registry
    shown: list[str] = field(default_factory=list)
    draft: bool = False
    glued: set[str] = field(default_factory=set)
    #: the chapter's own text facts (from data), glued like :meth:`teks`
    teks_bab: Callable[[Bab], dict[str, str]] | None = None
    #: draft: the kernel's cells (the section being run), the tables each section boxed
    sel: draft_cells.DraftCells | None = None
    dilaporkan: dict[str, set[str]] = field(default_factory=dict)
    #: table labels shown (a draft gives a missing referenced table a placeholder)
    label: set[str] = field(default_factory=set)
    #: charts carry the PNG only the PDF uses (not in a build's kernel: KernelBuild.png)
    png: bool = True

    @property
    def tahun(self) -> int:
        return self.ds.tahun

    @property
    def identitas(self) -> Identitas:
        """The office's identity row, read cell by cell."""
        return Identitas(self.ds)

    def labels(self, ids: Iterable[str]) -> dict[str, str]:
        """Input id -> label for the calculations of ``ids`` (the working paper names a
        calculation's inputs; only those are read)."""
        inputs = {i for f in ids for i in self.reg[f].inputs}
        return {i: self.reg[i].label for i in sorted(inputs) if i in self.reg}

    def owns(self, figure_id: str) -> bool:
        return owner(self.reg, figure_id) == self.chapter

    # --- glue --------------------------------------------------------------

    def glue_all(self) -> None:
        """Glue the figures (linked) and narrative fragments the chapter's prose pastes,
        and the text facts of the year (plain). Only what is pasted is glued, so the
        chapter depends on those figures only (:mod:`lkjip.data.reads`)."""
        wanted = referenced_keys(self.chapter)
        for figure_id in sorted(wanted):
            if figure_id in self.reg:
                self._glue(figure_id, link_markdown(self.reg[figure_id]))
        facts = self.teks()  # only the pasted facts are read (one identity cell each)
        texts = {k: self.reg.step(f"teks.{k}", facts.__getitem__, k) for k in facts if k in wanted}
        if self.teks_bab is not None:
            texts |= self.reg.step(f"teks.{self.chapter}", self.teks_bab, self) or {}
        for key, value in texts.items():
            if value is None or (
                self.draft and (not str(value).strip() or value == identity.BELUM)
            ):
                continue  # glued as missing below
            self._glue(key, escape_md(value))
        if any(key.startswith("narasi.") for key in wanted):
            fragments = self.reg.step("narasi", narasi.fragments, self.reg, wanted) or {}
            for key, value in fragments.items():
                self._glue(key, value)
        if self.draft:  # everything the chapter pastes, even when its data is missing
            for key in sorted(referenced_keys(self.chapter)):
                if key not in self.glued and not key.startswith(("gbr.", "data.gbr.")):
                    self._glue(key, BELUM)

    def _glue(self, key: str, text: str) -> None:
        from myst_nb import glue

        glue(key, Markdown(text), display=False)
        self.glued.add(key)

    def teks(self) -> TeksTahun:
        """Plain text facts for the prose (no literal years in notebooks): the year and
        the office's identity, each read when looked up (:mod:`teks_tahun`); an identity
        cell not known yet (a draft) is ``identity.BELUM``, only that cell."""
        return TeksTahun(self.ds)

    # --- calculations ----------------------------------------------------------

    def hitung(self, *figure_ids: str) -> None:
        """Show the worked calculation of each figure, with its anchor."""
        ids = [i for i in figure_ids if i not in self.shown]
        missing = [i for i in ids if i not in self.reg]
        if missing and self.draft:
            draft_cells.show_gaps(self, tables=self.reg.tables_behind(missing))
            ids = [i for i in ids if i in self.reg]
        elif missing:
            raise KeyError(f"angka tidak ada di registri: {', '.join(missing)}")
        foreign = [i for i in ids if not self.owns(i)]
        if foreign:
            raise ValueError(
                f"perhitungan {', '.join(foreign)} ditampilkan di bab lain "
                f"({', '.join(sorted({owner(self.reg, i) for i in foreign}))})"
            )
        if not ids:
            return
        names = self.labels(ids)
        blocks = [calculation_markdown(self.reg[i], names) for i in ids]
        self.shown.extend(ids)
        display(Markdown("\n\n".join(blocks)), metadata={META_KEY: {"figures": ids}})

    def rincian(self) -> None:
        """All figures this chapter owns that were not shown inline.

        The last cell of every chapter: in a draft it also pastes a placeholder
        for every chart whose data is missing.
        """
        if self.draft:
            for key in sorted(referenced_keys(self.chapter)):
                if key.startswith(("gbr.", "data.gbr.")) and key not in self.glued:
                    self._glue(key, BELUM)
            draft_cells.placeholders(self, draft_cells.referenced_labels(self.chapter))
        rest = [fid for fid in owned(self.reg, self.chapter) if fid not in self.shown]
        if not rest:
            return
        names = self.labels(rest)
        blocks = [calculation_markdown(self.reg[i], names) for i in rest]
        self.shown.extend(rest)
        # the working paper lists them after the chapter's inline calculations
        display(
            Markdown("\n\n".join(blocks)),
            metadata={META_KEY: {"figures": rest, "rincian": True}},
        )

    def tampilkan_ringkasan(self, nama: str) -> None:
        """Sasaran kegiatan, indikator, target, realisasi, capaian and the budget row."""
        pk = self.ds.table("pk_indikator")
        rows = pk[(pk["tahun"] == self.tahun) & (pk["tingkat"] == TINGKAT_KANTOR)]
        records = []
        for row in rows.sort_values(["no_sasaran"]).itertuples():
            k = row.indikator_id
            records.append(
                {
                    "Sasaran Kegiatan": row.sasaran,
                    "Indikator Kinerja Kegiatan": row.indikator,
                    "Target": self.link(ids.indikator(k, "target")),
                    "Realisasi": self.link(ids.indikator(k, "realisasi")),
                    "Capaian": self.link(ids.indikator(k, "capaian")),
                }
            )
        records.append(
            {
                "Sasaran Kegiatan": "Anggaran",
                "Indikator Kinerja Kegiatan": "",
                "Target": self.link("anggaran.pagu"),
                "Realisasi": self.link("anggaran.realisasi"),
                "Capaian": self.link("anggaran.persen"),
            }
        )
        self.tabel(
            pd.DataFrame(records),
            f"Capaian indikator kinerja kegiatan dan anggaran tahun {self.tahun}",
            nama,
            kanan=("Target", "Realisasi", "Capaian"),
            tebal_terakhir=True,
        )

    def link(self, figure_id: str) -> RawMarkdown:
        """A table cell holding a figure linked to its calculation."""
        if self.draft and figure_id not in self.reg:
            return RawMarkdown(BELUM)
        return RawMarkdown(link_markdown(self.reg[figure_id]))

    # --- lists -----------------------------------------------------------------

    def daftar(self, items: Iterable[str], *, bernomor: bool = False) -> None:
        """A bullet (or numbered) list of text items from data, escaped."""
        lines = [
            f"{n}. {escape_md(item)}" if bernomor else f"- {escape_md(item)}"
            for n, item in enumerate(items, start=1)
        ]
        display(Markdown("\n".join(lines) if lines else "_(tidak ada data)_"))

    # --- tables ----------------------------------------------------------------

    def tabel(
        self,
        frame: pd.DataFrame,
        judul: str,
        nama: str,
        *,
        kanan: Iterable[str] = (),
        tebal_terakhir: bool = False,
        hanya_html: bool = False,
        hanya_pdf: bool = False,
        saring: bool = False,
        lebar: bool = False,
    ) -> None:
        """An official-style table: Indonesian headers, numbers right-aligned, caption.

        ``hanya_html``: long reference tables that the PDF leaves to a CSV file;
        ``hanya_pdf``: the PDF's variant of a table shown otherwise in HTML;
        ``saring``: the HTML offers filters on the Status and Bab columns;
        ``lebar``: a wide working-paper table (HTML: small type, long codes may break).
        """
        if frame.empty:
            if self.draft:  # a reference to the table still resolves
                draft_cells.placeholders(self, [nama], judul)
                return
            display(Markdown(f"**{escape_md(judul)}**: _tidak ada baris._"))
            return
        self.label.add(nama)
        text = table_markdown(
            frame,
            judul,
            nama,
            kanan=kanan,
            tebal_terakhir=tebal_terakhir,
            kelas=" ".join(k for k, on in (("lkjip-saring", saring), ("lkjip-lebar", lebar)) if on)
            or None,
        )
        if hanya_html or hanya_pdf:
            text = f"::::{{only}} {'html' if hanya_html else 'latex'}\n{text}::::\n"
        display(Markdown(text))

    # --- charts ------------------------------------------------------------------

    def grafik(
        self,
        chart,  # an Altair chart, or a sentence when all values are equal
        key: str,
        data: pd.DataFrame,
        judul_data: str,
        keterangan: str | None = None,
    ) -> None:
        """Glue a chart as ``gbr.<key>`` and its data dropdown as ``data.gbr.<key>``.

        The notebook pastes them with ``{glue:figure}`` (caption, label) and
        ``{glue:md}``. With ``keterangan`` (the caption) the notebook pastes one block,
        ``gbr.<key>.blok``: the figure with its caption and the dropdown, or, when the
        chart module returned a sentence instead of a chart (every value equal), that
        sentence and no figure. The dropdown (HTML only) holds a plain, unnumbered
        table and a CSV download (:mod:`lkjip.render.chart_text`).
        """
        from myst_nb import glue

        from lkjip.render.chart_text import data_grafik_markdown, judul_dari_data
        from lkjip.render.charts import Grafik

        if isinstance(chart, str):
            if keterangan is None:
                raise ValueError(f"grafik {key}: kalimat pengganti grafik memerlukan keterangan")
            self._glue(f"gbr.{key}.blok", chart)
            return
        figure = Grafik(chart, key, judul=judul_dari_data(judul_data), png=self.png)
        if self.draft:
            try:
                figure.bundle()
            except ValueError:  # nothing to draw yet (vl-convert refuses an empty chart)
                for name in (f"gbr.{key}", f"data.gbr.{key}", f"gbr.{key}.blok"):
                    self._glue(name, BELUM)
                return
        glue(f"gbr.{key}", figure, display=False)
        self.glued.add(f"gbr.{key}")
        dropdown = data_grafik_markdown(key, data, judul_data, numeric_columns(data))
        if keterangan is None:
            self._glue(f"data.gbr.{key}", dropdown)
            return
        block = f"```{{glue:figure}} gbr.{key}\n:name: gbr-{key}\n\n{keterangan}\n```\n\n"
        self._glue(f"gbr.{key}.blok", block + dropdown)

    def tampilkan(self, teks: str) -> None:
        """Show MyST text generated by a chapter module (sentences built from figures)."""
        display(Markdown(teks))

    # --- shortcuts ---------------------------------------------------------------

    def d(self, figure_id: str) -> str:
        return self.reg.d(figure_id)

    def v(self, figure_id: str):
        return self.reg.v(figure_id)


def mulai(
    chapter: str,
    tahun: object = None,
    data_dir: str | Path | None = None,
    satker: str | None = None,
    *,
    glue: bool = True,
    draft: bool = False,
    teks_bab: Callable[[Bab], dict[str, str]] | None = None,
    build: dict | None = None,
) -> Bab:
    """Set up a chapter: resolve parameters, load and validate the year, compute, glue.

    ``draft``: build from incomplete data; what is missing shows "data belum
    tersedia" instead of stopping the chapter. ``build``: what ``lkjip build`` hands
    this kernel (the notebook parameter, :class:`~lkjip.chapters.kernel.protocol.KernelBuild`);
    None for a chapter run on its own.
    """
    kernel = KernelBuild.from_parameter(build)
    reads.write_to(kernel.reads)
    p = params.resolve(tahun, data_dir, satker)
    with reads.quiet():  # what the chapter depends on is what it uses afterwards
        ds, reg = year_of(p, draft, kernel.shared_context)
    nama = identity.nama_satker(ds) if p.satker else None  # (a read only when compared)
    if p.satker and nama is not None and p.satker != nama:
        raise ParameterError(
            f"satker '{p.satker}' tidak sama dengan identitas data tahun {p.tahun} ('{nama}')"
        )
    ctx = Bab(chapter=chapter, ds=ds, reg=reg, draft=draft, teks_bab=teks_bab, png=kernel.png)
    if draft:
        draft_cells.start(ctx)
    if glue:
        ctx.glue_all()
    return ctx


def fresh_chapter() -> None:
    """Make a kept chapter kernel (:mod:`lkjip.assemble.kept_kernel`) as a new one for its
    next chapter: no read recorded for the last chapter, the IPython namespace and output
    history empty and the execution count at 1. The modules stay imported; what a chapter
    sets up, its :func:`mulai` sets up again. (No snapshot stays behind: a chapter reads
    through the snapshot of its own chapter's dataset.)"""
    from IPython import get_ipython

    reads.write_to(None)
    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)


def pembuka(
    chapter: str, teks_bab: Callable[[Bab], dict[str, str]] | None = None
) -> Callable[..., Bab]:
    """The ``mulai`` of one chapter module: :func:`mulai` with the chapter's name.

    ``teks_bab``: the chapter's own text facts from data (glued for its prose).
    """

    def mulai_bab(
        tahun: object = None,
        data_dir: str | Path | None = None,
        satker: str | None = None,
        *,
        draft: bool = False,
        build: dict | None = None,
    ) -> Bab:
        return mulai(chapter, tahun, data_dir, satker, draft=draft, teks_bab=teks_bab, build=build)

    mulai_bab.__doc__ = (
        f"Set up the chapter ``{chapter}``: parameters, the validated year, its figures, glue."
    )
    return mulai_bab
