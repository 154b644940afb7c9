"""Forget-me's buttons in the ephemeral confirmation: delete everything about the tapping user, or keep it.

The buttons act only on the user who taps them (an ephemeral message is theirs alone), and the outcome
replaces the confirmation, so the buttons are gone afterwards. A second tap that arrives anyway finds
nothing more to delete and says the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.listeners.events.home import publish_home
from bot.messages import privacy as msg
from bot.requester import requester
from bot.services import Services

log = logging.getLogger(__name__)


def confirm_handler(services: Services) -> Callable[..., None]:
    def on_confirm(ack: Ack, body: dict, client: WebClient, respond: Respond, context: dict) -> None:
        ack()
        who = requester(context)
        workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale  # before the profile goes
        services.privacy.forget(workspace_id, user_id)
        services.profiles.forget(workspace_id, user_id)  # and what this process heard from Slack
        respond(replace_original=True, response_type="ephemeral", **msg.forget_done(locale).as_kwargs())
        try:  # App Home still shows the last result: publish it empty (this reads, it stores nothing)
            publish_home(services, client, workspace_id, user_id, locale)
        except SlackApiError as exc:
            log.info("could not refresh App Home after forget-me: %s", exc.response.get("error"))

    return on_confirm


def cancel_handler(services: Services) -> Callable[..., None]:
    def on_cancel(ack: Ack, body: dict, client: WebClient, respond: Respond, context: dict) -> None:
        ack()
        locale = requester(context).locale
        respond(replace_original=True, response_type="ephemeral", **msg.forget_cancelled(locale).as_kwargs())

    return on_cancel
