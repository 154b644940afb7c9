"""Apply Alembic migrations programmatically (at bot start-up and in tests).

Replicas started together (a deploy, `docker compose up`) all migrate at start. On PostgreSQL the
migration runs under a session-level advisory lock, so one process migrates and the others wait for it
and then find the schema at head: without it, two processes both saw an empty `alembic_version` and the
second failed creating the tables the first had just made. SQLite has one process per file
(storage/process_lock.py) and needs no lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import pool, text

from storage.db import make_engine, normalize_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x42616C616E7365  # "Balanse": the advisory lock every migrating process takes


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation would choke on '%' in passwords.
    config.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return config


@contextmanager
def migration_lock(url: str) -> Iterator[None]:
    """Held by one process at a time on PostgreSQL (waiting for it as long as another migrates); nothing
    on SQLite. The lock belongs to its own connection and ends with it, also when the process dies."""
    engine = make_engine(url, poolclass=pool.NullPool)
    try:
        if engine.dialect.name != "postgresql":
            yield
            return
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()  # the lock is the session's: no transaction left open while migrating
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                connection.commit()
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head") -> None:
    with migration_lock(url):
        command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    with migration_lock(url):
        command.downgrade(alembic_config(url), revision)
