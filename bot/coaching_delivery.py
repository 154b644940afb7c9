"""The follow-up reminder of a coaching plan over Slack: the `FollowUpSender` the dispatcher drives.

One call performs one delivery and says how it went; `FollowUpDispatcher` keeps the claim. Errors about the
recipient (deactivated, DMs not allowed, ...) are UNREACHABLE, like for the pulse; anything else FAILED.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.delivery import UNREACHABLE_ERRORS
from bot.messages.coaching_home import reminder
from bot.services import Services
from coaching.locale import Locale
from storage.db import StorageUnavailable
from survey_flows.coaching_views import FollowUpReminder
from survey_flows.delivery import SendResult

log = logging.getLogger(__name__)


class CoachingSlackSender:
    def __init__(self, client: WebClient, services: Services) -> None:
        self.client = client
        self.services = services

    def send_follow_up(self, item: FollowUpReminder) -> SendResult:
        """A DM to the manager with the plan's checkpoints, a link to the advice's thread and "assess again"."""
        try:
            locale = self._locale(item.workspace_id, item.manager_user_id)
            channel = self.services.profiles.dm_channel(self.client, item.workspace_id, item.manager_user_id)
            message = reminder(locale, item, self._permalink(item))
            self.client.chat_postMessage(channel=channel, **message.as_kwargs())
            return SendResult.SENT
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "")
            if error in UNREACHABLE_ERRORS:
                log.info("follow-up: the manager cannot be sent a DM (%s)", error)
                return SendResult.UNREACHABLE
            log.warning("follow-up not delivered (Slack error %s)", error or exc.response.status_code)
            return SendResult.FAILED
        except (SlackClientError, StorageUnavailable, OSError) as exc:
            log.warning("follow-up not delivered (%s)", type(exc).__name__)
            return SendResult.FAILED

    def _permalink(self, item: FollowUpReminder) -> str | None:
        """The advice's thread, if Slack still knows it (chat.getPermalink needs no scope)."""
        request = item.request
        if not request.channel_id or not request.thread_ts:
            return None
        try:
            found = self.client.chat_getPermalink(channel=request.channel_id, message_ts=request.thread_ts)
        except SlackApiError as exc:
            log.info("no permalink for a coaching thread: %s", exc.response.get("error"))
            return None
        return str(found.get("permalink") or "") or None

    def _locale(self, workspace_id: str, user_id: str) -> Locale:
        """The cached language (no users.info per send), else Slack's answer."""
        profiles = self.services.profiles
        cached = profiles.store.get(workspace_id, user_id)
        if cached is not None and cached.locale is not None:
            return cached.locale
        return profiles.locale(self.client, workspace_id, user_id)
