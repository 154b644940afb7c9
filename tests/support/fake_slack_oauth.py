"""Slack's OAuth side for the fake Slack: installs, per-workspace tokens, expiry and rotation.

Attached to the session's `FakeSlack` for one test (`with FakeSlackOAuth(fake) as oauth:`), it answers
oauth.v2.access as Slack does (a code exchanged once; a refresh token used once) and stands in front of
every other method: a call is made with the bot token of one workspace, a token past its expiry answers
`token_expired` and an unknown one `invalid_auth`, and auth.test says whose token it is. So a post made
with workspace A's token is a post in workspace A (`team_of`).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_types import Call, Params

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "fake-client-secret"
APP_ID = "A1"
TOKEN_SECONDS = 12 * 3600
"""Slack's rotating bot tokens last 12 hours."""
_JSON = {"Content-Type": "application/json; charset=utf-8"}


@dataclass
class _Workspace:
    team_id: str
    name: str
    installer: str
    bot_user_id: str
    bot_id: str


class FakeSlackOAuth:
    def __init__(self, fake: FakeSlack, *, token_seconds: int = TOKEN_SECONDS) -> None:
        self.fake = fake
        self.token_seconds = token_seconds
        self._lock = threading.Lock()
        self._seq = itertools.count(1)
        self.workspaces: dict[str, _Workspace] = {}
        self._codes: dict[str, str] = {}
        self._tokens: dict[str, tuple[str, float]] = {}
        """Access token -> (team id, when it expires)."""
        self._refresh_tokens: dict[str, str] = {}
        """Refresh token not yet used -> team id."""
        self.refreshes = 0
        """Refresh grants Slack carried out."""
        self._inner: Any = None

    # -- lifecycle -------------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self._inner = self.fake.handle_api
        self.fake.handle_api = self._handle  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        del self.fake.handle_api  # back to the class's own method

    # -- what Slack's side of an install does ----------------------------------------------------------

    def add_workspace(self, team_id: str, name: str, installer: str = "U1") -> None:
        self.workspaces[team_id] = _Workspace(team_id, name, installer, f"UBOT{team_id}", f"BBOT{team_id}")

    def approve(self, team_id: str) -> str:
        """The installer approved the app on Slack's consent page: the code Slack puts on the redirect."""
        code = f"code-{team_id}-{next(self._seq)}"
        with self._lock:
            self._codes[code] = team_id
        return code

    def issue(self, team_id: str, seconds: int | None = None) -> tuple[str, str]:
        """A new bot token and refresh token for `team_id` (as an install or a refresh gives)."""
        n = next(self._seq)
        access, refresh = f"xoxe.xoxb-1-{team_id}-{n}", f"xoxe-1-{team_id}-{n}"
        with self._lock:
            self._tokens[access] = (team_id, time.time() + (seconds or self.token_seconds))
            self._refresh_tokens[refresh] = team_id
        return access, refresh

    def expire(self, token: str) -> None:
        with self._lock:
            team_id, _ = self._tokens[token]
            self._tokens[token] = (team_id, time.time() - 1)

    def team_of(self, token: str | None) -> str | None:
        with self._lock:
            found = self._tokens.get(token or "")
        return found[0] if found else None

    def calls_in(self, team_id: str, method: str) -> list[Call]:
        """The successful calls to `method` made with a token of `team_id`."""
        return [
            c
            for c in self.fake.calls_to(method)
            if self.team_of(c.token) == team_id and c.response.get("ok") is not False
        ]

    # -- the Web API -----------------------------------------------------------------------------------

    def _handle(
        self, method: str, params: Params, token: str | None, basic_auth: str, http_method: str
    ) -> tuple[int, dict[str, str], bytes]:
        if method == "oauth.v2.access":
            failure, delay = self.fake._take(method)  # fail_next / delay_next work here too
            if delay:
                time.sleep(delay)
            if failure is not None:
                return self._answer(
                    method, params, token, http_method, {"error": failure.error or "fatal_error"}
                )
            return self._answer(method, params, token, http_method, self._oauth_access(params, basic_auth))
        with self._lock:
            known = self._tokens.get(token or "")
        if known is None:
            return self._answer(method, params, token, http_method, {"error": "invalid_auth"})
        team_id, expires = known
        if expires <= time.time():
            return self._answer(method, params, token, http_method, {"error": "token_expired"})
        if method == "auth.test":
            return self._answer(method, params, token, http_method, self._auth_test(team_id))
        return self._inner(method, params, token, basic_auth, http_method)  # type: ignore[no-any-return]

    def _answer(
        self, method: str, params: Params, token: str | None, http_method: str, result: dict[str, Any]
    ) -> tuple[int, dict[str, str], bytes]:
        answer = {"ok": "error" not in result, **result}
        call = Call(method, params, token, time.time(), 200, http_method, answer)
        with self.fake._lock:
            self.fake._state.calls.append(call)
        return 200, _JSON, json.dumps(answer).encode()

    def _oauth_access(self, params: Params, basic_auth: str) -> dict[str, Any]:
        client_id, _, secret = basic_auth.partition(":")
        if client_id != CLIENT_ID:
            return {"error": "invalid_client_id"}
        if secret != CLIENT_SECRET:
            return {"error": "bad_client_secret"}
        if params.get("grant_type") == "refresh_token":
            with self._lock:
                team_id = self._refresh_tokens.pop(str(params.get("refresh_token")), None)  # single-use
            if team_id is None:
                return {"error": "invalid_refresh_token"}
            self.refreshes += 1
            access, refresh = self.issue(team_id)
            return {"token_type": "bot", "access_token": access, "refresh_token": refresh} | {
                "expires_in": self.token_seconds,
                "team": {"id": team_id},
            }
        with self._lock:
            team_id = self._codes.pop(str(params.get("code")), None)  # a code works once
        if team_id is None:
            return {"error": "invalid_code"}
        workspace = self.workspaces[team_id]
        access, refresh = self.issue(team_id)
        return {
            "app_id": APP_ID,
            "authed_user": {"id": workspace.installer},
            "scope": str(params.get("scope") or "commands,chat:write"),
            "token_type": "bot",
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": self.token_seconds,
            "bot_user_id": workspace.bot_user_id,
            "team": {"id": team_id, "name": workspace.name},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    def _auth_test(self, team_id: str) -> dict[str, Any]:
        workspace = self.workspaces.get(team_id)
        name = workspace.name if workspace else team_id
        return {
            "url": f"https://{team_id.lower()}.slack.com/",
            "team": name,
            "user": "balansebrett",
            "team_id": team_id,
            "user_id": workspace.bot_user_id if workspace else "UBOT",
            "bot_id": workspace.bot_id if workspace else "BBOT",
        }
