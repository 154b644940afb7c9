"""What a conversation step wants shown, independent of Slack or any other surface."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coaching.scoring import Scores
from coaching.self_view import SelfComparison
from coaching.zones import Lever

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
