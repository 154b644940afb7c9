from __future__ import annotations

from slack_bolt import App

from bot.ids import ShortcutId
from bot.listeners.shortcuts import coach_person
from bot.services import Services


def register(app: App, services: Services) -> None:
    app.shortcut(ShortcutId.COACH_PERSON)(coach_person.handler(services))
