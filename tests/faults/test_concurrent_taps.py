"""Two identical taps at the same moment (a double tap, or the same button on two devices): both are
acked, the answer is stored once, the question message is edited once and the next question is posted
once. The taps are made truly concurrent: both listeners are held just before they write the answer
until the other has arrived there too, so each has read the run without the other's answer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from storage import runs
from tests.faults.conftest import posts, progress, question_positions, send_together, stored, tap_request
from tests.support.harness import Harness


def hold_writes_until_both_arrive(monkeypatch: pytest.MonkeyPatch) -> threading.Barrier:
    barrier = threading.Barrier(2, timeout=10)
    write: Callable[..., Any] = runs.upsert_answer

    def upsert_when_both_are_here(*args: Any, **kwargs: Any) -> Any:
        barrier.wait()
        return write(*args, **kwargs)

    monkeypatch.setattr(runs, "upsert_answer", upsert_when_both_are_here)
    return barrier


def test_two_identical_taps_at_once_edit_the_question_once_and_post_the_next_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.fake.forget_calls()  # Slack still shows what was posted
    barrier = hold_writes_until_both_arrive(monkeypatch)

    send_together(harness, tap_request(harness, first, 4), tap_request(harness, first, 4))

    assert barrier.n_waiting == 0 and not barrier.broken  # both taps reached the write together
    assert stored(harness) == [("q01", 4)]
    updates = harness.fake.calls_to("chat.update")
    assert [(u.params["ts"], progress(u)) for u in updates] == [(harness.ts_of(first), "1/40")]  # the intro
    assert question_positions(harness.fake) == {"2/40": 1}
    assert len(posts(harness.fake)) == 1
    assert harness.fake.calls_to("chat.postEphemeral") == []


def test_two_identical_changes_at_once_edit_the_question_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.send(tap_request(harness, first, 2))
    harness.fake.forget_calls()  # Slack still shows what was posted
    hold_writes_until_both_arrive(monkeypatch)

    send_together(harness, tap_request(harness, first, 5), tap_request(harness, first, 5))

    assert stored(harness) == [("q01", 5)]
    assert [u.params["ts"] for u in harness.fake.calls_to("chat.update")] == [harness.ts_of(first)]
    assert posts(harness.fake) == []  # the next question was already there
    assert harness.fake.calls_to("chat.postEphemeral") == []
