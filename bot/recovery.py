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

Tier 1 (`SLACK_HISTORY_TIER=1`): an app distributed commercially outside the Slack Marketplace gets
conversations.history and conversations.replies at 1 request a minute per workspace, and at most 15
messages per request (Slack's 2025 terms; internal apps keep Tier 3). `use_history_tier(1)` paces the
look-ups per workspace and method (`take`, an in-process per-minute pace unless another is plugged in),
asks for 15 messages from a lower bound (`oldest`: the message the one sought follows) so 15 suffice, and
never guesses: a look-up that cannot be made now (its minute is taken, Slack answers 429 or fails) raises
`LookupDeferred`. The claim stays open, the message is neither posted again blindly (a duplicate) nor
counted as sent (lost), and the next attempt (the ledger's retake, the resume of a run, the repair job)
looks again (docs/SCHEDULING.md, "The look-up under Tier 1").

A resume asks where the open question's message is (`permalink`) instead of posting it again: the seller
gets a link to the one answerable copy, and only a message Slack says is gone is posted again.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.metadata import Metadata

from scheduling.pacing import SharedTries
from storage.db import Database

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
TIER_1_LIMIT = 15
"""The most messages a Tier 1 look-up may ask for."""
TIER_1_INTERVAL = 60.0
"""Seconds between two Tier 1 look-ups of one method in one workspace."""

Take = Callable[[str, str], bool]
"""(workspace key, Web API method) -> whether a look-up may be made now (and is counted as made). The key
names the installation by a digest of its bot token (never the token itself): the one thing a listener's
client (Bolt's, whose team id is the payload's) and a scheduled sender's client always share."""


class LookupDeferred(SlackClientError):
    """Under Tier 1, the look-up before a repeat cannot be made now: the caller keeps its claim and a
    later attempt looks again. A SlackClientError, so every sender counts it as FAILED (retried later)."""


class PerMinute:
    """A look-up per method per workspace each `interval` seconds, in this process (Tier 1's pace on
    SQLite, where one process runs)."""

    def __init__(
        self, interval: float = TIER_1_INTERVAL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval, self.clock = interval, clock
        self._last: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def __call__(self, workspace: str, method: str) -> bool:
        with self._lock:
            now, last = self.clock(), self._last.get((workspace, method))
            if last is not None and now - last < self.interval:
                return False
            self._last[(workspace, method)] = now
            return True


def look_up_pace(db: Database) -> Take:
    """Tier 1's pace of look-ups: kept by every replica together on PostgreSQL (a `rate_budget` row per
    workspace and method), in this process on SQLite."""
    return PerMinute() if db.is_sqlite else SharedTries(db)


@dataclass(slots=True)
class _History:
    tier: int = 3
    take: Take | None = None


_history = _History()


def use_history_tier(tier: int, take: Take | None = None) -> None:
    """The look-ups' tier for this process (`SLACK_HISTORY_TIER`): 3, or 1 with look-ups paced by `take`
    (by default one a minute per workspace and method, in this process)."""
    if tier not in (1, 3):
        raise ValueError(f"history tier {tier}: 1 or 3")
    _history.tier = tier
    _history.take = (take or PerMinute()) if tier == 1 else None


def history_tier() -> int:
    return _history.tier


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
    client: WebClient,
    channel: str,
    marker: Metadata,
    thread_ts: str | None = None,
    oldest: str | None = None,
) -> str | None:
    """The ts of the message carrying `marker` if Slack already shows it: among the newest top-level
    messages of the conversation, or in the thread `thread_ts`; only messages after `oldest` (a ts the
    one sought cannot precede) when given. Raises LookupDeferred under Tier 1 when it cannot look now."""
    since = {"oldest": oldest} if oldest else {}
    if thread_ts is None:
        messages = _fetch(
            client,
            "conversations.history",
            channel=channel,
            limit=_limit(HISTORY_LIMIT),
            include_all_metadata=True,
            **since,
        )
    else:
        messages = _fetch(
            client,
            "conversations.replies",
            channel=channel,
            ts=thread_ts,
            limit=_limit(THREAD_LIMIT),
            include_all_metadata=True,
            **since,
        )
    return _match(messages, marker.event_type, marker.event_payload or {})


def find_shared_file(
    client: WebClient, channel: str, thread_ts: str, filename: str, oldest: str | None = None
) -> bool:
    """Whether the thread already shows a file named `filename` (a share whose answer was lost)."""
    since = {"oldest": oldest} if oldest else {}
    messages = _fetch(
        client, "conversations.replies", channel=channel, ts=thread_ts, limit=_limit(THREAD_LIMIT), **since
    )
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


def _limit(tier_3: int) -> int:
    return TIER_1_LIMIT if _history.tier == 1 else tier_3


def _workspace_key(client: WebClient) -> str:
    return hashlib.sha256((client.token or "").encode()).hexdigest()[:16]


def _fetch(client: WebClient, api: str, **kwargs: Any) -> list[Mapping[str, Any]]:
    """The messages a look-up returns. Under Tier 3 a look-up that Slack refuses for the moment (429, 5xx,
    a dropped connection, after the client's own retries) is tried again: when it fails for good, the
    message is posted again unseen, and a seller may get two copies. Under Tier 1 it is made once, when
    `take` allows, and any failure defers (LookupDeferred)."""
    method = getattr(client, api.replace(".", "_"))
    if _history.tier == 1:
        take = _history.take
        if take is not None and not take(_workspace_key(client), api):
            raise LookupDeferred(f"{api}: this minute's look-up is taken; looking again later")
        try:
            response = method(**kwargs)
        except (SlackClientError, OSError) as exc:
            raise LookupDeferred(f"{api} failed ({_what(exc)}); looking again later") from exc
        messages = response.get("messages")
        return messages if isinstance(messages, list) else []
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
