"""Project hygiene: metadata complete, environment.yml in sync, no outputs in templates."""

import json
import re
import tomllib
from pathlib import Path

import yaml

from lkjip.data.metadata import load_catalog

ROOT = Path(__file__).resolve().parents[1]


def _requirement_names(specs: list[str]) -> dict[str, str]:
    out = {}
    for spec in specs:
        name = re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].lower()
        out[name] = spec.replace(" ", "")
    return out


def test_environment_yml_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _requirement_names(project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = _requirement_names([p for p in pip if not p.startswith("-e")])
    assert listed == wanted
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.removeprefix("python") == project["requires-python"]


def test_every_table_has_complete_metadata() -> None:
    catalog = load_catalog(ROOT / "data" / "metadata")
    for year_dir in sorted(p for p in (ROOT / "data").iterdir() if p.name.isdigit()):
        for csv_path in sorted(year_dir.glob("*.csv")):
            assert csv_path.stem in catalog, f"{csv_path} has no metadata"
    for spec in catalog.values():
        assert spec.title and spec.description and spec.source, spec.name
        for column in spec.columns:
            assert column.description, f"{spec.name}.{column.name} has no description"


def test_notebook_templates_carry_no_outputs() -> None:
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and not cell.get("execution_count"), path.name


def test_the_analysts_guide_describes_every_table() -> None:
    guide = (ROOT / "docs" / "analis.md").read_text(encoding="utf-8")
    for name in load_catalog(ROOT / "data" / "metadata"):
        assert f"`{name}`" in guide, f"docs/analis.md does not describe table {name}"
