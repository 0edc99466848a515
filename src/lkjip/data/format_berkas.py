"""Whether an attached file (a scan of a signed document, the emblem) can be printed.

An attachment is printed as it is: a PDF's pages go into the PDF with ``\\includepdf``
and are drawn as images for HTML, a PNG or JPEG is a page (or the emblem). A file that
LaTeX or the browser cannot read is refused here, with the reason in Indonesian, before
a build starts: a PDF must open (pypdf), not be locked and have a page; a PNG must have
its header (``IHDR``, a size) and its end (``IEND``); a JPEG its frame header (a size)
and its end marker.
"""

from __future__ import annotations

import io
import struct

#: the first bytes of each format
SIGNATURES: dict[str, bytes] = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}
NAMA = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
#: JPEG start-of-frame markers (every one but DHT C4, JPG C8 and DAC CC)
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def jumlah_halaman(data: bytes) -> int:
    """The number of pages of a PDF (which :func:`masalah` accepted)."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data), strict=False).pages)


def _pdf(data: bytes) -> str | None:
    if b"%%EOF" not in data[-2048:]:
        return "PDF terpotong (tanpa penanda akhir %%EOF)"
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return "PDF terkunci (dienkripsi atau berkata sandi); simpan ulang tanpa kunci"
        pages = len(reader.pages)
        for page in reader.pages:
            box = page.mediabox
            if float(box.width) <= 0 or float(box.height) <= 0:
                return "PDF memuat halaman tanpa ukuran"
    except Exception as exc:  # pypdf raises many kinds on a broken file
        return f"PDF tidak dapat dibaca ({type(exc).__name__})"
    if pages == 0:
        return "PDF tidak memiliki halaman"
    return None


def ukuran_png(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header, or None when there is none."""
    if len(data) < 33 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _png(data: bytes) -> str | None:
    size = ukuran_png(data)
    if size is None or 0 in size:
        return "PNG tanpa kepala gambar yang sah (IHDR); berkas rusak"
    if b"IEND" not in data[-16:]:
        return "PNG terpotong (tanpa penanda akhir IEND)"
    return None


def ukuran_jpeg(data: bytes) -> tuple[int, int] | None:
    """Width and height from a JPEG's frame header, or None when there is none."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if marker == 0xDA:  # start of scan before a frame header
            return None
        at += 2 + length
    return None


def _jpeg(data: bytes) -> str | None:
    size = ukuran_jpeg(data)
    if size is None or 0 in size:
        return "JPEG tanpa kepala bingkai yang sah (SOF); berkas rusak"
    if b"\xff\xd9" not in data[-16:]:
        return "JPEG terpotong (tanpa penanda akhir)"
    return None


def masalah(data: bytes, ext: str) -> str | None:
    """Why ``data``, named ``*.<ext>``, cannot be printed, or None (Indonesian)."""
    ext = ext.lower().lstrip(".")
    if not data:
        return "berkas kosong"
    if not data.startswith(SIGNATURES[ext]):
        return f"isi berkas bukan {NAMA[ext]} (tidak dapat dibaca sebagai {NAMA[ext]})"
    if ext == "pdf":
        return _pdf(data)
    return _png(data) if ext == "png" else _jpeg(data)
