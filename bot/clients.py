"""The Web API client for one workspace, for everything that is sent outside a request.

A request's listener gets its workspace's client from Bolt (`client`). The scheduled senders (pulses,
reminders, summaries, notices, follow-ups, the DM warm-up, prompt repair and recovery) work for many
workspaces at once and ask here for each send: `WorkspaceClients.for_workspace(workspace_id)`.

- Single-workspace mode (a bot token in .env): always the app's one client (`WorkspaceClients.single`).
- OAuth mode: a client with that workspace's own bot token, refreshed first when it is about to expire
  (bot/token_rotation.py). Clients are kept a short while per workspace, never past the token's
  refresh point, so a fan-out does not read the installation for every message.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from bot.token_rotation import ROTATE_BEFORE_MINUTES, TokenRotation

CLIENT_TTL_SECONDS = 60.0
"""How long a workspace's client is reused before its installation is read again (a reinstall through
another replica is picked up within this; through this one at once)."""


class WorkspaceNotInstalled(SlackClientError):
    """A send for a workspace that has no installation (never installed, or uninstalled since)."""


@dataclass(frozen=True, slots=True)
class _Kept:
    client: WebClient
    until: float


class WorkspaceClients:
    def __init__(
        self,
        make_client: Callable[[str | None, str | None], WebClient],
        rotation: TokenRotation | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """`make_client(token, team_id)`: a client like the app's (retries, rendering) with that token."""
        self._make_client = make_client
        self._rotation = rotation
        self._single: WebClient | None = None
        self._clock = clock
        self._wall_clock = wall_clock
        self._kept: dict[str, _Kept] = {}
        self._lock = threading.Lock()
        if rotation is not None:  # an install, uninstall or revoked token handled here: a new client at once
            rotation.store.on_change(self.forget)

    @classmethod
    def single(cls, client: WebClient) -> WorkspaceClients:
        """Single-workspace mode: every workspace id gets the app's own client."""
        clients = cls(lambda _token, _team: client)
        clients._single = client
        return clients

    def for_workspace(self, workspace_id: str) -> WebClient:
        """The client that sends as the bot of `workspace_id`. Raises WorkspaceNotInstalled, or
        TokenRefreshFailed when its expiring token could not be refreshed (a SlackClientError both: the
        senders count the delivery as failed and try again later)."""
        if self._rotation is None:
            if self._single is None:
                raise WorkspaceNotInstalled("neither a bot token nor OAuth installations")
            return self._single
        now = self._clock()
        with self._lock:
            kept = self._kept.get(workspace_id)
        if kept is not None and kept.until > now:
            return kept.client
        installation = self._rotation.installation(workspace_id)
        if installation is None or not installation.bot_token:
            raise WorkspaceNotInstalled(f"workspace {workspace_id} has not installed the app")
        client = self._make_client(installation.bot_token, workspace_id)
        until = now + CLIENT_TTL_SECONDS
        if installation.bot_token_expires_at is not None:
            # never past the point where the token is refreshed (the wall clock there, as Slack's expiry)
            refresh_in = installation.bot_token_expires_at - ROTATE_BEFORE_MINUTES * 60 - self._wall_clock()
            until = min(until, now + max(refresh_in, 0.0))
        with self._lock:
            self._kept[workspace_id] = _Kept(client, until)
        return client

    def forget(self, workspace_id: str | None) -> None:
        """Drop the kept client of the workspace (every kept client when None): its installation changed."""
        with self._lock:
            if workspace_id is None:
                self._kept.clear()
            else:
                self._kept.pop(workspace_id, None)
