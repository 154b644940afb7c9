"""Storage fixtures: a Database over the migrated test database, and a database with no schema at all."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from storage.db import Database, normalize_url
from storage.migrate import downgrade, upgrade
from storage.models import Team
from tests.support import databases

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.from_url(db_url)
    yield database
    database.dispose()


@pytest.fixture(params=databases.BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database without any tables (not even alembic_version).

    SQLite: a new file. PostgreSQL: a throw-away database next to TEST_DATABASE_URL, so the shared test
    database is never touched; when the role may not create databases, the shared one is downgraded
    and upgraded to head again afterwards so the other tests still find their schema.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    base = make_url(normalize_url(os.environ["TEST_DATABASE_URL"]))
    name = f"{base.database}_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except ProgrammingError:  # no CREATEDB privilege: use the shared database with care
        admin.dispose()
        shared = request.getfixturevalue("postgres_url")
        downgrade(shared)
        engine = create_engine(shared)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
        try:
            yield shared
        finally:
            upgrade(shared)
        return
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def team_before(s: Any, workspace_id: str, channel_id: str, name: str) -> int:
    """A team row written as an older schema holds it (a migration test upgrades from there): only the
    columns the first schema has, so a column added later to the model does not break the insert."""
    values = {"workspace_id": workspace_id, "channel_id": channel_id, "name": name, "locale": "nb"}
    stmt = insert(Team.__table__).values(**values, tz="UTC", created_at=NOW, updated_at=NOW)  # type: ignore[attr-defined]
    return int(s.execute(stmt.returning(Team.__table__.c.id)).scalar_one())  # type: ignore[attr-defined]
