"""The look-up before a repeat under Slack's Tier 1 (conversations.history/replies at 1 request a minute
per workspace, 15 messages): no message is shown twice and none is lost, and a look-up that cannot be made
now defers (the claim stays open; a later run looks again) instead of guessing (bot/recovery.py)."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import recovery
from bot.messages.mrkdwn import RenderingClient
from bot.recovery import LookupDeferred, PerMinute, find_posted, question_marker
from bot.retries import retry_handlers
from bot.runtime import Runtime
from coaching.i18n import t
from storage.ledger import DeliveryKind, DeliveryStatus
from tests.faults.conftest import answers_late, fast_retries, shown_progress, stored, unposted_claims
from tests.support.fake_slack import FakeSlack
from tests.support.harness import Harness, running
from tests.support.resuming import notes
from tests.support.scheduling import make_team, status

WEEK = "2026-W48"


class Minutes:
    """The pace's clock: the test ends a minute when it says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def back_to_tier_3() -> Iterator[None]:
    yield
    recovery.use_history_tier(3)


@pytest.fixture
def minutes() -> Minutes:
    return Minutes()


@pytest.fixture
def tier_1(harness: Harness, minutes: Minutes, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    """The whole process with SLACK_HISTORY_TIER=1 against a Slack that enforces Tier 1; the in-process
    pace keeps the test's minutes (the `take` hook)."""
    harness.settings = dataclasses.replace(harness.settings, history_tier=1)
    with running(harness) as runtime:
        assert recovery.history_tier() == 1
        recovery.use_history_tier(1, take=PerMinute(clock=minutes))
        harness.fake.history_tier_1()
        fast_retries(harness.app.client, monkeypatch)
        yield runtime


def next_minute(harness: Harness, minutes: Minutes) -> None:
    minutes.now += 60
    harness.fake.tier_1.minute_passes()


def shown(harness: Harness, user_id: str = "U1") -> list[dict[str, Any]]:
    """The question messages the seller's DM shows (what Slack made, whatever it answered)."""
    return [m for m in harness.fake.messages.in_channel(f"D{user_id}") if shown_progress(m)]


def tap_shown(harness: Harness, message: dict[str, Any], value: int, user_id: str = "U1") -> None:
    buttons = [
        b
        for block in message["blocks"]
        if block.get("block_id") == "answer_buttons"
        for b in block["elements"]
    ]
    choice = next(b for b in buttons if b["action_id"] == f"answer_{value}")
    harness.send(
        harness.requests.block_action(
            user_id=user_id,
            action_id=choice["action_id"],
            value=choice["value"],
            block_id="answer_buttons",
            channel_id=f"D{user_id}",
            message_ts=message["ts"],
            thread_ts=message.get("thread_ts"),
            message={"blocks": message["blocks"]},
        )
    )


def repair(runtime: Runtime) -> None:
    assert runtime.scheduler.tick()
    runtime.scheduler.run_prompt_repair()


def test_posts_slack_made_but_answered_500_show_once_and_none_is_lost(
    harness: Harness, tier_1: Runtime, minutes: Minutes
) -> None:
    harness.command("survey")
    harness.fake.fail_next("chat.postMessage", status=500, applied=True)
    tap_shown(harness, shown(harness)[-1], 4)  # question 2 made, answered 500: the minute's look-up finds it
    harness.fake.fail_next("chat.postMessage", status=500, applied=True)
    tap_shown(harness, shown(harness)[-1], 2)  # question 3 made, answered 500: no look-up left this minute

    assert [shown_progress(m) for m in shown(harness)] == ["1/40", "2/40", "3/40"]
    assert unposted_claims(harness) == [3]  # deferred: neither posted again nor taken as posted
    assert notes(harness)[-1] == t("nb", "error.slack.survey")

    harness.clock.advance(minutes=3)
    next_minute(harness, minutes)
    repair(tier_1)  # the repair looks again, finds question 3 and only records it

    assert unposted_claims(harness) == []
    tap_shown(harness, shown(harness)[-1], 5)
    assert Counter(shown_progress(m) for m in shown(harness)) == Counter({f"{n}/40": 1 for n in (1, 2, 3, 4)})
    assert [value for _, value in stored(harness)] == [4, 2, 5]


def test_a_look_up_slack_refuses_defers_at_once_and_posts_nothing(
    harness: Harness, tier_1: Runtime, minutes: Minutes
) -> None:
    harness.command("survey")
    harness.app.client.conversations_replies(channel="DU1", ts=shown(harness)[0]["ts"])  # another replica's
    harness.fake.fail_next("chat.postMessage", status=500, applied=True)

    started = time.monotonic()
    tap_shown(harness, shown(harness)[-1], 4)

    assert time.monotonic() - started < 5  # Retry-After 60 was not waited out in the listener
    assert harness.fake.tier_1.refused == 1
    assert [shown_progress(m) for m in shown(harness)] == ["1/40", "2/40"]
    assert unposted_claims(harness) == [2]

    harness.clock.advance(minutes=3)
    repair(tier_1)  # still the same minute at Slack: deferred again, nothing posted
    assert unposted_claims(harness) == [2]
    harness.clock.advance(minutes=3)
    next_minute(harness, minutes)
    repair(tier_1)
    assert unposted_claims(harness) == []
    assert [shown_progress(m) for m in shown(harness)] == ["1/40", "2/40"]


def test_a_message_slack_no_longer_shows_is_posted_again_after_the_look_up(
    harness: Harness, tier_1: Runtime, minutes: Minutes
) -> None:
    harness.command("survey")
    harness.fake.fail_next("chat.postMessage", status=500, times=2)  # question 2 never made
    tap_shown(harness, shown(harness)[-1], 4)
    assert unposted_claims(harness) == [2]

    harness.clock.advance(minutes=3)
    next_minute(harness, minutes)
    repair(tier_1)  # the look-up says Slack does not show it: posted, once

    assert [shown_progress(m) for m in shown(harness)] == ["1/40", "2/40"]
    assert unposted_claims(harness) == []


def test_a_retaken_pulse_intro_waits_for_a_look_up_and_is_then_found_not_posted_again(
    harness: Harness, tier_1: Runtime, minutes: Minutes
) -> None:
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Oslo, the pulse day
    team_id = make_team(harness.db, harness.clock.now, [("U1", "Europe/Oslo")])
    answers_late(
        harness.fake, harness.app.client, "chat.postMessage"
    )  # Slack shows the intro; its answer comes too late
    tier_1.dispatcher.run_daily(team_id, "Europe/Oslo")
    harness.fake.wait_for("chat.postMessage")
    harness.app.client.conversations_history(channel="DU1")  # the minute's look-up, taken elsewhere

    harness.clock.advance(minutes=6)
    tier_1.dispatcher.resume_unfinished()  # Slack refuses the look-up: the claim waits, nothing is posted

    assert status(harness.db, DeliveryKind.PULSE, "U1", WEEK) == DeliveryStatus.CLAIMED
    assert len(harness.fake.messages.in_channel("DU1")) == 1

    harness.clock.advance(minutes=6)
    next_minute(harness, minutes)
    tier_1.dispatcher.resume_unfinished()

    assert status(harness.db, DeliveryKind.PULSE, "U1", WEEK) == DeliveryStatus.SENT
    assert [shown_progress(m) for m in harness.fake.messages.in_channel("DU1")] == ["1/7"]


# -- the look-up itself --------------------------------------------------------------------------------


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeSlack, WebClient]]:
    with FakeSlack() as fake:
        fake.history_tier_1()
        bot = RenderingClient(token="xoxb-test", base_url=fake.url, retry_handlers=retry_handlers())
        fast_retries(bot, monkeypatch)
        yield fake, bot


def test_fifteen_messages_from_the_one_before_find_a_late_question(
    client: tuple[FakeSlack, WebClient],
) -> None:
    fake, bot = client
    recovery.use_history_tier(1, take=lambda workspace, method: True)
    parent = bot.chat_postMessage(channel="D1", text="intro")["ts"]
    posted = [
        bot.chat_postMessage(channel="D1", thread_ts=parent, text=f"q{n}", metadata=question_marker(7, n))[
            "ts"
        ]
        for n in range(2, 41)
    ]

    assert find_posted(bot, "D1", question_marker(7, 30), parent, oldest=posted[27]) == posted[28]
    fake.tier_1.minute_passes()
    assert find_posted(bot, "D1", question_marker(7, 30), parent) is None  # 15 from the start end at 15
    assert all(int(c.params["limit"]) <= 15 for c in fake.calls_to("conversations.replies"))


def test_a_second_look_up_in_the_minute_is_deferred_before_it_reaches_slack(
    client: tuple[FakeSlack, WebClient],
) -> None:
    fake, bot = client
    recovery.use_history_tier(1)  # the in-process pace: one a minute per workspace and method
    marker = question_marker(7, 2)

    assert find_posted(bot, "D1", marker) is None
    with pytest.raises(LookupDeferred):
        find_posted(bot, "D1", marker)
    assert len(fake.calls_to("conversations.history")) == 1


def test_a_look_up_waits_out_a_short_retry_after_but_not_a_minute(
    client: tuple[FakeSlack, WebClient],
) -> None:
    fake, bot = client
    fake.tier_1.enabled = False
    fake.fail_next("conversations.history", status=429, retry_after=1)
    assert bot.conversations_history(channel="D1")["ok"]

    fake.fail_next("conversations.history", status=429, retry_after=60)
    started = time.monotonic()
    with pytest.raises(SlackApiError):
        bot.conversations_history(channel="D1")
    assert time.monotonic() - started < 5
