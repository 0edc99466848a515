"""The performance indicators and Perjanjian Kinerja levels the report is built around."""

from __future__ import annotations

#: the office's indicators (indikator kinerja kegiatan), in printed order
INDIKATOR: tuple[str, ...] = ("ikm", "ipk", "iki")
#: how each indicator is named in the text and table headers
NAMA: dict[str, str] = {"ikm": "IKM", "ipk": "IPK", "iki": "IKI"}
#: the PK level the office itself is accountable for
TINGKAT_KANTOR = "sasaran_kegiatan"
#: PK level -> (sasaran header, indikator header), in printed order
TINGKAT_PK: dict[str, tuple[str, str]] = {
    "sasaran_strategis": ("Sasaran Strategis", "Indikator Kinerja Utama"),
    "sasaran_program": ("Sasaran Program", "Indikator Kinerja Program"),
    TINGKAT_KANTOR: ("Sasaran Kegiatan", "Indikator Kinerja Kegiatan"),
}
