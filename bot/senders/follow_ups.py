"""The follow-up reminder of a coaching plan over Slack: the `FollowUpSender` the dispatcher drives.

One call performs one delivery and says how it went; `FollowUpDispatcher` keeps the claim. Errors about the
recipient (deactivated, DMs not allowed, ...) are UNREACHABLE, like for the pulse; anything else FAILED.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.clients import WorkspaceClients
from bot.messages.advice_home import reminder
from bot.posting import post_once
from bot.recovery import post_marker
from bot.senders.outcomes import attempt
from bot.services import Services
from scheduling.ports import SendResult
from survey_flows.advice_views import FollowUpReminder

log = logging.getLogger(__name__)


class CoachingSlackSender:
    def __init__(self, clients: WorkspaceClients, services: Services) -> None:
        self.clients = clients
        self.services = services

    def send_follow_up(self, item: FollowUpReminder) -> SendResult:
        """A DM to the manager with the plan's checkpoints, a link to the advice's thread and "assess again"."""

        def post() -> None:
            client = self.clients.for_workspace(item.workspace_id)
            locale = self.services.profiles.for_sending(client, item.workspace_id, item.manager_user_id)
            channel = self.services.profiles.dm_channel(client, item.workspace_id, item.manager_user_id)
            message = reminder(locale, item, self._permalink(client, item))
            # Follow-ups are few (one per plan), so every one looks first: a reminder retried after a
            # failure that reached Slack (a timeout, a lost answer) is found instead of sent twice.
            post_once(
                client,
                channel=channel,
                marker=post_marker("follow_up", follow_up_id=item.follow_up_id),
                look_first=True,
                **message.as_kwargs(),
            )

        return attempt("follow-up", post)

    def _permalink(self, client: WebClient, item: FollowUpReminder) -> str | None:
        """The advice's thread, if Slack still knows it (chat.getPermalink needs no scope)."""
        request = item.request
        if not request.channel_id or not request.thread_ts:
            return None
        try:
            found = client.chat_getPermalink(channel=request.channel_id, message_ts=request.thread_ts)
        except SlackApiError as exc:
            log.info("no permalink for a coaching thread: %s", exc.response.get("error"))
            return None
        return str(found.get("permalink") or "") or None
