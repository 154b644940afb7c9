"""`seed_demo`: a demo workspace as twelve weeks of the real bot would have left it.

The teams are set up through the team service, the sellers take the survey in the first week and the
pulse every week (stored runs and answers, the same items the flow asks: `survey_flows.survey.items_for`),
each week's pulse is in the ledger as sent, and every Friday each team's summary is published through the
clock's own `SummaryService` with a sender that records instead of posting. So the frozen snapshots in the
database are exactly what the team channels would have got, and everything that reads them (App Home, the
console, the team report) shows the demo as it would show a real team.

Deterministic: the answers come from `random.Random(seed)`, the dates from `today`. Seeding a database
that holds the demo already changes nothing and returns the same workspace.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from coaching.instrument import CURRENT_VERSION, Axis
from coaching.pulse import period_of
from demo.personas import TEAMS, WORKSPACE_ID, DemoTeam, Person, answer, answering, offsets
from demo.sender import RecordingSender
from scheduling.ports import Sender
from scheduling.summaries import SummaryService
from storage import ledger, members, runs, teams
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows.survey import items_for
from survey_flows.team_settings import TeamSettings
from survey_flows.teams import SaveStatus, SetupFacts, TeamService
from survey_flows.views import Kind, TeamView

Progress = Callable[[int, int], None]

DIRECTOR = Person("UDEMOM00", "Marte Lund")
"""The sales director: a manager of every demo team (the one who asks for the report)."""
DIRECTOR_LOCALE = "nb"
DIRECTOR_TZ = "Europe/Oslo"

PULSE_AT = time(9)
ANSWERED_AT = time(11)
SUMMARY_AT = time(14)


@dataclass(frozen=True, slots=True)
class SeededTeam:
    team_id: int
    name: str
    channel_id: str
    locale: str
    cutoff: float
    manager: Person
    sellers: tuple[Person, ...]
    story: str


@dataclass(frozen=True, slots=True)
class DemoWorkspace:
    workspace_id: str
    teams: tuple[SeededTeam, ...]
    manager: Person
    """The director, a manager of every team."""
    periods: tuple[str, ...]
    """The published weeks, oldest first."""
    seeded: bool
    """False when the database held the demo already (nothing was written)."""

    @property
    def names(self) -> Mapping[str, str]:
        """Slack user id -> name, for every person of the demo."""
        people = [self.manager] + [p for team in self.teams for p in (team.manager, *team.sellers)]
        return MappingProxyType({p.user_id: p.name for p in people})

    def team(self, name: str) -> SeededTeam | None:
        return next((team for team in self.teams if team.name.casefold() == name.casefold()), None)


def demo_mondays(today: date, weeks: int) -> list[date]:
    """The Mondays of the demo's weeks: the `weeks` ISO weeks before the one `today` is in, oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=weeks - n) for n in range(weeks)]


def _at(day: date, clock: time, tz: str) -> datetime:
    return datetime.combine(day, clock, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def seed_demo(
    db: Database,
    *,
    seed: int = 1,
    weeks: int = 12,
    today: date,
    progress: Progress | None = None,
    sender: Sender | None = None,
    workspace_id: str = WORKSPACE_ID,
) -> DemoWorkspace:
    """Seed the demo workspace into `db` (already migrated), or return it as it is when it is there.
    `workspace_id` puts the demo into another workspace (a test's, or a real one to try the bot in)."""
    mondays = demo_mondays(today, weeks)
    periods = tuple(period_of(day) for day in mondays)
    tell = progress or (lambda done, total: None)
    total = weeks + 1
    found = _existing(db, workspace_id)
    if found is not None:
        tell(total, total)
        return DemoWorkspace(workspace_id, found, DIRECTOR, periods, seeded=False)
    rng = random.Random(seed)  # noqa: S311 - a demo's answers, not a secret
    set_up_at = _at(mondays[0], time(8), DIRECTOR_TZ)
    views = _set_up(db, workspace_id, set_up_at)
    tell(1, total)
    now = [set_up_at]
    publisher = SummaryService(db, lambda: now[0], sender or RecordingSender())
    places = {team.name: offsets(rng, team) for team, _ in views}
    for week, monday in enumerate(mondays):
        for team, view in views:
            _week_of_answers(db, rng, team, view, (week, weeks), monday, places[team.name])
        for _team, view in views:
            now[0] = _at(monday + timedelta(days=view.summary_weekday), SUMMARY_AT, view.tz)
            publisher.publish(view, now[0])
        tell(week + 2, total)
    seeded = _existing(db, workspace_id)
    assert seeded is not None  # noqa: S101 - written just above
    return DemoWorkspace(workspace_id, seeded, DIRECTOR, periods, seeded=True)


def _existing(db: Database, workspace_id: str) -> tuple[SeededTeam, ...] | None:
    with db.session() as s:
        found = []
        for team in TEAMS:
            row = teams.team_for_channel(s, workspace_id, team.channel_id)
            if row is None:
                return None
            found.append(
                SeededTeam(
                    row.id,  # type: ignore[arg-type]
                    row.name,
                    row.channel_id,
                    row.locale,
                    row.cutoff,
                    team.manager,
                    team.sellers,
                    team.story,
                )
            )
        return tuple(found)


def _set_up(db: Database, workspace_id: str, at: datetime) -> list[tuple[DemoTeam, TeamView]]:
    """Each team as `/balanse setup` makes it, by the director, with the team's own manager beside them."""
    service = TeamService(db, lambda: at)
    made = []
    for team in TEAMS:
        sellers = tuple(p.user_id for p in team.sellers)
        settings = TeamSettings(
            name=team.name,
            manager_ids=(DIRECTOR.user_id, team.manager.user_id),
            member_ids=sellers,
            locale=team.locale,
        )
        outcome = service.save(
            workspace_id,
            team.channel_id,
            DIRECTOR.user_id,
            settings,
            SetupFacts(channel_members=frozenset(sellers), may_create=True),
            caller_tz=team.tz,
        )
        if outcome.status is not SaveStatus.CREATED or outcome.team is None:
            raise RuntimeError(f"demo team {team.name} not created: {outcome.status}")
        made.append((team, outcome.team))
    with db.session() as s:
        for person, locale, tz in _profiles():
            member = members.ensure_member(s, workspace_id, person.user_id, at)
            members.update_profile(s, member, locale=locale, tz=tz, now=at, is_bot=False)
    return made


def _profiles() -> list[tuple[Person, str, str]]:
    """What Slack would have said of each person: their language and time zone."""
    found = [(DIRECTOR, DIRECTOR_LOCALE, DIRECTOR_TZ)]
    for team in TEAMS:
        found.extend((p, team.locale, team.tz) for p in (team.manager, *team.sellers))
    return found


def _week_of_answers(
    db: Database,
    rng: random.Random,
    team: DemoTeam,
    view: TeamView,
    when: tuple[int, int],
    monday: date,
    places: dict[str, dict[Axis, float]],
) -> None:
    """The week's pulse sent to every seller (the ledger), the answers of those who answered, and in the
    first week the survey too. `when` is (this week, of how many)."""
    week, weeks = when
    workspace_id = view.workspace_id
    sent_at = _at(monday, PULSE_AT, view.tz)
    answered_at = _at(monday + timedelta(days=1), ANSWERED_AT, view.tz)
    period = period_of(monday)
    course = team.position(week, weeks)
    present = {p.user_id for p in answering(rng, team, week)}
    with db.session() as s:
        for person in team.sellers:
            member = members.ensure_member(s, workspace_id, person.user_id, sent_at)
            member_id: int = member.id  # type: ignore[assignment]
            target = str(member_id)
            ledger.claim(s, workspace_id, DeliveryKind.PULSE, target, period, sent_at)
            ledger.finish(s, workspace_id, DeliveryKind.PULSE, target, period, DeliveryStatus.SENT, sent_at)
            truth = {axis: value + places[person.user_id][axis] for axis, value in course.items()}
            kinds = [(Kind.FULL, f"{monday:%Y-%m}")] if week == 0 else []
            if person.user_id in present:
                kinds.append((Kind.PULSE, period))
            for kind, run_period in kinds:
                run = runs.create_run(
                    s,
                    workspace_id,
                    member_id,
                    kind.value,
                    run_period,
                    sent_at,
                    view.id,
                    instrument_version=CURRENT_VERSION,
                )
                if run is None:
                    continue
                key = f"{workspace_id}:{person.user_id}"
                runs.add_answers(
                    s,
                    workspace_id,
                    [
                        (run.id, item.id, answer(rng, item, truth[item.axis], team))  # type: ignore[misc]
                        for item in items_for(kind, key, run_period, CURRENT_VERSION)
                    ],
                    answered_at,
                )
                runs.finish_run(s, run.id, answered_at)  # type: ignore[arg-type]
