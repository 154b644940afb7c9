"""`python -m bot` as a real subprocess in HTTP mode, talking to the test's FakeSlack, for the tests that
need a real process: SIGKILL and restart, real HTTP signature checks, the production log output.

    with BotProcess(fake, db_url, tmp_path) as bot:
        status, _ = bot.post(requests.slash_command("survey", user_id="U1"))
        bot.kill()          # SIGKILL, no clean-up at all
        bot.start()         # the same database, a new process
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Self

from slack_bolt.request import BoltRequest
from sqlalchemy import select

from storage.db import Database
from storage.models import Prompt
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import button, buttons, wait_until
from tests.support.slack_requests import SlackRequests, flat_headers

BOT_TOKEN = "xoxb-process-test-token-7d1e"
SIGNING_SECRET = "process-test-signing-secret-51c0"
READY_TIMEOUT = 20.0


def questions(fake: FakeSlack) -> list[Call]:
    """Question messages Slack accepted, oldest first."""
    return [c for c in fake.calls_to("chat.postMessage") if c.status == 200 and buttons(c)]


def held(fake: FakeSlack, method: str) -> bool:
    """The delayed call has reached the fake, which is holding it (its delay was taken)."""
    with fake._lock:
        return not fake._state.delays.get(method)


def rows(db_url: str, statement: Any) -> list[Any]:
    """Read the bot's database from the test (a separate engine, disposed at once)."""
    db = Database.from_url(db_url)
    try:
        with db.session() as s:
            return list(s.execute(statement).all())
    finally:
        db.dispose()


def unposted(db_url: str) -> list[int]:
    """Positions claimed but not (yet) known to be posted: [] once the bot has noted every question's ts,
    which is when a person would see the message and tap it."""
    return [p for (p,) in rows(db_url, select(Prompt.position).where(Prompt.message_ts.is_(None)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class BotProcess:
    def __init__(
        self,
        fake: FakeSlack,
        db_url: str,
        directory: Path,
        *,
        log_level: str = "INFO",
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.fake = fake
        self.extra_env = extra_env or {}
        self.db_url = db_url
        self.directory = directory
        self.log_level = log_level
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self._stderr: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    @property
    def log_path(self) -> Path:
        return self.directory / f"bot-stderr-{self.port}.log"

    def env(self) -> dict[str, str]:
        keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"}
        env = {k: v for k, v in os.environ.items() if k in keep}
        return (
            env
            | {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_APP_TOKEN": "",  # HTTP mode, whatever a .env might say
                "SLACK_API_URL": self.fake.url,
                "DATABASE_URL": self.db_url,
                "PORT": str(self.port),
                "LOG_LEVEL": self.log_level,
                "PYTHONUNBUFFERED": "1",
            }
            | self.extra_env
        )

    def start(self) -> Self:
        """Start the bot (again) and wait until it accepts connections, bounded by READY_TIMEOUT."""
        assert self.process is None or self.process.poll() is not None, "already running"
        self._stderr = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=self.directory,  # no .env of the developer's is found from here
            env=self.env(),
            stdout=self._stderr,
            stderr=subprocess.STDOUT,
        )
        self.starts += 1
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"the bot exited with {self.process.returncode}:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if time.monotonic() > deadline:
                    self.kill()
                    raise AssertionError(
                        f"the bot was not ready in {READY_TIMEOUT}s:\n{self.log()}"
                    ) from None
                time.sleep(0.05)

    def post(
        self, request: BoltRequest, headers: dict[str, str] | None = None, body: str | None = None
    ) -> tuple[int, bytes]:
        """Send a request as Slack would (or with other headers or body), over real HTTP; (status, body)."""
        return self.post_raw(
            request.raw_body if body is None else body, flat_headers(request) if headers is None else headers
        )

    def post_raw(self, body: str, headers: dict[str, str]) -> tuple[int, bytes]:
        http = urllib.request.Request(  # noqa: S310 - loopback http
            self.url, data=body.encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(http, timeout=10) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def tap(self, requests: SlackRequests, question: Call, value: int, user_id: str = "U1") -> None:
        """Tap answer `value` (0 = don't know) of a posted question."""
        choice = button(question, value)
        status, _ = self.post(
            requests.block_action(
                user_id=user_id,
                action_id=choice["action_id"],
                value=choice["value"],
                block_id="answer_buttons",
                channel_id=question.response["channel"],
                message_ts=question.response["ts"],
                thread_ts=question.params.get("thread_ts"),
            )
        )
        assert status == 200

    def wait(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Poll until `predicate()`, bounded; a failure shows the end of the bot's log."""
        try:
            wait_until(predicate, timeout=timeout)
        except AssertionError:
            raise AssertionError(f"condition not met; the bot's log:\n{self.log()[-4000:]}") from None

    def stop(self, signum: int = signal.SIGTERM) -> None:
        """Send `signum` (SIGTERM: what a service manager sends) and return at once; `exit_code` waits."""
        assert self.process is not None and self.process.poll() is None, "not running"
        self.process.send_signal(signum)

    def exit_code(self, timeout: float = 30.0) -> int:
        """Wait for the process to end by itself (bounded) and return its exit code."""
        assert self.process is not None
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the bot did not exit in {timeout}s:\n{self.log()[-4000:]}") from None

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no flushing, no scheduler stop."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()
