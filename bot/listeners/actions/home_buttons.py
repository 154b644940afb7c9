"""The App Home buttons: continue an open run, or start the survey or a pulse."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ids import ActionId, parse_id
from bot.listeners.events.home import publish_home
from bot.services import Services
from coaching.i18n import t
from survey_flows.survey import StartOutcome, StartStatus
from survey_flows.views import Kind


def _deliver(
    services: Services, client: WebClient, workspace_id: str, user_id: str, outcome: StartOutcome, locale
) -> None:
    """App Home has no ephemeral messages: what the seller needs to know (where the open question waits,
    or that the button led nowhere) becomes a notice at the top of their Home, published again. A double
    click publishes the same view twice and posts nothing twice."""
    if outcome.status is StartStatus.NOT_FOUND:
        notice = t(locale, "home.unknown_button")
    elif outcome.result is None:
        notice = services.conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
    else:
        notice = None  # finished meanwhile: Home shows the result
    publish_home(services, client, workspace_id, user_id, locale, notice)


def continue_handler(services: Services) -> Callable[..., None]:
    def on_continue(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        workspace_id, user_id = body["team"]["id"], body["user"]["id"]
        locale = services.locale(client, context, workspace_id, user_id)
        run_id = parse_id(action.get("value"))
        if run_id is None:  # forged or garbled: the same answer as a run that is not theirs
            outcome = StartOutcome(StartStatus.NOT_FOUND, None)
        else:
            outcome = services.flow.resume_run(workspace_id, user_id, run_id, locale)
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
