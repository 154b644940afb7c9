"""UTCDateTime: every timestamp comes back timezone-aware UTC on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError

from storage import members, runs
from storage.db import Database
from storage.models import Member, Workspace
from tests.storage.conftest import NOW

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")


def test_a_utc_timestamp_comes_back_aware_utc_and_to_the_microsecond(db: Database) -> None:
    stamp = datetime(2026, 11, 23, 9, 15, 30, 123456, tzinfo=UTC)
    with db.session() as s:
        members.ensure_member(s, "T1", "U1", stamp)
    with db.session() as s:
        member = members.find_member(s, "T1", "U1")
        workspace = s.get(Workspace, "T1")
    assert member is not None
    assert workspace is not None
    for value in (member.created_at, workspace.created_at):
        assert value.tzinfo is not None
        assert value.utcoffset() == timedelta(0)
        assert value == stamp
        assert value.hour == 9  # the wall clock reads UTC, not the server's local time


def test_an_aware_non_utc_timestamp_is_stored_as_the_same_instant_in_utc(db: Database) -> None:
    local = datetime(2026, 11, 23, 10, 0, tzinfo=OSLO)  # 09:00 UTC
    with db.session() as s:
        members.ensure_workspace(s, "T1", local)
    with db.session() as s:
        created = s.scalars(select(Workspace.created_at)).one()
    assert created == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert created.utcoffset() == timedelta(0)
    assert (created.hour, created.minute) == (9, 0)


def test_a_naive_timestamp_is_refused_and_nothing_is_written(db: Database) -> None:
    with pytest.raises((StatementError, ValueError), match="naive"), db.session() as s:
        members.ensure_workspace(s, "T1", datetime(2026, 11, 23, 9, 0))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Workspace)) == 0


def _refresh_profile(db: Database, now: datetime) -> None:
    with db.session() as s:
        member = members.find_member(s, "T1", "U1")
        assert member is not None
        members.update_profile(s, member, locale="nb", tz=None, now=now)


def test_a_naive_timestamp_on_an_orm_attribute_is_refused_too(db: Database) -> None:
    with db.session() as s:
        members.ensure_member(s, "T1", "U1", NOW)
    with pytest.raises((StatementError, ValueError), match="naive"):
        _refresh_profile(db, datetime(2026, 11, 24))
    with db.session() as s:
        assert s.scalar(select(Member.profile_refreshed_at)) is None


def test_latest_finished_run_is_picked_by_instant_not_by_local_wall_clock(db: Database) -> None:
    """Stored in UTC, so ordering is right even when the finishing times came in different offsets."""
    early = datetime(2026, 11, 23, 12, 0, tzinfo=OSLO)  # 11:00 UTC, reads later on the wall clock
    late = datetime(2026, 11, 23, 7, 0, tzinfo=NEW_YORK)  # 12:00 UTC
    with db.session() as s:
        member = members.ensure_member(s, "T1", "U1", NOW)
        first = runs.create_run(s, "T1", member.id, "pulse", "2026-W47", NOW, instrument_version=2)
        second = runs.create_run(s, "T1", member.id, "pulse", "2026-W48", NOW, instrument_version=2)
        assert first is not None
        assert second is not None
        assert runs.finish_run(s, second.id, late)
        assert runs.finish_run(s, first.id, early)
    with db.session() as s:
        latest = runs.last_finished_run(s, "T1", member.id)
    assert latest is not None
    assert latest.id == second.id
    assert latest.finished_at == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
