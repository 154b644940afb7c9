"""What the coaching dialogue wants shown, independent of Slack: the questions, their choices and the outcomes.

The dialogue asks the seed's four assessment points (competence, will and ownership, structure, energy and
safety) plus whether the person is new or experienced, whether they are in the comfort zone, and which
situation of each of the seed's two lists fits best ("Mer relasjonsledelse når...", "Mer systemledelse
når...", or "none of these"): one tap each, and "don't know" is always a choice. Observations are stored as
the `coaching.situation.Situation` fields; a field answered "don't know" is stored as null (known to be
unknown), a field not yet asked is absent. A request stored before the two lists were asked simply lacks
them: read, they are unknown; an open one asks them next.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from coaching.advice import Advice, Situation
from coaching.seed import NONE_OF_THESE, RELATION_WHEN_VALUES, SYSTEM_WHEN_VALUES
from coaching.zones import Zone

FIELDS: Final[tuple[str, ...]] = (
    "experience",
    "competence",
    "will",
    "structure",
    "confidence",
    "comfort_zone",
    "relation_when",
    "system_when",
)
"""The order of the questions: new or experienced first, then the seed's four points, the comfort zone, and
the seed's two "when" lists."""

CONFIRM: Final = "confirm"
"""The pseudo-field of the one-tap confirmation of pre-filled observations."""
CONFIRM_YES: Final = "yes"
CONFIRM_CHANGE: Final = "change"

DONT_KNOW: Final = "dont_know"

CHOICES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "experience": ("new", "experienced"),
        "competence": ("high", "low"),
        "will": ("high", "low"),
        "structure": ("ok", "failing"),
        "confidence": ("high", "low"),
        "comfort_zone": ("yes", "no"),
        "relation_when": (*RELATION_WHEN_VALUES, NONE_OF_THESE),
        "system_when": (*SYSTEM_WHEN_VALUES, NONE_OF_THESE),
        CONFIRM: (CONFIRM_YES, CONFIRM_CHANGE),
    }
)
"""The choices of each question as they travel on a button (comfort_zone's yes/no are stored as booleans)."""

FOLLOW_UP_WEEKS: Final[tuple[int, ...]] = (1, 2, 4)

OBSERVATION_MAX: Final = 500
"""The longest free-text observation read (the mention of the person aside): a few sentences."""
MAX_REQUEST_ID: Final = 2**31 - 1
"""The largest id the request table holds (a 32-bit integer on PostgreSQL)."""


def to_stored(field_name: str, choice: str) -> str | bool | None:
    """A button's choice as stored in the observations (and as a Situation takes it)."""
    if choice == DONT_KNOW:
        return None
    if field_name == "comfort_zone":
        return choice == "yes"
    return choice


def to_choice(field_name: str, stored: str | bool | None) -> str:
    """The button choice that shows a stored observation."""
    if stored is None:
        return DONT_KNOW
    if field_name == "comfort_zone":
        return "yes" if stored else "no"
    return str(stored)


def valid_choice(field_name: str, choice: str) -> bool:
    if field_name == CONFIRM:
        return choice in CHOICES[CONFIRM]
    return field_name in FIELDS and (choice == DONT_KNOW or choice in CHOICES[field_name])


def situation_of(observations: Mapping[str, Any]) -> Situation:
    """The Situation the advice engine reads; anything unexpected in storage counts as unknown."""
    values: dict[str, Any] = {}
    for name in FIELDS:
        value = observations.get(name)
        if value is None:
            continue
        if (name == "comfort_zone" and isinstance(value, bool)) or (
            name != "comfort_zone" and value in CHOICES[name]
        ):
            values[name] = value
    return Situation(**values)


def request_token(created_at: datetime) -> str:
    """A request's creation time as a short string: with the id, it names one request for good (SQLite may
    give a new request the id of a deleted one)."""
    return created_at.astimezone(UTC).strftime("%Y%m%d%H%M%S%f")


@dataclass(frozen=True, slots=True)
class RequestView:
    request_id: int
    workspace_id: str
    manager_user_id: str
    subject_user_id: str
    team_id: int | None
    team_name: str | None
    """The team the person is a seller of, as the manager manages it (shown in the dialogue)."""
    observations: Mapping[str, Any]
    step: str
    channel_id: str | None
    thread_ts: str | None
    created_at: datetime
    answered_at: datetime | None
    question_field: str | None = None
    """The question last posted in the thread, and where (`question_ts`): the copy a resume points to."""
    question_ts: str | None = None

    @property
    def situation(self) -> Situation:
        return situation_of(self.observations)

    @property
    def answered(self) -> bool:
        return self.step == "answered"

    @property
    def token(self) -> str:
        return request_token(self.created_at)


@dataclass(frozen=True, slots=True)
class QuestionView:
    request_id: int
    subject_user_id: str
    field: str
    """One of FIELDS, or CONFIRM for the confirmation of pre-filled observations."""
    choices: tuple[str, ...]
    """The choices in button order; every field question ends with DONT_KNOW."""
    chosen: str | None = None
    prefilled: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # `field` is a field here
    """For CONFIRM: the observations read from the manager's text, field -> stored value."""


@dataclass(frozen=True, slots=True)
class AdviceView:
    request: RequestView
    advice: Advice
    team_period: str | None = None
    """The ISO week of the team summary the zone comes from; None when no zone is shown."""

    @property
    def team_zone(self) -> Zone | None:
        return self.advice.team_zone


class StartStatus(StrEnum):
    STARTED = "started"
    """A new dialogue: post the parent in the manager's DM, attach its thread, then post `question`."""
    RESUMED = "resumed"
    """An unfinished dialogue about the same person: post `question` again in its thread."""
    IN_PROGRESS = "in_progress"
    """Another delivery is starting this dialogue right now; post nothing."""
    REFUSED = "refused"
    """Not one of the caller's sellers (or not a person at all): one polite text, nothing stored."""
    DUPLICATE_EVENT = "duplicate_event"
    """A Slack retry of a message that already started a dialogue."""
    TOO_LONG = "too_long"
    """The observation text is over OBSERVATION_MAX: nothing looked up, nothing stored."""


@dataclass(frozen=True, slots=True)
class StartOutcome:
    status: StartStatus
    request: RequestView | None = None
    question: QuestionView | None = None


class AnswerStatus(StrEnum):
    RECORDED = "recorded"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    """The same tap again, or a tap that no longer fits the dialogue: nothing to do."""
    ALREADY_ANSWERED = "already_answered"
    NOT_FOUND = "not_found"
    """No such request for this manager (deleted, someone else's, or a forged button)."""
    NOT_YOURS = "not_yours"
    """The person is no longer an active seller of a team the manager manages: nothing changes."""


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    status: AnswerStatus
    request: RequestView | None = None
    answered: QuestionView | None = None
    """The question just answered, with the choice, to re-render its message."""
    next_question: QuestionView | None = None
    advice: AdviceView | None = None
    """Set only for the call that answered the last question."""


class FollowUpStatus(StrEnum):
    SCHEDULED = "scheduled"
    MOVED = "moved"
    UNCHANGED = "unchanged"
    NOT_ANSWERED = "not_answered"
    NOT_FOUND = "not_found"


@dataclass(frozen=True, slots=True)
class FollowUpOutcome:
    status: FollowUpStatus
    request: RequestView | None = None
    due_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    request_id: int
    subject_user_id: str
    created_at: datetime
    answered: bool
    advice: Advice | None
    """The advice without the team zone (for the balance and the style); None while unanswered."""
    follow_up_due: datetime | None
    """An open (unsent) follow-up reminder."""

    @property
    def token(self) -> str:
        return request_token(self.created_at)


@dataclass(frozen=True, slots=True)
class FollowUpReminder:
    """A due reminder, for the surface to send."""

    follow_up_id: int
    workspace_id: str
    manager_user_id: str
    subject_user_id: str
    request: RequestView
    advice: Advice
    due_at: datetime
