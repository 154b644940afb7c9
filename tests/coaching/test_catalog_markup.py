"""No text of the inner layers holds Slack's formats: every catalog entry (nb, sv, en, day one, seed) and
every `Text(...)` literal in coaching/ carries the neutral markup (coaching/markup.py) only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coaching.i18n import CATALOGS
from coaching.markup import plain

COACHING = Path(__file__).resolve().parents[2] / "coaching"
SLACK_SYNTAX = re.compile(
    r"<@|<#|<!|<https?:|<\{|&lt;|&gt;|&amp;"  # Slack's mentions, channels, links and escapes
    r"|(?<![*\\])\*(?!\*)"  # a single star: Slack's bold (the markup's bold is **…**)
    r"|~[^~\s][^~]*~"  # Slack's strike-through
)


def text_literals() -> list[tuple[str, str]]:
    """(where, text) for every string in a `Text(...)` call anywhere in coaching/."""
    found = []
    for path in sorted(COACHING.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text":
                for part in [*node.args, *(keyword.value for keyword in node.keywords)]:
                    for constant in ast.walk(part):
                        if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                            found.append((f"{path.name}:{constant.lineno}", constant.value))
    return found


ENTRIES = [(f"{locale}:{key}", text) for locale, catalog in CATALOGS.items() for key, text in catalog.items()]
LITERALS = text_literals()


def test_the_literals_are_found():
    assert len(LITERALS) > 100  # the advice tables; a parser that finds nothing would pass everything


@pytest.mark.parametrize(
    ("where", "text"), ENTRIES + LITERALS, ids=[where for where, _ in ENTRIES + LITERALS]
)
def test_no_slack_syntax(where, text):
    assert not SLACK_SYNTAX.search(text), f"{where}: {text!r}"


@pytest.mark.parametrize(("where", "text"), ENTRIES, ids=[where for where, _ in ENTRIES])
def test_every_bold_and_token_is_closed(where, text):
    """An unclosed `**` or a token the parser cannot read would show its punctuation to the reader."""
    shown = plain(text)
    assert "**" not in shown and "@[" not in shown and "#[" not in shown, f"{where}: {shown!r}"
