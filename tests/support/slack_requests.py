"""Builders for signed Slack requests (slash commands, interactivity, Events API) as ``BoltRequest`` objects.

Bodies and headers look like what Slack sends over HTTP, and every request carries a real
``x-slack-signature`` made with ``slack_sdk.signature.SignatureVerifier``, so the Bolt app under test keeps
request verification enabled::

    requests = SlackRequests(SIGNING_SECRET)
    response = app.dispatch(requests.slash_command("hjelp", user_id="U1"))
    assert response.status == 200
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, urlencode

from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
APP_ID = "A1"
BOT_USER_ID = "UBOT"
VERIFICATION_TOKEN = "verification-token"
RESPONSE_URL = "https://hooks.slack.invalid/commands/T1/1/abc"
STALE_AGE_SECONDS = 6 * 60  # Bolt rejects timestamps older than 5 minutes


def flat_headers(request: BoltRequest) -> dict[str, str]:
    """The request's headers as a plain ``{name: value}`` dict (e.g. to send it over real HTTP)."""
    return {name: values[0] for name, values in request.headers.items() if values}


class SlackRequests:
    """Makes signed ``BoltRequest`` objects for one workspace."""

    def __init__(
        self,
        signing_secret: str,
        team_id: str = "T1",
        clock: Callable[[], float] = time.time,
        response_url: str = RESPONSE_URL,
    ) -> None:
        self.response_url = response_url
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.clock = clock
        self._verifier = SignatureVerifier(signing_secret)

    # ----------------------------------------------------------------- signing

    def sign(self, body: str, timestamp: int | None = None) -> dict[str, str]:
        """Slack's signature headers for ``body`` (``timestamp`` defaults to the clock)."""
        ts = str(int(self.clock()) if timestamp is None else timestamp)
        signature = self._verifier.generate_signature(timestamp=ts, body=body)
        return {"x-slack-request-timestamp": ts, "x-slack-signature": str(signature)}

    def request(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> BoltRequest:
        """A signed request with any raw body."""
        all_headers = {"content-type": content_type, **(headers or {}), **self.sign(body, timestamp)}
        return BoltRequest(body=body, headers=dict(all_headers))

    def with_bad_signature(self, request: BoltRequest) -> BoltRequest:
        """The same request signed with a wrong secret (a well-formed but invalid signature)."""
        headers = flat_headers(request)
        wrong = SignatureVerifier(self.signing_secret + "-wrong")
        headers["x-slack-signature"] = str(
            wrong.generate_signature(timestamp=headers["x-slack-request-timestamp"], body=request.raw_body)
        )
        return BoltRequest(body=request.raw_body, headers=dict(headers))

    def stale(self, request: BoltRequest, age_seconds: int = STALE_AGE_SECONDS) -> BoltRequest:
        """The same request correctly signed, but with a timestamp ``age_seconds`` in the past (a replay)."""
        headers = flat_headers(request)
        headers.update(self.sign(request.raw_body, int(self.clock()) - age_seconds))
        return BoltRequest(body=request.raw_body, headers=dict(headers))

    # ----------------------------------------------------------------- helpers

    @staticmethod
    def _trigger_id() -> str:
        return f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}"

    def _now_ts(self) -> str:
        return f"{self.clock():.6f}"

    def _user(self, user_id: str) -> dict[str, Any]:
        name = f"user_{user_id.lower()}"
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    def _team(self) -> dict[str, Any]:
        return {"id": self.team_id, "domain": "test"}

    def _payload_request(self, payload: Mapping[str, Any], timestamp: int | None) -> BoltRequest:
        body = "payload=" + quote(json.dumps(payload))
        return self.request(body, FORM, timestamp=timestamp)

    # ----------------------------------------------------------------- slash commands

    def slash_command(
        self,
        text: str,
        *,
        user_id: str,
        channel_id: str | None = None,
        command: str = "/balanse",
        trigger_id: str | None = None,
        timestamp: int | None = None,
    ) -> BoltRequest:
        """A slash command invocation, form-encoded like Slack's."""
        channel = channel_id or "D" + user_id
        fields = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "team_domain": "test",
            "channel_id": channel,
            "channel_name": "directmessage" if channel.startswith("D") else "general",
            "user_id": user_id,
            "user_name": f"user_{user_id.lower()}",
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": self.response_url,
            "trigger_id": trigger_id or self._trigger_id(),
        }
        return self.request(urlencode(fields), FORM, timestamp=timestamp)

    # ----------------------------------------------------------------- interactivity

    def block_action(
        self,
        *,
        user_id: str,
        action_id: str,
        value: str,
        block_id: str = "b",
        channel_id: str | None = None,
        message_ts: str | None = None,
        thread_ts: str | None = None,
        container: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
        timestamp: int | None = None,
    ) -> BoltRequest:
        """A button click. It happened in a message when ``channel_id`` or ``message`` is given, else in
        the App Home view (``view`` entries override the defaults of the home view)."""
        payload: dict[str, Any] = {
            "type": "block_actions",
            "token": VERIFICATION_TOKEN,
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": APP_ID,
            "enterprise": None,
            "is_enterprise_install": False,
            "trigger_id": self._trigger_id(),
            "response_url": self.response_url,
            "state": {"values": {}},
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": block_id,
                    "value": value,
                    "text": {"type": "plain_text", "text": value, "emoji": True},
                    "action_ts": self._now_ts(),
                }
            ],
        }
        in_message = (channel_id is not None or message is not None) and view is None
        if in_message:
            channel = channel_id or "D" + user_id
            msg: dict[str, Any] = {"type": "message", "user": BOT_USER_ID, "blocks": [], "text": ""}
            msg.update(message or {})
            msg.setdefault("ts", message_ts or self._now_ts())
            if thread_ts is not None:
                msg["thread_ts"] = thread_ts
            payload["channel"] = {"id": channel, "name": "directmessage"}
            payload["message"] = msg
            payload["container"] = container or {
                "type": "message",
                "message_ts": msg["ts"],
                "channel_id": channel,
                "is_ephemeral": False,
            }
            if thread_ts is not None and container is None:
                payload["container"]["thread_ts"] = thread_ts
        else:
            home: dict[str, Any] = {
                "id": "VHOME" + user_id,
                "team_id": self.team_id,
                "type": "home",
                "blocks": [],
                "private_metadata": "",
                "callback_id": "",
                "state": {"values": {}},
                "hash": uuid.uuid4().hex[:16],
                "app_id": APP_ID,
                "bot_id": "BBOT",
            }
            home.update(view or {})
            payload["view"] = home
            payload["container"] = container or {"type": "view", "view_id": home["id"]}
        return self._payload_request(payload, timestamp)

    def view_submission(
        self,
        *,
        user_id: str,
        callback_id: str,
        values: dict[str, dict[str, Any]] | None = None,
        private_metadata: str = "",
        view_id: str = "VMODAL",
        timestamp: int | None = None,
    ) -> BoltRequest:
        """A modal submission; ``values`` is ``view.state.values`` ({block_id: {action_id: {...}}})."""
        payload = {
            "type": "view_submission",
            "token": VERIFICATION_TOKEN,
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": APP_ID,
            "trigger_id": self._trigger_id(),
            "is_enterprise_install": False,
            "response_urls": [],
            "view": {
                "id": view_id,
                "team_id": self.team_id,
                "type": "modal",
                "callback_id": callback_id,
                "private_metadata": private_metadata,
                "state": {"values": values or {}},
                "blocks": [],
                "hash": uuid.uuid4().hex[:16],
                "app_id": APP_ID,
            },
        }
        return self._payload_request(payload, timestamp)

    def global_shortcut(self, *, user_id: str, callback_id: str, timestamp: int | None = None) -> BoltRequest:
        """A global shortcut chosen from the shortcuts menu (or the search bar)."""
        payload = {
            "type": "shortcut",
            "token": VERIFICATION_TOKEN,
            "action_ts": self._now_ts(),
            "team": self._team(),
            "user": self._user(user_id),
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": self._trigger_id(),
        }
        return self._payload_request(payload, timestamp)

    # ----------------------------------------------------------------- Events API

    def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        timestamp: int | None = None,
    ) -> BoltRequest:
        """An Events API ``event_callback`` envelope. Pass the same ``event_id`` with ``retry_num`` to model
        Slack's redelivery of an event (it adds x-slack-retry-num / x-slack-retry-reason)."""
        envelope = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or "Ev" + uuid.uuid4().hex[:12].upper(),
            "event_time": int(self.clock()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers = {"x-slack-retry-num": str(retry_num), "x-slack-retry-reason": retry_reason}
        return self.request(json.dumps(envelope), JSON, timestamp=timestamp, headers=headers)

    def message_event(
        self,
        *,
        user_id: str,
        text: str,
        channel_id: str,
        ts: str,
        thread_ts: str | None = None,
        channel_type: str = "im",
        event_id: str | None = None,
        retry_num: int | None = None,
        timestamp: int | None = None,
    ) -> BoltRequest:
        """A user's message (``message`` event; ``channel_type`` "im" for the bot's DM)."""
        event: dict[str, Any] = {
            "type": "message",
            "client_msg_id": str(uuid.uuid4()),
            "user": user_id,
            "text": text,
            "team": self.team_id,
            "channel": channel_id,
            "ts": ts,
            "event_ts": ts,
            "channel_type": channel_type,
            "blocks": [],
        }
        if thread_ts is not None:
            event["thread_ts"] = thread_ts
        return self.event(event, event_id=event_id, retry_num=retry_num, timestamp=timestamp)

    def app_home_opened(
        self,
        *,
        user_id: str,
        tab: str = "home",
        event_id: str | None = None,
        timestamp: int | None = None,
    ) -> BoltRequest:
        """The user opened the app's Home (or Messages) tab."""
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": "D" + user_id,
            "tab": tab,
            "event_ts": self._now_ts(),
        }
        if tab == "home":
            event["view"] = {"id": "VHOME" + user_id, "team_id": self.team_id, "type": "home", "blocks": []}
        return self.event(event, event_id=event_id, timestamp=timestamp)

    def url_verification(self, challenge: str = "challenge-token") -> BoltRequest:
        """Slack's one-time Request URL check."""
        body = json.dumps({"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"})
        return self.request(body, JSON)


__all__ = ["FORM", "JSON", "SlackRequests", "flat_headers"]
