"""Drives the real Bolt app: signed requests in, real WebClient calls out to the fake Slack."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest

from bot.app import create_app
from bot.config import Settings
from bot.runtime import Runtime, build_runtime
from scheduling.scheduler import make_scheduler
from storage.db import Database
from tests.support.fake_slack import Call, FakeSlack
from tests.support.markup_check import unrendered_ack
from tests.support.slack_requests import SlackRequests

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"


class Clock:
    """A settable UTC clock for the flows (Slack signatures use real time)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class TrackingExecutor(ThreadPoolExecutor):
    """Bolt runs listeners here after the ack; tests wait until every listener has finished."""

    def __init__(self) -> None:
        super().__init__(max_workers=4, thread_name_prefix="listener")
        self._pending = 0
        self._idle = threading.Condition()
        self.errors: list[BaseException] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        with self._idle:
            self._pending += 1
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future) -> None:
        if future.exception() is not None:
            self.errors.append(future.exception())  # type: ignore[arg-type]
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def drain(self, timeout: float = 10.0) -> None:
        with self._idle:
            if not self._idle.wait_for(lambda: self._pending == 0, timeout=timeout):
                raise AssertionError("listeners still running after the timeout")


class Harness:
    def __init__(self, fake: FakeSlack, db_url: str, clock: Clock, **settings: Any) -> None:
        self.fake = fake
        self.clock = clock
        self.db = Database.from_url(db_url)
        self.settings = Settings(
            bot_token=BOT_TOKEN,
            app_token=None,
            signing_secret=SIGNING_SECRET,
            api_url=fake.url,
            database_url=db_url,
            port=3000,
            default_locale=settings.pop("default_locale", "nb"),
            log_level="INFO",
        )
        self.requests = SlackRequests(SIGNING_SECRET, response_url=fake.response_url)
        self.app: App
        self.executor: TrackingExecutor
        self.restart()

    def restart(self) -> None:
        """A new app process over the same database, as after a crash or a deploy."""
        if getattr(self, "executor", None) is not None:
            self.executor.shutdown(wait=True)
        self.db.dispose()
        self.db = Database.from_url(self.settings.database_url)
        self.executor = TrackingExecutor()
        self.app = create_app(self.settings, self.db, clock=self.clock, listener_executor=self.executor)

    def send(self, request: BoltRequest) -> BoltResponse:
        response = self.app.dispatch(request)
        self.executor.drain()
        self.fake.unrendered.extend(unrendered_ack(response.body))  # the fixture fails the test on any
        return response

    # -- conveniences ---------------------------------------------------------------------------------------

    def command(self, text: str, user_id: str = "U1", **kwargs: Any) -> BoltResponse:
        return self.send(self.requests.slash_command(text, user_id=user_id, **kwargs))

    def tap(self, button: dict[str, Any], message: Call, user_id: str = "U1") -> BoltResponse:
        """Tap a button of a posted message, as Slack would send it (with the message as it is shown)."""
        posted_ts = self.ts_of(message)
        return self.send(
            self.requests.block_action(
                user_id=user_id,
                action_id=button["action_id"],
                value=button["value"],
                block_id="answer_buttons",
                channel_id=message.params["channel"],
                message_ts=posted_ts,
                thread_ts=message.params.get("thread_ts"),
                message={"blocks": self.shown_blocks(message)},
            )
        )

    def shown_blocks(self, message: Call) -> list[dict[str, Any]]:
        """The blocks of a posted message as Slack shows them now (after any chat.update)."""
        channel, ts = str(message.response.get("channel")), self.ts_of(message)
        shown = [m for m in self.fake.messages.in_channel(channel) if m["ts"] == ts]
        return list(shown[0].get("blocks") or []) if shown else list(message.params.get("blocks") or [])

    def questions(self, user_id: str | None = None) -> list[Call]:
        """Question messages posted so far (to one user's DM if given), oldest first."""
        calls = [c for c in self.fake.calls_to("chat.postMessage") if c.status == 200 and buttons(c)]
        return [c for c in calls if user_id is None or c.response.get("channel") == f"D{user_id}"]

    def answer_all(self, values: Any, user_id: str = "U1") -> None:
        """Tap through the open questions; `values(item_id)` picks each choice."""
        while True:
            last = self.questions(user_id)[-1]
            item_id = button(last, 1)["value"].split(":")[1]
            before = len(self.questions(user_id))
            self.tap(button(last, values(item_id)), last, user_id=user_id)
            if len(self.questions(user_id)) == before:
                return

    def ts_of(self, call: Call) -> str:
        """The ts the fake returned for a chat.postMessage call."""
        return self.fake.ts_for(call)

    def thread_of(self, call: Call) -> str:
        """The thread a posted message is in: a question's run thread; the intro carrying the first
        question is that thread's parent."""
        return thread_of(self.fake, call)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        self.db.dispose()


@contextmanager
def running(harness: Harness, **overrides: Any) -> Iterator[Runtime]:
    """The whole process (app, dispatcher, scheduler) over the harness's database and fake Slack. Requests go
    to the runtime's app, as in production; no pacing waits, of posts or of DM opens (`overrides` may set
    other pacers); the app's own auth.test is forgotten. The scheduler is built but not started: tests start
    it or call its jobs."""
    built = build_runtime(
        harness.settings,
        harness.db,
        clock=harness.clock,
        listener_executor=harness.executor,
        **(
            {
                "pace": lambda: None,
                "open_pace": lambda: None,
                "lookup_pace": lambda: None,
                "scheduler": make_scheduler(),
            }
            | overrides
        ),
    )
    harness.app = built.app
    harness.fake.reset()
    try:
        yield built
    finally:
        built.scheduler.shutdown()


def now_utc() -> datetime:
    return datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def wait_until(predicate: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def buttons(call: Call) -> list[dict[str, Any]]:
    """The answer buttons of a posted or updated question message."""
    for block in call.params.get("blocks", []):
        if block.get("block_id") == "answer_buttons":
            return list(block["elements"])
    return []


def thread_of(fake: FakeSlack, call: Call) -> str:
    """The thread a posted message is in (a thread's parent is its own thread)."""
    return str(call.params.get("thread_ts") or fake.ts_for(call))


def button(call: Call, value: int) -> dict[str, Any]:
    """The button for choice `value` (0 = don't know)."""
    return next(b for b in buttons(call) if b["action_id"] == f"answer_{value}")


def block_texts(call: Call) -> str:
    """Every text of a message's blocks, joined, to assert on what the user reads."""
    parts: list[str] = [str(call.params.get("text", ""))]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                parts.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(call.params.get("blocks", []))
    walk(call.params.get("view", {}))
    return "\n".join(parts)
