"""A manager sees the team's latest published summary on demand (`/balanse oppsummering`, `summary`,
`sammanfattning`), privately: in the DM with its chart, and an ephemeral note saying so. Before the first
summary: when it comes and how many have answered, as a count only from the team's minimum on. Only a
manager of the team; a manager of several teams chooses; everyone else is refused politely."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.runtime import Runtime
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts, running
from tests.support.phone import top_level
from tests.support.shown import t
from tests.support.team_setup import CHANNEL, open_setup, submit, team_of

OSLO = "Europe/Oslo"
SELLERS = ("UKARI", "ULISA", "UJO", "UPER")
TUESDAY = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # 10:30 in Oslo, week 49
FRIDAY_SUMMARY = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)  # 14:00 in Oslo


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    for user_id in SELLERS:
        harness.fake.add_user(user_id, locale="nb-NO", tz=OSLO)
    harness.fake.set_members(CHANNEL, ["U1", "U2", "U3", *SELLERS, "UBOT"])
    harness.fake.set_members("CWEST", ["U1", "U2", "UWEST", "UBOT"])
    harness.fake.add_user("UWEST", locale="nb-NO", tz=OSLO)
    with running(harness) as built:
        yield built


def set_up(harness: Harness, runtime: Runtime, manager: str = "U1", minimum: str = "3") -> int:
    """Team Øst on a Tuesday with this week's pulse sent now (the form's default)."""
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
        setup_min_respondents=minimum,
    )
    runtime.scheduler.run_first_pulses()
    return team_of(harness)[0].id  # type: ignore[no-any-return]


def ask(harness: Harness, text: str = "oppsummering", user_id: str = "U1") -> str:
    before = len(harness.fake.calls_to("response_url"))
    harness.command(text, user_id=user_id)
    replies = harness.fake.calls_to("response_url")
    assert len(replies) == before + 1
    return block_texts(replies[-1])


def dm_posts(harness: Harness, user_id: str) -> list[Call]:
    """The messages in the user's DM (not the replies in their threads)."""
    return [
        c
        for c in top_level(harness.fake.calls_to("chat.postMessage"))
        if c.response.get("ok") and c.response.get("channel") == f"D{user_id}"
    ]


@pytest.mark.parametrize(
    ("manager", "word", "locale", "friday"),
    [
        ("U1", "oppsummering", "nb", "fredag 4. desember kl. 14:00"),
        ("U2", "sammanfattning", "sv", "fredag 4 december kl. 14:00"),
        ("U3", "summary", "en", "Friday 4 December at 14:00"),
    ],
)
def test_before_the_first_summary_the_manager_learns_when_it_comes_and_a_count_only_from_the_minimum(
    harness: Harness, runtime: Runtime, manager: str, word: str, locale: str, friday: str
) -> None:
    set_up(harness, runtime, manager)  # the team's zone is the manager's: Oslo, Stockholm, New York

    reply = ask(harness, word, manager)
    assert t(locale, "summary_now.first", team="Team Øst", when=friday) in reply
    assert t(locale, "summary_now.answered_few", minimum=3) in reply  # nobody yet: not "0", not "2"

    for seller in SELLERS[:2]:
        harness.answer_all(lambda item_id: 4, user_id=seller)
    assert t(locale, "summary_now.answered_few", minimum=3) in ask(harness, word, manager)  # 2: not said

    harness.answer_all(lambda item_id: 4, user_id=SELLERS[2])
    reply = ask(harness, word, manager)
    assert t(locale, "summary_now.answered", answered=3, eligible=4) in reply
    assert t(locale, "summary_now.first", team="Team Øst", when=friday) in reply


def test_after_the_friday_summary_the_manager_gets_it_in_the_dm_with_the_chart(
    harness: Harness, runtime: Runtime
) -> None:
    team_id = set_up(harness, runtime)
    for seller in SELLERS[:3]:
        harness.answer_all(lambda item_id: 4, user_id=seller)
    harness.clock.now = FRIDAY_SUMMARY
    assert runtime.dispatcher.publish_summaries(team_id)
    harness.fake.reset()

    reply = ask(harness)

    assert t("nb", "summary_now.sent", team="Team Øst") in reply
    (summary,) = dm_posts(harness, "U1")
    text = block_texts(summary)
    assert t("nb", "summary.title", team="Team Øst", week=49) in text
    assert t("nb", "summary.response", answered=3, eligible=4) in text
    (upload,) = harness.fake.calls_to("files.completeUploadExternal")
    assert upload.params["channel_id"] == "DU1"  # the chart in the DM, never in an ephemeral
    assert upload.params["thread_ts"] == harness.ts_of(summary)


def test_sellers_and_people_outside_the_team_are_refused_and_learn_nothing(
    harness: Harness, runtime: Runtime
) -> None:
    set_up(harness, runtime)
    posted = len(harness.fake.calls_to("chat.postMessage"))
    for user_id, locale in (("UKARI", "nb"), ("U2", "sv")):  # a seller, and an admin who manages no team
        reply = ask(harness, user_id=user_id)
        assert t(locale, "summary_now.refused") in reply and "Team Øst" not in reply
    assert len(harness.fake.calls_to("chat.postMessage")) == posted


def test_a_manager_of_two_teams_chooses_and_a_forged_team_is_refused(
    harness: Harness, runtime: Runtime
) -> None:
    set_up(harness, runtime)
    view = open_setup(harness, channel_id="CWEST")
    submit(harness, view, setup_name="Team Vest", setup_managers=["U1"], setup_members=["UWEST"])

    harness.command("oppsummering")
    choice = harness.fake.calls_to("response_url")[-1]
    assert t("nb", "summary_now.choose") in block_texts(choice)
    buttons = [e for b in choice.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["Team Øst", "Team Vest"]

    vest = buttons[1]
    harness.send(
        harness.requests.block_action(
            user_id="U1", action_id=vest["action_id"], value=vest["value"], block_id="summary_teams"
        )
    )
    reply = harness.fake.calls_to("response_url")[-1]
    assert "Team Vest" in block_texts(reply) and reply.params.get("replace_original") in (True, "true")
    assert t("nb", "setup.saved.small_team", sellers=1, min=5) in block_texts(reply)

    harness.send(  # U2 taps a copy of the button: not a manager of Team Vest
        harness.requests.block_action(
            user_id="U2", action_id=vest["action_id"], value=vest["value"], block_id="summary_teams"
        )
    )
    refused = block_texts(harness.fake.calls_to("response_url")[-1])
    assert t("sv", "summary_now.gone") in refused and "Team Vest" not in refused

    for forged in ("²", "9" * 5000, "-1", ""):  # garbled values: refused, never a crash
        harness.send(
            harness.requests.block_action(
                user_id="U1", action_id=vest["action_id"], value=forged, block_id="summary_teams"
            )
        )
        assert t("nb", "summary_now.gone") in block_texts(harness.fake.calls_to("response_url")[-1])
