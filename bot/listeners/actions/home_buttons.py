"""The App Home buttons: continue an open run, or start the survey, a pulse or (for managers) the leader's
mirror; a button whose run of this period is done shows that result and when the next one opens."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.ids import ActionId, parse_id
from bot.listeners.events.home import publish_home
from bot.messages.survey import next_opens
from bot.requester import requester
from bot.services import Services
from coaching.i18n import t
from survey_flows.survey import StartOutcome, StartStatus
from survey_flows.views import Kind

_KINDS = {ActionId.START_SURVEY: Kind.FULL, ActionId.START_PULSE: Kind.PULSE, ActionId.START_SELF: Kind.SELF}


def _deliver(
    services: Services, client: WebClient, workspace_id: str, user_id: str, outcome: StartOutcome, locale
) -> None:
    """App Home has no ephemeral messages: what the seller needs to know (where the open question waits,
    or that the button led nowhere) becomes a notice at the top of their Home, published again. A double
    click publishes the same view twice and posts nothing twice."""
    result = outcome.result
    if outcome.status is StartStatus.NOT_FOUND:
        notice = t(locale, "home.unknown_button")
    elif result is None:
        notice = services.conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
    else:  # this period's is done: its result again, and when the next one opens (as the command says)
        notice = f"{t(locale, f'home.done.{result.kind}')} {next_opens(locale, result)}"
    publish_home(services, client, workspace_id, user_id, locale, notice, result)


def continue_handler(services: Services) -> Callable[..., None]:
    def on_continue(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
        ack()
        who = requester(context)
        workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
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
        who = requester(context)
        workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
        kind = _KINDS.get(str(action.get("action_id")), Kind.PULSE)
        outcome = services.flow.start(
            workspace_id, user_id, kind, locale, tz=services.profiles.tz(workspace_id, user_id)
        )
        _deliver(services, client, workspace_id, user_id, outcome, locale)

    return on_start
