"""Migration 0013 adds `workspace.uninstalled_at`: every workspace there was counts as installed, the mark
is kept as aware UTC, and the downgrade drops the column in place (copying `workspace` would cascade to
every row of every workspace)."""

from __future__ import annotations

from sqlalchemy import inspect, text

from storage import members, workspaces
from storage.db import Database
from storage.migrate import downgrade, upgrade
from tests.storage.conftest import NOW

WS = "T1"
BEFORE = "0011_member_user_id"


def test_upgrade_keeps_every_workspace_installed_and_downgrade_keeps_their_data(empty_db_url: str) -> None:
    upgrade(empty_db_url, BEFORE)
    db = Database.from_url(empty_db_url)
    try:
        with db.session() as s:
            kari = members.ensure_member(s, WS, "UKARI", NOW).id

        upgrade(empty_db_url)

        with db.session() as s:
            assert workspaces.is_installed(s, WS)
            assert workspaces.mark_uninstalled(s, WS, NOW)
        with db.session() as s:
            marked = workspaces.uninstalled_at(s, WS)
        assert marked == NOW and marked is not None and marked.utcoffset() is not None

        downgrade(empty_db_url, BEFORE)
        with db.engine.connect() as conn:
            assert "uninstalled_at" not in {c["name"] for c in inspect(conn).get_columns("workspace")}
            assert conn.scalar(text("SELECT count(*) FROM member")) == 1

        upgrade(empty_db_url)
        with db.session() as s:
            assert workspaces.is_installed(s, WS)  # the mark went with the column
            found = members.find_member(s, WS, "UKARI")
            assert found is not None and found.id == kari
    finally:
        db.dispose()
