"""What the dispatcher (scheduling/dispatch.py) hands around: recipients, the scheduler's plan, reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from storage import recipients
from storage.models import Member, Team
from survey_flows import calendar
from survey_flows.views import TeamView

SummaryPublisher = Callable[[TeamView, datetime], object]


@dataclass(frozen=True, slots=True)
class Recipient:
    member_id: int
    workspace_id: str
    user_id: str
    tz: str
    unreachable: bool

    @classmethod
    def of(cls, member: Member, team: Team | None) -> Recipient:
        return cls(
            member.id,  # type: ignore[arg-type]
            member.workspace_id,
            member.user_id,
            calendar.effective_tz(member.tz, team.tz if team else None),
            recipients.dm_unavailable(member),
        )


@dataclass(frozen=True, slots=True)
class TeamPlan:
    """What the scheduler needs for one team: its settings and the zones its sellers live in."""

    team: TeamView
    pulse_zones: tuple[str, ...]


@dataclass(slots=True)
class Report:
    """What a dispatch run did, for logs and tests."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def merge(self, other: Report) -> Report:
        self.sent += other.sent
        self.skipped += other.skipped
        self.failed += other.failed
        return self
