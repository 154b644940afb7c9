"""Every chat.postMessage the bot makes counts against its workspace's posts budget (scheduling/pacing.py).

Slack's limit is per workspace and counts every post: the scheduled fan-out's, a person's next question
after a tap, and the WebClient's own retries after a 429. Counting only the scheduled ones let the pulse and
the people's posts provoke 429s together, and a seller waited out Retry-After for their next question
(docs/PERFORMANCE.md). So the client charges each attempt: a scheduled send has already waited for its token
(`pacing.prepaid`), so its first post is free; a person's post spends without waiting, and the bucket's debt
makes the scheduled sends wait instead; a retry is charged like any post.

The meter rides in the client's retry handlers because Bolt copies those into the client it makes for
each request (bot/messages/mrkdwn.py copies them again); it never asks for a retry itself.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.state import RetryState

from scheduling.pacing import Budget, charge_post

log = logging.getLogger(__name__)


class PostMeter(RetryHandler):
    def __init__(self) -> None:
        super().__init__(max_retry_count=0)
        self.posts: Budget | None = None
        """The workspace posts budget, set by the runtime (bot/runtime.py) once it exists."""

    def _can_retry(self, *, state: RetryState, request: Any, response: Any = None, error: Any = None) -> bool:
        return False

    def charge(self, workspace_id: str | None) -> None:
        """Never in the way of the post: a budget that cannot be reached (the database away) is logged."""
        if self.posts is None:
            return
        try:
            charge_post(self.posts, workspace_id)
        except Exception as exc:
            log.warning("a post could not be counted against the workspace's budget (%s)", type(exc).__name__)


def meter_of(client: WebClient) -> PostMeter | None:
    return next((h for h in client.retry_handlers or () if isinstance(h, PostMeter)), None)
