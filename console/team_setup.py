"""`/balanse oppsett` in the console: the team's name, then its sellers by name; the caller manages it. Saved
by the same team service as Slack's setup form (survey_flows/teams.py), under the same rules."""

from __future__ import annotations

from collections.abc import Callable

from coaching.i18n import t
from coaching.markup import escape, person
from console.people import ConsoleNames
from console.screen import Screen
from survey_flows.team_settings import TeamSettings
from survey_flows.teams import SaveStatus, SetupFacts, TeamService

Prompt = Callable[[str], None]
"""What reads the next line typed."""

_SAVED = {SaveStatus.CREATED: "setup.saved.created", SaveStatus.UPDATED: "setup.saved.updated"}
_REFUSED = {SaveStatus.FORBIDDEN: "setup.error.forbidden", SaveStatus.NOT_ALLOWED: "setup.error.not_allowed"}


class TeamSetup:
    def __init__(
        self,
        teams: TeamService,
        names: ConsoleNames,
        screen: Screen,
        workspace_id: str,
        user_id: str,
        ask_line: Callable[[Prompt], None],
    ) -> None:
        self.teams = teams
        self.names = names
        self.screen = screen
        self.locale = screen.locale
        self.workspace_id = workspace_id
        self.user_id = user_id
        self.ask_line = ask_line

    def start(self) -> None:
        self.screen.say(f"**{t(self.locale, 'setup.name.label')}**")

        def named_team(name: str) -> None:
            self.screen.say(t(self.locale, "terminal.setup.sellers"))
            self.ask_line(lambda text: self.save(name, text))

        self.ask_line(named_team)

    def save(self, name: str, sellers_text: str) -> None:
        """The console has no channels: each team gets its own, named after it, with its people in it."""
        sellers = tuple(
            dict.fromkeys(self.names.resolve(word) for word in sellers_text.split(",") if word.strip())
        )
        settings = TeamSettings(
            name=name, manager_ids=(self.user_id,), member_ids=sellers, locale=self.locale
        )
        channel = "C" + "".join(ch for ch in name.upper() if ch.isascii() and ch.isalnum())[:20]
        facts = SetupFacts(channel_members=frozenset((*sellers, self.user_id)), may_create=True)
        outcome = self.teams.save(self.workspace_id, channel, self.user_id, settings, facts)
        if outcome.status in _SAVED and outcome.team is not None:
            people = {
                "sellers": ", ".join(person(user_id) for user_id in outcome.sellers),
                "managers": ", ".join(person(user_id) for user_id in outcome.managers),
            }
            self.screen.say(t(self.locale, _SAVED[outcome.status], name=escape(outcome.team.name), **people))
            return
        for key in outcome.errors.values():
            self.screen.note(t(self.locale, key))
        for conflict in outcome.conflicts:
            self.screen.note(
                t(
                    self.locale,
                    "setup.error.seller_elsewhere",
                    name=person(conflict.user_id),
                    team=escape(conflict.team_name),
                )
            )
        if outcome.status in _REFUSED:
            self.screen.note(t(self.locale, _REFUSED[outcome.status]))
        self.screen.note(t(self.locale, "terminal.setup.cancelled"))
