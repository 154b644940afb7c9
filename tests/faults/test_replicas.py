"""Two replicas, for real: two `python -m bot` processes in HTTP mode on one PostgreSQL and the fake Slack.
The pulse's fan-out is shared by both send loops, sellers answer through both, and the replica sending the
most is SIGKILLed in the middle of it. Every pulse arrives exactly once, every answer is stored once, the
dead replica's work is taken over within 30 s, and the workspace's budgets hold in every second for both
replicas together (the fake's calls carry the time Slack answered them)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from scheduling.send_loop import TAKEOVER_CHECK, TTL
from storage import ledger
from storage.db import Database
from storage.dm_warmup import save_dm_channel
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Answer, Delivery
from survey_flows import calendar
from tests.support import databases
from tests.support.bot_process import SIGNING_SECRET, BotProcess, rows
from tests.support.fake_slack import Call, FakeSlack
from tests.support.scheduling import WS, make_team, member_id
from tests.support.slack_requests import SlackRequests

SELLERS = [f"US{n:02d}" for n in range(1, 41)]
POSTS_PER_MINUTE, POSTS_BURST = 240, 10  # 4 a second: the fan-out of 40 takes about 8 s
LOOKUPS_PER_MINUTE, OPENS_PER_MINUTE = 90, 45
BUDGET_ENV = {
    "SLACK_POSTS_PER_MINUTE": str(POSTS_PER_MINUTE),
    "SLACK_LOOKUPS_PER_MINUTE": str(LOOKUPS_PER_MINUTE),
    "SLACK_DM_OPENS_PER_MINUTE": str(OPENS_PER_MINUTE),
}
TAKEOVER_LIMIT = 30.0
TAP_EVERY = 0.4

pytestmark = pytest.mark.parametrize("backend", [b for b in databases.BACKENDS if b == "postgresql"])
"""Replicas share one PostgreSQL: SQLite keeps one process (a second one is refused)."""


@pytest.fixture
def pg_url(backend: str, request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue("postgres_url")
    databases.postgres_truncate(url)
    return url


@pytest.fixture
def replicas(fake_slack: FakeSlack, pg_url: str, tmp_path: Path) -> Iterator[list[BotProcess]]:
    bots = [BotProcess(fake_slack, pg_url, tmp_path, extra_env=BUDGET_ENV) for _ in range(2)]
    yield bots
    for bot in bots:
        bot.kill()


def intros(fake: FakeSlack) -> list[Call]:
    """The pulses Slack accepted: top-level posts in a seller's DM (the intro carries question 1)."""
    return [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.status == 200
        and not c.params.get("thread_ts")
        and str(c.params.get("channel", "")).startswith("D")
    ]


def most_in_a_second(calls: list[Call]) -> int:
    return max(Counter(int(c.at) for c in calls).values(), default=0)


def pulse_rows(url: str) -> list[tuple[str, str | None]]:
    return rows(url, select(Delivery.status, Delivery.claimed_by).where(Delivery.kind == DeliveryKind.PULSE))


def sent_by(url: str) -> Counter[str]:
    """Pulses sent or being sent, per replica (its id names its pid)."""
    return Counter(by for status, by in pulse_rows(url) if by and status != DeliveryStatus.DUE)


def seed(url: str) -> None:
    """A team of 40 whose DM channels are known (the warm-up's work), and the leader's plan of its pulse:
    a due row per seller for this week."""
    now = datetime.now(UTC)
    db = Database.from_url(url)
    try:
        today = calendar.local_date(now, "UTC")
        # The team's own pulse day is today at 00:00, so a replica that becomes the leader and catches up
        # plans the very same rows (on a weekend: nothing); never a "missed" skip of this week's.
        make_team(
            db, now, [(u, "UTC") for u in SELLERS], tz="UTC", pulse_weekday=today.weekday(), pulse_minute=0
        )
        period = calendar.week_period(today)
        members = {user: member_id(db, user) for user in SELLERS}
        with db.session() as s:
            for user in SELLERS:
                save_dm_channel(s, members[user], f"D{user}")
        with db.session() as s:
            ledger.plan(s, WS, DeliveryKind.PULSE, [(str(members[u]), period) for u in SELLERS], now)
    finally:
        db.dispose()


def answers(url: str) -> Counter[tuple[int, str]]:
    return Counter((run, item) for run, item in rows(url, select(Answer.run_id, Answer.item_id)))


def test_two_replicas_share_the_fan_out_and_survive_a_sigkill_of_the_busiest(
    replicas: list[BotProcess], fake_slack: FakeSlack, pg_url: str
) -> None:
    for user in SELLERS:
        fake_slack.add_user(user, tz="UTC", tz_offset=0)
    requests = SlackRequests(SIGNING_SECRET, response_url=fake_slack.response_url)
    for bot in replicas:
        bot.start()
    seed(pg_url)
    tapped: list[str] = []

    last_tap = [0.0]

    def answer_some(bots: list[BotProcess]) -> None:
        """Sellers answer the first question of the pulses that arrived, through each replica in turn,
        one every TAP_EVERY seconds (people, not a burst: a burst of people's posts goes over Slack's limit
        whatever the budget does)."""
        for call in intros(fake_slack):
            user = call.params["channel"][1:]
            if time.monotonic() - last_tap[0] < TAP_EVERY:
                return
            if user not in tapped and time.time() - call.at > 0.5:  # (a person reads before tapping)
                bots[len(tapped) % len(bots)].tap(requests, call, 4, user_id=user)
                tapped.append(user)
                last_tap[0] = time.monotonic()

    # The fan-out under way on both, sellers answering through both: kill the busiest replica, mid-way.
    replicas[0].wait(lambda: answer_some(replicas) or len(intros(fake_slack)) >= 14, timeout=20)
    assert tapped, "nobody answered before the kill"
    busiest_id, _ = sent_by(pg_url).most_common(1)[0]
    assert len(sent_by(pg_url)) == 2, f"one replica sent everything: {sent_by(pg_url)}"
    victim = next(b for b in replicas if b.process and f":{b.process.pid}:" in busiest_id)
    survivor = next(b for b in replicas if b is not victim)
    victim.kill()
    killed_at = time.monotonic()
    assert len(intros(fake_slack)) < len(SELLERS), "the fan-out ended before the kill"
    left = [by for status, by in pulse_rows(pg_url) if status == DeliveryStatus.CLAIMED]
    assert busiest_id in left, "the dead replica held no claim: nothing to take over"

    # The survivor takes over what the dead one had claimed and sends the rest; sellers keep answering.
    def all_sent() -> bool:
        answer_some([survivor])
        return all(status == DeliveryStatus.SENT for status, _ in pulse_rows(pg_url))

    survivor.wait(all_sent, timeout=TAKEOVER_LIMIT + 5)
    took = time.monotonic() - killed_at
    assert took <= TAKEOVER_LIMIT, f"takeover took {took:.1f} s"
    assert took <= (TTL + TAKEOVER_CHECK).total_seconds() + 17  # (+ the flow's hold on an intro in flight)

    # Every pulse exactly once, also the one in flight when the process died.
    assert Counter(c.params["channel"] for c in intros(fake_slack)) == Counter(f"D{u}" for u in SELLERS)
    # Every answer stored once: the last ones through the survivor, the earlier ones through both.
    survivor.wait(lambda: sum(answers(pg_url).values()) == len(tapped))
    assert set(answers(pg_url).values()) == {1}
    # The workspace's budgets held for both replicas together, in every second.
    assert most_in_a_second(intros(fake_slack)) <= POSTS_BURST + POSTS_PER_MINUTE / 60 + 1
    # ... all posts together too, the sellers' next questions included (charged, people first): a person's
    # post may overdraw the second it is in, by as many as answered in it.
    posted = [c for c in fake_slack.calls_to("chat.postMessage") if c.status == 200]
    assert most_in_a_second(posted) <= POSTS_BURST + POSTS_PER_MINUTE / 60 + 3
    assert most_in_a_second(fake_slack.calls_to("users.info")) <= 5 + LOOKUPS_PER_MINUTE / 60 + 1
    assert most_in_a_second(fake_slack.calls_to("conversations.open")) <= 5 + OPENS_PER_MINUTE / 60 + 1
    assert rows(pg_url, select(func.count()).select_from(Delivery).where(Delivery.status == "claimed")) == [
        (0,)
    ]
