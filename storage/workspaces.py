"""Whether the app is installed in a workspace: the one rule the clock's queries apply, and its mark.

`app_uninstalled` (or the bot token revoked) sets `workspace.uninstalled_at`; from then on every query
that picks whom or what the clock sends to leaves the workspace out (`installed`), and its open ledger
claims are closed as skipped. A reinstall inside the grace period clears the mark (`clear_uninstalled`)
and everything is as before; after the grace period the retention job deletes the workspace
(storage/workspace_purge.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, select, update
from sqlmodel import Session, col

from storage import ledger
from storage.members import ensure_workspace
from storage.models import Workspace

UNINSTALLED = "uninstalled"
"""The ledger's detail of a claim closed because the app was uninstalled."""


def installed(workspace_id: Any) -> ColumnElement[bool]:
    """SQL: the workspace `workspace_id` (a column, or a value) is not marked uninstalled. A workspace
    without a row has nothing to send, and counts as installed."""
    return ~exists().where(col(Workspace.id) == workspace_id, col(Workspace.uninstalled_at).is_not(None))


def is_installed(session: Session, workspace_id: str) -> bool:
    marked = session.scalar(select(col(Workspace.uninstalled_at)).where(col(Workspace.id) == workspace_id))
    return marked is None


def uninstalled_at(session: Session, workspace_id: str) -> datetime | None:
    return session.scalar(select(col(Workspace.uninstalled_at)).where(col(Workspace.id) == workspace_id))


def mark_uninstalled(session: Session, workspace_id: str, now: datetime) -> bool:
    """The app left the workspace: mark it (the first mark stands: a repeated event does not move the
    grace period) and close its open ledger claims as skipped. True when this call marked it."""
    ensure_workspace(session, workspace_id, now)
    marked = session.execute(
        update(Workspace)
        .where(col(Workspace.id) == workspace_id, col(Workspace.uninstalled_at).is_(None))
        .values(uninstalled_at=now)
        .returning(col(Workspace.id))
    ).first()
    ledger.skip_open_claims(session, workspace_id, now, UNINSTALLED)
    return marked is not None


def clear_uninstalled(session: Session, workspace_id: str, happened_at: datetime | None = None) -> bool:
    """The app is installed again (a reinstall, or any authorized request from the workspace): clear the
    mark, and the clock sends to the workspace as before. With `happened_at`, a mark made after that moment
    stays (a late event from before the uninstall proves nothing). True when a mark was cleared.

    The OAuth install must call this when it saves an installation (its success callback or the
    installation store's `save`), so a reinstall clears the mark even before anyone uses the app."""
    where = [col(Workspace.id) == workspace_id, col(Workspace.uninstalled_at).is_not(None)]
    if happened_at is not None:
        where.append(col(Workspace.uninstalled_at) < happened_at)
    cleared = session.execute(
        update(Workspace).where(*where).values(uninstalled_at=None).returning(col(Workspace.id))
    ).first()
    return cleared is not None
