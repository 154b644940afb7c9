"""Database.session: an unreachable or locked database surfaces as StorageUnavailable, and a failed unit
of work leaves nothing half written, so the user can be told to try again."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from storage import members, runs
from storage.db import Database, StorageUnavailable, make_engine
from storage.models import Member, SurveyRun, Workspace
from survey_flows.survey import SurveyFlow
from survey_flows.views import Kind
from tests.storage.conftest import NOW


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(model)) or 0 for model in (Workspace, Member, SurveyRun)
        )


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _unreachable_url(db_url: str, tmp_path: Path) -> str:
    if _is_sqlite(db_url):
        return f"sqlite:///{tmp_path}"  # a directory: SQLite cannot open it as a database file
    url = make_url(db_url)
    return url.set(port=1, query={**url.query, "connect_timeout": "3"}).render_as_string(hide_password=False)


@contextmanager
def _locked(db_url: str) -> Iterator[Database]:
    """A second connection holds the database (SQLite) or the workspace table (PostgreSQL) exclusively;
    yields a Database that gives up waiting for the lock after a fraction of a second."""
    if _is_sqlite(db_url):
        holder = sqlite3.connect(make_url(db_url).database, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        engine = make_engine(db_url)
        event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout=50"))
        try:
            yield Database(engine)
        finally:
            engine.dispose()
            holder.execute("ROLLBACK")
            holder.close()
        return
    holder_engine = create_engine(db_url)
    url = make_url(db_url)
    impatient = url.set(query={**url.query, "options": "-c lock_timeout=100"})
    with holder_engine.connect() as holder:
        holder.execute(text("LOCK TABLE workspace IN ACCESS EXCLUSIVE MODE"))
        database = Database.from_url(impatient.render_as_string(hide_password=False))
        try:
            yield database
        finally:
            database.dispose()
            holder.rollback()
    holder_engine.dispose()


def test_an_unreachable_database_raises_storage_unavailable(db_url: str, tmp_path: Path, clock) -> None:
    unreachable = Database.from_url(_unreachable_url(db_url, tmp_path))
    try:
        with pytest.raises(StorageUnavailable):
            SurveyFlow(unreachable, clock).start("T1", "U1", Kind.FULL, "nb")
        with pytest.raises(StorageUnavailable), unreachable.session() as s:
            members.ensure_workspace(s, "T1", NOW)
    finally:
        unreachable.dispose()


def test_a_locked_database_raises_storage_unavailable_writes_nothing_and_a_retry_works(
    db_url: str, db: Database, clock
) -> None:
    with _locked(db_url) as impatient, pytest.raises(StorageUnavailable):
        SurveyFlow(impatient, clock).start("T1", "U1", Kind.FULL, "nb")
    assert _counts(db) == (0, 0, 0)

    retried = SurveyFlow(db, clock).start("T1", "U1", Kind.FULL, "nb")
    assert retried.status == "started"
    assert retried.question is not None
    assert retried.question.position == 1
    assert _counts(db) == (1, 1, 1)


class _DropConnectionOn:
    """Fails the first statement touching `table` as a dropped connection would."""

    def __init__(self, db: Database, table: str) -> None:
        self.db, self.table, self.fired = db, table, 0

    def __call__(self, conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if not self.fired and statement.lstrip().upper().startswith(f"INSERT INTO {self.table.upper()}"):
            self.fired += 1
            raise self.db.engine.dialect.loaded_dbapi.OperationalError(
                "server closed the connection unexpectedly"
            )

    def __enter__(self) -> _DropConnectionOn:
        event.listen(self.db.engine, "before_cursor_execute", self)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.db.engine, "before_cursor_execute", self)


def test_a_failure_half_way_rolls_back_what_the_transaction_had_written(db: Database, clock) -> None:
    """The workspace and member rows are written before the run insert fails: none of them stays."""
    flow = SurveyFlow(db, clock)
    with _DropConnectionOn(db, "survey_run") as fault, pytest.raises(StorageUnavailable):
        flow.start("T1", "U1", Kind.FULL, "nb")
    assert fault.fired == 1
    assert _counts(db) == (0, 0, 0)

    again = flow.start("T1", "U1", Kind.FULL, "nb")
    assert again.status == "started"
    assert _counts(db) == (1, 1, 1)


def test_an_answer_is_not_half_recorded_when_the_next_question_cannot_be_claimed(db: Database, clock) -> None:
    flow = SurveyFlow(db, clock)
    started = flow.start("T1", "U1", Kind.FULL, "nb")
    assert started.run is not None
    assert started.question is not None
    run_id = started.run.run_id
    with _DropConnectionOn(db, "prompt"), pytest.raises(StorageUnavailable):
        flow.answer("T1", "U1", run_id, started.question.item_id, 4, "nb")
    with db.session() as s:
        assert runs.answers_for_run(s, run_id) == {}
        assert sorted(runs.prompts_for_run(s, run_id)) == [1]

    retried = flow.answer("T1", "U1", run_id, started.question.item_id, 4, "nb")
    assert retried.status == "recorded"
    assert retried.next_question is not None
    assert retried.next_question.position == 2


def _write_then_fail(db: Database) -> None:
    with db.session() as s:
        members.ensure_member(s, "T1", "U1", NOW)
        raise LookupError("boom")


def test_an_error_in_the_callers_code_rolls_back_and_is_not_disguised(db: Database) -> None:
    with pytest.raises(LookupError, match="boom"):
        _write_then_fail(db)
    assert _counts(db) == (0, 0, 0)
