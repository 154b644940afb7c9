"""The App Home buttons: continue an open run, or start the survey or a pulse."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ids import ActionId
from bot.listeners.events.home import publish_home
from bot.services import Services
from survey_flows.survey import StartOutcome
from survey_flows.views import Kind


def _deliver(
    services: Services, client: WebClient, workspace_id: str, user_id: str, outcome: StartOutcome, locale
) -> None:
    if outcome.result is None:
        services.conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
    publish_home(services, client, workspace_id, user_id, locale)


def continue_handler(services: Services) -> Callable[..., None]:
    def on_continue(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id = body["team"]["id"], body["user"]["id"]
        locale = services.locale(client, context, workspace_id, user_id)
        raw = action.get("value", "")
        if not raw.isdigit():
            publish_home(services, client, workspace_id, user_id, locale)
            return
        outcome = services.flow.resume_run(workspace_id, user_id, int(raw), locale)
        _deliver(services, client, workspace_id, user_id, outcome, locale)

    return on_continue


def start_handler(services: Services) -> Callable[..., None]:
    def on_start(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id = body["team"]["id"], body["user"]["id"]
        locale = services.locale(client, context, workspace_id, user_id)
        kind = Kind.FULL if action.get("action_id") == ActionId.START_SURVEY else Kind.PULSE
        outcome = services.flow.start(
            workspace_id, user_id, kind, locale, tz=services.profiles.tz(workspace_id, user_id)
        )
        _deliver(services, client, workspace_id, user_id, outcome, locale)

    return on_start
