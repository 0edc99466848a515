"""The pre-signing checklist as the working paper's first page (written by the build).

The items are computed by :mod:`lkjip.audit.pra_tanda_tangan`; this module writes them as
``kertas_kerja/daftar_periksa.md`` and puts that page first in the working paper's part
of the staged ``_toc.yml``, so that it is the first page of the working paper in HTML and
the first page after its contents in its PDF. The report's edition never lists it.
Like the stamp page, it is written by the build: a data change re-runs no chapter for it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from lkjip.audit.pra_tanda_tangan import JENIS, JUDUL, KOSONG, Butir
from lkjip.figures.registry import Registry
from lkjip.render.myst import anchor, escape_md, sources_text
from lkjip.render.role_code import role_text

#: the page (docname) in the staged book
PAGE = "kertas_kerja/daftar_periksa"


def _links(item: Butir, reg: Registry) -> str:
    """Where the working paper shows the detail: data rows, calculations, report pages."""
    parts = []
    if item.sumber:
        parts.append(sources_text(item.sumber))
    for fid in item.angka:
        if fid in reg:
            figure = reg[fid]
            parts.append(
                f"{escape_md(figure.label)} {{angka}}`{role_text(figure.display)} "
                f"<{anchor(fid)}>` (hlm. laporan {{halaman}}`{anchor(fid)}`)"
            )
    return "; ".join(parts)


def markdown(items: list[Butir], reg: Registry) -> str:
    """The page: an introduction, then the items by kind (or a line saying none)."""
    lines = [
        f"# {JUDUL[:1].upper()}{JUDUL[1:]}",
        "",
        "Hal-hal berikut perlu diputuskan Kepala Kantor sebelum menandatangani laporan. "
        "Daftar ini disusun dari data dan hasil pemeriksaan buku (rekonsiliasi dengan laporan "
        "yang dipublikasikan, pemeriksaan konsistensi dan koreksi data); laporan yang "
        "ditandatangani tidak memuatnya.",
        "",
    ]
    if not items:
        return "\n".join([*lines, f"{KOSONG[:1].upper()}{KOSONG[1:]}.", ""])
    headings = {**JENIS, **{i.jenis: i.jenis for i in items if i.jenis not in JENIS}}
    for jenis, heading in headings.items():
        mine = [i for i in items if i.jenis == jenis]
        if not mine:
            continue
        lines += [f"## {escape_md(heading)} ({len(mine)})", ""]
        for number, item in enumerate(mine, 1):
            lines += [f"{number}\\. **{escape_md(item.apa)}**", ""]
            fields = [
                ("Letak", escape_md(item.letak)),
                ("Nilai", escape_md(item.nilai)),
                ("Yang perlu diputuskan", escape_md(item.keputusan)),
                ("Rincian", _links(item, reg)),
            ]
            lines += [f"- {name}: {text}" for name, text in fields if text]
            lines.append("")
    return "\n".join(lines)


def write(src: Path, items: list[Butir], reg: Registry) -> None:
    """Write the page into the staged book ``src`` and list it first in the working
    paper's part of the staged ``_toc.yml`` (after :func:`editions.site_toc`)."""
    (src / f"{PAGE}.md").parent.mkdir(parents=True, exist_ok=True)
    (src / f"{PAGE}.md").write_text(markdown(items, reg), encoding="utf-8")
    path = src / "_toc.yml"
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    part = toc["parts"][1]
    part["chapters"] = [{"file": PAGE}, *part["chapters"]]
    path.write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
