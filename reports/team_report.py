"""A team's report for a director: its published weekly summaries over N weeks, from the frozen snapshots.

Every week of the report is the week as the team channel got it: the snapshot frozen when it was published,
judged against the published weeks before it by the team's minimum (`survey_flows.frozen_weeks.summary_of`,
exactly as the publisher reads a frozen week back), and put into words by the one composer every front end
uses (`coaching.summary_text.compose`). No raw answer is read. A suppressed week says how many answered and
the minimum, nothing else; its row in the CSV has no figures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from coaching.i18n import t
from coaching.locale import Locale, resolve_locale
from coaching.summary import TeamSummary
from coaching.summary_text import SummaryText, compose, week_number
from reports.chart_texts import chart_alt_text, zone_chart
from storage import summaries, teams
from storage.db import Database
from survey_flows.frozen_weeks import summary_of
from survey_flows.summary_weeks import PREVIOUS_WEEKS
from survey_flows.views import TeamView

DEFAULT_WEEKS = 12
CSV_COLUMNS = (
    "week",
    "answered",
    "eligible",
    "suppressed",
    "safety_mean",
    "safety_change",
    "standard_mean",
    "standard_change",
    "administration_mean",
    "zone",
)


@dataclass(frozen=True, slots=True)
class ReportWeek:
    summary: TeamSummary
    text: SummaryText


@dataclass(frozen=True, slots=True)
class TeamReport:
    team: TeamView
    locale: Locale
    weeks: tuple[ReportWeek, ...]
    """Oldest first; only published weeks."""
    made_on: date

    @property
    def latest_shown(self) -> ReportWeek | None:
        """The newest week with a chart (a shown week with a zone)."""
        return next(
            (w for w in reversed(self.weeks) if w.summary.zone is not None and w.summary.history), None
        )

    def chart_png(self) -> bytes | None:
        week = self.latest_shown
        return None if week is None else zone_chart(self.locale, week.summary, self.team.cutoff)

    def chart_alt(self) -> str | None:
        week = self.latest_shown
        return None if week is None else chart_alt_text(self.locale, week.summary)

    def title(self) -> str:
        return t(self.locale, "report.title", team=self.team.name)

    def span(self) -> str:
        """ "Week 37 to 48 (12 published weeks)"; or that none is published yet."""
        if not self.weeks:
            return t(self.locale, "report.none")
        return t(
            self.locale,
            "report.span",
            first=week_number(self.weeks[0].summary.period),
            last=week_number(self.weeks[-1].summary.period),
            count=len(self.weeks),
        )


def published_summaries(db: Database, team_id: int, weeks: int = DEFAULT_WEEKS) -> list[TeamSummary]:
    """The team's last `weeks` published summaries, oldest first, each read back from its frozen snapshot
    as the channel got it."""
    with db.session() as s:
        team = teams.get_team(s, team_id)
        if team is None:
            return []
        found = summaries.team_snapshots(s, team_id)[-weeks:] if weeks > 0 else []
        return [
            summary_of(
                snapshot,
                summaries.snapshots(s, team_id, snapshot.period, PREVIOUS_WEEKS),
                team.min_respondents,
            )
            for snapshot in found
        ]


def team_report(
    db: Database, team: TeamView, *, today: date, weeks: int = DEFAULT_WEEKS, locale: str | None = None
) -> TeamReport:
    """The report of `team` in `locale` (the team's language by default)."""
    chosen = resolve_locale(locale, team.locale)
    found = published_summaries(db, team.id, weeks)
    return TeamReport(
        team,
        chosen,
        tuple(ReportWeek(summary, compose(chosen, team.name, summary)) for summary in found),
        today,
    )


def find_team(db: Database, workspace_id: str, name: str) -> TeamView | None:
    """The workspace's team of that name (case does not matter)."""
    wanted = name.strip().casefold()
    return next((team for team in workspace_teams(db, workspace_id) if team.name.casefold() == wanted), None)


def workspace_teams(db: Database, workspace_id: str) -> list[TeamView]:
    with db.session() as s:
        return sorted(
            (TeamView.of(team) for team in teams.list_teams(s) if team.workspace_id == workspace_id),
            key=lambda team: team.name.casefold(),
        )


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def report_csv(report: TeamReport) -> str:
    """One row per published week: counts, the per-axis means and changes that were shown, and the zone.
    Nothing per person; a suppressed week's figures are empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for week in report.weeks:
        s = week.summary
        safety, standard = s.safety, s.standard
        writer.writerow(
            [
                s.period,
                s.respondents,
                s.eligible,
                "yes" if s.suppressed else "no",
                _figure(safety.mean if safety else None),
                _figure(safety.change if safety else None),
                _figure(standard.mean if standard else None),
                _figure(standard.change if standard else None),
                _figure(s.administration),
                s.zone or "",
            ]
        )
    return out.getvalue()


class TeamReports:
    """A team's report on request (`/balanse rapport`): the same report as the command line's, by the clock's
    date. Who may have it is the caller's rule (a manager of the team, as for `/balanse oppsummering`)."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    def of(self, team: TeamView, *, locale: str, weeks: int = DEFAULT_WEEKS) -> TeamReport:
        return team_report(self.db, team, today=self.clock().date(), weeks=weeks, locale=locale)
