"""A question whose post failed for good (Slack down beyond the client's retries) is not lost: with no
action from the seller, the scheduler's repair job posts it later, exactly once, and never to a seller
Slack says cannot get a DM from us."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.runtime import Runtime
from coaching.i18n import t
from scheduling.prompt_repair import MAX_FAILURES_IN_A_ROW
from scheduling.scheduler import PROMPT_REPAIR_JOB
from storage.prompt_repair import unposted_prompts
from tests.faults.conftest import (
    answers_late,
    fast_retries,
    progress,
    question_positions,
    stored,
    tap_request,
    unposted_claims,
)
from tests.support.harness import Harness
from tests.support.resuming import notes
from tests.support.scheduling import finish_pulse, member_row


@pytest.fixture
def leader(runtime: Runtime, harness: Harness, monkeypatch: pytest.MonkeyPatch) -> Runtime:
    fast_retries(harness.app.client, monkeypatch)
    return runtime


def repair(runtime: Runtime) -> None:
    """The job as the scheduler runs it, on the lease holder (renewed: the test's clock moves in minutes)."""
    assert runtime.scheduler.tick()
    runtime.scheduler.run_prompt_repair()


def answer_first_while_slack_is_down(harness: Harness, user_id: str = "U1") -> None:
    """The seller answers question 1; posting question 2 fails after every retry."""
    harness.command("survey", user_id=user_id)
    harness.fake.fail_next("chat.postMessage", status=500, times=3)
    harness.send(tap_request(harness, harness.questions(user_id)[-1], 4, user_id))


def test_a_given_up_question_is_posted_by_the_job_once(harness: Harness, leader: Runtime) -> None:
    answer_first_while_slack_is_down(harness)
    assert notes(harness)[-1] == t("nb", "error.slack.survey")
    assert unposted_claims(harness) == [2]

    harness.clock.advance(minutes=1)
    repair(leader)  # too early: the post might still be in flight
    assert question_positions(harness.fake) == Counter({"1/40": 1})

    harness.clock.advance(minutes=2)
    repair(leader)
    repair(leader)

    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1})
    assert unposted_claims(harness) == []
    second = harness.questions()[-1]
    assert harness.thread_of(second) == harness.thread_of(harness.questions()[0])
    harness.send(tap_request(harness, second, 2))  # the seller answers it like any other
    assert stored(harness) == [("q01", 4), ("q02", 2)]
    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1, "3/40": 1})


def test_a_post_that_reached_slack_after_all_is_only_recorded(harness: Harness, leader: Runtime) -> None:
    harness.command("survey")
    answers_late(
        harness.fake, harness.app.client, "chat.postMessage"
    )  # taken by Slack after the client gave up
    harness.send(tap_request(harness, harness.questions()[-1], 4))
    harness.fake.wait_for("chat.postMessage", 2)  # the intro with question 1, then question 2

    harness.clock.advance(minutes=3)
    repair(leader)

    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1})
    assert unposted_claims(harness) == []
    assert harness.fake.calls_to("conversations.replies")  # looked for it before posting


def test_a_question_the_seller_answered_meanwhile_is_not_posted(harness: Harness, leader: Runtime) -> None:
    answer_first_while_slack_is_down(harness)
    thread_ts = harness.thread_of(harness.questions()[-1])
    harness.send(  # typed in the thread: it answers the open question, the one never posted
        harness.requests.message_event(
            user_id="U1", text="5", channel_id="DU1", ts="1800000000.000001", thread_ts=thread_ts
        )
    )
    assert stored(harness) == [("q01", 4), ("q02", 5)]

    harness.clock.advance(minutes=3)
    repair(leader)

    assert question_positions(harness.fake) == Counter({"1/40": 1, "3/40": 1})


def test_only_the_leader_repairs(harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_retries(harness.app.client, monkeypatch)
    answer_first_while_slack_is_down(harness)
    harness.clock.advance(minutes=3)

    runtime.scheduler.run_prompt_repair()  # no lease

    assert question_positions(harness.fake) == Counter({"1/40": 1})
    runtime.scheduler.start(paused=True)
    assert runtime.scheduler.scheduler.get_job(PROMPT_REPAIR_JOB) is not None


def test_a_seller_whose_dm_is_gone_is_marked_and_not_tried_again(harness: Harness, leader: Runtime) -> None:
    answer_first_while_slack_is_down(harness)
    harness.clock.advance(minutes=3)
    harness.fake.fail_next("chat.postMessage", status=200, error="channel_not_found")

    repair(leader)
    harness.clock.advance(minutes=3)
    repair(leader)

    assert len(harness.fake.calls_to("chat.postMessage")) == 1 + 3 + 1  # the intro, the outage, one try
    assert member_row(harness.db, "U1").dm_unavailable_at is not None
    assert unposted_claims(harness) == [2]  # still the seller's to resume
    harness.command("survey")
    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1})


def test_while_slack_stays_down_a_run_gives_up_after_three_failures(
    harness: Harness, leader: Runtime
) -> None:
    sellers = ["U1", "U2", "U3", "U4", "U5"]
    for user_id in sellers[3:]:
        harness.fake.add_user(user_id)
    for user_id in sellers:
        answer_first_while_slack_is_down(harness, user_id)
    harness.clock.advance(minutes=3)
    before = len(harness.fake.calls_to("chat.postMessage"))
    harness.fake.fail_next("chat.postMessage", status=500, times=3 * MAX_FAILURES_IN_A_ROW)

    repair(leader)
    assert len(harness.fake.calls_to("chat.postMessage")) == before + 3 * MAX_FAILURES_IN_A_ROW
    assert len(unposted_claims(harness)) == 5

    harness.clock.advance(minutes=3)  # Slack is back: every question arrives, once
    repair(leader)
    for user_id in sellers:
        positions = Counter(progress(c) for c in harness.questions(user_id))
        assert positions == Counter({"1/40": 1, "2/40": 1}), user_id
    assert unposted_claims(harness) == []


def test_a_finished_run_or_a_closed_pulse_is_left_alone(harness: Harness, leader: Runtime) -> None:
    for user_id in ("U1", "U2"):
        harness.command("pulse", user_id=user_id)
        harness.fake.fail_next("chat.postMessage", status=500, times=3)
        harness.send(tap_request(harness, harness.questions(user_id)[-1], 4, user_id))
    finish_pulse(harness.db, "U2", "2026-W48", harness.clock())  # e.g. finished in a way we cannot see
    harness.clock.advance(days=7)
    harness.command("pulse")  # U1's next pulse closes last week's
    posted = len(harness.fake.calls_to("chat.postMessage"))

    with harness.db.session() as s:
        assert unposted_prompts(s, harness.clock(), 50) == []
    repair(leader)
    assert len(harness.fake.calls_to("chat.postMessage")) == posted
    assert sorted(unposted_claims(harness)) == [2, 2]
