"""The WebClient's retries: two for each kind of failure, counted per kind.

slack_sdk's built-in handlers all compare one counter per request (`RetryState.current_attempt`) with
their `max_retry_count`, so with "two retries" configured on each of them, a 429 followed by two 500s
gave up at the second 500: the rate-limit retry had used up one of the server-error handler's two. These
handlers keep their own count in the request's `RetryState.custom_values`, so a request gets up to two
retries after a 429 (waiting out Retry-After), two after a 500 or 503 and two after a connection error
(the connection refused or reset, or dropped before the answer; never after the client's read timeout),
whatever came before. The wait between tries is the SDK's own (Retry-After plus up to a second for a 429,
an exponential backoff for the others, growing with every retry of the request).

What the retries cannot save is not lost: a question whose post still failed keeps its claim, and the
scheduler's `prompt_repair` job posts it later (survey_flows/prompt_repair.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.state import RetryState

from bot.recovery import landed

RETRIES_EACH = 2
"""Retries per kind of failure, per request."""


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


class ConnectionErrorRetries(_OwnCount, ConnectionErrorRetryHandler):
    kind = "connection"


class RateLimitRetries(_OwnCount, RateLimitErrorRetryHandler):
    kind = "rate_limit"


class ServerErrorRetries(_OwnCount, ServerErrorRetryHandler):
    """500 and 503, except for a post that reached Slack anyway (`landed`, bot/recovery.py): retrying
    it would show the message twice."""

    kind = "server_error"

    def __init__(self, *, landed: Callable[[HttpRequest], bool] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.landed = landed

    def _can_retry(self, *, state: RetryState, request: Any, response: Any = None, error: Any = None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        return self.landed is None or not self.landed(request)


def retry_handlers(each: int = RETRIES_EACH) -> list[RetryHandler]:
    """The handlers of the bot's WebClient: `each` retries per kind of failure."""
    return [
        ConnectionErrorRetries(max_retry_count=each),
        RateLimitRetries(max_retry_count=each),
        ServerErrorRetries(max_retry_count=each, landed=landed),
    ]
