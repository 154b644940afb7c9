"""The team setup form was submitted: check it, save it, confirm privately, let the scheduler know.

Everything that can reject the form (validation, permission, the database) happens before the ack, so the
errors show under the inputs and the form stays open; Slack calls come after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ids import BlockId
from bot.messages import setup as setup_msg
from bot.services import Services
from coaching.i18n import t
from storage.db import StorageUnavailable
from survey_flows.teams import SaveStatus

log = logging.getLogger(__name__)


def handler(services: Services) -> Callable[..., None]:
    def on_submit(ack: Ack, body: dict, view: dict, client: WebClient, context: dict) -> None:
        workspace_id = (body.get("team") or {}).get("id") or view.get("team_id")
        user_id = body["user"]["id"]
        channel_id = view.get("private_metadata") or ""
        locale = services.locale(client, context, workspace_id, user_id)
        settings = setup_msg.read_submission(view["state"]["values"])
        try:
            caller_tz = services.profiles.tz(workspace_id, user_id)
            outcome = services.teams.save(workspace_id, channel_id, user_id, settings, caller_tz)
        except StorageUnavailable:
            log.warning("database unavailable while saving a team")
            ack(response_action="errors", errors={BlockId.SETUP_NAME: t(locale, "error.storage")})
            return
        if outcome.status is SaveStatus.INVALID:
            ack(response_action="errors", errors=setup_msg.modal_errors(locale, outcome.errors))
            return
        if outcome.status is SaveStatus.FORBIDDEN:
            ack(response_action="errors", errors={BlockId.SETUP_MANAGERS: t(locale, "setup.error.forbidden")})
            return
        ack()
        try:
            # Learn the new members' time zone, language and whether they are bots (once, not per send).
            services.profiles.refresh(client, workspace_id, outcome.managers + outcome.sellers)
        finally:
            services.teams_changed()
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
        )
        client.chat_postEphemeral(channel=channel_id, user=user_id, **message.as_kwargs())

    return on_submit
