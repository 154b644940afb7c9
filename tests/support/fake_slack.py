"""A fake Slack Web API served over HTTP on loopback.

The real ``slack_sdk.WebClient`` talks to it through ``WebClient(base_url=fake.url)``, so tests exercise the
real HTTP stack, request encoding, error handling and retry handlers of the SDK.

Usage::

    with FakeSlack() as fake:
        fake.add_user("U1")
        client = WebClient(token="xoxb-test", base_url=fake.url)
        client.chat_postMessage(channel="C1", text="hi")
        assert fake.calls_to("chat.postMessage")[0].params["text"] == "hi"
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from typing import Any, Self

from tests.support.fake_slack_http import make_handler
from tests.support.fake_slack_limits import PerSecondLimits
from tests.support.fake_slack_messages import MessageStore
from tests.support.fake_slack_methods import SlackMethods
from tests.support.fake_slack_tiers import RETRY_AFTER, HistoryTier1
from tests.support.fake_slack_types import LOST, Call, Params, _Failure, _State
from tests.support.fake_slack_workspaces import TEAM_ID, in_workspace
from tests.support.markup_check import unrendered

# Methods that Slack answers without a token (the OAuth exchange uses HTTP Basic auth instead).
TOKENLESS_METHODS = frozenset({"oauth.v2.access", "oauth.access", "oauth.v2.exchange"})


class FakeSlack(SlackMethods):
    """An in-process HTTP server that answers Slack Web API methods like Slack does."""

    def __init__(self, *, require_token: bool = True) -> None:
        # With require_token, a call without a bot token answers ok=false "not_authed", as Slack does.
        self.require_token = require_token
        self._lock = threading.Lock()
        self._state = _State()
        self.messages = MessageStore()
        """What each conversation shows: posted, edited and deleted messages."""
        self.tier_1 = HistoryTier1()
        """conversations.history/replies at Tier 1 once `history_tier_1()` is called (fake_slack_tiers.py)."""
        self.limits: PerSecondLimits | None = None
        """Slack's per-workspace rate limits, when a test sets them (tests/support/fake_slack_limits.py)."""
        self.unrendered: list[str] = []
        """Texts sent with neutral markup left in them (tests/support/markup_check.py); the fixtures fail
        a test that leaves any."""
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Callable[[Params], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "conversations.history": self.messages.history,
            "conversations.replies": self.messages.replies,
            "chat.postEphemeral": lambda p: {"message_ts": self._next_ts()},
            "chat.getPermalink": self._chat_get_permalink,
            "conversations.open": self._conversations_open,
            "conversations.members": self._conversations_members,
            "users.info": self._users_info,
            "usergroups.users.list": self._usergroup_users,
            "views.publish": self._views_publish,
            "views.open": self._views_publish,
            "views.update": self._views_publish,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    # ----------------------------------------------------------------- lifecycle

    def start(self) -> Self:
        if self._server is not None:
            return self
        server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self))
        server.daemon_threads = True
        self._server = server
        # A short poll interval keeps stop() (and so every test teardown) fast.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-slack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:<port>`` without a path."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        """The ``base_url`` for ``WebClient`` (with the trailing slash it expects)."""
        return f"{self.root_url}/api/"

    # ----------------------------------------------------------------- configuration

    def add_user(
        self,
        user_id: str,
        *,
        locale: str = "nb-NO",
        tz: str = "Europe/Oslo",
        tz_offset: int = 3600,
        team_id: str = TEAM_ID,
        deleted: bool = False,
        is_bot: bool = False,
        name: str | None = None,
        real_name: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
    ) -> dict[str, Any]:
        """Registers a user for users.info / conversations.open and returns its users.info object."""
        name = name or f"user_{user_id.lower()}"
        real_name = real_name or name.replace("_", " ").title()
        user = {"id": user_id, "team_id": team_id, "name": name, "real_name": real_name, "tz": tz}
        user |= {"tz_label": tz, "tz_offset": tz_offset, "locale": locale}
        user |= {"is_bot": is_bot, "deleted": deleted, "is_admin": is_admin or is_owner, "is_owner": is_owner}
        user |= {"is_primary_owner": False, "is_restricted": False}
        user["profile"] = {"real_name": real_name, "display_name": name}
        with self._lock:
            self._state.users[user_id] = user
        return dict(user)

    def add_workspace(self, token: str, team_id: str) -> None:
        """Another workspace: `token` is its bot token. auth.test answers its team, and users.info with it
        knows only that workspace's users (user_not_found for another's, as Slack answers)."""
        with self._lock:
            self._state.workspaces[token] = team_id

    def set_group(self, group_id: str, members: list[str]) -> None:
        """Configures the answer of usergroups.users.list for ``group_id``."""
        with self._lock:
            self._state.groups[group_id] = list(members)

    def set_members(self, channel_id: str, members: list[str], team_id: str = TEAM_ID) -> None:
        """Configures the answer of conversations.members for ``channel_id``, a channel of ``team_id``:
        another workspace's token gets channel_not_found, as from Slack."""
        with self._lock:
            self._state.members[channel_id] = list(members)
            self._state.channels[channel_id] = team_id

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        error: str | None = None,
        times: int = 1,
        applied: bool = False,
    ) -> None:
        """The next ``times`` calls to ``method`` fail.

        429 answers Retry-After and ``{"ok": false, "error": "ratelimited"}``; 200 answers
        ``{"ok": false, "error": error}``; any other status answers a plain-text body. With ``applied``,
        the call takes effect first (a message is posted) and then answers the failure, as Slack can
        answer a 500 for a post it made.
        """
        with self._lock:
            queue = self._state.failures.setdefault(method, [])
            queue.extend(_Failure(status, retry_after, error, applied) for _ in range(times))

    def lose_next(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls to ``method`` take effect, but the connection closes before the
        answer: the client sees a dropped connection for a message that Slack shows."""
        with self._lock:
            queue = self._state.failures.setdefault(method, [])
            queue.extend(_Failure(LOST, 0, None, applied=True) for _ in range(times))

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """The next ``times`` calls to ``method`` are answered only after ``seconds``."""
        with self._lock:
            self._state.delays.setdefault(method, []).extend([seconds] * times)

    def history_tier_1(self) -> None:
        """conversations.history and conversations.replies at Tier 1: one request a minute per workspace
        and method (a second answers 429, Retry-After 60), at most 15 messages. `tier_1.minute_passes()`
        ends the minute."""
        self.tier_1.enabled = True

    def forget_channel(self, channel: str) -> None:
        """The conversation shows nothing any more (a retention policy deleted its messages)."""
        self.messages.forget(channel)

    def reset(self) -> None:
        """Forgets calls, posted messages, uploads, pending failures and delays, and Tier 1; keeps users
        and channel members."""
        self.tier_1.reset()
        with self._lock:
            for store in (self._state.calls, self._state.failures, self._state.delays, self._state.uploads):
                store.clear()
            self.unrendered.clear()
            self.limits = None
        self.messages.clear()

    def forget_calls(self) -> None:
        """Forgets the recorded calls only: the conversations still show what was posted (as Slack does
        across a restart of the bot)."""
        with self._lock:
            self._state.calls.clear()

    def forget_people(self) -> None:
        """Forgets every user, channel membership and user group (a fresh workspace for the next test)."""
        with self._lock:
            self._state.users.clear()
            self._state.members.clear()
            self._state.groups.clear()
            self._state.workspaces.clear()
            self._state.channels.clear()

    # ----------------------------------------------------------------- inspection

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._state.calls)

    @property
    def uploads(self) -> dict[str, bytes]:
        with self._lock:
            return dict(self._state.uploads)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Polls until at least ``count`` calls to ``method`` were made; returns them."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                seen = [f"{c.method}({c.status})" for c in self.calls]
                raise AssertionError(
                    f"expected {count} call(s) to {method} within {timeout}s, got {len(found)}; calls: {seen}"
                )
            time.sleep(0.01)

    # ----------------------------------------------------------------- request handling

    def _next_ts(self) -> str:
        with self._lock:
            self._state.seq += 100
            seq = self._state.seq
        return f"{1_700_000_000 + seq // 1_000_000}.{seq % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            self._state.seq += 100
            return f"{prefix}{self._state.seq:08d}"

    def _take(self, method: str) -> tuple[_Failure | None, float]:
        with self._lock:
            failures = self._state.failures.get(method)
            delays = self._state.delays.get(method)
            return (failures.pop(0) if failures else None, delays.pop(0) if delays else 0.0)

    def handle_api(
        self, method: str, params: Params, token: str | None, basic_auth: str, http_method: str
    ) -> tuple[int, dict[str, str], bytes]:
        """Answers one Web API call: (status, headers, body)."""
        failure, delay = self._take(method)
        if delay:
            time.sleep(delay)
        with self._lock:
            workspace = self._state.workspaces.get(token or "", TEAM_ID)
        if failure is None and self.tier_1.refuses(workspace, method):
            failure = _Failure(429, RETRY_AFTER, None)
        params = self.tier_1.capped(method, params)
        if failure is None and self.limits is not None and self.limits.refuses(method, token, time.time()):
            failure = _Failure(429, self.limits.retry_after, None)
        status, headers, body = self._answer(method, params, token, basic_auth, failure)
        try:
            answered = json.loads(body) if body else {}
        except ValueError:
            answered = {}
        call = Call(method, params, token, time.time(), status, http_method, answered)
        with self._lock:
            self._state.calls.append(call)
            self.unrendered.extend(unrendered(method, params))
        return status, headers, body

    def _answer(
        self, method: str, params: Params, token: str | None, basic_auth: str, failure: _Failure | None
    ) -> tuple[int, dict[str, str], bytes]:
        json_type = {"Content-Type": "application/json; charset=utf-8"}
        if failure is not None and failure.applied:
            self._carry_out(method, params, token, basic_auth)  # the work is done; the answer fails
        if failure is not None and failure.status == LOST:
            return LOST, {}, b""
        if failure is not None:
            if failure.status == 429:
                body = {"ok": False, "error": failure.error or "ratelimited"}
                headers = {**json_type, "Retry-After": str(failure.retry_after)}
                return 429, headers, json.dumps(body).encode()
            if failure.status == 200:
                body = {"ok": False, "error": failure.error or "internal_error"}
                return 200, json_type, json.dumps(body).encode()
            text = failure.error or f"fake Slack failure {failure.status}"
            return failure.status, {"Content-Type": "text/plain"}, text.encode()
        return self._carry_out(method, params, token, basic_auth)

    def _carry_out(
        self, method: str, params: Params, token: str | None, basic_auth: str
    ) -> tuple[int, dict[str, str], bytes]:
        json_type = {"Content-Type": "application/json; charset=utf-8"}
        if self.require_token and token is None and not basic_auth and method not in TOKENLESS_METHODS:
            return 200, json_type, json.dumps({"ok": False, "error": "not_authed"}).encode()
        handler = self._handlers.get(method)
        result = handler(params) if handler is not None else {}
        with self._lock:
            result = in_workspace(self._state, method, params, token, result)
        answer = {"ok": True, **result} if "error" not in result else {"ok": False, **result}
        return 200, json_type, json.dumps(answer).encode()

    def ts_for(self, call: Call) -> str:
        """The ts this fake gave the message posted by `call`."""
        return str(call.response["ts"])

    @property
    def response_url(self) -> str:
        """A response_url served by this fake; posts to it are recorded as calls to "response_url"."""
        return f"{self.root_url}/response/T1/1/abc"

    def record_response(self, path: str, params: Params) -> None:
        with self._lock:
            self._state.calls.append(Call("response_url", params, None, time.time(), 200, "POST"))
            self.unrendered.extend(unrendered("response_url", params))

    def store_upload(self, file_id: str, data: bytes) -> None:
        with self._lock:
            self._state.uploads[file_id] = data
