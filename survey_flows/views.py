"""What a conversation step wants shown, independent of Slack or any other surface."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coaching.scoring import Scores
from coaching.zones import Lever

DONT_KNOW = 0
"""The choice value for "vet ikke"; stored as NULL and scored as missing."""


class Kind(StrEnum):
    FULL = "full"
    PULSE = "pulse"


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


@dataclass(frozen=True, slots=True)
class ResultView:
    run_id: int
    kind: Kind
    period: str
    scores: Scores
    lever: Lever | None
