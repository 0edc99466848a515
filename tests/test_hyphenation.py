"""Indonesian hyphenation: syllables, the breaks offered to TeX, bad breaks in PDF text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lkjip.domain.hyphenation import (
    bad_breaks,
    hyphenated,
    safe_breaks,
    syllables,
    tex_hyphenation,
)
from lkjip.render.latex import HYPHEN_MINS, hyphenation_exceptions, words_in_text

#: words whose KBBI syllables agree with the spelling rules (no dispute between readings)
KBBI = {
    "diresmikan": "di-res-mi-kan",
    "menempatkan": "me-nem-pat-kan",
    "memastikan": "me-mas-ti-kan",
    "komitmen": "ko-mit-men",
    "keimigrasian": "ke-i-mi-gra-si-an",
    "Keimigrasian": "Ke-i-mi-gra-si-an",
    "imigrasi": "i-mi-gra-si",
    "penyelenggaraan": "pe-nye-leng-ga-ra-an",
    "kabupaten": "ka-bu-pa-ten",
    "masyarakat": "ma-sya-ra-kat",
    "akuntabilitas": "a-kun-ta-bi-li-tas",
    "instrumen": "in-stru-men",
    "capaian": "ca-pai-an",
    "realisasi": "re-a-li-sa-si",
    "ditetapkan": "di-te-tap-kan",
    "dilaksanakan": "di-lak-sa-na-kan",
    "disampaikan": "di-sam-pai-kan",
    "meningkatkan": "me-ning-kat-kan",
    "mempertanggungjawabkan": "mem-per-tang-gung-ja-wab-kan",
    "kinerja": "ki-ner-ja",
    "pegawai": "pe-ga-wai",
    "pantai": "pan-tai",
    "saudara": "sau-da-ra",
    "maupun": "mau-pun",
    "survei": "sur-vei",
    "baik": "ba-ik",
    "laut": "la-ut",
    "lainnya": "la-in-nya",
    "datanya": "da-ta-nya",
    "hasilnya": "ha-sil-nya",
    "pelaksanaan": "pe-lak-sa-na-an",
    "perencanaan": "pe-ren-ca-na-an",
    "keadaan": "ke-a-da-an",
    "koordinasi": "ko-or-di-na-si",
    "organisasi": "or-ga-ni-sa-si",
    "informasi": "in-for-ma-si",
    "pemerintah": "pe-me-rin-tah",
    "perjanjian": "per-jan-ji-an",
    "terhadap": "ter-ha-dap",
    "bersama": "ber-sa-ma",
    "strategis": "stra-te-gis",
    "struktur": "struk-tur",
    "transportasi": "trans-por-ta-si",
    "ekspor": "eks-por",
    "tekstil": "teks-til",
    "instansi": "in-stan-si",
    "konstitusi": "kon-sti-tu-si",
    "bangkrut": "bang-krut",
    "makhluk": "makh-luk",
    "khusus": "khu-sus",
    "syarat": "sya-rat",
    "banyak": "ba-nyak",
    "tanggung": "tang-gung",
    "sangat": "sa-ngat",
    "mengganti": "meng-gan-ti",
    "anggota": "ang-go-ta",
    "kantor": "kan-tor",
    "paspor": "pas-por",
    "wilayah": "wi-la-yah",
    "Indonesia": "In-do-ne-si-a",
    "sosialisasi": "so-si-a-li-sa-si",
    "demokrasi": "de-mo-kra-si",
}

#: words KBBI divides by their parts (or PUEBI by its two-consonant rule) where the spelling
#: rules give another division: (syllables by the rules, the other reading, breaks for TeX)
DISPUTED = {
    "kebijakan": ("ke-bi-ja-kan", "ke-bi-jak-an", "ke-bi-jakan"),
    "kebijakannya": ("ke-bi-ja-kan-nya", "ke-bi-jak-an-nya", "ke-bi-jakan-nya"),
    "pelayanan": ("pe-la-ya-nan", "pe-la-yan-an", "pe-la-yanan"),
    "anggaran": ("ang-ga-ran", "ang-gar-an", "ang-garan"),
    "perlintasan": ("per-lin-ta-san", "per-lin-tas-an", "per-lin-tasan"),
    "kegiatan": ("ke-gi-a-tan", "ke-gi-at-an", "ke-giatan"),
    "keuangan": ("ke-u-a-ngan", "ke-u-ang-an", "ke-uangan"),
    "pengaduan": ("pe-nga-du-an", "peng-a-du-an", "penga-duan"),
    "berasal": ("be-ra-sal", "ber-a-sal", "bera-sal"),
    "migrasi": ("mi-gra-si", "mig-ra-si", "migra-si"),
    "keimigrasian": ("ke-i-mi-gra-si-an", "ke-i-mig-ra-si-an", "ke-imigra-sian"),
}

#: words the breaks for TeX keep whole
AGREED_TEX = {
    "diresmikan": "di-res-mi-kan",
    "memastikan": "me-mas-ti-kan",
    "menempatkan": "me-nem-pat-kan",
    "komitmen": "ko-mit-men",
    "penyelenggaraan": "pe-nye-leng-ga-raan",
    "akuntabilitas": "a-kun-ta-bi-li-tas",
}


@pytest.mark.parametrize(("word", "expected"), sorted(KBBI.items()))
def test_syllables_follow_kbbi(word: str, expected: str) -> None:
    assert hyphenated(word) == expected
    assert "".join(syllables(word)) == word


def test_the_list_is_long_enough_and_covers_the_suffixes() -> None:
    assert len(KBBI) >= 50
    assert {w[-3:] for w in KBBI} >= {"kan", "nya"} and any(w.endswith("an") for w in KBBI)


@pytest.mark.parametrize(("word", "readings"), sorted(DISPUTED.items()))
def test_disputed_words_offer_tex_only_breaks_of_both_readings(
    word: str, readings: tuple[str, str, str]
) -> None:
    rules, other, tex = readings
    assert hyphenated(word) == rules
    assert tex_hyphenation(word) == tex

    def cuts(text: str) -> set[int]:
        return {m.start() - i for i, m in enumerate(re.finditer("-", text))}

    assert cuts(tex) <= cuts(rules) & cuts(other)


@pytest.mark.parametrize(("word", "expected"), sorted(AGREED_TEX.items()))
def test_undisputed_breaks_reach_tex(word: str, expected: str) -> None:
    assert tex_hyphenation(word) == expected


@pytest.mark.parametrize("word", sorted(KBBI))
def test_safe_breaks_are_syllable_boundaries(word: str) -> None:
    bounds = {sum(len(s) for s in syllables(word)[:k]) for k in range(1, len(syllables(word)))}
    assert set(safe_breaks(word)) <= bounds


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("masing-masing", ["ma", "sing-", "ma", "sing"]),
        ("e-Performance", ["e-", "Per", "for", "man", "ce"]),
        ("M.HH-01", ["M.HH-01"]),
        ("2023", ["2023"]),
        ("Jum'at", ["Jum'at"]),
        ("PNBP", ["PNBP"]),
    ],
)
def test_compounds_and_non_words(word: str, expected: list[str]) -> None:
    assert syllables(word) == expected
    assert safe_breaks(word) == []
    assert hyphenated("masing-masing") == "ma-sing-ma-sing"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Gedung itu diresmik-", "an oleh Menteri."], ["diresmik-an"]),
        (["Gedung itu diresmi-", "kan oleh Menteri."], []),
        (["masing-", "masing unit kerja"], []),
        (["peraturan perundang-", "undangan yang berlaku"], []),
        (["aplikasi e-", "Performance"], []),
        (["Nomor IMI-", "0229.PR.01.01"], []),
        (["nilai Komi-", "tmen"], ["Komi-tmen"]),
        (["   Kei-", "migrasian"], ["Kei-migrasian"]),
        (["Ke-", "imigrasian"], []),
        (["   ... untuk menempatk-", "", "      an petugas, dan"], ["menempatk-an"]),
        (["kebija-", "kan;", "dan memastik-", "an hasil"], ["memastik-an"]),
        (["tanpa tanda hubung", "di akhir baris"], []),
    ],
)
def test_bad_breaks(lines: list[str], expected: list[str]) -> None:
    assert bad_breaks(lines) == expected


def test_bad_breaks_skips_short_words() -> None:
    assert bad_breaks(["ak-", "un"]) == []
    assert bad_breaks(["ak-", "un"], min_length=4) == ["ak-un"]


def test_hyphenation_exceptions_block() -> None:
    words = ["Keimigrasian", "keimigrasian", "diresmikan", "dan", "PNBP", "rp5", "kebijakan"]
    block = hyphenation_exceptions(words + ["survei", "Jum'at", "kantor", "laut", "strukturnya"])
    body = block.split(r"\hyphenation{%", 1)[1].split("}", 1)[0]
    assert re.fullmatch(r"[a-z\- \n]+", body)
    entries = body.split()
    assert entries == [
        "di-res-mi-kan",
        "kan-tor",
        "ke-bi-jakan",
        "ke-imigra-sian",
        "struk-tur-nya",
        "sur-vei",
    ]
    assert r"\language=\l@indonesian" in block and block.count("{") == block.count("}")
    assert hyphenation_exceptions(["dan", "laut"]) == ""


def test_hyphenation_exceptions_wrap() -> None:
    words = [f"{w}kan" for w in ("ditempat", "dipasti", "diresmi", "dilaksana")] * 3
    words += [f"me{w}" for w in ("nempatkan", "mastikan", "ngganti", "ningkatkan")]
    many = [w + suffix for w in words for suffix in ("", "nya", "lah")]
    block = hyphenation_exceptions(many)
    body = block.split(r"\hyphenation{%", 1)[1].split("}", 1)[0].strip().splitlines()
    assert len(body) > 1 and all(len(line) <= 100 for line in body)
    assert sorted(e.replace("-", "") for line in body for e in line.split()) == sorted(
        {w.lower() for w in many}
    )


def test_words_in_text_ignores_markup() -> None:
    text = "\n".join(
        [
            "(sec-x)=",
            "## Kebijakan Keimigrasian",
            "Capaian {angka}`kinerja.rerata_capaian` diresmikan pada 2023 (lihat",
            "[laman resmi](https://imigrasi.go.id/x_y) dan `kode_tabel`).",
            "```python",
            "hitung = 1",
            "```",
            ":::{admonition} Catatan",
            ":class: lkjip-ttd",
            "Masing-masing unit <span>kerja</span> M.HH-01 $x^2$",
            ":::",
        ]
    )
    assert words_in_text(text) == {
        "Kebijakan",
        "Keimigrasian",
        "Capaian",
        "diresmikan",
        "pada",
        "lihat",
        "laman",
        "resmi",
        "dan",
        "Masing",
        "masing",
        "unit",
        "kerja",
        "M",
        "HH",
    }


def test_hyphen_mins_keep_three_letters_at_the_start_of_a_line() -> None:
    assert HYPHEN_MINS == r"\setlanghyphenmins{bahasai}{2}{3}"


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("xelatex") is None, reason="xelatex not installed")
def test_xelatex_uses_the_exceptions(tmp_path: Path) -> None:
    """The Indonesian language of Sphinx (polyglossia, bahasai) takes the listed breaks."""
    words = ["diresmikan", "menempatkan", "Keimigrasian", "komitmen", "kebijakan"]
    document = "\n".join(
        [
            r"\documentclass[11pt,bahasai]{report}",
            r"\usepackage{fontspec}",
            r"\usepackage{polyglossia}",
            r"\setmainlanguage{bahasai}",
            hyphenation_exceptions(words),
            HYPHEN_MINS,
            r"\begin{document}",
            r"\showhyphens{diresmikan menempatkan Keimigrasian komitmen kebijakan}",
            r"\end{document}",
        ]
    )
    (tmp_path / "t.tex").write_text(document, encoding="utf-8")
    subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "t.tex"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    log = (tmp_path / "t.log").read_text(encoding="utf-8", errors="replace").replace("\n", "")
    assert "di-res-mi-kan me-nem-pat-kan Ke-imigra-sian ko-mit-men ke-bi-jakan" in log
