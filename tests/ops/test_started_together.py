"""Replicas started together (a deploy, `docker compose up`) all migrate at start, against one empty
PostgreSQL database: with the migration lock one migrates and the others find the schema at head; without
it both saw no `alembic_version` and the second failed creating tables the first had just made."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import normalize_url
from storage.health import Readiness

PROCESSES = 3
MIGRATE_WHEN_TOLD = """
import sys, time
from pathlib import Path
from storage.migrate import upgrade
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
upgrade(sys.argv[1])
"""

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL only: needs TEST_DATABASE_URL"
)


@pytest.fixture
def empty_database() -> Iterator[str]:
    """A database of its own, empty (the session's test database is migrated and shared)."""
    base = make_url(normalize_url(os.environ["TEST_DATABASE_URL"]))
    name = f"{base.database}_together"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_replicas_started_together_migrate_once(empty_database: str, tmp_path: Path) -> None:
    go = tmp_path / "go"
    replicas = [
        subprocess.Popen(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", MIGRATE_WHEN_TOLD, empty_database, str(go)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    time.sleep(2)  # every one has imported everything and waits at the line
    go.touch()
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in replicas]

    assert [code for code, _ in results] == [0] * PROCESSES, "\n".join(err for _, err in results)
    assert Readiness(empty_database).problem() is None  # at head
    engine = create_engine(empty_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()
