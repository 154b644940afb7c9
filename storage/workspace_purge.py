"""Deleting a workspace for good, once its uninstall's grace period is over (scheduling/retention.py).

Which tables: every table of the live database that has a `workspace_id` column, read from the database
itself, not from the models, so a table added later (with or without a foreign key, by a model or by a
migration alone) cannot be forgotten. Children before parents, in the order of the foreign keys. Each call
deletes at most `limit` rows, and only while the workspace is still marked uninstalled since before the
cutoff: a reinstall in the middle stops the purge at the next batch. The workspace row goes last.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, MetaData, Table, and_, delete, exists, select, tuple_
from sqlmodel import Session, col

from storage.models import Workspace

SCOPE_COLUMN = "workspace_id"
NOT_WORKSPACE_DATA = frozenset(
    {
        "workspace",
        "scheduler_lease",
        "replica",
        "alembic_version",
        "slack_installations",
        "slack_bots",
        "slack_oauth_states",
    }
)
"""The tables without a `workspace_id`, on purpose: the workspace row itself (deleted last), the process-wide
scheduler lease and replicas' heartbeats, Alembic's own bookkeeping, and slack_sdk's installation and OAuth state stores (OAuth mode):
an installation is deleted at the uninstall itself (bot/listeners/events/lifecycle.py), a state lives
minutes. Any other table must carry `workspace_id` (tests/scheduling/test_workspace_purge.py checks it)."""


def _due(uninstalled_by: datetime) -> ColumnElement[bool]:
    """SQL: a workspace marked uninstalled at or before `uninstalled_by` (the one grace-period rule)."""
    return and_(col(Workspace.uninstalled_at).is_not(None), col(Workspace.uninstalled_at) <= uninstalled_by)


def due(session: Session, uninstalled_by: datetime) -> list[str]:
    """The workspaces marked uninstalled at or before `uninstalled_by`, longest ago first."""
    return list(
        session.scalars(
            select(col(Workspace.id)).where(_due(uninstalled_by)).order_by(col(Workspace.uninstalled_at))
        ).all()
    )


def _reflected(session: Session) -> MetaData:
    found = MetaData()
    found.reflect(bind=session.connection())
    return found


def workspace_tables(session: Session) -> list[Table]:
    """Every table holding rows of a workspace, children before parents."""
    return [table for table in reversed(_reflected(session).sorted_tables) if SCOPE_COLUMN in table.c]


def unscoped_tables(session: Session) -> list[str]:
    """Tables without `workspace_id` that are not known to be so on purpose: their rows would survive a
    purge (the retention job logs them as an error; a test keeps the list empty)."""
    tables = _reflected(session).tables.values()
    return sorted(t.name for t in tables if SCOPE_COLUMN not in t.c and t.name not in NOT_WORKSPACE_DATA)


def _still_due(workspace_id: str, uninstalled_by: datetime) -> ColumnElement[bool]:
    return exists().where(col(Workspace.id) == workspace_id, _due(uninstalled_by))


def _rowcount(session: Session, statement: Any) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(cast(CursorResult[Any], result).rowcount or 0)


def delete_batch(
    session: Session, table: Table, workspace_id: str, uninstalled_by: datetime, limit: int
) -> int:
    """Up to `limit` rows of `table` belonging to the workspace, while it is still due; the rows deleted."""
    scope = and_(table.c[SCOPE_COLUMN] == workspace_id, _still_due(workspace_id, uninstalled_by))
    keys = list(table.primary_key.columns)
    if not keys:  # no key to pick a batch by: all of them at once
        return _rowcount(session, delete(table).where(scope))
    picked = select(*keys).where(scope).limit(limit)
    key: Any = keys[0] if len(keys) == 1 else tuple_(*keys)
    return _rowcount(session, delete(table).where(key.in_(picked)))


def delete_workspace_row(session: Session, workspace_id: str, uninstalled_by: datetime) -> bool:
    """The workspace row itself, last, while it is still due. True when it was deleted."""
    deleted = session.execute(
        delete(Workspace)
        .where(col(Workspace.id) == workspace_id, _due(uninstalled_by))
        .returning(col(Workspace.id))
    ).first()
    return deleted is not None
