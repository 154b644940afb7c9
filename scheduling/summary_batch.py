"""Every due team's week in ONE statement: the summary publisher computes a week's figures in waves.

The publisher is called once per team (each team has its own summary time), but many teams share a
summary time: with 1,000 teams at Friday 14:00, one statement per team would read the week's answers
1,000 times over. So the first team of a wave computes the figures of every team of its workspace that
is due for the same week at that moment (`storage.summaries.week_figures_all`, one statement) and
keeps the others' for their own publish calls, which follow within minutes. A second statement gives
the same teams' paired cells (`storage.summaries.paired_figures_all`: each person's week against their
own BASELINE_WEEKS weeks before) a third their split tails over the last ROLLING_WEEKS weeks, and a fourth the full survey's cells of
the months the zone's window touches.

A kept week is used only by a team that was already due when it was computed (its summary time had
come), and only for `MAX_AGE`; each is handed out once. So a team's figures are always taken at or
after its summary time, as before; an answer that arrives after that moment but before the team's turn
in the wave is left out, just like an answer that arrives after the publish. A team that becomes due
later (another summary time, or a later day) starts a new wave. Nothing here changes what is frozen or
shown: the week is frozen by the publisher as it was, and the anonymity rules apply to it unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Final

from sqlmodel import Session

from coaching.summary import ROLLING_WEEKS, ZONE_WEEKS
from coaching.week_figures import BASELINE_WEEKS
from storage import summaries, teams
from storage.summaries import ItemMeta, WeekMoments
from survey_flows import calendar
from survey_flows.views import TeamView

MAX_AGE: Final[timedelta] = timedelta(minutes=30)
"""How long a wave's figures wait for their teams' publish calls (1,000 channel posts at Slack's 300 a
minute take under 4 minutes)."""

ReportedPeriod = Callable[[TeamView, datetime], str | None]


def summary_instant(team: TeamView, now: datetime) -> datetime | None:
    """When the team's summary is due on the team-local day of `now`; None when that day is not its
    summary day (the same rule as the dispatcher's)."""
    today = calendar.local_date(now, team.tz)
    if calendar.summary_date(today, team.summary_weekday, team.no_send_dates) != today:
        return None
    return calendar.local_instant(today, team.summary_minute, team.tz)


@dataclass(slots=True)
class _Wave:
    computed_at: datetime
    figures: dict[int, WeekMoments]
    """Only teams that were due at `computed_at`; each is removed when handed out."""


class WeekBatches:
    """The publisher's waves, per workspace and week. Thread-safe: the scheduler publishes teams from
    several threads, and a call that arrives while a wave is being computed waits for it."""

    def __init__(self, item_meta: ItemMeta, *, max_age: timedelta = MAX_AGE) -> None:
        self.item_meta = item_meta
        self.max_age = max_age
        self._lock = threading.Lock()
        self._waves: dict[tuple[str, str], _Wave] = {}

    def week(
        self, s: Session, team: TeamView, period: str, now: datetime, reported: ReportedPeriod
    ) -> WeekMoments:
        """The team's figures for `period`: from the current wave if it holds them, else from a new
        wave computed now for this team and every other team of its workspace due for `period`."""
        key = (team.workspace_id, period)
        with self._lock:
            self._prune(now)
            wave = self._waves.get(key)
            if wave is not None and team.id in wave.figures:
                return wave.figures.pop(team.id)
            found = teams.list_teams(s)
            workspace = [TeamView.of(t) for t in found if t.workspace_id == team.workspace_id]
            due = {t.id for t in workspace if t.id != team.id and _due(t, period, now, reported)}
            wanted = None if len(due) + 1 >= len(workspace) else [team.id, *due]  # everyone: no filter
            figures = summaries.week_figures_all(s, team.workspace_id, period, self.item_meta, wanted)
            window = summaries.weeks_before(period, BASELINE_WEEKS)
            paired = summaries.paired_figures_all(
                s, team.workspace_id, period, window, self.item_meta, wanted
            )
            split_window = [*summaries.weeks_before(period, ROLLING_WEEKS - 1), period]
            split = summaries.split_tails_all(s, team.workspace_id, split_window, self.item_meta, wanted)
            months = summaries.months_of([*summaries.weeks_before(period, ZONE_WEEKS - 1), period])
            survey = summaries.survey_cells_all(s, team.workspace_id, months, self.item_meta, wanted)
            figures = {
                t: replace(
                    week,
                    paired=MappingProxyType(paired.get(t, {})),
                    window_split=MappingProxyType(split.get(t, {})),
                    survey=MappingProxyType(survey.get(t, {})),
                )
                for t, week in figures.items()
            }
            self._waves[key] = _Wave(now, {t: figures[t] for t in due if t in figures})
            return figures.get(team.id) or summaries.empty_week(period)

    def _prune(self, now: datetime) -> None:
        for key in [k for k, wave in self._waves.items() if now - wave.computed_at > self.max_age]:
            del self._waves[key]


def _due(team: TeamView, period: str, now: datetime, reported: ReportedPeriod) -> bool:
    instant = summary_instant(team, now)
    return instant is not None and instant <= now and reported(team, now) == period
