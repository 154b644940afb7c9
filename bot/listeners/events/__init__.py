from __future__ import annotations

from slack_bolt import App

from bot.listeners.events import home, lifecycle, messages, team_members
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.event("app_home_opened")(home.handler(services))
    app.event("message")(messages.handler(services))
    app.event("member_left_channel")(team_members.left_channel_handler(services))
    app.event("user_change")(team_members.user_change_handler(services))
    lifecycle.register(app, services)
