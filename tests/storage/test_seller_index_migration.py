"""Migration 0007 makes "a seller is an active seller of one team at a time" a rule of the database: a member
who was (through a race) an active seller of two teams keeps only the newest membership active, and from
then on a second active seller membership is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.migrate import upgrade
from storage.models import TeamMembership
from tests.storage.conftest import NOW, team_before
from tests.support.old_schema import member_before_0011

WS = "T1"
BEFORE = "0006_coaching_question_ts"


def team(s: object, channel: str) -> int:
    return team_before(s, WS, channel, channel)


def seller(team_id: int, member_id: int, at: object) -> TeamMembership:
    return TeamMembership(workspace_id=WS, team_id=team_id, member_id=member_id, role="seller", changed_at=at)


def test_a_seller_in_two_teams_keeps_the_newest_and_a_second_one_is_refused_after(empty_db_url: str) -> None:
    upgrade(empty_db_url, BEFORE)
    db = Database.from_url(empty_db_url)
    try:
        with db.session() as s:
            kari_id = member_before_0011(s, WS, "UKARI", NOW)
            east, west, north = team(s, "CEAST"), team(s, "CWEST"), team(s, "CNORTH")
            s.add(seller(east, kari_id, NOW))
            s.add(seller(west, kari_id, NOW + timedelta(hours=1)))  # the newest
            ids = (east, west, north, kari_id)

        upgrade(empty_db_url)

        east_id, west_id, north_id, kari_id = ids
        with db.session() as s:
            rows = s.scalars(select(TeamMembership).order_by(TeamMembership.team_id)).all()
            assert [(r.team_id, r.active) for r in rows] == [(east_id, False), (west_id, True)]
        with pytest.raises(IntegrityError), db.session() as s:
            s.add(seller(north_id, kari_id, NOW))  # type: ignore[arg-type]
    finally:
        db.dispose()
