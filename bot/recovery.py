"""Finding a message Slack accepted although we never learned its ts.

A chat.postMessage can reach Slack and still fail on our side: the answer arrives after the client's
timeout, the connection drops on the way back, or the process dies before the ts is stored. The survey
flow then hands the claim over as *retaken* (an intro) or *reclaimed* (a question). Posting again would
show the seller the same message twice, so every run message carries Slack message metadata naming
the run (and the question's position), and before posting a retaken message we look for it in the DM:
the newest top-level messages for an intro (conversations.history), the thread for a question
(conversations.replies). Both are Tier 3 and only called on this rare path. bot/posting.py uses the same
look-up for every message that must show once.

When the look-up itself fails we post anyway: a pulse that never arrives is worse than one shown twice.

A resume asks where the open question's message is (`permalink`) instead of posting it again: the seller
gets a link to the one answerable copy, and only a message Slack says is gone is posted again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.metadata import Metadata

log = logging.getLogger(__name__)

RUN_EVENT = "balansebrett_run"
QUESTION_EVENT = "balansebrett_question"
POST_EVENT = "balansebrett_post"
HISTORY_LIMIT = 100
"""Top-level messages searched: a DM with the bot holds a few a week; a team channel gets the summary
minutes before the look-up, or the same day when a retry takes over a failed claim."""
LOOK_TRIES = 3
LOOK_WAITS = (0.5, 1.5)
"""Look-ups of one earlier post at most, and the seconds before the 2nd and 3rd."""
THREAD_LIMIT = 200
"""Replies searched for a question: a survey thread holds at most 40 questions and a result."""


def run_marker(run_id: int, period: str, first: int | None = None) -> Metadata:
    """The metadata on a run's intro (the thread parent). The period guards against a run id that a
    database reused after the seller's data was erased; `first`: the position of the question the intro
    carries, so a look-up never takes an intro without it for one with it."""
    payload: dict[str, str | int] = {"run_id": run_id, "period": period}
    if first is not None:
        payload["first"] = first
    return Metadata(event_type=RUN_EVENT, event_payload=payload)


def question_marker(run_id: int, position: int) -> Metadata:
    """The metadata on a question message in a run's thread."""
    return Metadata(event_type=QUESTION_EVENT, event_payload={"run_id": run_id, "position": position})


def post_marker(kind: str, **names: str | int) -> Metadata:
    """The metadata on any other message that must show once: its kind ("result", "reminder",
    "summary", ...) and what names it (a run id, a team and week)."""
    return Metadata(event_type=POST_EVENT, event_payload={"kind": kind, **names})


def find_posted(
    client: WebClient, channel: str, marker: Metadata, thread_ts: str | None = None
) -> str | None:
    """The ts of the message carrying `marker` if Slack already shows it: among the newest top-level
    messages of the conversation, or in the thread `thread_ts`."""
    if thread_ts is None:
        messages = _fetch(
            client.conversations_history, channel=channel, limit=HISTORY_LIMIT, include_all_metadata=True
        )
    else:
        messages = _fetch(
            client.conversations_replies,
            channel=channel,
            ts=thread_ts,
            limit=THREAD_LIMIT,
            include_all_metadata=True,
        )
    return _match(messages, marker.event_type, marker.event_payload or {})


def find_shared_file(client: WebClient, channel: str, thread_ts: str, filename: str) -> bool:
    """Whether the thread already shows a file named `filename` (a share whose answer was lost)."""
    messages = _fetch(client.conversations_replies, channel=channel, ts=thread_ts, limit=THREAD_LIMIT)
    return any(
        isinstance(f, Mapping) and f.get("name") == filename
        for message in messages
        for f in (message.get("files") or [])
    )


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
    """The messages a look-up returns. A look-up that Slack refuses for the moment (429, 5xx, a dropped
    connection, after the client's own retries) is tried again: when it fails for good, the message is
    posted again unseen, and a seller may get two copies."""
    for n in range(LOOK_TRIES):
        try:
            response = method(**kwargs)
        except (SlackClientError, OSError) as exc:
            if n < LOOK_TRIES - 1 and _passing(exc):
                time.sleep(LOOK_WAITS[n])
                continue
            log.warning("could not look for an earlier post (%s); posting it again", _what(exc))
            return []
        messages = response.get("messages")
        return messages if isinstance(messages, list) else []
    raise AssertionError("unreachable")  # pragma: no cover


def _passing(exc: BaseException) -> bool:
    """Whether Slack may answer the same look-up a moment later."""
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        return status == 429 or status >= 500
    return True  # a connection error, a timeout


def _what(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error") or exc.response.status_code)
    return type(exc).__name__


def _match(messages: Iterable[Mapping[str, Any]], event_type: str, payload: Mapping[str, Any]) -> str | None:
    for message in messages:
        metadata = message.get("metadata")
        if not isinstance(metadata, Mapping) or metadata.get("event_type") != event_type:
            continue
        found = metadata.get("event_payload")
        if isinstance(found, Mapping) and all(found.get(k) == v for k, v in payload.items()):
            return str(message["ts"])
    return None
