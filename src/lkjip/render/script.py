"""JSON written into a page's script: data text in it stays data.

A Vega-Lite spec (chart labels, an organisation chart's unit names) and the popover
text of the numbers are JSON inside JavaScript. In an inline ``<script>``, the HTML
parser ends the script at ``</script>`` and, after ``<!--`` then ``<script``, stops
ending it at all (the rest of the page becomes script). :func:`script_json` writes
``<``, ``>`` and ``&`` as ``\\u003c``, ``\\u003e``, ``\\u0026``, so no text of a string
can be read as markup, and the line separators U+2028 and U+2029 as escapes too (older
JavaScript ends a line there). The value JavaScript reads is unchanged.
"""

from __future__ import annotations

import json

#: characters JSON leaves as they are and an HTML page or a script may read otherwise;
#: they occur only inside JSON strings, where the escape means the same character
_SCRIPT_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def script_json(value: object, *, sort_keys: bool = True, ensure_ascii: bool = False) -> str:
    """``value`` as JSON that is safe anywhere in an HTML page's script."""
    text = json.dumps(value, ensure_ascii=ensure_ascii, sort_keys=sort_keys)
    return text.translate(_SCRIPT_ESCAPES)
