"""The Web API fails in the middle of a survey and of the scheduled pulse fan-out: 429 with Retry-After,
500/503, and answers slower than the client's timeout. Answers already given are kept, the conversation
continues once Slack recovers, and nothing is posted twice."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.runtime import Runtime
from storage.ledger import DeliveryKind, DeliveryStatus
from tests.faults.conftest import (
    answers_late,
    fast_retries,
    item_of,
    posts,
    progress,
    question_positions,
    stored,
    tap_request,
    unposted_claims,
)
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts, button
from tests.support.resuming import notes, waiting
from tests.support.scheduling import make_team, status
from tests.support.shown import t

OSLO = "Europe/Oslo"


def test_rate_limits_and_server_errors_mid_survey_are_retried_and_then_resumed(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    harness.command("survey")
    harness.tap(*newest_button(harness, 4))

    # Slack hiccups but the client's retries get through: nothing for the user to notice.
    harness.fake.fail_next("chat.update", status=429, retry_after=0)
    harness.fake.fail_next("chat.postMessage", status=503)
    harness.tap(*newest_button(harness, 2))
    assert [c.status for c in harness.fake.calls_to("chat.update")][-2:] == [429, 200]
    assert [c.status for c in harness.fake.calls_to("chat.postMessage")][-2:] == [503, 200]
    assert sorted(question_positions(harness.fake)) == ["1/40", "2/40", "3/40"]

    # Slack is down for longer than the retries: the answer is kept, the user is told how to go on.
    harness.fake.fail_next("chat.postMessage", status=500, times=3)
    harness.tap(*newest_button(harness, 5))
    assert stored(harness) == [("q01", 4), ("q02", 2), ("q03v2", 5)]
    assert notes(harness)[-1] == t("nb", "error.slack.survey")
    assert unposted_claims(harness) == [4]

    # Slack is back: `/balanse survey`, as the note says, posts question 4 once and the survey goes on.
    # At once, the claim may still be some other request's post in flight: nothing is posted yet.
    harness.command("survey")
    assert notes(harness)[-1] == t("nb", "command.in_progress")
    assert len(harness.questions()) == 3
    harness.clock.advance(seconds=20)
    harness.command("survey")
    fourth = harness.questions()[-1]
    assert "4/40" in block_texts(fourth)
    assert notes(harness)[-1] == waiting(harness, fourth, "full", 4, 40)
    harness.tap(*newest_button(harness, 3))
    assert stored(harness)[-1] == ("q04v2", 3)
    assert set(question_positions(harness.fake).values()) == {1}
    assert sorted(question_positions(harness.fake)) == sorted(f"{n}/40" for n in range(1, 6))
    assert unposted_claims(harness) == []


def test_a_timeout_mid_survey_loses_no_answer_and_posts_nothing_twice(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    harness.command("survey")
    harness.tap(*newest_button(harness, 4))

    # Slack takes the next question but answers after the client gave up (the ts is never learnt).
    answers_late(harness.fake, harness.app.client, "chat.postMessage")
    harness.tap(*newest_button(harness, 1))
    harness.fake.wait_for("chat.postMessage", 3)  # the late question lands in the DM anyway
    assert stored(harness) == [("q01", 4), ("q02", 1)]
    assert notes(harness)[-1] == t("nb", "error.slack.survey")

    # The seller answers the question that did arrive; the conversation simply goes on.
    late = harness.questions()[-1]
    harness.tap(*newest_button(harness, 5))
    assert harness.fake.calls_to("chat.update")[-1].params["ts"] == harness.ts_of(late)  # shows the choice
    harness.tap(*newest_button(harness, 2))
    assert stored(harness) == [("q01", 4), ("q02", 1), ("q03v2", 5), ("q04v2", 2)]
    assert Counter(question_positions(harness.fake).values()) == Counter({1: 5})


def test_a_timeout_while_telling_the_user_about_a_timeout_is_logged_not_raised(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    harness.command("survey")
    thread_ts = harness.thread_of(harness.questions()[-1])
    answers_late(harness.fake, harness.app.client, "chat.postMessage")
    answers_late(harness.fake, harness.app.client, "chat.postEphemeral")

    harness.send(
        harness.requests.message_event(
            user_id="U1", text="3", channel_id="DU1", ts="1800000000.000001", thread_ts=thread_ts
        )
    )
    harness.fake.wait_for("chat.postEphemeral")

    assert stored(harness) == [("q01", 3)]
    assert harness.executor.errors == []  # the error handler itself did not blow up
    assert "could not tell the user" in caplog.text


def test_the_fan_out_survives_rate_limits_errors_and_timeouts_and_sends_each_pulse_once(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    sellers = ["U1", "U2", "U3", "U4"]
    harness.fake.add_user("U4", locale="nb-NO", tz=OSLO)
    harness.clock.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 in Oslo
    team_id = make_team(harness.db, harness.clock.now, [(u, OSLO) for u in sellers])
    runtime.dispatcher.workers = 1  # one send at a time: the failures below meet the sellers in order
    answers_late(
        harness.fake, harness.app.client, "conversations.open"
    )  # U1: the DM cannot be opened in time
    harness.fake.fail_next("chat.postMessage", status=500, times=3)  # U2: down beyond the retries
    harness.fake.fail_next("chat.postMessage", status=429, retry_after=0)  # U3: waited out
    harness.fake.fail_next("chat.postMessage", status=503)  # U3's intro once more: retried

    report = runtime.dispatcher.run_daily(team_id, OSLO)
    harness.fake.wait_for("conversations.open", 4)  # U1's too, answered after the client gave up

    assert len(report.sent) == 2 and len(report.failed) == 2
    for user_id in ("U1", "U2"):
        assert status(harness.db, DeliveryKind.PULSE, user_id, "2026-W48") == DeliveryStatus.CLAIMED
    u3_first = harness.questions("U3")[-1]
    harness.send(tap_request(harness, u3_first, 4, "U3"))  # U3 answers meanwhile

    harness.clock.advance(minutes=6)  # Slack is back; the resume job takes the claims over
    runtime.dispatcher.resume_unfinished()
    runtime.dispatcher.resume_unfinished()
    runtime.dispatcher.run_daily(team_id, OSLO)

    for user_id in sellers:
        assert status(harness.db, DeliveryKind.PULSE, user_id, "2026-W48") == DeliveryStatus.SENT
        dm = [c for c in posts(harness.fake) if c.response.get("channel") == f"D{user_id}"]
        intros = [c for c in dm if not c.params.get("thread_ts")]
        assert len(intros) == 1, (user_id, [block_texts(c)[:40] for c in intros])
        assert progress(intros[0]) == "1/7", user_id  # the intro carries question 1
        assert Counter(progress(c) for c in dm if progress(c)) == Counter(
            {"1/7": 1} if user_id != "U3" else {"1/7": 1, "2/7": 1}
        )
    assert stored(harness) == [(item_of(u3_first), 4)]
    assert unposted_claims(harness) == []


def newest_button(harness: Harness, value: int) -> tuple[dict[str, Any], Call]:
    """(button, message) of the newest question, for `harness.tap`."""
    last = harness.questions()[-1]
    return button(last, value), last


def test_a_rate_limit_and_two_server_errors_still_bring_the_next_question_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    harness.command("survey")
    told = notes(harness)
    harness.fake.fail_next("chat.postMessage", status=429, retry_after=0)
    harness.fake.fail_next("chat.postMessage", status=500, times=2)

    harness.tap(*newest_button(harness, 4))

    assert [c.status for c in harness.fake.calls_to("chat.postMessage")][-4:] == [429, 500, 500, 200]
    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1})
    assert notes(harness) == told  # no error note: nothing went wrong as far as the seller can tell
    assert unposted_claims(harness) == []
