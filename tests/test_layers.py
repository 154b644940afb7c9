"""The house's rule: imports point inward only, and only bot/ knows Slack.

coaching (the model) <- storage (the only SQL) <- survey_flows (what people do) <- scheduling (what the clock
does) <- bot (the Slack edge). A module that imports outward, or an inner module that imports Slack's
libraries, fails here with the file and the import named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ALLOWED: dict[str, frozenset[str]] = {
    "coaching": frozenset({"coaching"}),
    "storage": frozenset({"storage", "coaching"}),
    "survey_flows": frozenset({"survey_flows", "storage", "coaching"}),
    "scheduling": frozenset({"scheduling", "survey_flows", "storage", "coaching"}),
}
OURS = frozenset({"coaching", "storage", "survey_flows", "scheduling", "bot", "console", "demo", "reports"})
SLACK = frozenset({"slack_sdk", "slack_bolt"})
NO_IO_IN_MODEL = frozenset({"sqlmodel", "sqlalchemy", "apscheduler", "requests", "socket", "urllib", "http"})


def imported_roots(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def modules(package: str) -> list[Path]:
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_inner_packages_import_only_inward(package: str) -> None:
    outward = [
        f"{path.relative_to(ROOT)}:{line} imports {root}"
        for path in modules(package)
        for line, root in imported_roots(path)
        if root in OURS and root not in ALLOWED[package]
    ]
    assert outward == []


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_only_bot_knows_slack(package: str) -> None:
    slack = [
        f"{path.relative_to(ROOT)}:{line} imports {root}"
        for path in modules(package)
        for line, root in imported_roots(path)
        if root in SLACK
    ]
    assert slack == []


def test_the_model_does_no_io() -> None:
    io = [
        f"{path.relative_to(ROOT)}:{line} imports {root}"
        for path in modules("coaching")
        for line, root in imported_roots(path)
        if root in NO_IO_IN_MODEL
    ]
    assert io == []


def test_every_inner_package_is_checked() -> None:
    """A new top-level package must be placed in the house (added to ALLOWED or to the outer front ends)."""
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages <= OURS
