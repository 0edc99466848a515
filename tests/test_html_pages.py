"""Every page of the built HTML in a real browser: no console error, no sideways scroll
on a phone, a number's popover on a tap, links that stay inside ``html/``, and the
Jejak Angka id column that breaks only between the parts of an id."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from lkjip.assemble.pipeline import BuildResult
from lkjip.render.sphinx_html import LONG_CODE, pieces

from .helpers import chrome

#: a phone's screen width (CSS px)
PHONE = 390


def test_ids_are_cut_after_dots_and_long_parts_after_underscores() -> None:
    assert pieces("iki.variabel.pengembangan_kompetensi.bulan.01") == [
        "iki.",
        "variabel.",
        "pengembangan_kompetensi.",
        "bulan.",
        "01",
    ]
    long_part = "anggaran.kegiatan.penyelenggaraan_fungsi_pengkoordinasian_pelayanan_dan.pagu"
    assert pieces(long_part)[2:7] == [
        "penyelenggaraan_",
        "fungsi_",
        "pengkoordinasian_",
        "pelayanan_",
        "dan.",
    ]
    assert pieces("lkjip:rujukan/2023/x.csv") == ["lkjip:rujukan/", "2023/", "x.", "csv"]
    assert pieces("nihil") == ["nihil"]


def _pages(result: BuildResult) -> list[Path]:
    return sorted((result.out_dir / "html").rglob("*.html"))


def _phone(driver) -> None:  # a selenium WebDriver
    """A touch phone screen: mobile viewport (meta viewport honoured) and touch events."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE, "height": 844, "deviceScaleFactor": 2, "mobile": True},
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


def _tap(driver, element) -> None:  # selenium objects
    """A finger's tap on the middle of ``element`` (touch events, as a phone sends)."""
    x, y = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.left + r.width / 2, r.top + r.height / 2];",
        element,
    )
    point = [{"x": x, "y": y, "id": 1}]
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point})
    driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_no_console_error_and_no_sideways_scroll_on_any_page(built_book: BuildResult) -> None:
    """Every HTML file of the book opened at 1280 px, then on a phone: the browser
    console has no message of level SEVERE (a script error, a missing file, the theme's
    complaints), and on the phone no page is wider than the screen (wide tables and
    long formulas scroll inside their own box)."""
    pages = _pages(built_book)
    assert len(pages) > 50
    driver = chrome()
    errors: list[str] = []
    wide: dict[str, int] = {}
    try:
        driver.execute_cdp_cmd("Log.enable", {})
        for phone in (False, True):
            if phone:
                _phone(driver)
            for page in pages:
                driver.get(page.as_uri())
                name = page.relative_to(built_book.out_dir / "html").as_posix()
                errors += [
                    f"{name}: {e['message']}"
                    for e in driver.get_log("browser")
                    if e["level"] == "SEVERE"
                ]
                if phone:
                    width = driver.execute_script("return document.documentElement.scrollWidth")
                    if width > PHONE:
                        wide[name] = width
    finally:
        driver.quit()
    assert errors == [], errors[:5]
    assert wide == {}, wide


def test_a_tap_on_a_number_shows_its_popover_and_a_second_tap_follows_it(
    built_book: BuildResult,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = built_book.out_dir / "html" / "notebooks" / "bab3_akuntabilitas.html"
    driver = chrome()
    try:
        _phone(driver)
        driver.get(page.as_uri())
        assert driver.execute_script("return matchMedia('(pointer: coarse)').matches")
        number = driver.find_element(
            By.XPATH, "//p//a[contains(@class,'lkjip-angka')][normalize-space()='122,77%']"
        )
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", number)
        _tap(driver, number)
        box = WebDriverWait(driver, 5).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".lkjip-popover")
        )[0]
        assert "3,99 / 3,25 × 100% = 122,77%" in box.text
        assert driver.execute_script("return location.href") == page.as_uri()
        # the popover fits the phone's screen
        left, right = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", box
        )
        assert 0 <= left and right <= PHONE
        # a tap elsewhere closes it; a tap on the number opens it again
        _tap(driver, driver.find_element(By.CSS_SELECTOR, "h1"))
        WebDriverWait(driver, 5).until(
            lambda d: not d.find_elements(By.CSS_SELECTOR, ".lkjip-popover")
        )
        _tap(driver, number)
        WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".lkjip-popover"))
        assert driver.execute_script("return location.href") == page.as_uri()
        # the second tap on the same number follows its link
        _tap(driver, number)
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return location.hash") == "#f-ikm-capaian"
        )
        assert driver.execute_script("return location.pathname").endswith(
            "/kertas_kerja/perhitungan_bab3_akuntabilitas.html"
        )
    finally:
        driver.quit()


def _targets(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refs = [tag.get("href") for tag in soup.find_all(["a", "link"])]
    refs += [tag.get("src") for tag in soup.find_all(["script", "img", "iframe", "source"])]
    return [r for r in refs if r]


def test_every_link_resolves_inside_html(built_book: BuildResult) -> None:
    """``html/`` alone (published without the rest of the book folder) holds every file
    its pages link to: the PDFs and the ledger are in ``html/unduh/``. No page links
    outside the book (no http(s) address)."""
    html = (built_book.out_dir / "html").resolve()
    outside, missing, external = [], [], []
    checked = 0
    for page in _pages(built_book):
        for ref in _targets(page):
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https") or ref.startswith("//"):
                external.append(f"{page.name}: {ref}")
                continue
            if parts.scheme in ("mailto", "data", "javascript") or not parts.path:
                continue
            assert not parts.scheme, f"{page.name}: {ref}"
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(html):
                outside.append(f"{page.name}: {ref}")
            elif not target.exists():
                missing.append(f"{page.name}: {ref}")
            checked += 1
    assert (outside, missing, external) == ([], [], [])
    assert checked > 1000
    pdfs = sorted(p.name for p in (built_book.out_dir / "pdf").glob("*.pdf"))
    assert sorted(p.name for p in (html / "unduh").glob("*.pdf")) == pdfs
    for name in pdfs:
        published = (built_book.out_dir / "pdf" / name).read_bytes()
        assert (html / "unduh" / name).read_bytes() == published
    cover = (html / "notebooks" / "sampul.html").read_text(encoding="utf-8")
    assert all(f'href="../unduh/{name}"' in cover for name in pdfs)
    assert 'href="../unduh/ledger.csv"' in cover


def test_jejak_angka_ids_break_only_between_their_parts(built_book: BuildResult) -> None:
    """At 1280 px every id of the Jejak Angka table stands on one to four lines, each
    piece of an id (up to and with its dot; in a long part, its underscore) whole on
    one line."""
    page = built_book.out_dir / "html" / "notebooks" / "jejak_angka.html"
    driver = chrome()
    try:
        driver.set_window_size(1280, 1000)
        driver.get(page.as_uri())
        cells = driver.execute_script(
            """
            const rows = [...document.querySelectorAll('#tbl-jejak-angka tbody tr')];
            return rows.map(tr => {
              const code = tr.lastElementChild.querySelector('code');
              const pieces = [...code.querySelectorAll('span.pre')];
              const tops = new Set([...code.getClientRects()].map(r => Math.round(r.top)));
              return {
                id: code.textContent,
                lines: tops.size,
                broken: pieces.filter(p => p.getClientRects().length > 1).length,
                pieces: pieces.map(p => p.textContent),
              };
            });"""
        )
    finally:
        driver.quit()
    with (built_book.out_dir / "ledger.csv").open(encoding="utf-8", newline="") as f:
        # every figure but the Reviu's own (shown on the Reviu page) has a row, once
        expected = [r["id"] for r in csv.DictReader(f) if r["notebook"] != "notebooks/reviu.ipynb"]
    assert sorted(cell["id"] for cell in cells) == sorted(expected)
    for cell in cells:
        assert cell["broken"] == 0, cell
        assert 1 <= cell["lines"] <= 4, cell
        assert "".join(cell["pieces"]) == cell["id"]
        if len(cell["id"]) > LONG_CODE:
            assert cell["pieces"] == pieces(cell["id"]), cell
            assert all(p[-1] in "./_" for p in cell["pieces"][:-1]), cell
    assert max(len(c["pieces"]) for c in cells) > 2  # long ids do break (at their dots)
