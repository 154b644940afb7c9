"""Fixtures: the fake Slack (one per session), a migrated database per test on every backend, and
the harness that drives the real Bolt app with signed requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import posting
from bot.runtime import Runtime
from storage import db as storage_db
from storage.db import NestedUnitOfWork
from tests.support import databases
from tests.support.fake_slack import FakeSlack
from tests.support.harness import Clock, Harness, now_utc, running


@pytest.fixture(autouse=True)
def no_wait_between_posts(monkeypatch: pytest.MonkeyPatch) -> None:
    """bot/posting.py waits before it looks for a post Slack may have made; tests don't wait for Slack."""
    monkeypatch.setattr(posting, "WAITS", (0.0,))


@pytest.fixture(autouse=True)
def one_unit_of_work_per_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread that opens a database unit of work inside another fails its test (storage/db.py): the
    bounded pool of a replica (DATABASE_POOL_SIZE) relies on it."""

    def nested() -> None:
        raise NestedUnitOfWork("a thread opened a second database unit of work while holding one")

    monkeypatch.setattr(storage_db, "on_nested", nested)


@pytest.fixture(scope="session")
def fake_slack_server() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(fake_slack_server: FakeSlack) -> Iterator[FakeSlack]:
    """The session's fake Slack, emptied; a test fails when any text it sent kept neutral markup."""
    fake_slack_server.reset()
    fake_slack_server.forget_people()  # users one test added must not change what the next one sees
    # The three default users are the workspace's admins: they may set up teams (bot/setup_access.py).
    for user_id, locale, tz in (
        ("U1", "nb-NO", "Europe/Oslo"),
        ("U2", "sv-SE", "Europe/Stockholm"),
        ("U3", "en-US", "America/New_York"),
    ):
        fake_slack_server.add_user(user_id, locale=locale, tz=tz, is_admin=True)
    yield fake_slack_server
    assert not fake_slack_server.unrendered, "neutral markup reached Slack unrendered"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_url() -> str:
    return databases.postgres_fresh()


@pytest.fixture(params=databases.BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return databases.sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    url = request.getfixturevalue("postgres_url")
    databases.postgres_truncate(url)
    return url


@pytest.fixture
def clock() -> Clock:
    return Clock(now_utc())


@pytest.fixture
def harness(fake_slack: FakeSlack, db_url: str, clock: Clock) -> Iterator[Harness]:
    h = Harness(fake_slack, db_url, clock)
    fake_slack.reset()  # forget the app's start-up auth.test
    yield h
    h.close()
    assert not h.executor.errors, h.executor.errors


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    """The whole process over the harness (tests.support.harness.running)."""
    with running(harness) as built:
        yield built
