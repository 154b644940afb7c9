"""The database goes away in the middle of a transaction: on PostgreSQL the server terminates our backend
right after the answer was written and before the next question is claimed; on SQLite another connection
holds the write lock (BEGIN EXCLUSIVE) past our busy timeout. The user is told privately, in their
language, to try again; nothing of the interrupted step is kept; the next tap (or Slack's retry) works."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from coaching.i18n import t
from storage.db import make_engine
from storage.models import SurveyRun
from tests.faults.conftest import progress, send_together, stored, tap_request, unposted_claims
from tests.support.harness import Harness, block_texts

Outage = Callable[[], AbstractContextManager[None]]
BUSY_TIMEOUT_MS = 150
"""SQLite waits this long for a lock in these tests (5 s in production)."""


@pytest.fixture
def outage(harness: Harness) -> Outage:
    """`with outage():` the next step fails mid-transaction the way this backend fails."""
    if harness.db.is_sqlite:
        return _sqlite_locked(harness)
    return _postgres_backend_killed(harness)


def _sqlite_locked(harness: Harness) -> Outage:
    def short_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    event.listen(harness.db.engine, "connect", short_busy_timeout)  # after make_engine's own pragmas
    harness.db.engine.dispose()
    path = make_url(harness.settings.database_url).database

    @contextmanager
    def locked() -> Iterator[None]:
        holder = sqlite3.connect(str(path), isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()

    return locked


def _postgres_backend_killed(harness: Harness) -> Outage:
    admin = create_engine(harness.db.engine.url, poolclass=NullPool)
    armed: list[bool] = []

    def kill_before_the_claim(_conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if armed and statement.lstrip().upper().startswith("INSERT INTO PROMPT"):
            armed.clear()
            with admin.connect() as conn:  # the server ends our session; the transaction is open
                conn.execute(
                    text("SELECT pg_terminate_backend(:pid, 5000)"),
                    {"pid": cursor.connection.info.backend_pid},
                )

    event.listen(harness.db.engine, "before_cursor_execute", kill_before_the_claim)

    @contextmanager
    def killed() -> Iterator[None]:
        armed.append(True)
        try:
            yield
        finally:
            assert not armed, "the backend was never killed: the step did not reach the claim"

    return killed


def runs(harness: Harness) -> int:
    with harness.db.session() as s:
        return len(s.scalars(select(SurveyRun)).all())


def last_note(harness: Harness) -> Any:
    return harness.fake.calls_to("response_url")[-1].params


def test_a_tap_during_the_outage_is_refused_politely_and_the_next_tap_works(
    harness: Harness, outage: Outage
) -> None:
    harness.command("survey", user_id="U2")
    first = harness.questions("U2")[-1]

    with outage():
        send_together(harness, tap_request(harness, first, 4, "U2"))  # acked with 200 before failing

    note = last_note(harness)
    assert (note["response_type"], note["text"]) == ("ephemeral", t("sv", "error.storage"))
    assert stored(harness) == []
    assert len(harness.questions("U2")) == 1 and unposted_claims(harness) == []

    harness.send(tap_request(harness, first, 4, "U2"))

    assert stored(harness) == [("q01", 4)]
    assert len(harness.questions("U2")) == 2
    assert "2/40" in block_texts(harness.questions("U2")[-1])


def test_a_typed_answer_during_the_outage_is_refused_and_slacks_retry_of_it_works(
    harness: Harness, outage: Outage
) -> None:
    harness.command("survey")
    thread_ts = harness.thread_of(harness.questions()[-1])

    def typed(retry_num: int | None) -> None:
        harness.send(
            harness.requests.message_event(
                user_id="U1",
                text="5",
                channel_id="DU1",
                ts="1800000000.000042",
                thread_ts=thread_ts,
                event_id="EvTyped",
                retry_num=retry_num,
            )
        )

    with outage():
        typed(None)

    note = harness.fake.calls_to("chat.postEphemeral")[-1].params
    assert (note["user"], note["thread_ts"]) == ("U1", thread_ts)
    assert t("nb", "error.storage") in note["text"]
    assert stored(harness) == []

    typed(1)  # the event key was rolled back with the answer, so the redelivery counts

    assert stored(harness) == [("q01", 5)]
    assert len(harness.questions()) == 2
    assert unposted_claims(harness) == []


def test_a_start_during_the_outage_leaves_no_run_behind(harness: Harness, outage: Outage) -> None:
    harness.command("hjelp", user_id="U3")  # U3's profile is known (English)

    with outage():
        harness.command("survey", user_id="U3")

    assert last_note(harness)["text"] == t("en", "error.storage")
    assert runs(harness) == 0
    assert harness.fake.calls_to("chat.postMessage") == []

    harness.command("survey", user_id="U3")

    assert runs(harness) == 1
    # One post: the intro, a thread's parent, carrying question 1.
    assert [(c.params.get("thread_ts"), progress(c)) for c in harness.fake.calls_to("chat.postMessage")] == [
        (None, "1/40")
    ]


def test_a_dead_connection_in_the_pool_is_replaced_unnoticed(harness: Harness) -> None:
    """PostgreSQL restarted or a proxy dropped idle connections: the pool's pre-ping reconnects."""
    if harness.db.is_sqlite:
        pytest.skip("PostgreSQL only: SQLite has no server connection to lose")
    harness.command("survey")
    first = harness.questions()[-1]
    admin = create_engine(harness.db.engine.url, poolclass=NullPool)
    with admin.connect() as conn:
        killed = conn.execute(
            text(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'"
            )
        ).all()
    assert killed  # the pool's idle connections

    harness.send(tap_request(harness, first, 3))

    assert stored(harness) == [("q01", 3)]
    assert harness.fake.calls_to("response_url")[-1].params.get("text") != t("nb", "error.storage")
    assert len(harness.questions()) == 2


def test_a_database_that_refuses_connections_still_gets_every_tap_acked_at_once(harness: Harness) -> None:
    """A failure right after ack() (here: connection refused) used to reach Slack as a 404 after the 3 s
    ack timeout (bot/bolt_workarounds.py): Slack showed an error on top of our note."""
    harness.command("survey")
    first = harness.questions()[-1]
    real_engine = harness.db.engine
    harness.db.engine = make_engine(
        "postgresql://postgres@127.0.0.1:9/refused", connect_args={"connect_timeout": 1}
    )
    try:
        for _ in range(5):
            started = time.monotonic()
            assert harness.app.dispatch(tap_request(harness, first, 4)).status == 200
            assert time.monotonic() - started < 1.0
            harness.executor.drain()
    finally:
        harness.db.engine.dispose()
        harness.db.engine = real_engine

    notes = harness.fake.calls_to("response_url")[-5:]
    assert [n.params["text"] for n in notes] == [t("nb", "error.storage")] * 5
    assert stored(harness) == []
