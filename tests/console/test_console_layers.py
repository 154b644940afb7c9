"""The console is a front end beside Slack's, not on top of it: it never imports bot/ or Slack's libraries."""

from __future__ import annotations

from tests.test_layers import ROOT, imported_roots, modules


def test_the_console_knows_nothing_of_slack() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {root}"
        for path in modules("console")
        for line, root in imported_roots(path)
        if root in {"bot", "slack_sdk", "slack_bolt", "scheduling"}
    ]
    assert found == []
