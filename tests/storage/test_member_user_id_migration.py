"""Migration 0011 renames member.slack_user_id to user_id in place: every person stays who they were."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage import members
from storage.db import Database
from storage.migrate import downgrade, upgrade
from tests.storage.conftest import NOW
from tests.support.old_schema import member_before_0011

WS = "T1"
BEFORE = "0010_first_pulse_now"


def test_members_keep_their_ids_and_stay_unique_per_workspace(empty_db_url: str) -> None:
    upgrade(empty_db_url, BEFORE)
    db = Database.from_url(empty_db_url)
    try:
        with db.session() as s:
            kari = member_before_0011(s, WS, "UKARI", NOW)

        upgrade(empty_db_url)

        with db.session() as s:
            found = members.find_member(s, WS, "UKARI")
            assert found is not None and found.id == kari
            assert members.ensure_member(s, WS, "UKARI", NOW).id == kari  # no second row for her
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO member (workspace_id, user_id, role, is_bot, deactivated, created_at) "
                    "SELECT workspace_id, user_id, role, is_bot, deactivated, created_at FROM member"
                )
            )

        downgrade(empty_db_url, BEFORE)
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT slack_user_id FROM member")) == "UKARI"
    finally:
        db.dispose()
