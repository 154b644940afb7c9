"""The Slack side of the DM warm-up (scheduling/dm_warmup.py): conversations.open for one member.

The warm-up decides who and paces the calls; this only opens the channel and says how it went, with the
same table of Slack's errors as every sender (bot/senders/outcomes.py), so a member is marked the same way
whichever of the two meets the error first.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.clients import WorkspaceClients
from bot.senders.outcomes import ErrorScope, error_of, scope_of
from scheduling.dm_warmup import OpenResult

log = logging.getLogger(__name__)


class SlackDmOpener:
    def __init__(self, clients: WorkspaceClients) -> None:
        self.clients = clients

    def open_dm(self, workspace_id: str, user_id: str) -> tuple[OpenResult, str | None]:
        try:
            answer = self.clients.for_workspace(workspace_id).conversations_open(users=user_id)
        except SlackApiError as exc:
            error = error_of(exc)
            if scope_of(error) is ErrorScope.RECIPIENT:
                log.info("DM warm-up: the member cannot be sent a DM (%s)", error)
                return OpenResult.UNREACHABLE, None
            log.warning("DM warm-up: conversations.open failed (%s)", error or exc.response.status_code)
            return OpenResult.FAILED, None
        except SlackClientError as exc:
            log.warning("DM warm-up: conversations.open failed (%s)", type(exc).__name__)
            return OpenResult.FAILED, None
        channel = (answer.get("channel") or {}).get("id")
        return (OpenResult.OPENED, str(channel)) if channel else (OpenResult.FAILED, None)
