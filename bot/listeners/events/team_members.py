"""Who gets the pulse: someone leaving a team's channel leaves the team, a deactivated account gets nothing.

Joining a channel adds nobody: a manager chooses the sellers in `/balanse setup`.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.requester import workspace_of
from bot.services import Services


def left_channel_handler(services: Services) -> Callable[..., None]:
    def on_member_left_channel(event: dict, context: dict) -> None:
        user_id, channel_id, workspace_id = event.get("user"), event.get("channel"), workspace_of(context)
        if user_id and channel_id and workspace_id:
            services.teams.member_left_channel(workspace_id, channel_id, user_id)

    return on_member_left_channel


def user_change_handler(services: Services) -> Callable[..., None]:
    def on_user_change(event: dict, context: dict) -> None:
        user = event.get("user") or {}
        user_id, workspace_id = user.get("id"), workspace_of(context)
        if not user_id or not workspace_id:
            return
        is_bot = user.get("is_bot")
        known = services.profiles.store.update_known(
            workspace_id,
            user_id,
            slack_locale=user.get("locale"),
            tz=user.get("tz"),
            is_bot=is_bot if isinstance(is_bot, bool) else None,
        )
        if known:
            services.teams.member_deactivated(workspace_id, user_id, bool(user.get("deleted")))

    return on_user_change
