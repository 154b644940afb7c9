"""Slack delivers everything twice: events come again with X-Slack-Retry-Num (one after the other, or while
the first is still being handled), and every button tap arrives twice (a double tap, or two clients).
Across a whole scheduled pulse and a stretch of the survey: exactly one answer row per question, each
question posted once, each answered question edited once, one result, and no stray notes."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from bot.runtime import Runtime
from coaching.instrument import ITEMS
from tests.faults.conftest import (
    edits,
    item_of,
    posts,
    progress,
    question_positions,
    send_together,
    stored,
    tap_request,
    unposted_claims,
)
from tests.support.fake_slack import FakeSlack
from tests.support.harness import Harness
from tests.support.scheduling import make_team

OSLO = "Europe/Oslo"


def answer_everything_twice(harness: Harness, count: int, user_id: str, channel: str) -> list[str]:
    """Answer `count` questions, each delivered twice or three times; returns the item ids answered.
    Taps and typed answers alternate (the last one typed: a double tap on it has its own test), and so
    do sequential and concurrent duplicates."""
    answered: list[str] = []
    for n in range(count):
        question = harness.questions(user_id)[-1]
        answered.append(item_of(question))
        value = 1 + n % 5
        together = n % 4 >= 2
        if (count - n) % 2 == 0:
            requests = [tap_request(harness, question, value, user_id) for _ in range(2)]
        else:
            ts, thread_ts = f"1800000000.{n:06d}", harness.thread_of(question)
            requests = [
                harness.requests.message_event(
                    user_id=user_id,
                    text=str(value),
                    channel_id=channel,
                    ts=ts,
                    thread_ts=thread_ts,
                    event_id=f"Ev{user_id}{n}",
                    retry_num=retry,
                )
                for retry in (None, 1, 2)
            ]
        if together:
            send_together(harness, *requests)
        else:
            for request in requests:
                assert harness.send(request).status == 200
    return answered


def shown_edits(fake: FakeSlack) -> Counter[tuple[str, str | None]]:
    """How often each message was edited to show each thing: the answer to the question it asks (by its
    progress mark) or, for the intro at the end, "done" (None). The intro carries question 1, so it is
    edited twice: once for that answer, once when the run is done."""
    return Counter((str(c.params["ts"]), progress(c)) for c in fake.calls_to("chat.update"))


def assert_each_once(harness: Harness, notes: int = 0) -> None:
    assert set(question_positions(harness.fake).values()) == {1}, question_positions(harness.fake)
    assert set(shown_edits(harness.fake).values()) == {1}, shown_edits(harness.fake)
    assert harness.fake.calls_to("chat.postEphemeral") == []
    assert len(harness.fake.calls_to("response_url")) == notes
    assert unposted_claims(harness) == []


def test_a_whole_pulse_delivered_twice_stores_and_posts_everything_once(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Oslo
    team_id = make_team(harness.db, harness.clock.now, [("U1", OSLO)])
    runtime.dispatcher.run_daily(team_id, OSLO)
    runtime.dispatcher.run_daily(team_id, OSLO)  # the scheduler's job fired twice
    assert [progress(c) for c in posts(harness.fake)] == ["1/7"]  # one intro, carrying question 1

    answered = answer_everything_twice(harness, 7, "U1", "DU1")

    assert [item for item, _ in stored(harness)] == sorted(answered)
    assert len(answered) == len(set(answered)) == 7
    assert sorted(question_positions(harness.fake)) == [f"{n}/7" for n in range(1, 8)]
    assert len(posts(harness.fake)) == 1 + 6 + 1  # the intro with question 1, six questions, the result
    assert_each_once(harness)
    intro_ts = harness.ts_of(posts(harness.fake)[0])
    assert edits(harness.fake)[intro_ts] == 2  # it shows question 1's answer, then says done
    assert len(shown_edits(harness.fake)) == 7 + 1  # each question shows its answer, the intro says done


def test_a_stretch_of_the_survey_delivered_twice_stores_and_posts_everything_once(
    harness: Harness,
) -> None:
    harness.command("survey", user_id="U3")
    assert [progress(c) for c in posts(harness.fake)] == ["1/40"]  # one intro, carrying question 1
    notes = len(harness.fake.calls_to("response_url"))  # the command's own confirmation

    answered = answer_everything_twice(harness, 12, "U3", "DU3")

    assert answered == [item.id for item in ITEMS[:12]]
    assert [item for item, _ in stored(harness)] == answered
    assert sorted(question_positions(harness.fake), key=lambda p: int(p.split("/")[0])) == [
        f"{n}/40" for n in range(1, 14)
    ]
    assert_each_once(harness, notes)


def test_a_changed_answer_delivered_twice_edits_once(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.send(tap_request(harness, first, 2))
    harness.fake.reset()

    send_together(harness, tap_request(harness, first, 5), tap_request(harness, first, 5))

    assert stored(harness) == [("q01", 5)]
    assert harness.fake.calls_to("chat.postMessage") == []  # the next question was already there
    assert list(edits(harness.fake).values()) == [1]


def test_a_double_tap_on_the_last_answer_says_nothing_more(harness: Harness) -> None:
    harness.command("puls")
    harness.answer_all(lambda item_id: 4)
    last = harness.questions()[-1]
    notes = len(harness.fake.calls_to("chat.postEphemeral"))

    harness.send(tap_request(harness, last, 4))  # the second of a double tap on the final answer

    assert len(stored(harness)) == 7
    assert len(harness.fake.calls_to("chat.postEphemeral")) == notes
