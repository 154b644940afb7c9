"""A message Slack accepted but answered after the client's timeout: we never learn its ts.

The seller must still see each message once. A retaken intro (which carries question 1) or question is
looked up in the DM (by the message metadata naming the run and position) before it is posted again;
only when Slack cannot be searched is it posted again, so the pulse arrives rather than not at all.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from bot.recovery import LOOK_TRIES
from bot.runtime import Runtime
from storage.ledger import DeliveryKind, DeliveryStatus
from tests.faults.conftest import (
    answers_late,
    fast_retries,
    posts,
    progress,
    question_positions,
    stored,
    tap_request,
    unposted_claims,
)
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts
from tests.support.scheduling import make_team, status
from tests.support.shown import t

OSLO = "Europe/Oslo"
WEEK = "2026-W48"


def intros(harness: Harness) -> list[Call]:
    return [c for c in posts(harness.fake) if not c.params.get("thread_ts")]


def in_thread(harness: Harness, parent: Call) -> Counter[str]:
    """How often each question position was posted in `parent`'s thread (the parent not counted)."""
    ts = harness.fake.ts_for(parent)
    return Counter(p for c in posts(harness.fake) if c.params.get("thread_ts") == ts and (p := progress(c)))


def start_pulse_day(harness: Harness) -> int:
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Oslo
    return make_team(harness.db, harness.clock.now, [("U1", OSLO)])


def intro_times_out(harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pulse day's scheduled run posts the intro (with question 1); Slack shows it, but its answer comes
    after the client's timeout, so we never learn its ts."""
    fast_retries(harness.app.client, monkeypatch)
    team_id = start_pulse_day(harness)
    answers_late(harness.fake, harness.app.client, "chat.postMessage")
    runtime.dispatcher.run_daily(team_id, OSLO)
    harness.fake.wait_for("chat.postMessage")


def test_an_intro_that_timed_out_but_arrived_is_not_posted_again(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    intro_times_out(harness, runtime, monkeypatch)  # Slack shows the intro; we never got its ts
    assert status(harness.db, DeliveryKind.PULSE, "U1", WEEK) == DeliveryStatus.CLAIMED

    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()

    (intro,) = intros(harness)
    assert progress(intro) == "1/7"  # the one that arrived late carries question 1 ...
    assert in_thread(harness, intro) == Counter()  # ... and no copy of it follows in its thread
    assert question_positions(harness.fake) == Counter({"1/7": 1})
    assert status(harness.db, DeliveryKind.PULSE, "U1", WEEK) == DeliveryStatus.SENT
    assert unposted_claims(harness) == []


def test_a_first_question_that_timed_out_but_arrived_is_answerable_and_not_posted_again(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    intro_times_out(harness, runtime, monkeypatch)  # the intro with question 1 lands after the timeout

    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()

    (intro,) = intros(harness)
    assert question_positions(harness.fake) == Counter({"1/7": 1})
    assert status(harness.db, DeliveryKind.PULSE, "U1", WEEK) == DeliveryStatus.SENT
    # The intro that arrived late is where the seller answers question 1: it is edited whole to show
    # the choice, and question 2 follows in its thread.
    harness.send(tap_request(harness, intro, 4))
    (edit,) = harness.fake.calls_to("chat.update")
    assert edit.params["ts"] == harness.fake.ts_for(intro) and progress(edit) == "1/7"
    assert t("nb", "intro.pulse.title") in block_texts(edit)  # still the intro, not a bare question
    assert [v for _, v in stored(harness)] == [4]
    assert in_thread(harness, intro) == Counter({"2/7": 1})
    assert question_positions(harness.fake) == Counter({"1/7": 1, "2/7": 1})


def test_a_seller_who_asks_again_after_a_timed_out_intro_gets_the_one_that_arrived(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    answers_late(harness.fake, harness.app.client, "chat.postMessage")
    harness.command("pulse")
    harness.fake.wait_for("chat.postMessage")

    harness.clock.advance(seconds=20)  # past the claim's staleness: the seller's retry takes it over
    harness.command("pulse")

    (intro,) = intros(harness)
    assert progress(intro) == "1/7" and in_thread(harness, intro) == Counter()
    assert question_positions(harness.fake) == Counter({"1/7": 1})
    assert unposted_claims(harness) == []


def test_a_look_up_slack_refuses_once_is_tried_again_and_finds_the_intro(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    intro_times_out(harness, runtime, monkeypatch)
    harness.fake.fail_next("conversations.history", status=500, times=3)  # one look-up, the client's retries

    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()

    (intro,) = intros(harness)  # found on the next look-up: no second copy
    assert progress(intro) == "1/7"
    assert status(harness.db, DeliveryKind.PULSE, "U1", WEEK) == DeliveryStatus.SENT


def test_when_the_dm_cannot_be_searched_the_intro_is_posted_again_rather_than_lost(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    intro_times_out(harness, runtime, monkeypatch)
    # Beyond the client's retries, three look-ups in a row: Slack cannot be searched for now.
    harness.fake.fail_next("conversations.history", status=500, times=3 * LOOK_TRIES)

    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()

    late, again = intros(harness)
    assert (progress(late), progress(again)) == ("1/7", "1/7")  # the pulse is there to answer
    assert in_thread(harness, late) == in_thread(harness, again) == Counter()
    assert status(harness.db, DeliveryKind.PULSE, "U1", WEEK) == DeliveryStatus.SENT
    assert unposted_claims(harness) == []
    # Answering on the late copy counts once and marks both copies, each still the intro; the run goes
    # on in the thread of the one posted again.
    harness.send(tap_request(harness, late, 3))
    assert [v for _, v in stored(harness)] == [3]
    edited = {str(c.params["ts"]): c for c in harness.fake.calls_to("chat.update")}
    assert sorted(edited) == sorted(harness.fake.ts_for(c) for c in (late, again))
    for edit in edited.values():
        assert progress(edit) == "1/7" and t("nb", "intro.pulse.title") in block_texts(edit)
    assert (in_thread(harness, late), in_thread(harness, again)) == (Counter(), Counter({"2/7": 1}))
