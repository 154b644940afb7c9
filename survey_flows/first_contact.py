"""The first message a seller ever gets from the bot says which team and which manager enrolled them, what the
bot is, and who sees what. That message is usually the team's welcome notice (scheduling/notices.py); when a
pulse gets there first (a pulse time right after the setup, a welcome that failed), the pulse's own intro
says it instead: `enrolment_to_tell` decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from storage import members, notices, runs, teams
from storage.models import Team
from storage.notices import NoticeKind
from survey_flows.views import TeamView


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What a seller's first message from the bot tells them about their team (Slack user ids)."""

    team: TeamView
    managers: tuple[str, ...]
    """The team's active managers: who sees the team's anonymous figures."""
    actor: str | None
    """Who put the seller into the team, when known."""


def enrolment_to_tell(
    s: Session, workspace_id: str, member_id: int, run_id: int, team: Team | None = None
) -> Enrolment | None:
    """The seller's team, when the pulse run `run_id` is the first thing the bot sends them: no other run
    before it, and the team's welcome not yet sent. None otherwise (or when they are in no team).
    `team`: their team when the caller has just read it. Asked on every pulse: for most sellers the one
    read of another run answers it."""
    if runs.has_other_run(s, workspace_id, member_id, run_id):
        return None
    team = team or teams.seller_team(s, workspace_id, member_id)
    if team is None:
        return None
    welcomes = [
        n
        for n in notices.for_recipient(s, workspace_id, member_id)
        if n.kind == NoticeKind.ADDED_TO_TEAM and n.team_id == team.id
    ]
    if any(n.sent_at is not None for n in welcomes):
        return None
    actor_id = welcomes[-1].actor_member_id if welcomes else None
    actor = members.user_id_of(s, actor_id) if actor_id is not None else None
    managers = tuple(m.user_id for m in teams.managers(s, team.id))  # type: ignore[arg-type]
    return Enrolment(TeamView.of(team), managers, actor)
