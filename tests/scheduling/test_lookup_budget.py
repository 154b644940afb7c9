"""users.info is paced under a per-workspace budget (90 a minute, `SLACK_LOOKUPS_PER_MINUTE`) that all
replicas keep together: a pulse to a workspace of sellers whose profiles were never fetched asks Slack for
each, and two replicas doing it at once stay under the budget in every second, while another workspace's
look-ups do not wait for theirs. Real WebClients against the fake Slack."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.config import Settings
from bot.profiles import Profiles
from bot.runtime import build_runtime
from scheduling.pacing import LocalBudget, SharedBudget, budget
from storage.db import Database
from survey_flows.profiles import ProfileStore
from tests.support.fake_slack import FakeSlack
from tests.support.scheduling import FakeSender

RATE, BURST = 120, 3  # two a second after a burst of three
USERS = [f"UL{n:02d}" for n in range(1, 9)]


def lookups(fake: FakeSlack, user_ids: list[str]) -> list[float]:
    return sorted(c.at for c in fake.calls_to("users.info") if c.params.get("user") in user_ids)


def test_two_replicas_looking_up_profiles_keep_one_budget_per_workspace(
    fake_slack: FakeSlack, db_url: str
) -> None:
    for user in USERS:
        fake_slack.add_user(user)
    replicas = [Database.from_url(db_url) for _ in range(2)]
    try:
        shared = budget(replicas[0], "lookups", RATE, BURST)
        budgets = [
            shared,
            budget(replicas[1], "lookups", RATE, BURST) if not replicas[1].is_sqlite else shared,
        ]
        assert isinstance(budgets[1], LocalBudget if replicas[1].is_sqlite else SharedBudget)
        clock = lambda: datetime.now(UTC)  # noqa: E731
        profiles = []
        for db, b in zip(replicas, budgets, strict=True):
            p = Profiles(ProfileStore(db, clock), "nb")
            p.lookup_pace = b
            profiles.append(p)
        client = WebClient(token="xoxb-lookups", base_url=fake_slack.url)
        halves = [USERS[::2], USERS[1::2]]
        started = time.monotonic()
        threads = [
            threading.Thread(target=lambda p=p, h=h: [p.locale(client, "T1", u) for u in h])
            for p, h in zip(profiles, halves, strict=True)
        ]
        for t in threads:
            t.start()
        profiles[0].locale(client, "T9", "U1")  # another workspace: its own budget, no wait
        assert time.monotonic() - started < 1.0
        for t in threads:
            t.join()
    finally:
        for db in replicas:
            db.dispose()
    times = lookups(fake_slack, USERS)
    assert len(times) == len(USERS)
    # The burst at once, then two a second: eight take (8 - 3) / 2 = 2.5 s, for both replicas together.
    assert times[-1] - times[0] >= (len(USERS) - BURST) / (RATE / 60) - 0.3
    assert max(Counter(int(t) for t in times).values()) <= BURST + RATE / 60


def test_the_runtime_paces_the_scheduled_senders_look_ups(fake_slack: FakeSlack, db_url: str) -> None:
    """Production wiring: `build_runtime` gives the senders' profiles the look-up budget of its rate."""
    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-wiring",
            "SLACK_SIGNING_SECRET": "wiring-secret",
            "SLACK_API_URL": fake_slack.url,
            "DATABASE_URL": db_url,
            "SLACK_LOOKUPS_PER_MINUTE": "30",
        }
    )
    assert settings.lookups_per_minute == 30
    db = Database.from_url(db_url)
    try:
        runtime = build_runtime(settings, db, lookups_per_minute=settings.lookups_per_minute)
        sender = runtime.dispatcher.sender
        sender = getattr(sender, "sender", sender)  # (under a wrapper that sends only where installed)
        assert not isinstance(sender, FakeSender)
        lookup = sender.services.profiles.lookup_pace  # type: ignore[attr-defined]
        assert isinstance(lookup, LocalBudget if db.is_sqlite else SharedBudget)
        rate = lookup.rate_per_minute if isinstance(lookup, LocalBudget) else lookup.rate * 60
        assert rate == 30
    finally:
        db.dispose()


def test_a_persons_look_up_spends_at_once_and_the_senders_wait_for_it(
    fake_slack: FakeSlack, db_url: str
) -> None:
    """People first for users.info too: a person's request never waits for the budget (the listeners'
    profiles spend), the scheduled senders' profiles wait out what the people spent."""
    people_first = [f"UP{n}" for n in range(1, 6)]
    for user in [*people_first, "UQ1"]:
        fake_slack.add_user(user)
    db = Database.from_url(db_url)
    try:
        lookups = budget(db, "lookups", 600, 1)  # ten a second
        clock = lambda: datetime.now(UTC)  # noqa: E731
        listeners = Profiles(ProfileStore(db, clock), "nb", lookup_pace=lookups, waits=False)
        senders = Profiles(ProfileStore(db, clock), "nb", lookup_pace=lookups)
        client = WebClient(token="xoxb-lookups", base_url=fake_slack.url)
        started = time.monotonic()
        for user in people_first:
            listeners.locale(client, "T1", user)
        assert time.monotonic() - started < 0.3  # five look-ups, none waited for a token
        started = time.monotonic()
        senders.locale(client, "T1", "UQ1")
        assert time.monotonic() - started >= 0.35  # the debt of the people's four beyond the burst
    finally:
        db.dispose()
