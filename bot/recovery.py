"""Finding a message Slack accepted although we never learned its ts.

A chat.postMessage can reach Slack and still fail on our side: the answer arrives after the client's
timeout, the connection drops on the way back, or the process dies before the ts is stored. The survey
flow then hands the claim over as *retaken* (an intro) or *reclaimed* (a question). Posting again would
show the seller the same message twice, so every run message carries Slack message metadata naming
the run (and the question's position), and before posting a retaken message we look for it in the DM:
the newest top-level messages for an intro (conversations.history), the thread for a question
(conversations.replies). Both are Tier 3 and only called on this rare path.

When the look-up itself fails we post anyway: a pulse that never arrives is worse than one shown twice.

The client's own retry of a post Slack answered with a server error asks the same first (`landed`): a
500 can come after Slack applied the post, and retrying blindly would show it twice. Found, the retry is
left out and the error stands; the claim then takes its usual way (a resume finds the message by its
metadata and records it).

A resume asks where the open question's message is (`permalink`) instead of posting it again: the seller
gets a link to the one answerable copy, and only a message Slack says is gone is posted again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.models.metadata import Metadata

log = logging.getLogger(__name__)

RUN_EVENT = "balansebrett_run"
QUESTION_EVENT = "balansebrett_question"
HISTORY_LIMIT = 50
"""Top-level messages searched for an intro: a DM with the bot holds a few a week."""
THREAD_LIMIT = 200
"""Replies searched for a question: a survey thread holds at most 40 questions and a result."""


def run_marker(run_id: int, period: str) -> Metadata:
    """The metadata on a run's intro (the thread parent). The period guards against a run id that a
    database reused after the seller's data was erased."""
    return Metadata(event_type=RUN_EVENT, event_payload={"run_id": run_id, "period": period})


def question_marker(run_id: int, position: int) -> Metadata:
    """The metadata on a question message in a run's thread."""
    return Metadata(event_type=QUESTION_EVENT, event_payload={"run_id": run_id, "position": position})


def find_top_level(client: WebClient, channel: str, marker: Metadata) -> str | None:
    """The ts of a top-level message of the DM that carries `marker`, if Slack already has it."""
    messages = _fetch(
        client.conversations_history,
        channel=channel,
        limit=HISTORY_LIMIT,
        include_all_metadata=True,
    )
    return _match(messages, marker.event_type, marker.event_payload or {})


def find_intro(client: WebClient, channel: str, run_id: int, period: str) -> str | None:
    """The ts of the run's intro if Slack already has it in the DM, else None."""
    return find_top_level(client, channel, run_marker(run_id, period))


def find_question(client: WebClient, channel: str, thread_ts: str, run_id: int, position: int) -> str | None:
    """The ts of the question at `position` if Slack already has it in the run's thread, else None."""
    messages = _fetch(
        client.conversations_replies,
        channel=channel,
        ts=thread_ts,
        limit=THREAD_LIMIT,
        include_all_metadata=True,
    )
    return _match(messages, QUESTION_EVENT, {"run_id": run_id, "position": position})


@dataclass(frozen=True, slots=True)
class Permalink:
    """Where a posted message is, as chat.getPermalink says (a Special-tier method, no scope needed)."""

    url: str | None
    """None when Slack could not be asked or said no."""
    gone: bool = False
    """Slack says the message does not exist (message_not_found): it was deleted, e.g. by a retention
    policy. A seller cannot delete the bot's messages in a DM, so otherwise the copy is still there."""


def permalink(client: WebClient, channel: str, ts: str) -> Permalink:
    try:
        found = client.chat_getPermalink(channel=channel, message_ts=ts)
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error == "message_not_found":
            return Permalink(None, gone=True)
        log.info("no permalink for a question message (%s)", error or exc.response.status_code)
        return Permalink(None)
    except (SlackClientError, OSError) as exc:
        log.info("no permalink for a question message (%s)", type(exc).__name__)
        return Permalink(None)
    return Permalink(str(found.get("permalink") or "") or None)


def _fetch(method: Any, **kwargs: Any) -> list[Mapping[str, Any]]:
    try:
        response = method(**kwargs)
    except (SlackClientError, OSError) as exc:
        log.warning("could not look for an earlier post (%s); posting it again", type(exc).__name__)
        return []
    messages = response.get("messages")
    return messages if isinstance(messages, list) else []


def _match(messages: Iterable[Mapping[str, Any]], event_type: str, payload: Mapping[str, Any]) -> str | None:
    for message in messages:
        metadata = message.get("metadata")
        if not isinstance(metadata, Mapping) or metadata.get("event_type") != event_type:
            continue
        found = metadata.get("event_payload")
        if isinstance(found, Mapping) and all(found.get(k) == v for k, v in payload.items()):
            return str(message["ts"])
    return None


def landed(request: HttpRequest) -> bool:
    """Whether a chat.postMessage carrying our message metadata, answered with a server error, reached
    the conversation anyway (the newest top-level messages, or its thread). One look-up, never retried:
    when it fails the answer is "no" and the client retries the post as before."""
    if not request.url.endswith("/chat.postMessage"):
        return False
    params = _body(request)
    metadata, channel = params.get("metadata"), params.get("channel")
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return False
    if not isinstance(metadata, Mapping) or not isinstance(channel, str):
        return False
    auth = (request.headers.get("Authorization") or [""])[0]
    client = WebClient(
        token=auth.removeprefix("Bearer ") or None,
        base_url=request.url.removesuffix("chat.postMessage"),
        timeout=10,
        logger=logging.getLogger("balansebrett.slack_api"),  # INFO at least (bot/app.py)
        retry_handlers=[],
    )
    thread_ts = params.get("thread_ts")
    if thread_ts:
        search: dict[str, Any] = {"ts": thread_ts, "limit": THREAD_LIMIT}
        messages = _fetch(client.conversations_replies, channel=channel, include_all_metadata=True, **search)
    else:
        messages = _fetch(
            client.conversations_history, channel=channel, limit=HISTORY_LIMIT, include_all_metadata=True
        )
    found = _match(messages, str(metadata.get("event_type")), metadata.get("event_payload") or {})
    if found is not None:
        log.warning("a post answered with a server error reached Slack after all; not posting it again")
    return found is not None


def _body(request: HttpRequest) -> Mapping[str, Any]:
    if request.body_params:
        return request.body_params
    data = (request.data or b"").decode("utf-8", "replace")
    try:
        parsed = json.loads(data)
        return parsed if isinstance(parsed, Mapping) else {}
    except ValueError:
        return {key: values[0] for key, values in parse_qs(data).items()}
