"""The Alembic migration is the only way the schema is made: it builds everything from nothing, tears
it down again, and agrees with the SQLModel tables (an `alembic check` guard)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage import members, runs
from storage.db import Database, make_engine
from storage.migrate import alembic_config, downgrade, upgrade
from tests.storage.conftest import NOW
from tests.support import databases

REQUIRED = {
    "workspace",
    "member",
    "survey_run",
    "answer",
    "prompt",
    "inbound_event",
    "team",
    "team_membership",
    "delivery",
    "summary_snapshot",
    "scheduler_lease",
    "coaching_request",
    "follow_up",
    "notice",
    "replica",
    "rate_budget",
    "slack_installations",
    "slack_bots",
    "slack_oauth_states",
}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def _diffs(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            return compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()


def test_the_models_hold_every_table_the_issue_asks_for_and_the_tests_empty_them_all() -> None:
    assert set(SQLModel.metadata.tables) == REQUIRED
    # PostgreSQL tests TRUNCATE these between tests; a table missing here would leak rows across tests.
    assert set(databases.TABLES) == REQUIRED


def test_upgrade_builds_every_table_from_nothing_downgrade_removes_them_and_upgrade_works_again(
    empty_db_url: str,
) -> None:
    head = ScriptDirectory.from_config(alembic_config(empty_db_url)).get_current_head()
    assert _tables(empty_db_url) == set()

    upgrade(empty_db_url)
    assert _tables(empty_db_url) == REQUIRED | {"alembic_version"}
    assert _revision(empty_db_url) == head
    assert _diffs(empty_db_url) == []

    downgrade(empty_db_url)
    assert _tables(empty_db_url) - {"alembic_version"} == set()
    assert _revision(empty_db_url) is None

    upgrade(empty_db_url)
    assert _tables(empty_db_url) == REQUIRED | {"alembic_version"}
    assert _revision(empty_db_url) == head
    db = Database.from_url(empty_db_url)
    try:
        with db.session() as s:
            member = members.ensure_member(s, "T1", "U1", NOW)
            run = runs.create_run(s, "T1", member.id, "full", "2026-11", NOW, instrument_version=2)
            assert run is not None
            runs.upsert_answer(s, "T1", run.id, "q01", 4, NOW)
        with db.session() as s:
            assert runs.answers_for_run(s, run.id) == {"q01": 4}
    finally:
        db.dispose()


def test_the_migrated_schema_matches_the_models(db_url: str) -> None:
    """What `alembic check` would say: no model change is missing a migration."""
    assert _diffs(db_url) == []


def test_the_model_check_notices_a_schema_without_the_tables(empty_db_url: str) -> None:
    """The guard above can fail: on an empty database it reports every table as missing."""
    upgrade(empty_db_url)
    downgrade(empty_db_url)
    added = {diff[1].name for diff in _diffs(empty_db_url) if diff[0] == "add_table"}
    assert added == REQUIRED
