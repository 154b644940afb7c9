"""A team's first week as a new customer lives it, through the real app, in nb, sv and en: a manager sets
up a team of four on a Tuesday (minimum 4) with this week's pulse sent now, the four sellers answer by
tapping, the Friday summary shows the team's zone in the channel, and the manager looks at it again with
`/balanse oppsummering`, and each seller who greets the bot in the DM gets the help in their own language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.messages.mrkdwn import to_mrkdwn
from bot.runtime import Runtime
from survey_flows.wording import help_text as neutral_help_text
from tests.support.harness import Harness, block_texts, running
from tests.support.phone import top_level, with_thread
from tests.support.shown import t
from tests.support.team_setup import CHANNEL, open_setup, submit, team_of

SELLERS = {"UKARI": "nb-NO", "ULISA": "sv-SE", "UJO": "en-GB", "UPER": "nb-NO"}
GREETINGS = {"UKARI": ("hei", "nb"), "ULISA": ("hej", "sv"), "UJO": ("hi", "en"), "UPER": ("Hallo!", "nb")}
TUESDAY = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def help_text(locale: str, *, manager: bool) -> str:
    """The help as Slack shows it (rendered on the way out)."""
    return to_mrkdwn(neutral_help_text(locale, manager=manager))


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    for user_id, locale in SELLERS.items():
        harness.fake.add_user(user_id, locale=locale, tz="Europe/Oslo")
    harness.fake.set_members(CHANNEL, ["U1", "U2", "U3", *SELLERS, "UBOT"])
    with running(harness) as built:
        yield built


@pytest.mark.parametrize(
    ("manager", "locale", "word", "summary_day"),
    [
        ("U1", "nb", "oppsummering", datetime(2026, 12, 4, 13, 0, tzinfo=UTC)),  # Friday 14:00 Oslo
        ("U2", "sv", "sammanfattning", datetime(2026, 12, 4, 13, 0, tzinfo=UTC)),  # Friday 14:00 Stockholm
        ("U3", "en", "summary", datetime(2026, 12, 4, 19, 0, tzinfo=UTC)),  # Friday 14:00 New York
    ],
)
def test_set_up_on_tuesday_four_answer_and_the_team_sees_its_zone_on_friday(
    harness: Harness, runtime: Runtime, manager: str, locale: str, word: str, summary_day: datetime
) -> None:
    harness.clock.now = TUESDAY
    assert runtime.scheduler.tick()
    view = open_setup(harness, user_id=manager)
    submit(
        harness,
        view,
        user_id=manager,
        setup_name="Team Øst",
        setup_managers=[manager],
        setup_members=list(SELLERS),
        setup_min_respondents="4",
        setup_locale=locale,
    )
    runtime.scheduler.run_first_pulses()  # the pulse goes out now, not next Monday

    for seller in SELLERS:
        harness.answer_all(lambda item_id: 4, user_id=seller)
    harness.clock.now = summary_day
    assert runtime.dispatcher.publish_summaries(team_of(harness)[0].id)

    channel = [  # the summary as its readers read it, with the figures in its thread
        with_thread(harness.fake, c)
        for c in top_level(harness.fake.calls_to("chat.postMessage"))
        if c.response.get("ok") and c.response.get("channel") == CHANNEL
    ]
    assert len(channel) == 1
    assert t(locale, "summary.title", team="Team Øst", week=49) in channel[0]
    assert t(locale, "summary.response", answered=4, eligible=4) in channel[0]
    assert t(locale, "zone.performance.name") in channel[0]  # all 4s: the team has figures and a zone

    harness.fake.reset()
    harness.command(word, user_id=manager)
    assert t(locale, "summary_now.sent", team="Team Øst") in block_texts(
        harness.fake.calls_to("response_url")[-1]
    )
    (preview,) = [
        c
        for c in top_level(harness.fake.calls_to("chat.postMessage"))
        if c.response.get("channel") == f"D{manager}"
    ]
    assert t(locale, "summary.title", team="Team Øst", week=49) in block_texts(preview)
    assert len(harness.fake.calls_to("files.completeUploadExternal")) == 1  # with the chart

    # A seller who writes to the bot on day one is answered, in their own language, with what they can do.
    for n, (seller, (greeting, language)) in enumerate(GREETINGS.items()):
        harness.send(
            harness.requests.message_event(
                user_id=seller, text=greeting, channel_id=f"D{seller}", ts=f"1800000000.00010{n}"
            )
        )
        [reply] = [
            c
            for c in top_level(harness.fake.calls_to("chat.postMessage"))
            if c.response.get("channel") == f"D{seller}"
        ]
        assert t(language, "dm.hello") in block_texts(reply)
        assert help_text(language, manager=False) in block_texts(reply)
