"""One spelling of each figure id: chapters, the audit and the renderers ask
:mod:`lkjip.figures.ids` for ids made from data; they never compose one themselves."""

from __future__ import annotations

import ast
import re

from lkjip.figures import ids
from lkjip.figures.registry import Registry

from .helpers import ROOT

#: modules that refer to figures but do not register them
CONSUMERS = ("chapters", "audit", "render")
#: keys that look like ids but are not figures: glue keys of charts (``gbr.``, ``data.gbr.``),
#: of sentences (``narasi.``) and pictures (``foto.``), and computation steps (``teks.``)
NOT_FIGURES = ("gbr", "data", "narasi", "foto", "teks")
_ID_LIKE = re.compile(r"^(\{\}|[a-z_]+)\.[a-z_{]")
_DOTTED = re.compile(r"\.[a-z_][a-z_0-9.+-]*|[a-z_][a-z_0-9.+-]*\.")
_FILE = re.compile(r"\.(csv|ipynb|tex|pdf|html|yml|md|png|json|svg|js|py|log|aux)\b")


def _template(node: ast.JoinedStr) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


def composed_ids(source: str, name: str) -> list[str]:
    """The f-strings and concatenations of ``source`` that compose a dotted id
    (``f"{k}.realisasi"``, ``"pnbp.akun." + kode``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "pnbp.akun." + kode
            for side in (node.left, node.right):
                text = str(side.value) if isinstance(side, ast.Constant) else ""
                if _DOTTED.fullmatch(text) and not _FILE.search(text):
                    found.append(f"{name}:{node.lineno}: + {side.value!r}")
        if isinstance(node, ast.JoinedStr):
            text = _template(node)
            first = text.split(".", 1)[0]
            if _ID_LIKE.match(text) and first not in NOT_FIGURES and not _FILE.search(text):
                found.append(f"{name}:{node.lineno}: f{text!r}")
    return found


def test_no_consumer_composes_a_figure_id() -> None:
    found = [
        hit
        for package in CONSUMERS
        for path in sorted((ROOT / "src" / "lkjip" / package).rglob("*.py"))
        for hit in composed_ids(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not found, "\n".join(found)


def test_the_check_finds_a_composed_id() -> None:
    source = 'def f(k, p):\n    return f"{k}.realisasi", f"gbr.{k}", f"{p}.csv", f"pagu.{k}"\n'
    assert composed_ids(source, "x.py") == ["x.py:2: f'{}.realisasi'", "x.py:2: f'pagu.{}'"]
    source = 'x = "pnbp.akun." + kode\ny = k + ".t-1"\nz = "Program " + nama\n'
    assert composed_ids(source, "y.py") == ["y.py:1: + 'pnbp.akun.'", "y.py:2: + '.t-1'"]


def test_the_id_functions_name_registered_figures(reg2023: Registry) -> None:
    assert ids.anggaran("persen", 1) in reg2023
    assert ids.belanja("Jumlah", "realisasi", 2) in reg2023
    assert ids.pagu("jenis_belanja", "jumlah") in reg2023
    assert ids.pk_anggaran("awal", "jumlah", -1) in reg2023
    assert ids.pk_target("ikm") in reg2023
    assert ids.pnbp("capaian") in reg2023
    assert ids.indikator("ikm", "realisasi", 1) in reg2023
    assert ids.uraian_capaian("ipk", "target") in reg2023
    assert ids.ipk("eksternal", "unsur_terendah") in reg2023
    assert ids.rincian("perlintasan", ("kedatangan", "WNA"), 1) in reg2023
    assert ids.tarja(37, "rerata") in reg2023
    assert ids.reviu("tidak dapat diperiksa") in reg2023
    assert ids.reviu_dasar("nilai resmi") in reg2023
    assert ids.smart("nilai_kinerja") in reg2023 and ids.ikpa("konversi", 2) in reg2023


def test_year_suffixes() -> None:
    assert [ids.suffix(o) for o in (0, 1, 2, -1)] == ["", ".t-1", ".t-2", ".t+1"]
    assert ids.akhiran(2024, 2023) == ".t+1" and ids.akhiran(2021, 2023) == ".t-2"
