"""`/balanse leave` (`forlat`, `lämna`): a seller leaves their team themselves, privately."""

from __future__ import annotations

from slack_bolt import Respond

from bot.messages import escape
from bot.messages.survey import notice
from bot.requester import Requester
from bot.services import Services
from coaching.i18n import t
from survey_flows.team_settings import NAME_MAX


def leave_team(services: Services, respond: Respond, who: Requester) -> None:
    workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
    left = services.teams.leave(workspace_id, user_id)
    if left is not None:
        text = t(locale, "leave.done", team=escape(left.name, NAME_MAX))
    elif managed := services.teams.managed(workspace_id, user_id):
        names = ", ".join(f"**{escape(team.name, NAME_MAX)}**" for team in managed)
        text = t(locale, "leave.manager", teams=names)
    else:
        text = t(locale, "leave.none")
    respond(response_type="ephemeral", **notice(text).as_kwargs())
