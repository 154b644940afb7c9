"""Requests of every kind the app handles, and every way a request can fail Slack's signature check: the
raw material for the signing tests over `app.dispatch` and over real HTTP."""

from __future__ import annotations

import time
from collections.abc import Callable

from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

from tests.support.slack_requests import SlackRequests, flat_headers

Forged = tuple[str, dict[str, str]]
"""(raw body, headers) as they would arrive over HTTP."""


def every_kind(requests: SlackRequests) -> dict[str, BoltRequest]:
    """One correctly signed request of each kind the app has a listener for."""
    return {
        "slash command": requests.slash_command("survey", user_id="U1"),
        "answer button": requests.block_action(
            user_id="U1", action_id="answer_4", value="1:q01:4", block_id="answer_buttons", channel_id="DU1"
        ),
        "App Home button": requests.block_action(user_id="U1", action_id="start_survey", value="full"),
        "modal submission": requests.view_submission(
            user_id="U1", callback_id="team_setup", private_metadata="C1"
        ),
        "global shortcut": requests.global_shortcut(user_id="U1", callback_id="coach_person"),
        "typed answer": requests.message_event(
            user_id="U1", text="4", channel_id="DU1", ts="1800000000.000001", thread_ts="1800000000.000000"
        ),
        "App Home opened": requests.app_home_opened(user_id="U1"),
        "url verification": requests.url_verification(),
    }


def _resigned(request: BoltRequest, secret: str, timestamp: str, body: str | None = None) -> Forged:
    headers = flat_headers(request)
    raw = request.raw_body if body is None else body
    headers["x-slack-request-timestamp"] = timestamp
    headers["x-slack-signature"] = str(
        SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=raw)
    )
    return raw, headers


def forgeries(secret: str) -> dict[str, Callable[[BoltRequest], Forged]]:
    """Each way a request can be refused, given the app's real signing secret."""
    now = int(time.time())

    def unsigned(request: BoltRequest) -> Forged:
        headers = {k: v for k, v in flat_headers(request).items() if not k.startswith("x-slack-")}
        return request.raw_body, headers

    def empty_signature(request: BoltRequest) -> Forged:
        headers = flat_headers(request) | {"x-slack-signature": ""}
        return request.raw_body, headers

    def tampered(request: BoltRequest) -> Forged:
        raw, headers = request.raw_body, flat_headers(request)
        if "U1" in raw:
            changed = raw.replace("U1", "U2")
        elif raw.startswith("{"):
            changed = raw[:-1] + ', "x": 1}'
        else:
            changed = raw + "&x=1"
        return changed, headers  # the signature of the original body

    return {
        "unsigned": unsigned,
        "empty signature": empty_signature,
        "wrong secret": lambda r: _resigned(r, secret + "-guess", str(now)),
        "stale (6 minutes old)": lambda r: _resigned(r, secret, str(now - 6 * 60)),
        "from the future (6 minutes)": lambda r: _resigned(r, secret, str(now + 6 * 60)),
        "tampered body": tampered,
        "timestamp not a number": lambda r: _resigned(r, secret + "-guess", "abc"),
        "timestamp empty": lambda r: _resigned(r, secret + "-guess", ""),
    }


def as_request(forged: Forged) -> BoltRequest:
    body, headers = forged
    return BoltRequest(body=body, headers=dict(headers))
