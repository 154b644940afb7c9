"""Token rotation for OAuth installs, also outside any request.

With token rotation on, a workspace's bot token expires (after 12 hours) and is replaced through
oauth.v2.access with its refresh token, which is single-use. Bolt refreshes only when a request comes in;
the pulses, reminders and summaries are sent by the clock, outside any request, so every user of a
workspace's token goes through `TokenRotation.installation`: a token that expires within
`ROTATE_BEFORE` is refreshed first.

The refresh happens under the workspace's lock (storage/installations.py: SELECT ... FOR UPDATE on
PostgreSQL, a process lock on SQLite), and the installation is read again once the lock is held: another
replica, or another thread, may have refreshed it meanwhile, and refreshing again with the refresh token
it used up would fail. Bolt's own per-request rotation goes through the same path (`WorkspaceAuthorize`,
wired in bot/oauth.py), so there is one way a token is refreshed.

A refresh Slack refuses for good (`invalid_refresh_token`, the app uninstalled, the token revoked) is
logged as an error: the workspace must install the app again (docs/SECURITY.md, "OAuth distribution").
While the old token has not expired yet it is still used (a failed refresh is tried again after
RETRY_REFRESH_SECONDS); once it has, the workspace's sends fail and its requests are not authorized.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError, SlackTokenRotationError
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.token_rotation import TokenRotator

from bot.installations import EncryptedInstallationStore
from storage.installations import installation_locked

log = logging.getLogger(__name__)

ROTATE_BEFORE_MINUTES = 10
"""A token that expires within this is refreshed before it is used."""
KEEP_SECONDS = 5.0
"""How long this process uses an installation it has read before reading it again. Every request is
authorized with its workspace's installation: a read and a decryption per tap otherwise (8 % of the bot's
CPU while 1,000 sellers answered, bench/replicas.py). This process's own changes (an install, an
uninstall, a refresh) are seen at once; another replica's within this. A token due for a refresh is never
answered from here: it is read again, under the lock."""
RETRY_REFRESH_SECONDS = 30.0
"""After a failed refresh, while the old token still works: so long before this process tries again (a
fan-out would otherwise ask Slack for a refresh, under the lock, before every send)."""


class TokenRefreshFailed(SlackClientError):
    """The workspace's token expired and could not be refreshed; `error` is Slack's error code."""

    def __init__(self, team_id: str, error: str) -> None:
        super().__init__(f"the bot token of workspace {team_id} could not be refreshed ({error})")
        self.team_id = team_id
        self.error = error


class TokenRotation:
    def __init__(
        self,
        store: EncryptedInstallationStore,
        client_id: str,
        client_secret: str,
        client: WebClient,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.client_id = client_id
        self.rotator = TokenRotator(client_id=client_id, client_secret=client_secret, client=client)
        self.clock = clock
        self.monotonic = time.monotonic
        self._retry_at: dict[str, float] = {}
        """Workspaces whose refresh failed just now: when to try again (monotonic seconds)."""
        self._kept: dict[tuple[str | None, str], tuple[float, Installation]] = {}
        """Installations read lately (KEEP_SECONDS), by (enterprise, team): when read, and what."""
        self._changes = 0
        """Counts `forget` calls: a read that began before one is not kept (it may be of the old row)."""
        self._lock = threading.Lock()
        store.on_change(self.forget)

    def installation(self, team_id: str, enterprise_id: str | None = None) -> Installation | None:
        """The workspace's installation with a bot token good for at least ROTATE_BEFORE_MINUTES; None
        when the workspace has not installed the app. Raises TokenRefreshFailed."""
        key, now = (enterprise_id, team_id), self.monotonic()
        with self._lock:
            read_at, kept = self._kept.get(key, (0.0, None))
            changes = self._changes
        if kept is not None and now - read_at < KEEP_SECONDS and not self._expiring(kept):
            return kept
        found = self._current(team_id, enterprise_id)
        with self._lock:
            if found is not None and changes == self._changes:
                self._kept[key] = (now, found)
        return found

    def forget(self, team_id: str | None = None) -> None:
        """Read the workspace's installation again on its next use (all of them when `team_id` is None)."""
        with self._lock:
            self._changes += 1
            for key in [k for k in self._kept if team_id is None or k[1] == team_id]:
                del self._kept[key]

    def bot_token(self, team_id: str) -> str | None:
        found = self.installation(team_id)
        return found.bot_token if found is not None else None

    # -- internals -------------------------------------------------------------------------------------

    def _current(self, team_id: str, enterprise_id: str | None) -> Installation | None:
        """The installation as stored, refreshed first when its token is about to expire."""
        found = self._find(team_id, enterprise_id)
        if found is None or not self._expiring(found):
            return found
        if self._retry_at.get(team_id, 0.0) > self.monotonic() and not self._expired(found):
            return found  # the refresh failed moments ago; the token works until it expires
        with installation_locked(self.store.db, self.client_id, team_id) as writer:
            found = self._find(team_id, enterprise_id)  # refreshed meanwhile by whoever held the lock?
            if found is None or not self._expiring(found):
                return found
            try:
                refreshed = self.rotator.perform_token_rotation(
                    installation=found, minutes_before_expiration=ROTATE_BEFORE_MINUTES
                )
            except SlackTokenRotationError as exc:
                error = str(exc.api_error.response.get("error") or exc.api_error.response.status_code)
                log.error(
                    "workspace %s: its bot token could not be refreshed (%s); if this lasts, the workspace "
                    "must install the app again",
                    team_id,
                    error,
                )
                return self._still_good(found, error)
            except (SlackClientError, OSError) as exc:  # Slack not reached: the next use tries again
                log.warning("workspace %s: Slack not reached to refresh its token (%s)", team_id, exc)
                return self._still_good(found, type(exc).__name__)
            self._retry_at.pop(team_id, None)
            if refreshed is None:
                return found
            writer.save(self._sealed_tokens(refreshed))
            log.info("workspace %s: bot token refreshed", team_id)
            return refreshed

    def _find(self, team_id: str, enterprise_id: str | None) -> Installation | None:
        return self.store.find_installation(enterprise_id=enterprise_id, team_id=team_id)

    def _still_good(self, installation: Installation, error: str) -> Installation:
        """The installation whose refresh failed, while its token has not expired yet (it works until
        then, and the next use tries the refresh again); else TokenRefreshFailed."""
        team_id = str(installation.team_id)
        if self._expired(installation):
            raise TokenRefreshFailed(team_id, error)
        self._retry_at[team_id] = self.monotonic() + RETRY_REFRESH_SECONDS
        return installation

    def _expired(self, installation: Installation) -> bool:
        expires = installation.bot_token_expires_at
        return expires is not None and expires <= self.clock()

    def _expiring(self, installation: Installation) -> bool:
        limit = self.clock() + ROTATE_BEFORE_MINUTES * 60
        expiries = (installation.bot_token_expires_at, installation.user_token_expires_at)
        return any(expires is not None and expires <= limit for expires in expiries)

    def _sealed_tokens(self, installation: Installation) -> dict[str, object]:
        cipher = self.store.cipher
        values: dict[str, object] = {}
        for name in ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"):
            value = getattr(installation, name)
            values[name] = cipher.encrypt(value) if value else None
        for name in ("bot_token_expires_at", "user_token_expires_at"):
            expires = getattr(installation, name)
            values[name] = (
                datetime.fromtimestamp(expires, tz=UTC).replace(tzinfo=None) if expires is not None else None
            )
        return values


class WorkspaceAuthorize(Authorize):
    """Bolt's authorize step for OAuth mode: the request's workspace's installation through
    `TokenRotation`, so a request refreshes a token under the same lock as a scheduled send.

    The result is built from the stored installation (bot id and user id were taken from auth.test when it
    was installed) instead of asking auth.test on every request."""

    def __init__(self, rotation: TokenRotation) -> None:
        self.rotation = rotation

    def __call__(
        self,
        *,
        context: Any,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        **_actor: Any,
    ) -> AuthorizeResult | None:
        if team_id is None:
            return None
        try:
            found = self.rotation.installation(team_id, enterprise_id)
        except TokenRefreshFailed:
            return None  # logged; Bolt answers that the app is not authorized here
        if found is None or not found.bot_token:
            log.warning("a request from workspace %s, which has not installed the app", team_id)
            return None
        return AuthorizeResult(
            enterprise_id=found.enterprise_id,
            team_id=found.team_id,
            team=found.team_name,
            bot_user_id=found.bot_user_id,
            bot_id=found.bot_id,
            bot_token=found.bot_token,
            bot_scopes=found.bot_scopes,
        )
