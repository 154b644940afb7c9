"""What a conversation step wants shown, independent of Slack or any other surface."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from coaching.locale import Locale
from coaching.scoring import Scores
from coaching.self_view import SelfComparison
from coaching.zones import Lever
from storage.models import Team

DONT_KNOW = 0
"""The choice value for "vet ikke"; stored as NULL and scored as missing."""


class Kind(StrEnum):
    FULL = "full"
    PULSE = "pulse"
    SELF = "self"
    """The leader's self-view: the 40 items in their mirror wording, about the manager themself."""


@dataclass(frozen=True, slots=True)
class RunView:
    run_id: int
    kind: Kind
    period: str
    total: int
    answered: int
    channel_id: str | None
    thread_ts: str | None
    finished: bool


@dataclass(frozen=True, slots=True)
class QuestionView:
    run_id: int
    position: int
    """1-based place in the run, as shown in the progress mark (12/40)."""
    total: int
    item_id: str
    text: str
    chosen: int | None
    """1..5, DONT_KNOW, or None when unanswered."""
    message_ts: str | None
    reclaimed: bool = False
    """Claimed before and never confirmed posted: Slack may have it although we have no ts."""
    after_ts: str | None = None
    """The ts of the message this question follows in its thread (the previous question's), when known:
    a look-up for a reclaimed copy reads the thread from there (bot/recovery.py, Tier 1's 15 messages)."""


@dataclass(frozen=True, slots=True)
class ComparedTeam:
    """The team a self-view is set against: its name and the published ISO week the figures are from."""

    name: str
    period: str


@dataclass(frozen=True, slots=True)
class ResultView:
    run_id: int
    kind: Kind
    period: str
    scores: Scores
    lever: Lever | None
    comparison: SelfComparison | None = None
    """Only for Kind.SELF: the profile, the gaps to the team (None while hidden) and managing vs leading."""
    team: ComparedTeam | None = None
    """Only for Kind.SELF, and only when the comparison shows a team: which team and week."""
    manages_team: bool = False
    """Only for Kind.SELF: whether the member is an active manager of any team (to word a hidden team)."""


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
