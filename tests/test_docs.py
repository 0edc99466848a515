"""The developer docs and tool settings say what the code and the lock hold."""

from __future__ import annotations

import re

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
