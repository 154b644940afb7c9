"""After an uninstall's grace period the daily retention job deletes the workspace, all of it: every row of
every table with a `workspace_id` (read from the database, so a table added later is covered, with or without
a foreign key), then the workspace row. Before the period ends nothing goes, a reinstall keeps everything,
and another workspace is never touched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Table, func, select, text

from coaching.instrument import CURRENT_VERSION
from scheduling.retention import Retention
from storage import advice_requests, ledger, members, notices, runs, workspace_purge, workspaces
from storage.db import Database
from storage.ledger import DeliveryKind
from storage.models import RateBudget, Role, SummarySnapshot
from storage.notices import NoticeKind
from tests.support.summary_weeks import add_member, make_team

NOW = datetime(2027, 3, 1, 3, 17, tzinfo=UTC)
GONE, KEPT = "TGONE", "TKEPT"
GRACE = 30


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.from_url(db_url)
    yield database
    database.dispose()


def fill(db: Database, workspace_id: str) -> None:
    """A workspace the bot has served: a row in every table a workspace has."""
    at = NOW - timedelta(days=90)
    with db.session() as s:
        team = make_team(s, channel=f"C{workspace_id}", workspace=workspace_id)
        kari = add_member(s, team, "UKARI")
        boss = add_member(s, team, "UBOSS", role=Role.MANAGER)
        for period in ("2026-W48", "2026-W49"):
            run = runs.create_run(
                s, workspace_id, kari.id, "pulse", period, at, team.id, instrument_version=CURRENT_VERSION
            )  # type: ignore[arg-type]
            assert run is not None
            runs.claim_prompt(s, workspace_id, run.id, 1, "q01", at)  # type: ignore[arg-type]
            runs.upsert_answer(s, workspace_id, run.id, "q01", 4, at)  # type: ignore[arg-type]
            ledger.claim(s, workspace_id, DeliveryKind.PULSE, str(kari.id), period, at)
            s.add(
                SummarySnapshot(
                    workspace_id=workspace_id,
                    team_id=team.id,  # type: ignore[arg-type]
                    period=period,
                    published_at=at,
                    respondents=5,
                    eligible=6,
                    suppressed=False,
                    figures={"zone": "comfort"},
                )
            )
        request = advice_requests.create_request(
            s,
            workspace_id,
            boss.id,
            kari.id,
            team.id,
            {"will": "low"},
            "answered",
            at,  # type: ignore[arg-type]
        )
        advice_requests.schedule_follow_up(s, workspace_id, request.id, at + timedelta(days=14), at)  # type: ignore[arg-type]
        notices.add(s, workspace_id, NoticeKind.ADDED_TO_TEAM, kari.id, team.id, at)  # type: ignore[arg-type]
        members.remember_event(s, workspace_id, "msg:DUKARI:1", NOW - timedelta(hours=1))  # kept a week
        s.add(RateBudget(workspace_id=workspace_id, name="posts", tokens=3.0, stamp=0.0))


def mark(db: Database, workspace_id: str, at: datetime) -> None:
    with db.session() as s:
        workspaces.mark_uninstalled(s, workspace_id, at)


def tables(db: Database) -> list[Table]:
    with db.session() as s:
        return workspace_purge.workspace_tables(s)


def rows(db: Database, workspace_id: str) -> dict[str, int]:
    """Rows of the workspace per table, the workspace row included."""
    with db.session() as s:
        found = {
            table.name: int(
                s.scalar(select(func.count()).select_from(table).where(table.c.workspace_id == workspace_id))
                or 0
            )
            for table in workspace_purge.workspace_tables(s)
        }
        found["workspace"] = int(
            s.scalar(text("SELECT count(*) FROM workspace WHERE id = :w"), {"w": workspace_id}) or 0
        )
        return found


def retention(db: Database, *, batch: int = 500) -> Retention:
    return Retention(db, lambda: NOW, 24, grace_days=GRACE, batch=batch)


@pytest.fixture
def two(db: Database) -> Database:
    fill(db, GONE)
    fill(db, KEPT)
    return db


def test_every_table_but_the_known_few_carries_workspace_id_and_the_fixture_fills_them_all(
    two: Database,
) -> None:
    with two.session() as s:
        assert workspace_purge.unscoped_tables(s) == []
    filled = rows(two, GONE)
    assert set(filled) >= {"member", "answer", "survey_run", "team", "delivery", "notice", "follow_up"}
    # A table the fixture leaves empty would prove nothing about its purge: fill it in `fill` above.
    assert [name for name, count in filled.items() if count == 0] == []


def test_after_the_grace_period_everything_of_the_workspace_goes_and_nothing_of_another(
    two: Database,
) -> None:
    mark(two, GONE, NOW - timedelta(days=GRACE))
    kept_before = rows(two, KEPT)

    report = retention(two, batch=1).run()  # batches of one: every table takes several rounds

    assert report.workspaces == 1
    assert set(rows(two, GONE).values()) == {0}
    assert rows(two, KEPT) == kept_before


def test_one_second_inside_the_grace_period_nothing_goes(two: Database) -> None:
    mark(two, GONE, NOW - timedelta(days=GRACE) + timedelta(seconds=1))
    before = rows(two, GONE)

    assert retention(two).run().workspaces == 0
    assert rows(two, GONE) == before


def test_a_reinstall_inside_the_grace_period_keeps_everything(two: Database) -> None:
    mark(two, GONE, NOW - timedelta(days=GRACE + 10))
    with two.session() as s:
        assert workspaces.clear_uninstalled(s, GONE)  # e.g. the OAuth install saved it again
    before = rows(two, GONE)

    assert retention(two).run().workspaces == 0
    assert rows(two, GONE) == before


def test_a_grace_period_of_zero_deletes_at_the_next_daily_run(two: Database) -> None:
    mark(two, GONE, NOW - timedelta(minutes=1))
    assert Retention(two, lambda: NOW, 24, grace_days=0).run().workspaces == 1
    assert set(rows(two, GONE).values()) == {0}


def test_a_table_added_later_without_a_foreign_key_is_covered_because_it_has_workspace_id(
    two: Database,
) -> None:
    """E.g. a per-workspace table made by a later migration without a model or a foreign key."""
    with two.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE later_budget (id INTEGER PRIMARY KEY, workspace_id VARCHAR(32) NOT NULL, left_now INTEGER)"
            )
        )
        conn.execute(
            text("INSERT INTO later_budget VALUES (1, :g, 5), (2, :g, 6), (3, :k, 7)"), {"g": GONE, "k": KEPT}
        )
    try:
        mark(two, GONE, NOW - timedelta(days=GRACE + 1))
        assert "later_budget" in {table.name for table in tables(two)}

        assert retention(two, batch=1).run().workspaces == 1

        with two.engine.connect() as conn:
            left = conn.execute(text("SELECT workspace_id FROM later_budget")).scalars().all()
        assert left == [KEPT]
    finally:
        with two.engine.begin() as conn:
            conn.execute(text("DROP TABLE later_budget"))


def test_the_children_go_before_their_parents(two: Database) -> None:
    order = [table.name for table in tables(two)]
    for child, parent in (
        ("answer", "survey_run"),
        ("prompt", "survey_run"),
        ("survey_run", "member"),
        ("follow_up", "coaching_request"),
        ("team_membership", "team"),
        ("notice", "member"),
    ):
        assert order.index(child) < order.index(parent), (child, parent)
    assert "workspace" not in order  # the workspace row goes last, on its own


def test_a_reinstall_while_the_purge_runs_stops_it_at_the_next_batch(two: Database) -> None:
    mark(two, GONE, NOW - timedelta(days=GRACE + 1))
    by = NOW - timedelta(days=GRACE)
    answers = next(table for table in tables(two) if table.name == "answer")
    with two.session() as s:
        assert workspace_purge.delete_batch(s, answers, GONE, by, 1) == 1
    with two.session() as s:
        assert workspaces.clear_uninstalled(s, GONE)  # someone uses the app again, right now

    with two.session() as s:
        assert workspace_purge.delete_batch(s, answers, GONE, by, 500) == 0
        assert not workspace_purge.delete_workspace_row(s, GONE, by)
    assert rows(two, GONE)["answer"] == 1 and rows(two, GONE)["workspace"] == 1
