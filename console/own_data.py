"""A person's own data from the console: leave the team (`/balanse forlat`), a copy of everything stored
(`/balanse eksport`, written as the same JSON file Slack sends) and forget-me (`/balanse glem-meg`, asked first).
The same services as Slack's commands (survey_flows/teams.py, survey_flows/privacy.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coaching.i18n import t
from coaching.markup import escape
from console.screen import Screen
from survey_flows.privacy import PrivacyService
from survey_flows.teams import TeamService

Choose = Callable[[int, Callable[[int], None]], None]
"""Ask for a number from 1 to n, then call back with its index."""


class OwnData:
    def __init__(
        self, teams: TeamService, privacy: PrivacyService, screen: Screen, workspace_id: str, user_id: str
    ) -> None:
        self.teams = teams
        self.privacy = privacy
        self.screen = screen
        self.locale = screen.locale
        self.workspace_id = workspace_id
        self.user_id = user_id

    def leave(self) -> None:
        left = self.teams.leave(self.workspace_id, self.user_id)
        if left is not None:
            self.screen.say(t(self.locale, "leave.done", team=escape(left.name)))
        elif managed := self.teams.managed(self.workspace_id, self.user_id):
            names = ", ".join(f"**{escape(team.name)}**" for team in managed)
            self.screen.say(t(self.locale, "leave.manager", teams=names))
        else:
            self.screen.say(t(self.locale, "leave.none"))

    def export(self, directory: Path) -> None:
        document = self.privacy.export(self.workspace_id, self.user_id, self.locale)
        if document is None:
            self.screen.say(t(self.locale, "privacy.nothing_stored"))
            return
        path = directory / self.privacy.filename()
        path.write_text(self.privacy.encode(document), encoding="utf-8")
        self.screen.say(t(self.locale, "privacy.export.comment"))
        self.screen.say(f"`{path}`")

    def ask_forget(self, choose: Choose) -> None:
        """Nothing is deleted before the person chooses to."""
        if not self.privacy.knows(self.workspace_id, self.user_id):
            self.screen.say(t(self.locale, "privacy.nothing_stored"))
            return
        self.screen.say(t(self.locale, "privacy.forget.ask"))
        self.screen.note(t(self.locale, "privacy.forget.kept"))
        self.screen.choices(
            [t(self.locale, "privacy.forget.button"), t(self.locale, "privacy.forget.cancel")]
        )
        choose(2, self._forget)

    def _forget(self, index: int) -> None:
        if index != 0:
            self.screen.say(t(self.locale, "privacy.forget.cancelled"))
            return
        self.privacy.forget(self.workspace_id, self.user_id)
        self.screen.say(t(self.locale, "privacy.forget.done"))
