"""Test databases: a migrated SQLite file per test, and PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import create_engine, text

from storage.db import normalize_url
from storage.migrate import upgrade

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
TABLES = (
    "rate_budget",
    "replica",
    "slack_installations",
    "slack_bots",
    "slack_oauth_states",
    "notice",
    "follow_up",
    "coaching_request",
    "scheduler_lease",
    "summary_snapshot",
    "delivery",
    "team_membership",
    "inbound_event",
    "prompt",
    "answer",
    "survey_run",
    "team",
    "member",
    "workspace",
)


def sqlite_template(directory: Path) -> Path:
    """A SQLite file migrated once per session; each test gets a copy."""
    template = directory / "template.db"
    upgrade(f"sqlite:///{template}")
    return template


def sqlite_copy(template: Path, directory: Path) -> str:
    target = directory / "test.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def postgres_fresh() -> str:
    """The PostgreSQL test database, emptied and migrated from scratch (once per session)."""
    url = normalize_url(os.environ["TEST_DATABASE_URL"])
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade(url)
    return url


def postgres_truncate(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    engine.dispose()
