"""App Home by role: a welcome, the user's open run with a continue button and their last result; for
managers also their teams at a glance, the leader's mirror and their coaching requests."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk import WebClient

from bot.messages.advice_home import home_section
from bot.messages.home import home_view
from bot.messages.home_teams import manager_section
from bot.requester import requester
from bot.services import Services
from coaching.locale import Locale
from survey_flows.views import ResultView


def publish_home(
    services: Services,
    client: WebClient,
    workspace_id: str,
    user_id: str,
    locale: Locale,
    notice: str | None = None,
    result: ResultView | None = None,
) -> None:
    """`notice`: a line for the user at the top (e.g. where the open question waits), after a button;
    `result`: the result to show instead of the last one (the period's, when its button led nowhere)."""
    view = home_view(
        locale,
        services.flow.open_run(workspace_id, user_id),
        result or services.flow.last_result(workspace_id, user_id),
        coaching_section(services, workspace_id, user_id, locale),
        notice,
        manager_section(locale, services.team_glances.of_manager(workspace_id, user_id)),
    )
    client.views_publish(user_id=user_id, view=view.to_dict())


def coaching_section(services: Services, workspace_id: str, user_id: str, locale: Locale) -> list:
    """The manager's coaching requests and open follow-ups; nothing for someone who leads no team and
    never asked."""
    entries = services.advice.history(workspace_id, user_id)
    if not entries and not services.advice.is_manager(workspace_id, user_id):
        return []
    return home_section(locale, entries, services.profiles.tz(workspace_id, user_id))


def handler(services: Services) -> Callable[..., None]:
    def on_home_opened(event: dict, body: dict, client: WebClient, context: dict) -> None:
        if event.get("tab", "home") != "home":
            return
        who = requester(context)
        workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
        publish_home(services, client, workspace_id, user_id, locale)

    return on_home_opened
