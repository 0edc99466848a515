"""Unit tests of read recording (lkjip.data.reads) and the chapter cache (lkjip.assemble.cache)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkjip.assemble.cache import ChapterCache, chapter_key
from lkjip.audit.provenance import file_sha256
from lkjip.data import reads
from lkjip.data.dataset import Dataset
from lkjip.figures import tables_read
from lkjip.figures.registry import Registry


def test_the_dataset_records_each_table_it_hands_out(ds2023: Dataset) -> None:
    with reads.collect() as found:
        ds2023.table("skm_bulanan")
        ds2023.has("sejarah")
        _ = ds2023.specs["tpi"]  # its metadata alone
    assert found == {"table:skm_bulanan", "table:sejarah", "spec:tpi"}


def test_walking_all_tables_or_the_findings_records_them(ds2023: Dataset) -> None:
    with reads.collect() as found:
        list(ds2023.frames.items())
    # every table, and which tables there are (a walk sees a table added later)
    assert found == {"table:*"} | {f"table:{name}" for name in dict.keys(ds2023.frames)}
    with reads.collect() as found:
        list(ds2023.warnings)
    assert found == {"dataset:warnings"}  # their text, not every table


def test_the_registry_records_figures(reg2023: Registry) -> None:
    with reads.collect() as found:
        reg2023.d("ikm.capaian")
        _ = "pnbp.target" in reg2023
    assert found == {"figure:ikm.capaian", "figure:pnbp.target"}
    with reads.collect() as found:
        list(reg2023)
    assert found == {"figure:*", "ids:*"}  # (list() asks how many there are first)
    with reads.collect() as found:
        reg2023.ids("ipk.")
    assert found == {"figure:ipk.*"}
    with reads.collect() as found:
        owned = reg2023.select(lambda fid: fid.startswith("tpi."))
    assert owned and found == {"ids:*"}  # which figures exist, not their values


def test_a_figure_stands_for_the_tables_its_step_read(reg2023: Registry) -> None:
    tables = tables_read({"figure:ikm.capaian"}, reg2023)
    assert {"skm_bulanan", "pk_indikator"} <= tables
    assert "sejarah" not in tables and "pnbp" not in tables
    assert tables_read({"figure:*"}, reg2023) >= tables | tables_read(
        {"figure:pnbp.target"}, reg2023
    )


def test_records_go_to_the_chapter_file_once_and_not_while_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "reads.txt"
    monkeypatch.setattr(reads, "_target", [None])
    monkeypatch.setattr(reads, "_written", set())
    reads.write_to(target)  # as a chapter's mulai does with its build parameter
    with reads.quiet():
        reads.record("table", "quiet")
    reads.record("table", "a")
    reads.record("table", "a")
    reads.record("figure", "x.y")
    assert target.read_text(encoding="utf-8") == "table:a\nfigure:x.y\n"
    assert reads.read_records(target) == {"table:a", "figure:x.y"}


@pytest.fixture()
def entry(tmp_path: Path) -> tuple[ChapterCache, Path, str]:
    root = tmp_path / "proyek"
    (root / "data").mkdir(parents=True)
    table = root / "data" / "t.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    notebook = root / "bab.ipynb"
    notebook.write_text(json.dumps({"cells": []}), encoding="utf-8")
    cache = ChapterCache(root / "_build" / ".cache" / "2023", root)
    key = chapter_key(notebook, {"tahun": 2023})
    cache.store("bab", key, {"file:data/t.csv": file_sha256(table)}, notebook)
    return cache, table, key


def _now(table: Path):  # the fingerprints of the entry's one read
    return lambda keys: {k: file_sha256(table) for k in keys}


def test_a_hit_needs_the_same_key_and_the_same_reads(entry: tuple[ChapterCache, Path, str]) -> None:
    cache, table, key = entry
    assert cache.lookup("bab", key, _now(table)) is not None
    assert cache.lookup("bab", "lain", _now(table)) is None
    assert cache.reads("bab") == ["file:data/t.csv"]
    table.write_text("a,b\n1,3\n", encoding="utf-8")
    assert cache.lookup("bab", key, _now(table)) is None  # a changed input is never served


def test_a_damaged_or_missing_entry_is_a_miss(entry: tuple[ChapterCache, Path, str]) -> None:
    cache, table, key = entry
    (cache.folder / "bab" / "bab.ipynb").write_text("{}", encoding="utf-8")
    assert cache.lookup("bab", key, _now(table)) is None
    (cache.folder / "bab" / "entry.json").write_text("not json", encoding="utf-8")
    assert cache.lookup("bab", key, _now(table)) is None
    assert cache.lookup("tidak_ada", key, _now(table)) is None


def test_a_read_several_chapters_recorded_is_fingerprinted_once_per_build(
    ds2023: Dataset, reg2023: Registry, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from lkjip.assemble import dependencies, pipeline

    taken: list[str] = []
    fingerprints = dependencies.fingerprints

    def counting(keys, ds, reg, root):  # type: ignore[no-untyped-def]
        taken.extend(keys)
        return fingerprints(keys, ds, reg, root)

    monkeypatch.setattr(dependencies, "fingerprints", counting)
    run = pipeline._Run(
        tmp_path, tmp_path, tmp_path, {}, ChapterCache(tmp_path, tmp_path), reg2023, ds2023
    )
    first = ["table:paspor", "figure:paspor.total", "ids:*"]
    second = ["figure:paspor.total", "figure:pnbp.realisasi", "ids:*", "table:paspor"]
    got = [pipeline._fingerprints(run, keys) for keys in (first, second)]
    assert got == [fingerprints(keys, ds2023, reg2023, tmp_path) for keys in (first, second)]
    assert sorted(taken) == sorted(set(first + second))


def test_fingerprints_follow_content_not_files(data_copy: Path) -> None:
    from lkjip.assemble.dependencies import fingerprints
    from lkjip.audit.figures import compute_all
    from lkjip.data.loading import load_dataset

    keys = [
        "table:paspor",
        "figure:paspor.total",
        "figure:pnbp.realisasi",
        "ids:*",
        "dataset:warnings",
        "figure:paspor.*",
    ]

    def now() -> dict[str, str]:
        ds = load_dataset(2023, data_copy, strict=True)
        return fingerprints(keys, ds, compute_all(ds), data_copy.parent)

    before = now()
    path = data_copy / "2023" / "paspor.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", "\r\n").replace("48 Halaman", '"48 Halaman"'), "utf-8")
    assert now() == before  # line endings and quoting: the same parsed content
    lines = text.splitlines()
    last = lines[-1].rsplit(",", 1)
    lines[-1] = f"{last[0]},{int(last[1]) + 1}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    after = now()
    changed = {k for k in keys if after[k] != before[k]}
    assert changed == {"table:paspor", "figure:paspor.total", "figure:paspor.*"}


def test_the_key_covers_notebook_and_parameters(tmp_path: Path) -> None:
    notebook = tmp_path / "bab.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    key = chapter_key(notebook, {"tahun": 2023})
    assert key == chapter_key(notebook, {"tahun": 2023})
    assert key != chapter_key(notebook, {"tahun": 2024})
    notebook.write_text('{"cells": []}', encoding="utf-8")
    assert key != chapter_key(notebook, {"tahun": 2023})


def test_html_only_charts_skip_the_png(monkeypatch: pytest.MonkeyPatch) -> None:
    import altair as alt
    import pandas as pd

    from lkjip.render.charts import Grafik

    chart = alt.Chart(pd.DataFrame({"x": ["a"], "y": [1]})).mark_bar().encode(x="x", y="y")
    assert "image/png" in Grafik(chart, "uji").bundle()
    bundle = Grafik(chart, "uji", png=False).bundle()  # a build's chapter (KernelBuild.png)
    assert "image/png" not in bundle
    assert "vegaEmbed" in bundle["text/html"]


def test_the_vega_bundle_is_kept_per_version(tmp_path: Path) -> None:
    from lkjip.render.charts import write_bundle

    first = write_bundle(tmp_path / "a", tmp_path / "cache").read_bytes()
    assert len(list((tmp_path / "cache").glob("vega-bundle-*.js"))) == 1
    assert write_bundle(tmp_path / "b", tmp_path / "cache").read_bytes() == first
