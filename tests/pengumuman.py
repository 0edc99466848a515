"""Finding the sentences of the report that announce something, and what follows them.

Shared by ``tests/test_pengumuman.py``: the built HTML report pages (the official
edition's text) and the chapter notebooks' Markdown are read into blocks in reading
order; a sentence that announces (``sebagai berikut``, ``berikut``, ``di bawah ini``,
``di bawah tabel``, ``seperti ditunjukkan``, ``dapat dilihat``, a trailing ``:``) must
be followed by a block of the kind it announces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

#: the class of a short calculation (``lkjip.chapters.ringkas.KELAS``)
RUMUS = "lkjip-rumus"

#: what makes a sentence announce a block that follows it
UMUMKAN = re.compile(
    r"sebagai berikut|\bberikut\b(?!nya)|di ?bawah ini|di bawah tabel|seperti ditunjukkan"
    r"|dapat dilihat|:\s*$",
    re.IGNORECASE,
)
#: announcements of a particular kind of block (the rest announce any shown block)
PERHITUNGAN = re.compile(r"perhitungan\w*\s+(?:\w+\s+)?(?:sebagai berikut|berikut|di bawah)", re.I)
DI_BAWAH_TABEL = re.compile(r"di bawah tabel", re.I)
JENIS = (
    (re.compile(r"\btabel berikut", re.I), {"tabel"}),
    (re.compile(r"\b(?:bagan|gambar|grafik) berikut", re.I), {"gambar"}),
    (re.compile(r"\bbagian berikut", re.I), {"judul"}),
)
#: the blocks an announcement may introduce (a paragraph only when generated: a cell
#: output, never the next paragraph of prose)
DITAMPILKAN = {"tabel", "gambar", "daftar", "rumus"}


@dataclass(frozen=True)
class Blok:
    jenis: str  # judul, teks, tabel, gambar, daftar, rumus
    teks: str
    keluaran: bool  # inside a cell output (generated), not the chapter's prose


def blok_html(html: str) -> list[Blok]:
    """The blocks of a book page's article, in reading order (HTML-only chart data
    dropdowns left out: the PDF has none)."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("article") or soup
    out: list[Blok] = []
    _walk(root, out, False)
    return out


def _walk(node: Tag, out: list[Blok], keluaran: bool) -> None:
    for child in node.children:
        if not isinstance(child, Tag) or child.name in ("script", "style", "details", "nav"):
            continue
        classes = child.get("class") or []
        text = re.sub(r"\s+", " ", child.get_text(" ", strip=True))
        if re.fullmatch(r"h[1-6]", child.name):
            out.append(Blok("judul", text, keluaran))
        elif child.name == "table":
            out.append(Blok("tabel", child.get("id", ""), keluaran))
        elif child.name == "figure":
            out.append(Blok("gambar", child.get("id", ""), keluaran))
        elif child.name in ("ul", "ol"):
            out.append(Blok("daftar", text, keluaran))
        elif RUMUS in classes:
            out.append(Blok("rumus", text, keluaran))
        elif child.name == "p":
            if text:
                out.append(Blok("teks", text, keluaran))
        else:
            _walk(child, out, keluaran or "cell_output" in classes)


def masalah(blocks: list[Blok], halaman: str) -> list[str]:
    """Each announcing sentence not followed by what it announces, in words."""
    problems = []
    for i, blok in enumerate(blocks):
        if blok.jenis != "teks" or not UMUMKAN.search(blok.teks):
            continue
        rest = blocks[i + 1 :]
        nxt = rest[0] if rest else None
        where = f"{halaman}: «…{blok.teks[-90:]}»"
        if PERHITUNGAN.search(blok.teks) or DI_BAWAH_TABEL.search(blok.teks):
            if DI_BAWAH_TABEL.search(blok.teks):  # the calculation comes after the tables
                rest = rest[next((n for n, b in enumerate(rest) if b.jenis == "tabel"), 0) :]
                rest = [b for b in rest if b.jenis != "tabel"]
                nxt = rest[0] if rest else None
            if nxt is None or nxt.jenis != "rumus":
                problems.append(f"{where} mengumumkan perhitungan, diikuti {_nama(nxt)}")
            continue
        wanted = next((kinds for pattern, kinds in JENIS if pattern.search(blok.teks)), None)
        if wanted is not None:
            if nxt is None or nxt.jenis not in wanted:
                problems.append(f"{where} mengumumkan {'/'.join(wanted)}, diikuti {_nama(nxt)}")
            continue
        if nxt is not None and nxt.jenis == "judul" and not nxt.keluaran and len(rest) > 1:
            nxt = rest[1]  # the announced blocks come as sections: the first one's block
        if nxt is None or not (
            nxt.jenis in DITAMPILKAN or (nxt.keluaran and nxt.jenis in ("teks", "judul"))
        ):
            problems.append(f"{where} mengumumkan sesuatu, diikuti {_nama(nxt)}")
    return problems


def _nama(blok: Blok | None) -> str:
    if blok is None:
        return "akhir halaman"
    sumber = "keluaran" if blok.keluaran else "naskah"
    return f"{blok.jenis} ({sumber}) «{blok.teks[:60]}»"


def rujukan_hilang(pages: dict[str, str]) -> list[str]:
    """Every numbered reference (``Tabel 2.2``, ``Gambar 2.1``) whose target is on no page."""
    ids: dict[str, set[str]] = {}
    soups = {name: BeautifulSoup(html, "html.parser") for name, html in pages.items()}
    for name, soup in soups.items():
        ids[name] = {tag["id"] for tag in soup.find_all(id=True)}
    problems = []
    for name, soup in soups.items():
        for span in soup.select("a.reference span.std-numref"):
            href = span.find_parent("a")["href"]
            page, _, anchor = href.partition("#")
            target = page.rsplit("/", 1)[-1] or name
            if anchor not in ids.get(target, set()):
                problems.append(f"{name}: rujukan «{span.get_text()}» ke {href} tidak ada")
    return problems
