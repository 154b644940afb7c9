"""A workspace's install state as the front end and the clock see it: uninstalled, installed again.

`app_uninstalled` (or the bot token revoked) marks the workspace (storage/workspaces.py); any authorized
request from it afterwards, or an OAuth reinstall, clears the mark. `InstalledCheck` answers "is it still
installed?" from the database at most every few seconds per workspace: the clock asks it before every
send (scheduling/installed_only.py), the Slack middleware before it clears a mark.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from storage import workspaces
from storage.db import Database
from survey_flows.survey import Clock

TTL_SECONDS = 5.0


class InstalledCheck:
    """Whether the app is installed in a workspace, read from the database at most every `ttl` seconds."""

    def __init__(
        self, db: Database, ttl: float = TTL_SECONDS, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.db = db
        self.ttl = ttl
        self.monotonic = monotonic
        self._known: dict[str, tuple[float, bool]] = {}
        self._lock = threading.Lock()

    def __call__(self, workspace_id: str) -> bool:
        now = self.monotonic()
        with self._lock:
            known = self._known.get(workspace_id)
        if known is not None and now - known[0] < self.ttl:
            return known[1]
        with self.db.session() as s:
            answer = workspaces.is_installed(s, workspace_id)
        with self._lock:
            self._known[workspace_id] = (now, answer)
        return answer

    def forget(self, workspace_id: str) -> None:
        with self._lock:
            self._known.pop(workspace_id, None)


class WorkspaceLifecycle:
    def __init__(self, db: Database, clock: Clock, check: InstalledCheck | None = None) -> None:
        self.db = db
        self.clock = clock
        self.installed = check or InstalledCheck(db)

    def uninstalled(self, workspace_id: str) -> bool:
        """The app left the workspace: mark it, close its open claims. True when this call marked it."""
        with self.db.session() as s:
            marked = workspaces.mark_uninstalled(s, workspace_id, self.clock())
        self.installed.forget(workspace_id)
        return marked

    def reinstalled(self, workspace_id: str, happened_at: datetime | None = None) -> bool:
        """The workspace uses the app again (at `happened_at`, if known): clear a mark made before it.
        True when a mark was cleared."""
        with self.db.session() as s:
            cleared = workspaces.clear_uninstalled(s, workspace_id, happened_at)
        self.installed.forget(workspace_id)
        return cleared
