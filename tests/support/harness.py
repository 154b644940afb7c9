"""Drives the real Bolt app: signed requests in, real WebClient calls out to the fake Slack."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest

from bot.app import create_app
from bot.config import Settings
from storage.db import Database
from tests.support.fake_slack import Call, FakeSlack
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
        return response

    # -- conveniences ---------------------------------------------------------------------------------------

    def command(self, text: str, user_id: str = "U1", **kwargs: Any) -> BoltResponse:
        return self.send(self.requests.slash_command(text, user_id=user_id, **kwargs))

    def tap(self, button: dict[str, Any], message: Call, user_id: str = "U1") -> BoltResponse:
        """Tap a button of a posted message, as Slack would send it."""
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
            )
        )

    def ts_of(self, call: Call) -> str:
        """The ts the fake returned for a chat.postMessage call."""
        return self.fake.ts_for(call)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        self.db.dispose()


def now_utc() -> datetime:
    return datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def wait_until(predicate: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)
