"""Nothing a chapter can print escapes the record of what it read (fast tier).

The chapter cache reuses a chapter while the fingerprints of its recorded reads are the
same (:mod:`lkjip.assemble.dependencies`). These tests check the recording where data
is handed out: every field of the dataset and the registry, a table left out by a draft
(its metadata and problems), one identity cell, a file or folder read through the
snapshot; and that the PDF's chart PNGs are the ones a chapter would have made.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

import nbformat
import pytest

from lkjip.assemble import dependencies
from lkjip.assemble.cache import UNTRUSTED, ChapterCache, chapter_key
from lkjip.assemble.pdf_png import ChartPngs
from lkjip.audit.figures import compute_all
from lkjip.chapters.teks_tahun import Identitas, TeksTahun
from lkjip.data import identity, reads
from lkjip.data.dataset import Dataset
from lkjip.data.gaps import table_gap
from lkjip.data.loading import load_dataset
from lkjip.data.reads import RecordingDict
from lkjip.errors import BuildError
from lkjip.figures.registry import Registry
from lkjip.render import chart_png

from .helpers import TAHUN, set_cell

#: the fields that are not recorded as a whole: parameters of the chapter key, and the
#: tables (recorded one by one); changing this set is a decision about the cache
NOT_WHOLE = {
    Dataset: {"tahun", "data_dir", "specs", "paths", "frames", "raw_frames"},
    # default_bab, _bab: where figures are being added (empty once computed), not content
    Registry: {"tahun", "draft", "_figures", "default_bab", "_bab"},
}


@pytest.mark.parametrize("cls", [Dataset, Registry])
def test_every_field_is_recorded_when_read(cls: type, ds2023: Dataset, reg2023: Registry) -> None:
    """A field added later is recorded without anyone remembering to."""
    obj = ds2023 if cls is Dataset else reg2023
    kind = "dataset" if cls is Dataset else "registry"
    for f in dataclasses.fields(cls):
        with reads.collect() as found:
            getattr(obj, f.name)
        if f.name in NOT_WHOLE[cls]:
            assert found == set(), f.name
        else:
            assert found == {f"{kind}:{f.name}"}, f.name
            value = dependencies.fingerprint(found.pop(), ds2023, reg2023, Path("/"))
            assert not value.startswith(UNTRUSTED), f.name


def test_a_replaced_field_is_still_recorded(data_copy: Path) -> None:
    """The draft's problems were once replaced by a plain list after the dataset wrapped
    them, and a chapter's box that printed them was served stale."""
    ds = load_dataset(TAHUN, data_copy)
    ds.problems = []
    ds.frames = dict(dict.items(ds.frames))  # a plain dict assigned later
    assert isinstance(ds.frames, RecordingDict)
    with reads.collect() as found:
        list(ds.problems)
        ds.frames.get("sejarah")
    assert found == {"dataset:problems", "table:sejarah"}


def _blank(year: Path, *columns: str) -> None:
    for column in columns:
        set_cell("identitas.csv", 2, column, "")(year)


def _draft(data: Path) -> tuple[Dataset, Registry]:
    ds = load_dataset(TAHUN, data, strict=False)
    return ds, compute_all(ds, draft=True)


def _state(data: Path, keys: list[str]) -> tuple[Dataset, dict[str, str]]:
    """A draft load of ``data`` and the fingerprints of ``keys`` (none of a figure)."""
    ds = load_dataset(TAHUN, data, strict=False)
    return ds, dependencies.fingerprints(keys, ds, Registry(TAHUN, draft=True), data.parent)


def _now(data: Path, keys: list[str]) -> dict[str, str]:
    return _state(data, keys)[1]


def test_a_table_a_draft_left_out_changes_with_each_filled_cell(data_copy: Path) -> None:
    """A table a draft leaves out (two required cells empty) is still what its box
    prints: filling one cell changes the box's text, so the table's fingerprint changes
    although the table stays out; filling the other brings the table back."""
    year = data_copy / str(TAHUN)
    set_cell("sejarah.csv", 2, "peristiwa", "")(year)
    set_cell("sejarah.csv", 3, "peristiwa", "")(year)
    keys = ["table:sejarah", "table:tpi"]
    ds, before = _state(data_copy, keys)
    assert not ds.has("sejarah")
    box = table_gap(ds, "sejarah")
    set_cell("sejarah.csv", 2, "peristiwa", "Kantor didirikan (diuji)")(year)
    ds, after = _state(data_copy, keys)
    assert not ds.has("sejarah")  # row 3 is still empty
    assert table_gap(ds, "sejarah") != box  # the box says something else now
    assert {k for k in keys if after[k] != before[k]} == {"table:sejarah"}
    set_cell("sejarah.csv", 3, "peristiwa", "Berubah nama (diuji)")(year)
    ds, last = _state(data_copy, keys)
    assert ds.has("sejarah") and table_gap(ds, "sejarah") is None
    assert {k for k in keys if last[k] != after[k]} == {"table:sejarah"}


def test_filling_an_identity_cell_changes_that_cell_only(data_copy: Path) -> None:
    """The reported case: a new office fills ``identitas.alamat`` while other cells are
    still empty (the row is kept, the empty cells are marked where they print)."""
    year = data_copy / str(TAHUN)
    _blank(year, "alamat", "kota")
    keys = [
        "table:identitas",
        "cell:identitas.alamat",
        "cell:identitas.kota",
        "cell:identitas.nama_satker",
    ]
    keys += ["known:identitas.alamat", "known:identitas.kota"]
    ds, before = _state(data_copy, keys)
    with reads.collect() as found:
        assert identity.missing(ds) == ["alamat", "kota"]
    assert "known:identitas.alamat" in found
    set_cell("identitas.csv", 2, "alamat", "Jl. Uji No. 1")(year)
    ds, after = _state(data_copy, keys)
    assert identity.missing(ds) == ["kota"]
    assert {k for k in keys if after[k] != before[k]} == {
        "table:identitas",
        "cell:identitas.alamat",
        "known:identitas.alamat",
    }
    set_cell("identitas.csv", 2, "alamat", "Jl. Uji No. 2")(year)
    last = _now(data_copy, keys)  # another address: known before and after
    assert {k for k in keys if last[k] != after[k]} == {"table:identitas", "cell:identitas.alamat"}


def test_an_identity_cell_changes_only_its_own_fingerprint(data_copy: Path) -> None:
    keys = ["cell:identitas.alamat", "cell:identitas.nama_satker", "table:identitas"]
    before = _now(data_copy, keys)
    set_cell("identitas.csv", 2, "alamat", "Jl. Uji No. 2")(data_copy / str(TAHUN))
    after = _now(data_copy, keys)
    assert {k for k in keys if after[k] != before[k]} == {keys[0], keys[2]}


def test_a_metadata_change_of_a_missing_table_is_seen(data_copy: Path) -> None:
    """A draft box prints the title of a missing table from its metadata; a title read
    alone is the metadata alone (``spec:``), not the table's rows."""
    (data_copy / str(TAHUN) / "sejarah.csv").unlink()
    keys = ["table:sejarah", "spec:sejarah", "spec:tpi"]
    ds, before = _state(data_copy, keys)
    with reads.collect() as found:
        assert table_gap(ds, "sejarah") is not None
    assert {"spec:sejarah", "table:sejarah"} <= found
    path = data_copy / "metadata" / "sejarah.yaml"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, title + " (diuji)"), encoding="utf-8")
    after = _now(data_copy, keys)
    assert {k for k in keys if after[k] != before[k]} == {"table:sejarah", "spec:sejarah"}
    set_cell("tpi.csv", 2, "lokasi", "Kota Uji")(data_copy / str(TAHUN))
    assert _now(data_copy, keys)["spec:tpi"] == after["spec:tpi"]  # rows, not metadata


def test_identity_facts_read_one_cell_each(ds2023: Dataset) -> None:
    teks = TeksTahun(ds2023)
    with reads.collect() as found:
        assert teks["tahun_lalu"] == str(TAHUN - 1)
        assert "alamat" in teks and sorted(teks) == sorted(set(teks))
    assert found == set()  # the year, and which facts there are: no data
    with reads.collect() as found:
        alamat = teks["alamat"]
        nama = identity.nama_satker(ds2023)
        ditulis = Identitas(ds2023)["kota"]
    assert found == {"cell:identitas.alamat", "cell:identitas.nama_satker", "cell:identitas.kota"}
    row = ds2023.table("identitas").iloc[0]
    assert (alamat, nama, ditulis) == (row["alamat"], row["nama_satker"], row["kota"])


def test_a_file_read_or_missing_through_the_snapshot_is_recorded(data_copy: Path) -> None:
    """A chapter that shows an image, or a box because it is missing, depends on it."""
    root = data_copy.parent
    folder = data_copy / str(TAHUN) / "gambar"
    image = folder / "foto.png"
    keys = ["file:data/2023/gambar/foto.png", "dir:data/2023/gambar"]
    ds = load_dataset(TAHUN, data_copy, strict=False)
    with reads.collect() as found:
        assert not ds.inputs().is_file(image)
        ds.inputs().listdir(folder)
    assert found == set(keys)
    before = _now(data_copy, keys)
    folder.mkdir(exist_ok=True)
    image.write_bytes(b"\x89PNG uji")
    after = _now(data_copy, keys)
    assert after[keys[0]] != before[keys[0]] and after[keys[1]] != before[keys[1]]
    image.write_bytes(b"\x89PNG lain")
    assert _now(data_copy, keys)[keys[0]] != after[keys[0]]
    assert root / keys[0][5:] == image


def test_a_figure_a_draft_could_not_compute_names_its_tables(data_copy: Path) -> None:
    (data_copy / str(TAHUN) / "skm_bulanan.csv").unlink()
    ds, reg = _draft(data_copy)
    assert "ikm.capaian" not in reg
    value = dependencies.fingerprint("figure:ikm.capaian", ds, reg, data_copy.parent)
    assert value.startswith(dependencies.ABSENT) and value != dependencies.ABSENT


def test_a_read_the_cache_cannot_fingerprint_is_never_reused(tmp_path: Path) -> None:
    notebook = tmp_path / "bab.ipynb"
    notebook.write_text(json.dumps({"cells": []}), encoding="utf-8")
    cache = ChapterCache(tmp_path / "cache", tmp_path)
    key = chapter_key(notebook, {"tahun": TAHUN})
    ds = Dataset(TAHUN, tmp_path, {}, {}, {}, {})
    reg = Registry(TAHUN)

    def now(keys: list[str]) -> dict[str, str]:
        return dependencies.fingerprints(keys, ds, reg, tmp_path)

    cache.store("bab", key, now(["table:t"]), notebook)
    assert cache.lookup("bab", key, now) is not None
    assert now(["baru:x"])["baru:x"].startswith(UNTRUSTED)
    cache.store("bab", key, now(["table:t", "baru:x"]), notebook)
    assert cache.lookup("bab", key, now) is None  # same fingerprints, still a miss


def _chart_notebook(folder: Path, bundle: dict) -> Path:
    """A notebook with one glued chart output, as a chapter writes it."""
    prefix = "application/papermill.record/"
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("ctx.grafik(...)")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={prefix + k: v for k, v in bundle.items()},
            metadata={"scrapbook": {"name": "gbr.uji", "mime_prefix": prefix}},
        )
    ]
    nb.cells.append(cell)
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "bab.ipynb")
    return folder / "bab.ipynb"


@pytest.mark.integration  # the PNGs are drawn in a subprocess
def test_the_pdf_gets_the_png_a_chapter_would_have_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import altair as alt
    import pandas as pd

    from lkjip.render.charts import Grafik

    data = pd.DataFrame({"bulan": ["Jan", "Feb"], "nilai": [3.5, 1.25]})
    chart = alt.Chart(data, title="Uji <b> & 'x'").mark_bar().encode(x="bulan", y="nilai")
    made = Grafik(chart, "uji").bundle()  # as a chapter made it before (with its PNG)
    bundle = Grafik(chart, "uji", png=False).bundle()  # as a build's chapter makes it now
    assert "image/png" not in bundle
    path = _chart_notebook(tmp_path / "src" / "notebooks", bundle)
    pngs = ChartPngs(tmp_path / "png")
    assert pngs.add(tmp_path / "src") == 1 and pngs.rendered == 1
    out = nbformat.read(path, as_version=4).cells[0].outputs[0].data
    assert out["application/papermill.record/image/png"] == made["image/png"]
    assert base64.b64decode(made["image/png"]).startswith(b"\x89PNG")
    assert pngs.add(tmp_path / "src") == 0  # it has one now
    # the next build renders nothing (kept by content), and forgets what it did not use
    again = ChartPngs(tmp_path / "png")
    _chart_notebook(tmp_path / "lagi", bundle)
    assert again.add(tmp_path / "lagi") == 1 and again.rendered == 0
    (tmp_path / "png" / "lama.png").write_bytes(b"")
    again.prune()
    assert sorted(p.name for p in (tmp_path / "png").iterdir()) == sorted(again.used)


@pytest.mark.integration
def test_a_chart_that_cannot_be_drawn_stops_the_build_naming_it(tmp_path: Path) -> None:
    spec = {"description": "Grafik uji", "mark": "bukan-mark", "data": {"values": []}}
    drawn = r"^grafik untuk PDF tidak dapat digambar \(vl-convert\): Grafik uji: "
    with pytest.raises(BuildError, match=drawn):
        chart_png.draw({"uji.png": spec}, tmp_path)
    assert list(tmp_path.iterdir()) == []
