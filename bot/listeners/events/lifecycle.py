"""The app leaves a workspace, and comes back.

- `app_uninstalled`, and `tokens_revoked` naming the bot token (a revoked user token changes nothing for
  the bot): the workspace is marked uninstalled, so the clock sends it nothing from now on and its open
  ledger claims are closed as skipped; in OAuth mode its installation is deleted from the installation
  store at once (`delete_all` / `delete_bot`, slack_sdk's `InstallationStore`). Its data stays for the
  grace period (UNINSTALL_GRACE_DAYS), then the daily retention job deletes it (docs/PRIVACY.md).
- Installed again: any authorized request from a marked workspace clears the mark (the middleware here),
  except the lifecycle events themselves, Slack's retries, and events that happened before the mark
  (a late delivery proves nothing). An OAuth reinstall clears it when the installation is saved.

Both events are Events API subscriptions (manifest.yaml, `bot_events`): Slack sends them only to an app
subscribed to them. Bolt authorizes them without `auth.test` (the token is already dead).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest

from bot.requester import workspace_of
from bot.services import Services

log = logging.getLogger(__name__)

LIFECYCLE_EVENTS = frozenset({"app_uninstalled", "tokens_revoked", "team_access_revoked"})
"""Events Slack sends about the install itself: never a sign that the app is installed."""


def register(app: App, services: Services) -> None:
    app.use(_clear_on_use(services))
    app.event("app_uninstalled")(_uninstalled(app, services))
    app.event("tokens_revoked")(_tokens_revoked(app, services))


def _workspace(context: BoltContext) -> str | None:
    """The authorized workspace (bot/requester.py): for the lifecycle events Bolt authorizes them for the
    team they name; for any other request it is the installation's, never a team the payload names."""
    return workspace_of(context)


def _left(app: App, services: Services, context: BoltContext, why: str, *, bot_only: bool) -> None:
    """The app can no longer act in the workspace: mark it (nothing is sent there any more) and delete its
    installation at once (OAuth mode), all of it or only the bot's."""
    workspace_id = _workspace(context)
    if not workspace_id:
        return
    if services.workspaces.uninstalled(workspace_id):
        log.info("%s in workspace %s; nothing is sent there any more", why, workspace_id)
    store = app.installation_store
    if store is None:
        return
    if bot_only:
        store.delete_bot(enterprise_id=context.enterprise_id, team_id=context.team_id)
    else:
        store.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)


def _uninstalled(app: App, services: Services) -> Callable[..., None]:
    def on_app_uninstalled(context: BoltContext) -> None:
        _left(app, services, context, "the app was uninstalled", bot_only=False)

    return on_app_uninstalled


def _tokens_revoked(app: App, services: Services) -> Callable[..., None]:
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        if (event.get("tokens") or {}).get("bot"):  # only user tokens revoked: the bot still works
            _left(app, services, context, "the bot token was revoked", bot_only=True)

    return on_tokens_revoked


def _proof_of_install(request: BoltRequest, body: dict[str, Any]) -> tuple[bool, datetime | None]:
    """Whether this authorized request shows the app is installed, and when it happened (an event's
    time; None for what a person does now: a command, a tap, a form)."""
    if request.headers.get("x-slack-retry-num"):
        return False, None  # a redelivery of something sent earlier
    if body.get("type") != "event_callback":
        return True, None
    event = body.get("event") or {}
    if event.get("type") in LIFECYCLE_EVENTS:
        return False, None
    event_time = body.get("event_time")
    if not isinstance(event_time, int | float):
        return False, None  # an event that cannot say when it happened proves nothing
    return True, datetime.fromtimestamp(event_time, UTC)


def _clear_on_use(services: Services) -> Callable[..., None]:
    def middleware(
        request: BoltRequest, body: dict[str, Any], context: BoltContext, next: Callable[[], None]
    ) -> None:
        workspace_id = _workspace(context)
        if workspace_id and context.authorize_result is not None:
            proves, happened_at = _proof_of_install(request, body)
            gone = proves and not services.workspaces.installed(workspace_id)
            if gone and services.workspaces.reinstalled(workspace_id, happened_at):
                log.info("workspace %s uses the app again; its mark of uninstall is cleared", workspace_id)
        next()

    return middleware
