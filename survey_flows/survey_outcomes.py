"""What a survey flow step returns to its surface: a status and the plain views to show."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from survey_flows.first_contact import Enrolment
from survey_flows.views import QuestionView, ResultView, RunView


class StartStatus(StrEnum):
    STARTED = "started"
    """A new run: post the intro, attach its thread, then post `question`."""
    RESUMED = "resumed"
    """An open run: point the seller to `question` where it waits; post it only when `claimed`."""
    ALREADY_DONE = "already_done"
    """This period's run is finished: show `result`."""
    IN_PROGRESS = "in_progress"
    """Another delivery is creating this run right now; do nothing."""
    NOT_FOUND = "not_found"
    """`resume_run` of a run that is not the caller's (a stale or forged button): nothing to continue."""


class AnswerStatus(StrEnum):
    RECORDED = "recorded"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    """The same answer again (a double tap or a retry): nothing to do."""
    RUN_FINISHED = "run_finished"
    FOREIGN = "foreign"
    NOT_FOUND = "not_found"
    DUPLICATE_EVENT = "duplicate_event"
    HINT = "hint"
    """Typed text that is not an answer: remind how to answer."""
    PULSE_CLOSED = "pulse_closed"
    """A pulse stays open until the next one: this week's has come, so last week's takes no more answers."""


@dataclass(frozen=True, slots=True)
class StartOutcome:
    status: StartStatus
    run: RunView | None
    question: QuestionView | None = None
    result: ResultView | None = None
    retaken: bool = False
    """STARTED by taking over an intro post that never confirmed: Slack may already show it."""
    claimed: bool = False
    """This call claimed `question`: post it (after looking for it in the thread when it was
    `reclaimed`). Otherwise it is on screen already (`question.message_ts`) or another call is posting
    it right now, and posting it would show the seller a second answerable copy."""
    enrolment: Enrolment | None = None
    """A STARTED pulse that is the first thing the bot sends this seller: its intro says which team and who
    enrolled them, what the bot is and who sees what (survey_flows/first_contact.py)."""


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    status: AnswerStatus
    run: RunView | None = None
    answered: QuestionView | None = None
    """The question just answered, with the choice, to re-render its message."""
    next_question: QuestionView | None = None
    """Claimed for this caller: post it."""
    result: ResultView | None = None
    """Set only for the call that completed the run."""
    first: QuestionView | None = None
    """Set with `result`: the first question as answered, for the intro that carried it (its done edit)."""
