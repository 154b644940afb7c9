"""`/balanse setup` (`oppsett`, `inställningar`) in a team's channel: open the team's settings form.

Slack's trigger_id is valid for 3 seconds, so only quick work happens before views.open: the cached team and
profiles, whether the caller may set up a team (users.info, only when the channel has no team with managers)
and the channel's members (conversations.members, a page or a few).
"""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.channels import channel_members
from bot.messages import setup as setup_msg
from bot.requester import Requester
from bot.senders.outcomes import NOT_A_MEMBER
from bot.services import Services
from survey_flows.team_settings import TeamSettings
from survey_flows.teams import SetupRight, setup_right


def is_direct_message(command: dict) -> bool:
    channel_id, name = command.get("channel_id") or "", command.get("channel_name") or ""
    return channel_id.startswith("D") or name == "directmessage" or name.startswith("mpdm-")


def open_setup(
    services: Services,
    client: WebClient,
    command: dict,
    respond: Respond,
    who: Requester,
    bot_user_id: str | None,
) -> None:
    workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
    channel_id = command["channel_id"]
    if is_direct_message(command):
        respond(response_type="ephemeral", **setup_msg.not_in_channel(locale).as_kwargs())
        return
    team, managers, sellers = services.teams.for_channel(workspace_id, channel_id)
    may_create = (team is None or not managers) and services.setup_access.allows(
        client, workspace_id, user_id
    )
    right = setup_right(team, managers, user_id, may_create=may_create)
    if right is SetupRight.FORBIDDEN and team is not None:
        respond(response_type="ephemeral", **setup_msg.refused(locale, team.name, managers).as_kwargs())
        return
    if right is SetupRight.NOT_ALLOWED:
        respond(response_type="ephemeral", **setup_msg.not_allowed(locale).as_kwargs())
        return
    try:
        in_channel = channel_members(client, channel_id)
    except SlackApiError as exc:
        if exc.response.get("error") not in NOT_A_MEMBER:
            raise
        in_channel = []
    if not in_channel or (bot_user_id and bot_user_id not in in_channel):
        # Without the bot in the channel no summary can be posted there.
        respond(response_type="ephemeral", **setup_msg.invite_bot(locale).as_kwargs())
        return
    if team is not None and managers:
        settings = TeamSettings.of(team, managers, sellers)
    else:
        bots = services.teams.bots_among(workspace_id, in_channel)
        leaders = (user_id,)
        member_ids = tuple(u for u in in_channel if u not in bots and u != bot_user_id and u not in leaders)
        settings = TeamSettings(name="", manager_ids=leaders, member_ids=member_ids, locale=locale)
        if team is not None:  # a team whose managers have all gone: keep its settings, offer it to the caller
            settings = TeamSettings.of(team, leaders, sellers or member_ids)
    view = setup_msg.setup_modal(
        locale,
        channel_id,
        settings,
        services.profiles.tz(workspace_id, user_id),
        editing=team is not None,
    )
    client.views_open(trigger_id=command["trigger_id"], view=view.to_dict())
