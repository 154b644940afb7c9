"""The WebClient's retries: five after a 429, two for each other kind of failure, counted per kind.

slack_sdk's built-in handlers all compare one counter per request (`RetryState.current_attempt`) with
their `max_retry_count`, so with "two retries" configured on each of them, a 429 followed by two 500s
gave up at the second 500: the rate-limit retry had used up one of the server-error handler's two. These
handlers keep their own count in the request's `RetryState.custom_values`, so a request gets up to five
retries after a 429 (waiting out Retry-After), two after a 500 or 503 and two after a connection error
(the connection refused or reset, or dropped before the answer; never after the client's read timeout),
whatever came before. The wait between tries is the SDK's own (Retry-After plus up to a second for a 429,
an exponential backoff for the others, growing with every retry of the request).

A call that creates something (a post, a file share) is never retried after a 5xx or a dropped
connection: Slack can do the work and still answer 500, or the answer can be lost on the way back, and a
blind retry would show the message twice. Those calls go through bot/posting.py, which looks for the
message by its metadata before it posts again. A 429 is retried for every method: Slack did nothing.

A look-up (conversations.history/replies) waits out a 429 only when Slack asks for at most
`LOOKUP_WAIT_MAX` seconds: under Tier 1 Slack says "come back in 60", and a listener thread held for a
minute is worse than the look-up deferred (bot/recovery.py).

What the retries cannot save is not lost: a question whose post still failed keeps its claim, and the
scheduler's `prompt_repair` job posts it later (scheduling/prompt_repair.py).
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.state import RetryState

RETRIES_EACH = 2
"""Retries per kind of failure, per request."""
RATE_LIMITED_RETRIES = 5
"""Retries after a 429: Slack did nothing and said when to come back, so waiting costs only time. Two were
too few under a busy pulse: a third 429 in a row failed the send, and its claim waited five minutes."""

CREATING_METHODS: Final[frozenset[str]] = frozenset(
    {
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.scheduleMessage",
        "chat.meMessage",
        "files.completeUploadExternal",
        "files.upload",
    }
)
"""Web API methods whose repetition makes a second message or file: never retried blindly."""
LOOKUP_METHODS: Final[frozenset[str]] = frozenset({"conversations.history", "conversations.replies"})
LOOKUP_WAIT_MAX: Final = 10
"""The longest Retry-After (seconds) a look-up waits out; a longer one goes to the caller at once."""


def api_method(request: Any) -> str:
    """The Web API method a request calls ("chat.postMessage"), from its URL."""
    url = str(getattr(request, "url", "") or "")
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _counts(state: RetryState) -> dict[str, Any]:
    if state.custom_values is None:
        state.custom_values = {}
    return state.custom_values


class _OwnCount(RetryHandler):
    """Compares this handler's own retries of the request, not all of them, with `max_retry_count`."""

    kind: ClassVar[str]

    def _used(self, state: RetryState) -> int:
        return int(_counts(state).get(f"retries.{self.kind}", 0))

    def can_retry(self, *, state: RetryState, request: Any, response: Any = None, error: Any = None) -> bool:
        if self._used(state) >= self.max_retry_count:
            return False
        return self._can_retry(state=state, request=request, response=response, error=error)

    def prepare_for_next_attempt(
        self, *, state: RetryState, request: Any, response: Any = None, error: Any = None
    ) -> None:
        used = self._used(state)
        super().prepare_for_next_attempt(state=state, request=request, response=response, error=error)
        _counts(state)[f"retries.{self.kind}"] = used + 1


class _OnlyIdempotent(_OwnCount):
    """Retries only calls that can be repeated without a second message (not `CREATING_METHODS`)."""

    def can_retry(self, *, state: RetryState, request: Any, response: Any = None, error: Any = None) -> bool:
        if api_method(request) in CREATING_METHODS:
            return False
        return super().can_retry(state=state, request=request, response=response, error=error)


class ConnectionErrorRetries(_OnlyIdempotent, ConnectionErrorRetryHandler):
    kind = "connection"


class RateLimitRetries(_OwnCount, RateLimitErrorRetryHandler):
    kind = "rate_limit"

    def can_retry(self, *, state: RetryState, request: Any, response: Any = None, error: Any = None) -> bool:
        if api_method(request) in LOOKUP_METHODS and retry_after(response) > LOOKUP_WAIT_MAX:
            return False
        return super().can_retry(state=state, request=request, response=response, error=error)


def retry_after(response: Any) -> float:
    """The seconds a 429 asks to wait (1 when it does not say)."""
    headers = getattr(response, "headers", None) or {}
    for name, values in headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list) else values
            try:
                return float(value)
            except (TypeError, ValueError):
                return 1.0
    return 1.0


class ServerErrorRetries(_OnlyIdempotent, ServerErrorRetryHandler):
    kind = "server_error"


def retry_handlers(each: int = RETRIES_EACH, rate_limited: int = RATE_LIMITED_RETRIES) -> list[RetryHandler]:
    """The handlers of the bot's WebClient: `each` retries per kind of failure, `rate_limited` after 429s."""
    return [
        ConnectionErrorRetries(max_retry_count=each),
        RateLimitRetries(max_retry_count=rate_limited),
        ServerErrorRetries(max_retry_count=each),
    ]
