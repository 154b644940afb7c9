"""A process opens at most its pool's database connections (DATABASE_POOL_SIZE, else one per thread that can
hold one), so N replicas fit a PostgreSQL's max_connections by arithmetic (docs/DEPLOY.md): a thread beyond
the pool waits for a connection instead of opening one more."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.__main__ import _migrated_database
from bot.config import ConfigError, Settings
from bot.http_server import HTTP_THREADS, LISTENER_THREADS, database_connections
from scheduling.pacing import workers_for
from storage import db as storage_db
from storage.db import NestedUnitOfWork

SOCKET_MODE = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_APP_TOKEN": "xapp-1-A1-abc"}


def started(tmp_path: Path, **env: str):  # type: ignore[no-untyped-def]
    settings = Settings.from_env({**SOCKET_MODE, "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}", **env})
    return _migrated_database(settings)


def test_a_thread_beyond_the_pool_waits_for_a_connection_rather_than_opening_one_more(tmp_path: Path) -> None:
    db = started(tmp_path, DATABASE_POOL_SIZE="2")
    held = [db.engine.connect(), db.engine.connect()]
    got = threading.Event()

    def third() -> None:
        with db.session() as s:
            s.connection()
            got.set()

    waiting = threading.Thread(target=third)
    waiting.start()
    assert not got.wait(0.5), "a third connection was opened beside the pool's two"
    held.pop().close()
    assert got.wait(5), "the waiting thread did not get the connection given back"
    waiting.join()
    held.pop().close()
    db.dispose()


def test_without_a_setting_every_thread_that_can_hold_a_connection_has_one(tmp_path: Path) -> None:
    db = started(tmp_path)
    sends = workers_for(Settings.from_env(SOCKET_MODE).posts_per_minute)
    assert db.engine.pool.size() == database_connections(sends)  # type: ignore[attr-defined]
    assert database_connections(sends) >= HTTP_THREADS + LISTENER_THREADS + sends
    db.dispose()


@pytest.mark.parametrize("value", ["0", "1", "-3", "many", "2.5", "501", "²"])
def test_a_bad_pool_size_is_refused_with_a_message_naming_it(value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({**SOCKET_MODE, "DATABASE_POOL_SIZE": value})
    assert "DATABASE_POOL_SIZE" in str(refused.value) and f'"{value}"' in str(refused.value)


def test_a_thread_never_holds_two_units_of_work_so_a_bounded_pool_cannot_deadlock(tmp_path: Path) -> None:
    """Threads that each held a connection and waited for a second would wait on each other: the suite
    fails any test that nests (tests/conftest.py); in production it is a logged warning with the stack."""
    db = started(tmp_path, DATABASE_POOL_SIZE="2")
    with db.session(), pytest.raises(NestedUnitOfWork), db.connection():
        pass
    with db.connection():
        pass  # after the refusal the thread holds nothing: the next unit of work is its first
    db.dispose()


def test_in_production_a_nested_unit_of_work_is_a_warning_with_its_stack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(storage_db, "on_nested", storage_db._warn_nested)
    db = started(tmp_path)
    with db.session(), db.session():
        pass
    assert "second database connection" in caplog.text
    assert "test_in_production_a_nested_unit_of_work" in caplog.text  # where it happened
    db.dispose()
