"""The data folder policy and the read-once snapshot (issue: integrity).

Only regular files inside the project are read; keys are compared in NFC; invisible
characters and UTF-16 files are named; a build reads each input once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip.cli import main
from lkjip.data import snapshot
from lkjip.data.loading import load_dataset
from lkjip.errors import DataInvalid, Problem

from .helpers import TAHUN, set_cell

#: test tier (tests/conftest.py): validate on hostile copies of data, subprocesses
pytestmark = pytest.mark.integration


def _problems(data: Path, *tables: str) -> list[Problem]:
    """The problems of validating ``data``: of ``tables`` alone when given (the table a
    test broke), else of every table."""
    with pytest.raises(DataInvalid) as caught:
        load_dataset(TAHUN, data, tables or None)
    return caught.value.problems


def _about(problems: list[Problem], file: str) -> list[str]:
    return [p.rule for p in problems if p.file == file]


def _validate(data: Path, root: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "LKJIP_ROOT": str(root)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "lkjip.cli",
            "validate",
            "--tahun",
            str(TAHUN),
            "--data-dir",
            "data",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_symlinked_table_outside_the_project_is_refused(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("luar") / "tpi.csv"
    table = data_copy / str(TAHUN) / "tpi.csv"
    outside.write_bytes(table.read_bytes())
    table.unlink()
    table.symlink_to(outside)
    rules = _about(_problems(data_copy, "tpi"), "data/2023/tpi.csv")
    assert len(rules) == 1 and "luar folder proyek" in rules[0], rules
    assert str(outside) in rules[0]


def test_a_symlink_inside_the_project_is_read(data_copy: Path) -> None:
    table = data_copy / str(TAHUN) / "tpi.csv"
    kept = data_copy.parent / "arsip" / "tpi.csv"
    kept.parent.mkdir()
    kept.write_bytes(table.read_bytes())
    table.unlink()
    table.symlink_to(kept)
    ds = load_dataset(TAHUN, data_copy)
    assert len(ds.frames["tpi"]) == 2


def test_a_symlinked_year_folder_outside_the_project_is_refused(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("luar") / "2023"
    year = data_copy / str(TAHUN)
    year.rename(outside)
    year.symlink_to(outside, target_is_directory=True)
    problems = _problems(data_copy)
    assert len(problems) == 1
    assert problems[0].file == "data/2023"
    assert "tidak dapat dipakai" in problems[0].rule and "luar folder proyek" in problems[0].rule


def test_a_symlinked_image_outside_the_project_is_refused(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("luar") / "foto.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (data_copy / str(TAHUN) / "gambar").mkdir(exist_ok=True)
    (data_copy / str(TAHUN) / "gambar" / "foto.png").symlink_to(outside)
    rules = _about(_problems(data_copy), "data/2023/gambar/foto.png")
    assert len(rules) == 1 and "luar folder proyek" in rules[0]


def test_a_symlink_loop_at_a_table_path_is_a_message(data_copy: Path) -> None:
    """A table that is a symbolic link to itself, and one of two links pointing at each
    other: each named, with the other tables still validated (no RuntimeError)."""
    year = data_copy / str(TAHUN)
    (year / "tpi.csv").unlink()
    (year / "tpi.csv").symlink_to("tpi.csv")
    (year / "pegawai.csv").unlink()
    (year / "pegawai.csv").symlink_to("pegawai-b.csv")
    (year / "pegawai-b.csv").symlink_to("pegawai.csv")
    problems = _problems(data_copy)
    for name in ("tpi", "pegawai"):
        rules = _about(problems, f"data/2023/{name}.csv")
        assert rules == [snapshot.LOOP], (name, problems)
    assert "tautan simbolik berputar" in snapshot.LOOP


def _validate_here(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """``lkjip validate`` in this process, from the project folder (``data``'s parent):
    the exit code and what it printed."""
    monkeypatch.chdir(data.parent)
    monkeypatch.setenv("LKJIP_ROOT", str(data.parent))
    code = main(["validate", "--tahun", str(TAHUN), "--data-dir", str(data)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_symlink_loop_as_the_year_folder_or_data_folder_is_a_message(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    year = data_copy / str(TAHUN)
    year.rename(data_copy / "arsip")
    year.symlink_to(year.name, target_is_directory=True)
    code, out = _validate_here(data_copy, capsys, monkeypatch)
    assert code == 2, out
    assert "data/2023" in out and "tautan simbolik berputar" in out
    assert "Traceback" not in out
    loop = data_copy.parent / "data-loop"
    loop.symlink_to(loop.name, target_is_directory=True)
    code, out = _validate_here(loop, capsys, monkeypatch)
    assert code == 2, out
    assert "tautan simbolik berputar" in out and "Traceback" not in out


def test_a_folder_named_like_a_table_is_a_message(data_copy: Path) -> None:
    table = data_copy / str(TAHUN) / "tpi.csv"
    table.unlink()
    table.mkdir()
    assert _about(_problems(data_copy, "tpi"), "data/2023/tpi.csv") == [
        "ini sebuah folder, bukan berkas biasa; hanya berkas biasa yang dibaca"
    ]


def test_a_fifo_named_like_a_table_does_not_hang_validate(data_copy: Path) -> None:
    table = data_copy / str(TAHUN) / "tpi.csv"
    table.unlink()
    os.mkfifo(table)
    done = _validate(data_copy, data_copy.parent, timeout=120)
    assert done.returncode == 2, done.stderr
    out = done.stdout + done.stderr
    assert "data/2023/tpi.csv: ini sebuah FIFO (pipa bernama), bukan berkas biasa" in out
    assert "Traceback" not in out


def test_a_utf16_file_is_named_as_such(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = data_copy / str(TAHUN) / "tpi.csv"
    table.write_bytes(table.read_text(encoding="utf-8").encode("utf-16"))
    code, out = _validate_here(data_copy, capsys, monkeypatch)
    assert code == 2
    assert "data/2023/tpi.csv: berkas tersimpan sebagai UTF-16 (Unicode), bukan UTF-8" in out
    assert "\x00" not in out and "Windows-1252" not in out


def test_a_key_typed_decomposed_equals_the_precomposed_key(data_copy: Path) -> None:
    """NFC: "á" typed as a + U+0301 is read as the precomposed "á", so the two
    spellings are one key (here: a duplicate of the primary key)."""
    table = data_copy / str(TAHUN) / "tpi.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    decomposed = lines[2].replace("Patimban", "Patimba\u0301n")
    table.write_text("\n".join([*lines[:2], decomposed]) + "\n", encoding="utf-8")
    ds = load_dataset(TAHUN, data_copy)
    assert "Pelabuhan Patimb\u00e1n" in set(ds.frames["tpi"]["nama"])
    precomposed = lines[2].replace("Patimban", "Patimb\u00e1n")
    table.write_text("\n".join([*lines[:2], decomposed, precomposed]) + "\n", encoding="utf-8")
    duplicate = [p for p in _problems(data_copy, "tpi") if p.file == "data/2023/tpi.csv"]
    assert [p.line for p in duplicate] == [3, 4], duplicate
    assert all(p.rule.startswith("kunci ganda") for p in duplicate)


def test_an_invisible_character_is_named_by_code_point(data_copy: Path) -> None:
    table = data_copy / str(TAHUN) / "tpi.csv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("Pelabuhan Patimban", "Pelabuhan\u200bPatimban"), "utf-8")
    problems = [p for p in _problems(data_copy, "tpi") if p.file == "data/2023/tpi.csv"]
    assert len(problems) == 1
    assert problems[0].column == "nama" and problems[0].line == 3
    assert "U+200B (ZERO WIDTH SPACE)" in problems[0].rule
    # the value is shown with the character made visible
    assert "Pelabuhan<U+200B>Patimban" in str(problems[0])


#: characters that passed validation and failed (or vanished) minutes later in the PDF,
#: by (file, line, column) they are put in, and the code point the message must name
_UNPRINTABLE = [
    ("dasar_hukum.csv", 2, "tentang", "Pelaporan\u0085Keuangan", "karakter kendali U+0085"),
    ("dasar_hukum.csv", 3, "tentang", "Sistem\u2028Akuntabilitas", "karakter kendali U+2028"),
    ("sejarah.csv", 2, "peristiwa", "Kantor\u2029Sekretaris", "karakter kendali U+2029"),
    ("sejarah.csv", 3, "peristiwa", "Kantor\u180eSekretaris", "U+180E (MONGOLIAN VOWEL"),
    ("tpi.csv", 2, "nama", "Bandar Udara \u2708\ufe0f", "U+FE0F (VARIATION SELECTOR-16)"),
    ("tpi.csv", 3, "nama", "Pelabuhan\u3164Patimban", "U+3164 (HANGUL FILLER)"),
    ("identitas.csv", 2, "nama_satker", "Kantor Imigrasi \U0001f600", "U+1F600 GRINNING FACE"),
]


def test_every_character_the_pdf_would_refuse_is_named_by_validate(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Control characters Python or XeTeX treat as line breaks, invisible characters and
    characters the PDF's fonts lack: all named at once by validate (exit 2), each with
    file, row, column and code point, before any build."""
    for file, line, column, value, _ in _UNPRINTABLE:
        set_cell(file, line, column, value)(data_copy / str(TAHUN))
    assert main(["validate", "--tahun", str(TAHUN), "--data-dir", "data"]) == 2
    lines = capsys.readouterr().err.splitlines()
    for file, line, column, _, code in _UNPRINTABLE:
        where = f"data/2023/{file}, baris {line}, kolom '{column}'"
        assert any(where in text and code in text for text in lines), (where, code, lines)
    # the emoji of the office's name, and the aeroplane: characters the fonts lack
    assert any("'\u2708' (U+2708 AIRPLANE) tidak ada pada fon PDF" in t for t in lines)
    # an invisible character Python counts as printable is made visible in the value
    assert any("nilai 'Pelabuhan<U+3164>Patimban'" in t for t in lines)


def test_the_pdf_font_table_is_the_installed_fonts() -> None:
    """``pdf_fonts.txt`` holds exactly the characters every face of the PDF's fonts has
    (regenerate with ``characters.write_font_table()`` when the fonts change)."""
    from lkjip.data import characters

    installed = characters.installed_fonts()
    if not installed:
        pytest.skip("FreeSerif/FreeSans or fontconfig not installed")
    assert characters.pdf_fonts() == installed
    assert {ord(c) for c in "Aé–×Σ\u00a0"} <= installed
    assert not {0x85, 0x3164, 0x1F600} & installed


def test_metadata_text_is_checked_like_cells(data_copy: Path) -> None:
    meta = data_copy / "metadata" / "tpi.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("title: ", "title: \u2708\ufe0f ", 1), encoding="utf-8")
    rules = [p for p in _problems(data_copy) if p.file == "data/metadata/tpi.yaml"]
    assert [p.column for p in rules] == ["title", "title"], rules
    assert "U+FE0F" in rules[0].rule + rules[1].rule and "U+2708" in rules[0].rule + rules[1].rule


def test_a_snapshot_serves_the_bytes_it_read(data_copy: Path) -> None:
    """A file changed on disk after the snapshot changes nothing read through it."""
    year = data_copy / str(TAHUN)
    table = year / "tpi.csv"
    taken = snapshot.take(data_copy.parent, [data_copy / "metadata", year])
    before = taken.sha256(table)
    table.write_text(
        table.read_text(encoding="utf-8").replace("Pelabuhan Patimban", "Pelabuhan Lain"),
        encoding="utf-8",
    )
    ds = load_dataset(TAHUN, data_copy, snap=taken)
    assert taken.sha256(table) == before
    assert "Pelabuhan Patimban" in set(ds.frames["tpi"]["nama"])
    assert ds.sha256(table) == before
    assert ds.inputs() is taken
    assert snapshot.DISK.sha256(table) != before  # outside the snapshot: the disk now
    assert "Pelabuhan Lain" in set(load_dataset(TAHUN, data_copy).frames["tpi"]["nama"])
