"""The first message a seller ever gets from the bot, the team's welcome or a pulse that got there first,
says which team and which manager enrolled them, what the bot is and who sees what. Later pulses do not
repeat it. Through the real app, in nb, sv and en."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.runtime import Runtime
from coaching.i18n import t
from tests.faults.conftest import posts
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts, running
from tests.support.team_setup import CHANNEL, open_setup, submit, team_of

SELLERS = {"UKARI": "nb", "ULISA": "sv", "UJO": "en"}
SLACK_LOCALES = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    for user_id, locale in SELLERS.items():
        harness.fake.add_user(user_id, locale=SLACK_LOCALES[locale], tz="Europe/Oslo")
    harness.fake.set_members(CHANNEL, ["U1", "U2", *SELLERS, "UBOT"])
    harness.clock.now = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # Monday 08:00 in Oslo
    with running(harness) as built:
        yield built


def set_up_east(harness: Harness) -> int:
    """U1 sets up Team Øst (managers U1 and U2), pulse Monday 09:00; the welcomes are not sent yet."""
    submit(
        harness,
        open_setup(harness),
        setup_name="Team Øst",
        setup_managers=["U1", "U2"],
        setup_members=list(SELLERS),
        setup_pulse_day="0",
        setup_pulse_time="09:00",
    )
    return int(team_of(harness)[0].id)


def dms(harness: Harness, user_id: str) -> list[Call]:
    return [c for c in posts(harness.fake) if c.response.get("channel") == f"D{user_id}"]


def told(locale: str) -> list[str]:
    managers = t(locale, "notice.and", first="<@U1>", last="<@U2>")
    return [
        t(locale, "notice.added.by", actor="<@U1>", team="Team Øst", channel=f"<#{CHANNEL}>"),
        t(locale, "notice.added.what"),
        t(locale, "notice.added.who_sees", managers=managers, channel=f"<#{CHANNEL}>", min=5),
    ]


def test_the_welcome_says_who_enrolled_them_in_which_team_what_the_bot_is_and_who_sees_what(
    harness: Harness, runtime: Runtime
) -> None:
    set_up_east(harness)
    harness.fake.reset()
    assert runtime.notices is not None and runtime.notices.send_pending() == 3

    for user_id, locale in SELLERS.items():
        (welcome,) = dms(harness, user_id)
        text = block_texts(welcome)
        assert all(line in text for line in told(locale)), (locale, text)


def test_a_pulse_that_comes_first_says_it_and_the_next_pulse_does_not(
    harness: Harness, runtime: Runtime
) -> None:
    team_id = set_up_east(harness)  # the welcomes wait (e.g. Slack refused them for a while)
    harness.fake.reset()
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 09:00 in Oslo: the pulse time

    runtime.dispatcher.run_daily(team_id, "Europe/Oslo")

    for user_id, locale in SELLERS.items():
        intro = dms(harness, user_id)[0]
        text = block_texts(intro)
        assert t(locale, "intro.pulse.title") in text
        assert all(line in text for line in told(locale)), (locale, text)
        assert t(locale, "notice.added.leave", channel=f"<#{CHANNEL}>") in text

    harness.fake.reset()
    harness.clock.now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # next Monday
    runtime.dispatcher.run_daily(team_id, "Europe/Oslo")
    later = block_texts(dms(harness, "UKARI")[0])
    assert t("nb", "intro.pulse.title") in later
    assert t("nb", "notice.added.what") not in later


def test_a_pulse_after_the_welcome_does_not_repeat_it(harness: Harness, runtime: Runtime) -> None:
    team_id = set_up_east(harness)
    assert runtime.notices is not None and runtime.notices.send_pending() == 3
    harness.fake.reset()
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

    runtime.dispatcher.run_daily(team_id, "Europe/Oslo")

    text = block_texts(dms(harness, "ULISA")[0])
    assert t("sv", "intro.pulse.title") in text
    assert t("sv", "notice.added.what") not in text
