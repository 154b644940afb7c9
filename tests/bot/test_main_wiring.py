"""`python -m bot` (bot/__main__.py) runs the scheduler next to the app: jobs derived from the database,
the weekly summary publisher wired in, started before Socket Mode and shut down after it (on SIGINT, as
on SIGTERM: bot/shutdown.py)."""

from __future__ import annotations

import signal
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import slack_bolt.adapter.socket_mode as socket_mode

import bot.runtime
from bot.__main__ import main
from scheduling.summaries import SummaryService
from storage.db import Database
from storage.migrate import upgrade
from tests.support.fake_slack import FakeSlack
from tests.support.harness import wait_until
from tests.support.scheduling import make_team

LATE = 23 * 60 + 59  # nothing of the seeded team is due while the test runs


def test_python_m_bot_starts_the_scheduler_with_the_summary_publisher(
    fake_slack: FakeSlack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = f"sqlite:///{tmp_path / 'bot.db'}"
    upgrade(db_url)
    seeded = Database.from_url(db_url)
    team_id = make_team(
        seeded, datetime.now(UTC), [("U1", "Europe/Oslo")], pulse_minute=LATE, summary_minute=LATE
    )
    seeded.dispose()
    for name in ("SLACK_SIGNING_SECRET", "DEFAULT_LOCALE", "PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-main-wiring")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-main-wiring")
    monkeypatch.setenv("SLACK_API_URL", fake_slack.url)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")

    built: list[bot.runtime.Runtime] = []
    real_build = bot.runtime.build_runtime

    def recording_build(*args: Any, **kwargs: Any) -> bot.runtime.Runtime:
        built.append(real_build(*args, **kwargs))
        return built[-1]

    seen: dict[str, Any] = {}

    class FakeSocketModeHandler:
        def __init__(self, app: Any, app_token: str) -> None:
            seen["app_token"] = app_token
            seen["same_app"] = app is built[-1].app

        def connect(self) -> None:
            runtime = built[-1]
            seen["running"] = runtime.scheduler.scheduler.running
            seen["jobs"] = {job.id for job in runtime.scheduler.scheduler.get_jobs()}
            seen["publisher"] = runtime.dispatcher.summary_publisher
            wait_until(lambda: runtime.scheduler.is_leader)  # the one leader: this process
            signal.raise_signal(signal.SIGINT)  # Ctrl-C

        def close(self) -> None:
            seen["closed"] = True

    monkeypatch.setattr(bot.runtime, "build_runtime", recording_build)
    monkeypatch.setattr(socket_mode, "SocketModeHandler", FakeSocketModeHandler)

    previous = signal.getsignal(signal.SIGINT)
    assert main() == 0
    assert signal.getsignal(signal.SIGINT) is previous  # the stop handlers are gone again

    assert seen["app_token"] == "xapp-main-wiring" and seen["same_app"]
    assert seen["running"]
    assert seen["closed"]  # disconnected from Slack on the way out
    assert {f"pulse:{team_id}:Europe/Oslo", f"summary:{team_id}", "lease", "resume", "reconcile"} <= seen[
        "jobs"
    ]
    publisher = seen["publisher"]
    assert isinstance(publisher.__self__, SummaryService) and publisher.__func__ is SummaryService.publish
    assert not built[-1].scheduler.scheduler.running  # shut down on the way out
    assert not built[-1].scheduler.is_leader  # and the lease released
