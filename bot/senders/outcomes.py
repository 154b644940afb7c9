"""One table of Slack's errors, and how a delivery's outcome is told from them.

Every sender (pulses, reminders, the weekly summary, notices, follow-ups, repairs) and the team setup read
Slack's error codes here, so two senders can never disagree on what an error means.

- RECIPIENT: the person or channel cannot get this message from us (deactivated, not found, a bot, the
  channel archived or the bot not in it). The delivery is UNREACHABLE: marked and skipped, never retried.
- WORKSPACE: the whole install cannot do this (the app's Messages tab is off, a workspace policy, a revoked
  token, a missing scope). Never blamed on one recipient, since that would mark every member of every team
  unreachable: the delivery is FAILED and retried later, and the log names the error, which an admin fixes.
- Anything else (Slack down after the client's own retries, a timeout, a dropped connection, our database
  away) is FAILED: the ledger keeps the claim and a later run looks for the earlier attempt before it posts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import Final

from slack_sdk.errors import SlackApiError, SlackClientError

from scheduling.ports import SendResult
from storage.db import StorageUnavailable

log = logging.getLogger(__name__)


class ErrorScope(StrEnum):
    RECIPIENT = "recipient"
    WORKSPACE = "workspace"
    PASSING = "passing"


SLACK_ERRORS: Final[dict[str, ErrorScope]] = {
    # about the person
    "user_disabled": ErrorScope.RECIPIENT,  # conversations.open: the account is deactivated
    "user_not_found": ErrorScope.RECIPIENT,
    "users_not_found": ErrorScope.RECIPIENT,
    "user_not_visible": ErrorScope.RECIPIENT,  # the bot may not see this user (e.g. a restricted guest)
    "cannot_dm_bot": ErrorScope.RECIPIENT,
    "user_is_bot": ErrorScope.RECIPIENT,
    "not_allowed": ErrorScope.RECIPIENT,
    # about the channel (a DM that is gone, or the team channel)
    "channel_not_found": ErrorScope.RECIPIENT,
    "not_in_channel": ErrorScope.RECIPIENT,
    "is_archived": ErrorScope.RECIPIENT,
    "method_not_supported_for_channel_type": ErrorScope.RECIPIENT,
    # about the whole install
    "messages_tab_disabled": ErrorScope.WORKSPACE,
    "restricted_action": ErrorScope.WORKSPACE,
    "account_inactive": ErrorScope.WORKSPACE,  # the token belongs to a deleted user or workspace
    "invalid_auth": ErrorScope.WORKSPACE,
    "not_authed": ErrorScope.WORKSPACE,
    "token_revoked": ErrorScope.WORKSPACE,
    "missing_scope": ErrorScope.WORKSPACE,
}

NOT_A_MEMBER: Final[frozenset[str]] = frozenset({"channel_not_found", "not_in_channel"})
"""How Slack answers about a private channel the bot has not been invited to (conversations.members)."""


def scope_of(error: str) -> ErrorScope:
    return SLACK_ERRORS.get(error, ErrorScope.PASSING)


def error_of(exc: SlackApiError) -> str:
    return str(exc.response.get("error") or "")


def failed(exc: SlackApiError, what: str) -> SendResult:
    """UNREACHABLE for Slack's errors about the recipient, FAILED (retried later) for any other."""
    error = error_of(exc)
    scope = scope_of(error)
    if scope is ErrorScope.RECIPIENT:
        log.info("%s: the recipient cannot be reached (%s)", what, error)
        return SendResult.UNREACHABLE
    if scope is ErrorScope.WORKSPACE:
        log.error("%s not delivered: Slack says %s for the whole workspace; will be retried", what, error)
        return SendResult.FAILED
    log.warning("%s not delivered (Slack error %s); will be retried", what, error or exc.response.status_code)
    return SendResult.FAILED


def attempt(what: str, send: Callable[[], object]) -> SendResult:
    """Run one delivery and say how it went: SENT, UNREACHABLE or FAILED (a timeout or a dropped
    connection after the WebClient's own retries, or the database away, is FAILED)."""
    try:
        send()
    except SlackApiError as exc:
        return failed(exc, what)
    except (SlackClientError, StorageUnavailable, OSError) as exc:
        log.warning("%s not delivered (%s); will be retried", what, type(exc).__name__)
        return SendResult.FAILED
    return SendResult.SENT
