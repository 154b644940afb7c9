"""The probes a load balancer or an orchestrator asks, over real HTTP: `/healthz` (the process serves) and
`/readyz` (the database is reachable and its schema at the migrations' head), beside Bolt's /slack/events
on the production server (`python -m bot` in HTTP mode, on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.http_server import HttpServer
from storage.db import normalize_url
from storage.health import Readiness
from tests.ops.conftest import probe
from tests.support.bot_process import BotProcess, free_port
from tests.support.fake_slack import FakeSlack


@pytest.fixture
def bot(fake_slack: FakeSlack, db_url: str, tmp_path: Path) -> Iterator[BotProcess]:
    with BotProcess(fake_slack, db_url, tmp_path) as process:
        yield process


def set_schema_revision(db_url: str, revision: str) -> None:
    engine = create_engine(normalize_url(db_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_a_running_bot_is_healthy_and_ready(bot: BotProcess) -> None:
    assert probe(bot.port, "/healthz") == (200, "ok")
    assert probe(bot.port, "/readyz") == (200, "ready")
    assert probe(bot.port, "/readyz", method="HEAD")[0] == 200
    assert probe(bot.port, "/readyz", method="POST")[0] == 405
    assert probe(bot.port, "/metrics")[0] == 404
    assert (
        probe(bot.port, "/slack/events", method="POST")[0] == 401
    )  # the probes sign nothing, Bolt still checks


def test_a_schema_other_than_the_codes_head_makes_it_unready_until_it_is_back(
    bot: BotProcess, db_url: str
) -> None:
    """A migration not applied (or one applied by a newer release): out of the rotation, still alive."""
    head = Readiness(db_url).heads
    set_schema_revision(db_url, "0010_first_pulse_now")
    assert probe(bot.port, "/readyz") == (503, "migrations not at head")
    assert probe(bot.port, "/healthz") == (200, "ok")  # alive: a restart would not help

    (revision,) = head
    set_schema_revision(db_url, revision)
    assert probe(bot.port, "/readyz") == (200, "ready")


@pytest.fixture
def probes_only() -> Iterator[HttpServer]:
    """The probes as Socket Mode serves them (no /slack/events), on a database that cannot be reached:
    a closed port, with a password in the URL."""
    server = HttpServer(
        free_port(),
        ready=Readiness("postgresql://balansebrett:s3cret-pw@127.0.0.1:1/balansebrett").problem,
        host="127.0.0.1",
    )
    stop = threading.Event()
    serving = threading.Thread(target=server.serve, args=(stop,), daemon=True)
    serving.start()
    yield server
    stop.set()
    serving.join(5)
    server.drain(0)


def test_an_unreachable_database_is_unready_and_the_reason_gives_nothing_away(
    probes_only: HttpServer,
) -> None:
    status, body = probe(probes_only.port, "/readyz")
    assert (status, body) == (503, "database unreachable")
    for secret in ("s3cret-pw", "balansebrett", "127.0.0.1", "5432", "psycopg", "Error"):
        assert secret not in body
    assert probe(probes_only.port, "/healthz") == (200, "ok")  # the process itself is fine
    assert (
        probe(probes_only.port, "/slack/events", method="POST")[0] == 404
    )  # Socket Mode: no events over HTTP
