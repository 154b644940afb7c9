"""The team setup form was submitted: check it, save it, confirm privately, let the scheduler know.

Everything that can reject the form happens before the ack, so the errors show under the inputs and the
form stays open: who is in the channel now (conversations.members), whether the caller may set up a team
(users.info, only for a team without managers), the validation and permission rules of the flow and the
database, and, only when a seller is refused, their names (users.info). Slack calls that act come after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.channels import channel_members
from bot.ids import BlockId
from bot.messages import setup as setup_msg
from bot.requester import requester
from bot.services import Services
from coaching.i18n import t
from storage.db import StorageUnavailable
from survey_flows.first_week import first_week
from survey_flows.teams import SaveStatus, SetupFacts

log = logging.getLogger(__name__)


def handler(services: Services) -> Callable[..., None]:
    def on_submit(ack: Ack, body: dict, view: dict, client: WebClient, context: dict) -> None:
        who = requester(context)
        workspace_id, user_id = who.workspace_id, who.user_id
        channel_id = view.get("private_metadata") or ""
        locale = who.locale
        settings = setup_msg.read_submission(view["state"]["values"])
        try:
            in_channel = frozenset(channel_members(client, channel_id))
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.warning("could not read the members of a team channel (%s)", type(exc).__name__)
            in_channel = frozenset()
        bot_user_id = context.get("bot_user_id")
        if not in_channel or (bot_user_id and bot_user_id not in in_channel):
            key = "setup.invite_bot" if in_channel else "setup.error.channel_unknown"
            ack(response_action="errors", errors={BlockId.SETUP_MEMBERS: t(locale, key)})
            return
        try:
            team, managers, _ = services.teams.for_channel(workspace_id, channel_id)
            may_create = (team is None or not managers) and services.setup_access.allows(
                client, workspace_id, user_id
            )
            caller_tz = services.profiles.tz(workspace_id, user_id)
            outcome = services.teams.save(
                workspace_id, channel_id, user_id, settings, SetupFacts(in_channel, may_create), caller_tz
            )
        except StorageUnavailable:
            log.warning("database unavailable while saving a team")
            ack(response_action="errors", errors={BlockId.SETUP_NAME: t(locale, "error.storage")})
            return
        if outcome.status is SaveStatus.INVALID:
            names = services.profiles.display_names(client, workspace_id, setup_msg.named_sellers(outcome))
            ack(response_action="errors", errors=setup_msg.modal_errors(locale, outcome, names))
            return
        if outcome.status in (SaveStatus.FORBIDDEN, SaveStatus.NOT_ALLOWED):
            key = (
                "setup.error.forbidden"
                if outcome.status is SaveStatus.FORBIDDEN
                else "setup.error.not_allowed"
            )
            ack(response_action="errors", errors={BlockId.SETUP_MANAGERS: t(locale, key)})
            return
        ack()
        try:
            # Learn the new members' time zone, language and whether they are bots (once, not per send).
            services.profiles.refresh(client, workspace_id, outcome.managers + outcome.sellers)
        finally:
            services.teams_changed()  # the scheduler re-derives its jobs and sends the notices owed
        team, managers, sellers = services.teams.for_channel(workspace_id, channel_id)
        if team is None:  # pragma: no cover - just saved
            return
        left_out = [u for u in outcome.sellers if u not in sellers]  # now known as apps or deactivated
        message = setup_msg.saved(
            locale,
            team,
            managers,
            sellers,
            created=outcome.status is SaveStatus.CREATED,
            left_out=left_out,
            first=first_week(team, services.teams.clock()) if outcome.status is SaveStatus.CREATED else None,
        )
        client.chat_postEphemeral(channel=channel_id, user=user_id, **message.as_kwargs())

    return on_submit
