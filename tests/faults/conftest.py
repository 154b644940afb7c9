"""Fixtures and helpers for the fault suite: the runtime with the scheduled fan-out, what is stored, what
was posted, and Slack delivering the same request twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import pytest
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from sqlalchemy import select

from storage.models import Answer, Prompt
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import Harness, button, buttons

TIMEOUT = 0.3
"""The client's timeout in a test that makes Slack answer late (`answers_late`); SLOW is beyond it."""
SLOW = 0.6


class _NoJitter:
    @staticmethod
    def random() -> float:
        return 0.0


def fast_retries(client: WebClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The production retry handlers, without their waiting (only the Retry-After the fake asks for).
    The client keeps its own timeout: `answers_late` shortens it in the tests that make Slack slow."""
    import slack_sdk.http_retry.builtin_handlers as handlers

    monkeypatch.setattr(handlers, "random", _NoJitter)
    for handler in client.retry_handlers:
        handler.interval_calculator = FixedValueRetryIntervalCalculator(0.0)


def answers_late(fake: FakeSlack, client: WebClient, method: str, times: int = 1) -> None:
    """Slack applies the next `times` calls to `method` but answers only after the client gave up.
    The client's timeout becomes TIMEOUT here, and only here: a short timeout in every fault test had a
    busy CI machine's ordinary answer taken for a timeout in a test about something else."""
    client.timeout = TIMEOUT  # type: ignore[assignment]
    fake.delay_next(method, SLOW, times)


def stored(harness: Harness) -> list[tuple[str, int | None]]:
    with harness.db.session() as s:
        return list(s.execute(select(Answer.item_id, Answer.value).order_by(Answer.item_id)).all())


def unposted_claims(harness: Harness) -> list[int]:
    with harness.db.session() as s:
        return list(s.scalars(select(Prompt.position).where(Prompt.message_ts.is_(None))).all())


def posts(fake: FakeSlack) -> list[Call]:
    """Messages Slack accepted (failed attempts excluded)."""
    return [c for c in fake.calls_to("chat.postMessage") if c.status == 200 and c.response.get("ok")]


def shown_progress(message: Mapping[str, Any]) -> str | None:
    """ "3/7" for a message that asks a question (a question in the thread, or the intro carrying the
    first one): the progress mark of its question block. `message` is what was posted (a call's params)
    or a message as Slack shows it; None for messages that ask nothing."""
    for block in message.get("blocks") or []:
        if block.get("block_id") == "question":
            return str(block["text"]["text"]).split()[0].strip("*\u200b")
    return None


def progress(call: Call) -> str | None:
    """ "3/7" for a question message (its position as shown), None for other messages."""
    return shown_progress(call.params) if buttons(call) else None


def question_positions(fake: FakeSlack) -> Counter[str]:
    """How often each question position was posted: every value must be 1."""
    return Counter(p for p in (progress(c) for c in posts(fake)) if p is not None)


def edits(fake: FakeSlack) -> Counter[str]:
    """How often each message was edited (chat.update by ts). Of identical taps, even truly concurrent
    ones, only the one whose write changed the answer edits (tests/faults/test_concurrent_taps.py)."""
    return Counter(str(c.params["ts"]) for c in fake.calls_to("chat.update"))


def item_of(question: Call) -> str:
    return button(question, 1)["value"].split(":")[1]


def tap_request(harness: Harness, question: Call, value: int, user_id: str = "U1") -> BoltRequest:
    choice = button(question, value)
    return harness.requests.block_action(
        user_id=user_id,
        action_id=choice["action_id"],
        value=choice["value"],
        block_id="answer_buttons",
        channel_id=question.response["channel"],
        message_ts=harness.ts_of(question),
        thread_ts=question.params.get("thread_ts"),
        message={"blocks": harness.shown_blocks(question)},
    )


def send_together(harness: Harness, *requests: BoltRequest) -> None:
    """Dispatch all requests before any listener finished (they run concurrently), then wait. Each is
    acked with 200 (the status is read when dispatch returns, as an HTTP adapter does: Bolt may set the
    same response object to 500 later, when the listener fails after its ack)."""
    for request in requests:
        assert harness.app.dispatch(request).status == 200
    harness.executor.drain()
