"""Which week a team's summary reports on, what SQL needs of every item, and the published summaries read back.

Shared by the people's side (App Home, `/balanse oppsummering`, the leader's self-view read the frozen
snapshots) and the clock's side (`scheduling.summaries` freezes and publishes them).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo

from sqlmodel import Session

from coaching.instrument import ITEMS_BY_ID, VERSIONS, Axis, Trait
from coaching.pulse import axis_weights, period_of
from coaching.stats import Sample
from coaching.summary import HISTORY_WEEKS, SPLIT_AXES, TeamSummary, WeekFigures, is_split
from coaching.week_figures import PAIRED_AXES
from storage import summaries, teams
from storage.db import Database
from survey_flows import calendar
from survey_flows.frozen_weeks import summary_of
from survey_flows.views import TeamView

_WEIGHTS: Final[Mapping[str, int]] = MappingProxyType(
    {item_id: weight for items in VERSIONS.values() for item_id, weight in axis_weights(items).items()}
)
ITEM_META: Final[Mapping[str, tuple[str, str, bool, int]]] = MappingProxyType(
    {
        item.id: (item.axis.value, item.trait.value, item.reverse, _WEIGHTS[item.id])
        for item in ITEMS_BY_ID.values()
    }
)
"""What SQL needs of every item ever asked, retired ones too (a week's answers count on their axis and
trait whichever version of the survey the run asked): axis, trait, reverse-keyed, and its weight on its
axis in a pulse of its version (the anchors' correction that puts a pulse on the full survey's scale,
`coaching.pulse.axis_weights`)."""
PREVIOUS_WEEKS: Final[int] = HISTORY_WEEKS - 1
"""Earlier published weeks read for a summary: enough for the chart's 8 weeks and the 4-week mean."""


def summary_period(team: TeamView, now: datetime) -> str:
    """The team-local ISO week of `now`, e.g. "2026-W48"."""
    return period_of(now.astimezone(ZoneInfo(team.tz)).date())


def reported_period(team: TeamView, now: datetime) -> str | None:
    """The ISO week of the pulse a summary at `now` reports on: this week's when the summary comes after
    the pulse in the week, last week's when it comes first (e.g. pulse Friday, summary Monday); None
    when that pulse never went out (calendar.reported_pulse_date)."""
    pulse = calendar.reported_pulse_date(
        calendar.local_date(now, team.tz),
        team.pulse_weekday,
        team.pulse_minute,
        team.summary_weekday,
        team.summary_minute,
        team.no_send_dates,
    )
    return period_of(pulse) if pulse is not None else None


def week_figures_of(moments: summaries.WeekMoments) -> WeekFigures:
    """The coaching model's WeekFigures from the SQL moments."""

    def sample(found: summaries.Moments | None) -> Sample | None:
        return None if found is None else Sample.from_moments(found.n, found.total, found.total_sq)

    def paired(axis: Axis) -> Sample | None:
        """The axis' paired cell; none if it counts more people than the axis (an answer that came in
        between the two statements), rather than a cell the week cannot hold."""
        found, own = moments.paired.get(axis), moments.axes.get(axis)
        return sample(found) if found is not None and own is not None and found.n <= own.n else None

    def split(axis: Axis) -> bool:
        """From the tails over the window (each person's own mean over the last weeks, against the
        team's mean of those): one week of three items a person cannot tell a split from noise."""
        people, high, low = moments.window_split.get(axis, (0, 0, 0))
        return moments.axes.get(axis) is not None and is_split(high, low, people)

    return WeekFigures(
        period=moments.period,
        respondents=moments.respondents,
        eligible=moments.eligible,
        safety=sample(moments.axes.get(Axis.SAFETY)),
        standard=sample(moments.axes.get(Axis.STANDARD)),
        administration=sample(moments.axes.get(Axis.ADMINISTRATION)),
        traits={trait: sample(moments.traits.get(trait)) for trait in Trait},
        split={axis: split(axis) for axis in SPLIT_AXES},
        paired={axis: paired(axis) for axis in PAIRED_AXES},
        survey={axis: sample(moments.survey.get(axis)) for axis in PAIRED_AXES},
    )


def latest_summary(s: Session, team_id: int) -> TeamSummary | None:
    """`SummaryService.latest` inside a caller's transaction (the leader's self-view reads it so)."""
    team = teams.get_team(s, team_id)
    snapshot = summaries.latest_snapshot(s, team_id)
    if team is None or snapshot is None:
        return None
    previous = summaries.snapshots(s, team_id, snapshot.period, PREVIOUS_WEEKS)
    return summary_of(snapshot, previous, team.min_respondents)


class PublishedSummaries:
    """The published summaries read back, for the people's side (coaching, App Home): frozen snapshots only."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def latest(self, team_id: int) -> TeamSummary | None:
        """The team's most recent published summary."""
        with self.db.session() as s:
            return latest_summary(s, team_id)
