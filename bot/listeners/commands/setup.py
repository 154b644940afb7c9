"""`/balanse setup` (`oppsett`, `inställningar`) in a team's channel: open the team's settings form.

Slack's trigger_id is valid for 3 seconds, so only quick work happens before views.open: the cached team and
profiles, and the channel's members (conversations.members, a page or a few).
"""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.messages import setup as setup_msg
from bot.services import Services
from coaching.locale import Locale
from survey_flows.teams import TeamSettings, may_change

MEMBER_PAGE = 200
MAX_MEMBER_PAGES = 5
"""At most 1,000 channel members are looked at for the default seller list (a team channel has far fewer)."""
NOT_A_MEMBER = frozenset({"channel_not_found", "not_in_channel"})
"""How conversations.members answers for a private channel the bot has not been invited to."""


def is_direct_message(command: dict) -> bool:
    channel_id, name = command.get("channel_id") or "", command.get("channel_name") or ""
    return channel_id.startswith("D") or name == "directmessage" or name.startswith("mpdm-")


def channel_members(client: WebClient, channel_id: str) -> list[str]:
    found: list[str] = []
    cursor = None
    for _ in range(MAX_MEMBER_PAGES):
        page = client.conversations_members(channel=channel_id, limit=MEMBER_PAGE, cursor=cursor)
        found.extend(page.get("members") or [])
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return found


def open_setup(
    services: Services,
    client: WebClient,
    command: dict,
    respond: Respond,
    locale: Locale,
    bot_user_id: str | None,
) -> None:
    workspace_id, user_id, channel_id = command["team_id"], command["user_id"], command["channel_id"]
    if is_direct_message(command):
        respond(response_type="ephemeral", **setup_msg.not_in_channel(locale).as_kwargs())
        return
    team, managers, sellers = services.teams.for_channel(workspace_id, channel_id)
    if team is not None and not may_change(team, managers, user_id):
        respond(response_type="ephemeral", **setup_msg.refused(locale, team.name, managers).as_kwargs())
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
