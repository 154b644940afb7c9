"""What scheduled work needs from a surface (Slack today, a console later), and the team as it sees it.

The dispatcher decides who gets what and when, and keeps the ledger; a `Sender` only performs one
delivery and says how it went.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from coaching.locale import Locale
from coaching.summary import TeamSummary
from storage.models import Team
from survey_flows.views import RunView


class SendResult(StrEnum):
    SENT = "sent"
    UNREACHABLE = "unreachable"
    """The recipient can't be reached (DM can't be opened, user deactivated): mark and skip, never retry."""
    FAILED = "failed"
    """A passing failure (Slack down after retries): the ledger keeps the claim for a later resume."""


class Claim(StrEnum):
    """How a delivery came to be sent by this call."""

    NEW = "new"
    RETAKEN = "retaken"
    """An earlier attempt never finished (a crash, Slack failing): it may have reached Slack, so the
    surface looks for it before it posts."""


@dataclass(frozen=True, slots=True)
class TeamView:
    id: int
    workspace_id: str
    channel_id: str
    name: str
    locale: Locale
    tz: str
    pulse_weekday: int
    pulse_minute: int
    summary_weekday: int
    summary_minute: int
    min_respondents: int
    cutoff: float
    no_send_dates: tuple[str, ...]
    first_pulse_at: datetime | None = None
    """Set when the team was created with "send this week's pulse now": that week's pulse goes then."""
    created_at: datetime | None = None

    @classmethod
    def of(cls, team: Team) -> TeamView:
        return cls(
            id=team.id,  # type: ignore[arg-type]
            workspace_id=team.workspace_id,
            channel_id=team.channel_id,
            name=team.name,
            locale=team.locale,  # type: ignore[arg-type]
            tz=team.tz,
            pulse_weekday=team.pulse_weekday,
            pulse_minute=team.pulse_minute,
            summary_weekday=team.summary_weekday,
            summary_minute=team.summary_minute,
            min_respondents=team.min_respondents,
            cutoff=team.cutoff,
            no_send_dates=tuple(team.no_send_dates or ()),
            first_pulse_at=team.first_pulse_at,
            created_at=team.created_at,
        )


class Sender(Protocol):
    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        """Start (or re-offer) this week's pulse in the member's DM."""
        ...

    def send_reminder(
        self, workspace_id: str, user_id: str, run: RunView | None, claim: Claim = Claim.NEW
    ) -> SendResult:
        """One gentle reminder to a member who has not answered this week's pulse."""
        ...

    def post_channel_summary(
        self, team: TeamView, summary: TeamSummary, claim: Claim = Claim.NEW
    ) -> SendResult:
        """The anonymous weekly summary (with chart) in the team channel."""
        ...

    def send_manager_summary(
        self, team: TeamView, summary: TeamSummary, user_id: str, claim: Claim = Claim.NEW
    ) -> SendResult:
        """The same summary by DM to one manager, plus the lever the model prescribes."""
        ...
