"""The developer docs and tool settings say what the code and the lock hold."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from .helpers import ROOT

#: pre-commit hook repositories whose tool is also pinned in requirements.lock
HOOK_PACKAGES = {
    "https://github.com/astral-sh/ruff-pre-commit": "ruff",
    "https://github.com/kynan/nbstripout": "nbstripout",
}


def _locked_versions() -> dict[str, str]:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {m[1].lower(): m[2] for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", lock, re.M)}


def test_pre_commit_runs_the_locked_tool_versions() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    revs = {r["repo"]: str(r["rev"]) for r in config["repos"]}
    locked = _locked_versions()
    assert set(HOOK_PACKAGES) <= set(revs), "a pinned tool's hook left .pre-commit-config.yaml"
    differing = {
        package: (revs[repo], locked.get(package))
        for repo, package in HOOK_PACKAGES.items()
        if revs[repo].removeprefix("v") != locked.get(package)
    }
    assert differing == {}, "hook rev in .pre-commit-config.yaml vs requirements.lock"


PACKAGE = ROOT / "src" / "lkjip"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
#: the module map: a code block of docs/architecture.md that starts with this line
MAP_START = "```\nsrc/lkjip/\n"
#: an entry of the map stands at 2, 4 or 6 spaces; deeper lines continue a description
ENTRY_INDENT = 8


def _module_map() -> set[str]:
    """The paths (relative to src/lkjip, a package as ``name/``) the module map lists."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert text.count(MAP_START) == 1, "docs/architecture.md has no module map (or two)"
    block = text.split(MAP_START, 1)[1].split("```", 1)[0]
    listed: set[str] = set()
    parents: list[str] = []
    for line in block.splitlines():
        entry = re.match(r"( *)(\S+)", line)
        if entry is None or len(entry[1]) > ENTRY_INDENT:
            continue
        level = len(entry[1]) // 2 - 1
        parents = [*parents[:level], entry[2]]
        listed.add("".join(parents))
    return listed


def _package_modules() -> set[str]:
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        name = path.relative_to(PACKAGE).as_posix()
        modules.add(name.removesuffix("__init__.py") if "/" in name else name)
    return modules


def _exists(listed: str) -> bool:
    pattern = re.sub(r"<[^>]+>", "*", listed.rstrip("/"))
    return any(p.is_dir() == listed.endswith("/") for p in PACKAGE.glob(pattern))


def test_the_module_map_lists_every_module_and_nothing_else() -> None:
    listed = _module_map()
    unlisted = sorted(_package_modules() - listed)
    assert unlisted == [], f"docs/architecture.md's module map lacks src/lkjip/: {unlisted}"
    missing = sorted(name for name in listed if not _exists(name))
    assert missing == [], f"docs/architecture.md's module map lists, not in src/lkjip/: {missing}"


def _top_level_names(module: Path) -> set[str]:
    """What a module defines or imports at its top level (read, not imported)."""
    names: set[str] = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names


def _resolves(dotted: str) -> bool:
    """``lkjip.a.b.name``: a package or module of src/lkjip, then a top-level name of it."""
    folder, module, rest = PACKAGE, PACKAGE / "__init__.py", []
    parts = dotted.split(".")[1:]
    for k, part in enumerate(parts):
        if (folder / part).is_dir():
            folder, module = folder / part, folder / part / "__init__.py"
        elif (folder / f"{part}.py").is_file():
            module, rest = folder / f"{part}.py", parts[k + 1 :]
            break
        else:
            rest = parts[k:]
            break
    return not rest or (module.is_file() and rest[0] in _top_level_names(module))


#: a dotted name in the package (not a file such as `_static/lkjip.js`)
DOTTED = re.compile(r"(?<![\w/.-])lkjip(?:\.[A-Za-z_]\w*)+")


def test_every_lkjip_name_the_docs_give_exists() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    stale = sorted(
        f"{page.relative_to(ROOT)}: {name}"
        for page in pages
        for name in set(DOTTED.findall(page.read_text(encoding="utf-8")))
        if not _resolves(name)
    )
    assert stale == [], "the docs name what src/lkjip does not have"


#: a Markdown link to a page of the repository: [text](path#anchor)
LINK = re.compile(r"\]\((?![a-z]+:)([^)\s#]*)(?:#([^)\s]+))?\)")


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, - for space."""
    headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_every_link_between_the_docs_leads_somewhere() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        for target, anchor in LINK.findall(page.read_text(encoding="utf-8")):
            path = (page.parent / target).resolve() if target else page
            if not path.exists() or (anchor and anchor not in _anchors(path)):
                broken.append(f"{page.relative_to(ROOT)}: {target}#{anchor}")
    assert broken == [], "links in README.md and docs/ that lead nowhere"


#: a path of the repository the docs name (not one with a <placeholder>)
REPO_PATH = re.compile(
    r"(?<![\w/.<>-])((?:tests|src|benchmarks|book|notebooks|\.ci)/[\w./-]*\w)(?![\w./<-])"
)
#: files the docs name that a build writes (into its staged copy of book/)
GENERATED = {"book/_static/vega-bundle.js"}


def test_every_file_the_docs_name_exists() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = sorted(
        f"{page.relative_to(ROOT)}: {path}"
        for page in pages
        for path in set(REPO_PATH.findall(page.read_text(encoding="utf-8"))) - GENERATED
        if not (ROOT / path).exists()
    )
    assert missing == [], "the docs name files the repository does not have"
