"""The terminal's reading of the neutral markup (and of catalog texts still in Slack's mrkdwn)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.i18n import CATALOGS
from coaching.markup import escape
from console.render import plain, to_text

NAMES = {"U1": "Kari Hansen"}.get


def name(user_id: str) -> str:
    return NAMES(user_id) or user_id


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("**Salg Øst** er satt opp", "Salg Øst er satt opp"),
        ("Hvordan lede @[U1]?", "Hvordan lede Kari Hansen?"),
        ("Skriv `/balanse oppsett` i kanalen", "Skriv /balanse oppsett i kanalen"),
        (":lock: Bare du", "🔒 Bare du"),
        ("[README](https://example.org/x)", "README (https://example.org/x)"),
        ("> sitat", "│ sitat"),
        (r"Team \*stjerne\* og \_linje\_", "Team *stjerne* og _linje_"),
        ("snake_case_name og 3*4*5", "snake_case_name og 3*4*5"),
        (":not_an_emoji_we_know:", ":not_an_emoji_we_know:"),
        (escape("<script>@[U1] **x**"), "<script>@[U1] **x**"),
    ],
)
def test_markup_reads_as_plain_words(markup: str, shown: str) -> None:
    assert plain(markup, name) == shown


def test_bold_and_a_person_are_styled_not_starred() -> None:
    text = to_text("**Advice for** @[U1]", name)
    assert text.plain == "Advice for Kari Hansen"
    styles = {str(span.style) for span in text.spans}
    assert "bold" in styles


@pytest.mark.parametrize("locale", sorted(CATALOGS))
def test_no_catalog_text_shows_stars_or_slack_syntax_in_the_terminal(locale: str) -> None:
    for key, template in CATALOGS[locale].items():
        shown = plain(template, name)
        assert "**" not in shown, key
        assert "@[" not in shown, key


@given(st.text())
def test_any_text_renders(text: str) -> None:
    assert isinstance(plain(text, name), str)
