from __future__ import annotations

from slack_bolt import App

from bot.ids import CallbackId
from bot.listeners.views import coach_person, team_setup
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.view(CallbackId.TEAM_SETUP)(team_setup.handler(services))
    app.view(CallbackId.COACH_PERSON)(coach_person.handler(services))
