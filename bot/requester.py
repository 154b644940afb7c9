"""Who is asking: a per-request Bolt middleware resolves the workspace, the user and their language once.

Every listener reads `requester(context)` (or `workspace_of(context)` where no user asks) instead of
picking ids out of the payload's own shape and looking the language up again.

The workspace is the one Bolt *authorized* the request for (the `auth.test` of the app's token, or the
installation an `authorize` function found), never a team id the payload names: `team`, `team_id`,
`view.team_id`, `user.team_id` and `event.team` are fields of the payload, and in a Slack Connect channel
or an org-wide install they name another workspace than the one whose token answers. Scoping reads by
them would show one workspace's teams, answers and notes to another (docs/SECURITY.md, "Workspaces"). The language is resolved on first use (a users.info call at most, for a
profile not cached yet), so an ack never waits for it, and it is remembered in the context for the
central error handler, which answers in the same language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.profiles import Profiles
from coaching.locale import Locale

CONTEXT_KEY = "requester"


@dataclass
class Requester:
    workspace_id: str
    user_id: str
    _resolve_locale: Callable[[], Locale] = field(repr=False)
    _locale: Locale | None = field(default=None, repr=False)

    @property
    def locale(self) -> Locale:
        if self._locale is None:
            self._locale = self._resolve_locale()
        return self._locale


def workspace_of(context: BoltContext | dict) -> str | None:
    """The workspace Bolt authorized this request for (its team, or its org for an org-wide install);
    None for a request that needs no authorization (url_verification, ssl_check)."""
    authorized = context.get("authorize_result")
    if authorized is None:
        return None
    return authorized.team_id or authorized.enterprise_id or None


def requester(context: BoltContext | dict) -> Requester:
    """The request's requester; a request without a workspace and a user never reaches a listener that asks."""
    found = context.get(CONTEXT_KEY)
    if not isinstance(found, Requester):
        raise LookupError("this request names no workspace and user")
    return found


def resolve_requester(profiles: Profiles) -> Callable[..., None]:
    def middleware(client: WebClient, context: BoltContext, next: Callable[[], None]) -> None:
        workspace_id, user_id = workspace_of(context), context.user_id
        if workspace_id and user_id:

            def resolve() -> Locale:
                locale = profiles.locale(client, workspace_id, user_id)
                context["locale"] = locale  # the error handler answers in it
                return locale

            context[CONTEXT_KEY] = Requester(workspace_id, user_id, resolve)
        next()

    return middleware
