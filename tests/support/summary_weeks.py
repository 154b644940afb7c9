"""Hand-built team weeks for the weekly summary tests: a team, its members and their pulse answers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from coaching.instrument import CURRENT_VERSION
from storage import ledger, members, runs
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Member, Role, Team, TeamMembership
from survey_flows.summary_weeks import ITEM_META as WEIGHTED_ITEM_META

ITEM_META = {item: meta[:3] for item, meta in WEIGHTED_ITEM_META.items()}
"""Every item of every version, each counting 1 on its axis: the aggregation tests compute their expected
figures as plain means. The product's metadata (WEIGHTED_ITEM_META) also weighs each item on its axis so
an anchor counts as one item of it (tests/storage/test_anchor_weights.py)."""

WS = "T1"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday of 2026-W48
PERIOD = "2026-W48"
SUMMARY_TIME = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # Friday 14:00 in Oslo, 2026-W48

# A safety, a standard and an administration item per kind: plain and reverse-keyed. Version-1 ids: the
# weekly figures count answers stored under them as they always did (tests/storage/test_instrument_versions.py
# mixes them with version 2's).
SAFETY_ITEMS = ("q04", "q02")  # anchor (safety + standard), continuous feedback
SAFETY_REVERSE = "q08"  # personal ownership, reverse-keyed
STANDARD_ITEMS = ("q09", "q01")  # anchor (safety + standard), clear expectations
STANDARD_REVERSE = "q22"  # continuous feedback, reverse-keyed
ADMIN_ITEM = "q05"  # systematic follow-up


def week_of(period: str) -> datetime:
    """The summary time (Friday 14:00 Oslo) of an ISO week such as "2026-W50"."""
    year, week = period.split("-W")
    monday = datetime.fromisocalendar(int(year), int(week), 1).replace(tzinfo=UTC)
    return monday + timedelta(days=4, hours=13)


def make_team(
    s: Session,
    *,
    channel: str = "C_TEAM",
    name: str = "Salg Øst",
    locale: str = "nb",
    tz: str = "Europe/Oslo",
    min_respondents: int = 5,
    cutoff: float = 3.5,
    workspace: str = WS,
) -> Team:
    members.ensure_workspace(s, workspace, NOW)
    team = Team(
        workspace_id=workspace,
        channel_id=channel,
        name=name,
        locale=locale,
        tz=tz,
        min_respondents=min_respondents,
        cutoff=cutoff,
        created_at=NOW,
        updated_at=NOW,
    )
    s.add(team)
    s.flush()
    return team


def add_member(
    s: Session,
    team: Team,
    user_id: str,
    *,
    role: Role = Role.SELLER,
    active: bool = True,
    deactivated: bool = False,
    is_bot: bool = False,
) -> Member:
    member = members.ensure_member(s, team.workspace_id, user_id, NOW)
    member.deactivated, member.is_bot = deactivated, is_bot
    s.add(member)
    s.add(
        TeamMembership(
            workspace_id=team.workspace_id,
            team_id=team.id,
            member_id=member.id,
            role=role,
            active=active,
            changed_at=NOW,
        )
    )
    s.flush()
    return member


def answer_pulse(
    s: Session,
    team: Team | int,
    member: Member,
    answers: Mapping[str, int | None],
    *,
    period: str = PERIOD,
    kind: str = "pulse",
    at: datetime = NOW,
    instrument_version: int = CURRENT_VERSION,
) -> int:
    """A pulse run of `member` for `team` and `period` with these answers (None = don't know), on
    `instrument_version` of the survey."""
    team_id = team if isinstance(team, int) else team.id
    run = runs.find_run_for_period(s, member.workspace_id, member.id, kind, period)  # type: ignore[arg-type]
    if run is None:
        run = runs.create_run(
            s,
            member.workspace_id,
            member.id,  # type: ignore[arg-type]
            kind,
            period,
            at,
            team_id=team_id,
            instrument_version=instrument_version,
        )
    assert run is not None
    for item_id, value in answers.items():
        runs.upsert_answer(s, member.workspace_id, run.id, item_id, value, at)  # type: ignore[arg-type]
    return run.id  # type: ignore[return-value]


def mark_pulse_sent(s: Session, member: Member, period: str = PERIOD) -> None:
    target = str(member.id)
    ledger.claim(s, member.workspace_id, DeliveryKind.PULSE, target, period, NOW)
    ledger.finish(s, member.workspace_id, DeliveryKind.PULSE, target, period, DeliveryStatus.SENT, NOW)


def uniform(safety: int, standard: int, administration: int | None = None) -> dict[str, int | None]:
    """Answers that give exactly these axis means (reverse-keyed items answered 6 - value)."""
    answers: dict[str, int | None] = dict.fromkeys(SAFETY_ITEMS, safety)
    answers[SAFETY_REVERSE] = 6 - safety
    answers.update(dict.fromkeys(STANDARD_ITEMS, standard))
    answers[STANDARD_REVERSE] = 6 - standard
    if administration is not None:
        answers[ADMIN_ITEM] = administration
    return answers
