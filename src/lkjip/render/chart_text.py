"""What goes with a chart besides the picture: alt text, the data table and its CSV.

Alt text is one Indonesian sentence built from the chart's numbers (what is
shown, the highest and the lowest value). A chart module can write its own
through the Vega-Lite ``description``; :func:`alt_otomatis` writes one for
any chart that has none.

The CSV behind a chart's "Data grafik" dropdown is what the dropdown shows:
the chart's numbers formatted as printed (``3,99``, ``1.234``), separated by
``;``, UTF-8 with a byte-order mark, text that a spreadsheet would run as a formula
prefixed with ``'``. That is what Excel with Indonesian
regional settings opens correctly (comma decimal, dot thousands, ``;`` as the
list separator, accents intact). The file is embedded as a ``data:`` link, so
the HTML works offline.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence

import pandas as pd

from lkjip.data import spreadsheet
from lkjip.domain import formatting as fmt
from lkjip.render.myst import escape_md

#: byte-order mark: Excel reads the file as UTF-8 only with it
BOM = "\ufeff"
CSV_SEPARATOR = ";"
#: ties named in an alt sentence; more are counted
NAMA_PALING_BANYAK = 3


# --- all values equal ------------------------------------------------------------


def semua_sama(values: Sequence[float]) -> bool:
    """True when a chart would show one value only (nothing to compare)."""
    return len(values) > 0 and len(set(values)) == 1


# --- alt text --------------------------------------------------------------------


def ekstrem(
    labels: Sequence[str], values: Sequence[float], places: int, satuan: str = "nilai"
) -> str:
    """``tertinggi A (3,99), terendah B (3,98)``; ties are named together, or counted
    (``pada 8 bulan``) when there are more than :data:`NAMA_PALING_BANYAK`."""
    high, low = max(values), min(values)

    def names(target: float) -> str:
        found = list(
            dict.fromkeys(str(lab) for lab, v in zip(labels, values, strict=True) if v == target)
        )
        if len(found) > NAMA_PALING_BANYAK:
            return f"{fmt.angka(target, places)} pada {len(found)} {satuan}"
        return f"{', '.join(found)} ({fmt.angka(target, places)})"

    if high == low:
        return f"seluruhnya bernilai {fmt.angka(high, places)}"
    return f"tertinggi {names(high)}, terendah {names(low)}"


def _units(node: dict, data: str | None = None):
    """(unit spec, its data name) for every single-mark view of a spec, depth first."""
    name = node.get("data", {}).get("name", data) if isinstance(node.get("data"), dict) else data
    if "mark" in node and "encoding" in node:
        yield node, name
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []):
            yield from _units(child, name)
    if isinstance(node.get("spec"), dict):
        yield from _units(node["spec"], name)


def _places(channel: dict) -> int:
    match = re.search(r"\.(\d)f", str((channel.get("axis") or {}).get("format", "")))
    return int(match.group(1)) if match else 0


def alt_otomatis(spec: dict, judul: str) -> str:
    """An alt sentence for a chart without its own: the title and the extremes of the
    first quantitative series."""
    datasets = spec.get("datasets", {})
    for unit, name in _units(spec):
        enc = unit["encoding"]
        for value_ch, label_ch in (("y", "x"), ("x", "y")):
            value, label = enc.get(value_ch) or {}, enc.get(label_ch) or {}
            if value.get("type") != "quantitative" or not value.get("field"):
                continue
            if label.get("type") == "quantitative" or not label.get("field"):
                continue
            if name not in datasets:
                continue
            rows = datasets[name]
            extra = (enc.get("color") or {}).get("field") or (enc.get("xOffset") or {}).get("field")
            labels = [
                " ".join(str(r[f]) for f in (label["field"], extra) if f and f in r) for r in rows
            ]
            numbers = [float(r[value["field"]]) for r in rows]
            if not numbers:
                break
            return f"Grafik {judul}: {ekstrem(labels, numbers, _places(value))}."
    return f"Grafik {judul}."


def judul_dari_data(judul_data: str) -> str:
    """``Data: target dan realisasi IKM`` -> ``target dan realisasi IKM``."""
    text = re.sub(r"^data\s*:\s*", "", judul_data.strip(), flags=re.IGNORECASE)
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# --- the data dropdown and its CSV --------------------------------------------------


def csv_teks(data: pd.DataFrame) -> str:
    """The table as CSV text for Indonesian Excel (see the module docstring); text a
    spreadsheet would run as a formula is prefixed with ``'``
    (:func:`lkjip.data.spreadsheet.neutralise`)."""
    table = spreadsheet.neutralise_frame(data)
    return BOM + table.to_csv(sep=CSV_SEPARATOR, index=False, lineterminator="\r\n")


def csv_tautan(data: pd.DataFrame, key: str) -> str:
    """An offline download link (HTML) holding the table as CSV; its title states the
    rule of :func:`csv_teks`."""
    payload = base64.b64encode(csv_teks(data).encode("utf-8")).decode("ascii")
    rule = html.escape(f"Data, bukan rumus: {spreadsheet.RULE}")
    return (
        f'<a class="lkjip-csv" href="data:text/csv;charset=utf-8;base64,{payload}" '
        f'download="{key}.csv" title="{rule}">Unduh data grafik (CSV)</a>'
    )


def tabel_polos(data: pd.DataFrame, kanan: Sequence[str] = ()) -> str:
    """A plain Markdown table: no caption and no label, so it takes no table number."""
    right = set(kanan)
    header = "| " + " | ".join(escape_md(str(c)) for c in data.columns) + " |"
    align = "|" + "|".join("---:" if c in right else ":---" for c in data.columns) + "|"
    rows = [
        "| " + " | ".join(escape_md("" if pd.isna(v) else str(v)) for v in row) + " |"
        for row in data.itertuples(index=False)
    ]
    return "\n".join([header, align, *rows])


def data_grafik_markdown(key: str, data: pd.DataFrame, judul: str, kanan: Sequence[str]) -> str:
    """The HTML-only "Data grafik" dropdown: bold title, plain table, CSV link."""
    return (
        ":::::{only} html\n"
        "::::{admonition} Data grafik\n:class: dropdown lkjip-data\n\n"
        f"**{escape_md(judul)}**\n\n{tabel_polos(data, kanan)}\n\n"
        f"```{{raw}} html\n{csv_tautan(data, key)}\n```\n"
        "::::\n:::::\n"
    )
