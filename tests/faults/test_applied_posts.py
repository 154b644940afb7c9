"""Slack makes the post and then fails: it answers 500 or 503, or the answer is lost on the way back. A
retry that does not look first shows the team, the manager or the seller the same message twice. Every
message here must show exactly once, and nothing may be lost."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient

from bot.messages.mrkdwn import RenderingClient
from bot.profiles import Profiles
from bot.retries import retry_handlers
from bot.runtime import Runtime
from bot.senders.summaries import SummarySlackSender
from scheduling.ports import SendResult
from scheduling.summaries import SummaryService
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows.profiles import ProfileStore
from tests.bot.test_weekly_summary import Setup
from tests.faults.conftest import answers_late, fast_retries, shown_progress
from tests.support.fake_slack import FakeSlack
from tests.support.harness import BOT_TOKEN, Clock, Harness, wait_until
from tests.support.scheduling import make_team, status
from tests.support.summary_weeks import SUMMARY_TIME

OSLO = "Europe/Oslo"


@pytest.fixture
def client(fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> WebClient:
    """The bot's own WebClient (its retry handlers), against the fake Slack."""
    client = RenderingClient(token=BOT_TOKEN, base_url=fake_slack.url, retry_handlers=retry_handlers())
    fast_retries(client, monkeypatch)
    return client


@pytest.fixture
def setup(fake_slack: FakeSlack, client: WebClient, db_url: str) -> Iterator[Setup]:
    """The summary over the bot's own WebClient, against the fake Slack."""
    from storage.db import Database

    db = Database.from_url(db_url)
    clock = Clock(SUMMARY_TIME)
    sender = SummarySlackSender(client, Profiles(ProfileStore(db, clock), "nb"), "nb")
    yield Setup(db, fake_slack, SummaryService(db, clock, sender, stale_after=timedelta(minutes=5)))
    db.dispose()


def chart_names(fake: FakeSlack, channel: str) -> list[str]:
    return [f["name"] for m in fake.messages.in_channel(channel) for f in m.get("files", [])]


def test_a_summary_slack_posted_while_failing_shows_once_with_one_chart_and_one_dm_each(setup: Setup) -> None:
    team, sellers = setup.team()
    setup.answer(team, sellers, [(4, 4)] * 6)
    setup.fake.fail_next("chat.postMessage", status=500, applied=True)  # the channel summary
    setup.fake.lose_next("chat.postMessage")  # its figures, in its thread
    setup.fake.fail_next("files.completeUploadExternal", status=503, applied=True)  # its chart
    setup.fake.fail_next("chat.postMessage", status=500, applied=True)  # the first manager's DM
    setup.fake.lose_next("chat.postMessage")  # the figures in that DM's thread

    outcome = setup.service.publish(team, SUMMARY_TIME)

    assert outcome.channel is SendResult.SENT
    assert set(outcome.managers.values()) == {SendResult.SENT}
    in_channel = setup.fake.messages.in_channel("C_TEAM")
    (summary,) = [m for m in in_channel if "thread_ts" not in m]
    figures = [m for m in in_channel if m.get("thread_ts") == summary["ts"] and not m.get("files")]
    assert len(figures) == 1
    assert chart_names(setup.fake, "C_TEAM") == [f"balansebrett-{outcome.period}.png"]
    for manager in ("U1", "U3"):
        in_dm = setup.fake.messages.in_channel(f"D{manager}")
        assert len([m for m in in_dm if "thread_ts" not in m]) == 1, manager
        assert len(in_dm) == 2, manager  # the summary and its figures


def test_a_summary_whose_answer_came_too_late_is_found_by_the_retry_not_posted_again(
    setup: Setup, client: WebClient
) -> None:
    team, sellers = setup.team()
    setup.answer(team, sellers, [(4, 4)] * 6)
    answers_late(setup.fake, client, "chat.postMessage")  # Slack takes it, but answers after the timeout

    first = setup.service.publish(team, SUMMARY_TIME)
    assert first.channel is SendResult.FAILED
    # Slack applies the late summary after the client gave up (the managers' DMs and their figures are
    # posted meanwhile, so counting calls would not tell when it lands).
    wait_until(lambda: any("thread_ts" not in m for m in setup.fake.messages.in_channel("C_TEAM")))

    # Later the same day the claim is taken over: the summary is looked for, found, and its chart follows.
    again = setup.service.publish(team, SUMMARY_TIME + timedelta(minutes=10))

    assert again.channel is SendResult.SENT
    in_channel = setup.fake.messages.in_channel("C_TEAM")
    (summary,) = [m for m in in_channel if "thread_ts" not in m]
    figures = [m for m in in_channel if m.get("thread_ts") == summary["ts"] and not m.get("files")]
    assert len(figures) == 1
    assert chart_names(setup.fake, "C_TEAM") == [f"balansebrett-{again.period}.png"]


def test_a_pulse_fan_out_through_posts_slack_made_while_failing_sends_each_seller_one_pulse(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    sellers = [f"U{n}" for n in range(10, 34)]  # one post each: the faults below meet some, not all
    for user_id in sellers:
        harness.fake.add_user(user_id, locale="nb-NO", tz=OSLO)
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Oslo
    team_id = make_team(harness.db, harness.clock.now, [(u, OSLO) for u in sellers])
    runtime.dispatcher.workers = 1  # the failures below meet the posts in a known order
    chance = random.Random(49)
    for _ in range(16):  # the first sixteen posts each fail in one of Slack's ways
        fault = chance.choice(["lost", "applied 500", "applied 503", "not made"])
        if fault == "lost":
            harness.fake.lose_next("chat.postMessage")
        elif fault == "not made":
            harness.fake.fail_next("chat.postMessage", status=500)
        else:
            harness.fake.fail_next("chat.postMessage", status=int(fault[-3:]), applied=True)

    runtime.dispatcher.run_daily(team_id, OSLO)
    harness.clock.advance(minutes=6)  # a pulse Slack refused three times in a row is resumed
    runtime.dispatcher.resume_unfinished()

    for user_id in sellers:
        assert status(harness.db, DeliveryKind.PULSE, user_id, "2026-W48") == DeliveryStatus.SENT
        dm = harness.fake.messages.in_channel(f"D{user_id}")
        intros = [shown_progress(m) for m in dm if "thread_ts" not in m]
        questions = Counter(p for m in dm if (p := shown_progress(m)))
        # One intro, carrying question 1, and no other copy of it (nor anything else) in the DM.
        assert (intros, questions, len(dm)) == (["1/7"], Counter({"1/7": 1}), 1), user_id
    made = [c for c in harness.fake.calls_to("chat.postMessage") if c.status != 200]
    assert len(made) == 16  # every fault was met
