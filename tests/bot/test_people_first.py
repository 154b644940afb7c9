"""People first: every chat.postMessage counts against the workspace's posts budget, so a seller's next
question is never held up by the pulse's fan-out. The fake Slack refuses (429, Retry-After 1 s) whatever
goes beyond the workspace's limit in a second, as Slack does; the budget is set to that limit. While a
fan-out to 24 sellers runs at the full budget, five sellers keep answering (one question every 0.6 s each): none of their next
questions waits out a 429, and no second carries more posts than Slack allows.

Before this, only the scheduled sends took tokens: the people's posts (and the client's retries) came on
top, Slack refused some, and the seller whose post was refused waited a Retry-After for the next question."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.runtime import Runtime
from scheduling.pacing import budget
from tests.faults.conftest import tap_request
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_limits import PerSecondLimits
from tests.support.harness import Harness, running, wait_until
from tests.support.scheduling import make_team

OSLO = "Europe/Oslo"
RATE_PER_MINUTE, BURST = 600, 3  # ten a second
SLACK_LIMIT = BURST + RATE_PER_MINUTE // 60 + 3
"""What Slack lets through in a second: the budget's burst and a second's refill, and 3 for what a person's
post may overdraw in the same second (the scheduled sends then wait it out) and for the loopback's jitter."""
TAPPERS = [f"U{n}" for n in range(1, 6)]
READING = 0.6
"""A person reads the next question before tapping: five of them answer about eight questions a second."""
SELLERS = [f"UF{n:02d}" for n in range(1, 25)]


@pytest.fixture
def paced(harness: Harness, fake_slack: FakeSlack) -> Iterator[Runtime]:
    for user in SELLERS + TAPPERS[3:]:
        fake_slack.add_user(user)
    with running(harness, pace=budget(harness.db, "posts", RATE_PER_MINUTE, BURST)) as built:
        yield built


def test_a_sellers_next_question_never_waits_behind_the_fan_out(
    harness: Harness, paced: Runtime, fake_slack: FakeSlack
) -> None:
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Oslo
    team_id = make_team(harness.db, harness.clock.now, [(u, OSLO) for u in SELLERS])
    for user in TAPPERS:  # five people in the middle of their survey (forty questions) when the pulse comes
        harness.command("survey", user_id=user)
    first = {u: harness.questions(u)[-1] for u in TAPPERS}
    fake_slack.limits = PerSecondLimits({"chat.postMessage": SLACK_LIMIT})

    waits: list[float] = []
    lock = threading.Lock()
    done = threading.Event()

    def answer(user: str) -> None:
        question = first[user]
        while not done.is_set():
            before = len(harness.questions(user))
            tapped = time.time()
            assert harness.app.dispatch(tap_request(harness, question, 4, user_id=user)).status == 200
            wait_until(lambda n=before: len(harness.questions(user)) > n, timeout=10)
            question = harness.questions(user)[-1]
            with lock:
                waits.append(question.at - tapped)
            done.wait(READING)

    fan_out = threading.Thread(target=paced.dispatcher.send_pulses, args=(team_id, OSLO))
    tappers = [threading.Thread(target=answer, args=(u,)) for u in TAPPERS]
    fan_out.start()
    for t in tappers:
        t.start()
    fan_out.join(timeout=30)
    done.set()
    for t in tappers:
        t.join(timeout=15)
    harness.executor.drain()

    intros = [
        c
        for c in fake_slack.calls_to("chat.postMessage")
        if c.status == 200 and not c.params.get("thread_ts") and str(c.params["channel"]).startswith("DUF")
    ]
    assert len(intros) == len(SELLERS)  # the whole fan-out went out, in the same few seconds
    assert len(waits) >= 10, "the sellers hardly answered during the fan-out"
    assert fake_slack.limits.refused == 0, "Slack refused posts: the budget did not count them all"
    assert max(waits) < 1.0, f"a next question waited {max(waits):.2f} s"
    assert fake_slack.limits.most_in_a_second("chat.postMessage") <= SLACK_LIMIT
