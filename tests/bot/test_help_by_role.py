"""`/balanse help` by role: what a seller can do first, the manager's commands only for managers, one
separator style, and the privacy sentence last; in nb, sv and en."""

from __future__ import annotations

import re

import pytest

from tests.support.coaching import setup_teams
from tests.support.harness import Harness, block_texts
from tests.support.scheduling import update
from tests.support.shown import t

_COMMAND_LINE = re.compile(r"^`/balanse [^`]+` – \S")
MANAGER_ONLY = ("help.manager.title", "help.summary", "help.report", "help.self", "help.coach", "help.setup")


def help_for(harness: Harness, word: str, user_id: str) -> str:
    harness.command(word, user_id=user_id)
    reply = harness.fake.calls_to("response_url")[-1]
    assert reply.params["response_type"] == "ephemeral"
    return reply.params["blocks"][1]["text"]["text"]


@pytest.mark.parametrize(
    ("locale", "word", "manager", "seller", "slack_locale"),
    [
        ("nb", "hjelp", "U1", "U4", "nb-NO"),
        ("sv", "hjälp", "U2", "U6", "sv-SE"),
        ("en", "help", "U3", "U7", "en-US"),
    ],
)
def test_help_shows_the_sellers_commands_first_and_the_managers_only_to_managers(
    harness: Harness, locale: str, word: str, manager: str, seller: str, slack_locale: str
) -> None:
    setup_teams(harness.db, harness.clock())
    harness.fake.add_user(seller, locale=slack_locale)
    update(harness.db, seller, locale=locale)

    as_seller = help_for(harness, word, seller)
    as_manager = help_for(harness, word, manager)

    for text in (as_seller, as_manager):
        assert text.startswith(t(locale, "help.seller.title"))
        assert text.endswith(t(locale, "help.private"))
        assert t(locale, "help.leave") in text
        assert t(locale, "help.privacy") in text
        commands = [line for line in text.splitlines() if line.startswith("`")]
        assert commands, text
        assert [line for line in commands if not _COMMAND_LINE.match(line)] == []
    for key in MANAGER_ONLY:
        assert t(locale, key) not in as_seller, key
        assert t(locale, key) in as_manager, key
    assert t(locale, "help.setup_new") in as_seller
    assert t(locale, "help.setup_new") not in as_manager
    order = [
        as_manager.index(t(locale, key))
        for key in ("help.seller.title", "help.manager.title", "help.private")
    ]
    assert order == sorted(order)


def test_an_unknown_subcommand_is_named_before_the_help(harness: Harness) -> None:
    harness.command("dans", user_id="U3")
    text = block_texts(harness.fake.calls_to("response_url")[-1])
    assert t("en", "help.unknown", word="dans") in text
    assert t("en", "help.coach") not in text  # U3 leads no team here
