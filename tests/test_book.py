"""The built HTML book: figures, links, offline resources, ledger, and a real browser."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from lkjip.assemble.pipeline import BuildResult
from lkjip.chapters.kernel.protocol import CHAPTERS

from .helpers import HEADLINE, chrome, html_ids

#: every test here builds a book (the slow tier)
pytestmark = pytest.mark.book


@lru_cache(maxsize=64)
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(result: BuildResult) -> list[Path]:
    return sorted((result.out_dir / "html").rglob("*.html"))


def _page(result: BuildResult, chapter: str) -> Path:
    return result.out_dir / "html" / "notebooks" / f"{chapter}.html"


def test_every_chapter_page_is_built(built_book: BuildResult) -> None:
    assert built_book.html_index.exists()
    for chapter in CHAPTERS:
        assert _page(built_book, chapter).exists(), chapter


def test_headline_figures_in_indonesian_format(built_book: BuildResult) -> None:
    text = _soup(_page(built_book, "bab3_akuntabilitas")).get_text(" ")
    for figure in HEADLINE:
        assert figure in text, figure
    summary = _soup(_page(built_book, "ikhtisar")).get_text(" ")
    assert "123,35%" in summary and "Rp82.709.724.907" in summary


def test_papermill_parameter_cells_are_hidden(built_book: BuildResult) -> None:
    for page in _pages(built_book):
        text = _soup(page).get_text(" ")
        assert "injected-parameters" not in text
        assert "data_dir = " not in text, page.name


def test_every_internal_link_resolves(built_book: BuildResult) -> None:
    checked = 0
    for page in _pages(built_book):
        for link in _soup(page).select(
            "a.reference.internal[href], a.lkjip-angka[href], a.lkjip-sumber[href]"
        ):
            href = link["href"]
            parts = urlsplit(href)
            target = (page.parent / parts.path).resolve() if parts.path else page
            assert target.exists(), f"{page.name}: {href}"
            if parts.fragment:
                assert parts.fragment in html_ids(target), f"{page.name}: {href}"
                checked += 1
    assert checked > 500


def test_glued_numbers_link_to_their_calculation(built_book: BuildResult) -> None:
    page = _page(built_book, "bab3_akuntabilitas")
    links = {a.get_text(): a["href"] for a in _soup(page).select("p a.lkjip-angka")}
    assert links["122,77%"] == "../kertas_kerja/perhitungan_bab3_akuntabilitas.html#f-ikm-capaian"
    working = built_book.out_dir / "html" / "kertas_kerja" / "perhitungan_bab3_akuntabilitas.html"
    assert _soup(page).find(id="f-ikm-capaian") is None  # not in the report
    target = _soup(working).find(id="f-ikm-capaian")
    assert target is not None
    assert "3,99 / 3,25 × 100% = 122,77%" in target.find_parent("section").get_text(" ")


def test_no_resource_outside_the_build(built_book: BuildResult) -> None:
    for page in _pages(built_book):
        soup = _soup(page)
        refs = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe"])]
        refs += [
            tag.get("href")
            for tag in soup.find_all("link")
            if "stylesheet" in (tag.get("rel") or []) or tag.get("as")
        ]
        for ref in filter(None, refs):
            assert not ref.startswith(("http:", "https:", "//")), f"{page.name}: {ref}"
    assert (built_book.out_dir / "html" / "_static" / "vega-bundle.js").exists()


def test_ledger_has_every_figure_with_a_working_url(built_book: BuildResult) -> None:
    with built_book.ledger_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {"id", "value", "display", "formula", "sources", "notebook", "cell_id", "url"} <= set(
        rows[0]
    )
    anchors = set()
    for row in rows:
        assert row["url"] and row["notebook"] and row["cell_id"], row["id"]
        path, _, fragment = row["url"].partition("#")
        target = built_book.out_dir / path
        assert target.exists(), row["url"]
        assert fragment in html_ids(target), row["url"]
        anchors.add(f"{Path(path).name}#{fragment}")
    # every glued number in the book points at a ledger row
    for page in _pages(built_book):
        selector = "a.lkjip-angka[href*='#f-']"
        for link in _soup(page).select(selector):
            parts = urlsplit(link["href"])
            name = Path(parts.path).name if parts.path else page.name
            assert f"{name}#{parts.fragment}" in anchors, f"{page.name}: {link['href']}"


def test_browser_renders_charts_offline_and_follows_a_number(
    built_book: BuildResult, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chrome()
    try:
        driver.get(_page(built_book, "bab3_akuntabilitas").as_uri())
        charts = driver.find_elements(By.CSS_SELECTOR, ".lkjip-chart")
        assert len(charts) >= 10
        WebDriverWait(driver, 20).until(
            lambda d: (
                len(
                    d.find_elements(
                        By.CSS_SELECTOR, ".lkjip-chart svg .mark-rect, .lkjip-chart svg .mark-line"
                    )
                )
                >= 10
            )
        )
        rendered = driver.execute_script(
            "return Array.from(document.querySelectorAll('.lkjip-chart'))"
            ".filter(e => e.querySelector('svg.marks')).length"
        )
        assert rendered == len(charts)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
        number = driver.find_element(
            By.XPATH, "//p//a[contains(@class,'lkjip-angka')][normalize-space()='122,77%']"
        )
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", number)
        number.click()
        WebDriverWait(driver, 10).until(
            lambda d: d.execute_script("return location.hash") == "#f-ikm-capaian"
        )
        target = driver.find_element(By.ID, "f-ikm-capaian")
        top = driver.execute_script("return arguments[0].getBoundingClientRect().top", target)
        assert 0 <= top < 600
        # to look at (in the test's own folder: the shared book is only read)
        driver.save_screenshot(str(tmp_path / "bab3-klik.png"))
    finally:
        driver.quit()
