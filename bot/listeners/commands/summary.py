"""`/balanse oppsummering` (`summary`, `sammanfattning`) and the team buttons of its choice: a manager's
own look at the team's latest published summary, in the DM with its chart (a file cannot be ephemeral),
and an ephemeral note saying so; before the first summary, an ephemeral status. Others are refused."""

from __future__ import annotations

import re
from collections.abc import Callable

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.ids import parse_id
from bot.messages import summary_on_demand as msg
from bot.requester import requester
from bot.senders.summaries import SummarySlackSender
from bot.services import Services
from coaching.i18n import t
from coaching.locale import Locale
from scheduling.ports import SendResult
from survey_flows.summary_on_demand import SummaryAsk

TEAM_BUTTON = re.compile(r"^summary_team_\d+$")


def show_summary(
    services: Services,
    client: WebClient,
    workspace_id: str,
    user_id: str,
    respond: Respond,
    locale: Locale,
    team_id: int | None = None,
) -> None:
    answer = services.summaries.ask(workspace_id, user_id, team_id)
    reply = {"response_type": "ephemeral", "replace_original": team_id is not None}
    if answer.status is SummaryAsk.NOT_MANAGER:
        respond(**reply, **msg.refused(locale, asked_for_team=team_id is not None).as_kwargs())
    elif answer.status is SummaryAsk.CHOOSE:
        respond(**reply, **msg.choose_team(locale, answer).as_kwargs())
    elif answer.status is SummaryAsk.NOT_YET and answer.team is not None and answer.first is not None:
        message = msg.not_yet(locale, answer.team, answer.first, answer.progress, answer.sellers)
        respond(**reply, **message.as_kwargs())
    elif answer.team is not None and answer.summary is not None:
        sender = SummarySlackSender(client, services.profiles, services.default_locale)
        result = sender.send_manager_summary(answer.team, answer.summary, user_id, chart=True)
        if result is SendResult.SENT:
            respond(**reply, **msg.sent(locale, answer.team).as_kwargs())
        else:
            respond(**reply, text=t(locale, "error.slack"))


ShowForTeam = Callable[[Services, WebClient, str, str, Respond, Locale, int | None], None]
"""`show_summary` or `show_report`: what a manager asked for, for the team they chose (None: not yet chosen)."""


def team_button_handler(services: Services, show: ShowForTeam = show_summary) -> Callable[..., None]:
    """A team button of a manager's choice (the summary's or the report's): the same access rule again."""

    def on_team(
        ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: dict
    ) -> None:
        ack()
        who = requester(context)
        found = parse_id(action.get("value"))
        team_id = -1 if found is None else found  # a forged value is simply no team of theirs
        show(services, client, who.workspace_id, who.user_id, respond, who.locale, team_id)

    return on_team
