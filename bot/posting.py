"""Posting a message, or sharing a file, so that it shows once.

Slack can post a message and still answer 500, and the answer to a post can be lost on the way back (a
dropped connection). The WebClient never retries such calls (bot/retries.py, `CREATING_METHODS`): a blind
retry is a second copy. Here a post that may have reached Slack is looked for first, by the metadata that
names it (bot/recovery.py), and only posted again when Slack does not show it.

- A 5xx, a 200 whose error says Slack failed, or a dropped connection: look, then post again; at most
  `TRIES` posts in all, then the error goes to the caller.
- The client's read timeout is different: the post may still be on its way, so a look now would miss it.
  It goes to the caller, whose ledger keeps the claim; the next attempt is `look_first` (a retaken claim),
  made minutes later when Slack shows what it took.
- A look-up that fails (Slack down) counts as "not there": a message that never arrives is worse than one
  shown twice. Under Tier 1 (bot/recovery.py) it is not guessed: `LookupDeferred` goes to the caller,
  whose claim stays open for a later look.
- An ephemeral message cannot be looked up, so it is never retried after such a failure: it is a note to
  one person that vanishes on reload, and the person can ask again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.metadata import Metadata

from bot.recovery import find_posted, find_shared_file

log = logging.getLogger(__name__)
T = TypeVar("T")

TRIES: Final = 3
"""Posts of one message at most, looking for the earlier one before each repeat."""
WAITS: Final[tuple[float, ...]] = (0.5, 2.0)
"""Seconds before the look-up that precedes the 2nd and 3rd post: Slack shows a message it took within
moments; the wait also spares a struggling Slack."""
FAILED_ON_SLACK: Final[frozenset[str]] = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
"""Errors of a 200 answer that say Slack itself failed mid-call: the message may exist."""


@dataclass(frozen=True, slots=True)
class Posted:
    channel: str
    ts: str


def may_have_reached_slack(exc: BaseException) -> bool:
    """A failure after which the post may exist, and which a look-up can settle now."""
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        return status >= 500 or (status == 200 and exc.response.get("error") in FAILED_ON_SLACK)
    if isinstance(exc, TimeoutError):
        return False  # still on its way, perhaps: the caller's ledger retries it later, looking first
    return isinstance(exc, (ConnectionError, SlackClientError, OSError))


def post_once(
    client: WebClient,
    *,
    channel: str,
    marker: Metadata,
    thread_ts: str | None = None,
    look_first: bool = False,
    oldest: str | None = None,
    **message: Any,
) -> Posted:
    """chat.postMessage carrying `marker`, shown once however Slack fails. `look_first`: an earlier
    attempt may have reached Slack (a retaken claim), so look before the first post too. `oldest`: a ts
    the message cannot precede (the one it follows), so a look-up of 15 messages (Tier 1) finds it."""

    def find() -> Posted | None:
        ts = find_posted(client, channel, marker, thread_ts, oldest)
        return Posted(channel, ts) if ts is not None else None

    def post() -> Posted:
        answer = client.chat_postMessage(channel=channel, thread_ts=thread_ts, metadata=marker, **message)
        return Posted(str(answer.get("channel") or channel), str(answer["ts"]))

    return _once(find, post, f"post {marker.event_type}", look_first=look_first)


def share_file_once(
    client: WebClient, *, channel: str, thread_ts: str, filename: str, look_first: bool = False, **upload: Any
) -> None:
    """files_upload_v2 into a thread, shown once: the thread is looked at for `filename` before a
    repeat, so `filename` must be unique in the thread."""

    def find() -> bool | None:
        return True if find_shared_file(client, channel, thread_ts, filename) else None

    def share() -> bool:
        client.files_upload_v2(channel=channel, thread_ts=thread_ts, filename=filename, **upload)
        return True

    _once(find, share, f"share {filename}", look_first=look_first)


def _once(find: Callable[[], T | None], act: Callable[[], T], what: str, *, look_first: bool) -> T:
    if look_first and (found := find()) is not None:
        return found
    for n in range(TRIES):
        try:
            return act()
        except Exception as exc:
            if n == TRIES - 1 or not may_have_reached_slack(exc):
                raise
            log.info("%s may have reached Slack (%s); looking before trying again", what, _name(exc))
            time.sleep(WAITS[min(n, len(WAITS) - 1)])
            if (found := find()) is not None:
                return found
    raise AssertionError("unreachable")  # pragma: no cover


def _name(exc: BaseException) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error") or exc.response.status_code)
    return type(exc).__name__
