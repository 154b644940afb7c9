"""The coaching flow over a real database for the survey_flows tests: fixtures and a driver without Slack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from coaching.zones import Lever, Zone
from storage.db import Database
from survey_flows.advice import AdviceFlow
from survey_flows.advice_views import AnswerOutcome, AnswerStatus, StartOutcome, StartStatus
from tests.support.coaching import Teams, setup_teams
from tests.support.harness import Clock
from tests.support.scheduling import WS

THREAD = "1700000000.000100"


@dataclass(frozen=True)
class Shown:
    """What the flow reads of a published TeamSummary."""

    period: str
    suppressed: bool
    zone: Zone | None
    lever: Lever | None = None


class Summaries:
    def __init__(self) -> None:
        self.by_team: dict[int, Shown] = {}

    def latest(self, team_id: int) -> Any:
        return self.by_team.get(team_id)


@pytest.fixture
def summaries() -> Summaries:
    return Summaries()


@pytest.fixture
def coach(db: Database, clock: Clock, summaries: Summaries) -> AdviceFlow:
    return AdviceFlow(db, clock, summaries)


@pytest.fixture
def team_ids(db: Database, clock: Clock) -> Teams:
    return setup_teams(db, clock())


def started(coach: AdviceFlow, text: str = "", manager: str = "U1", subject: str = "U4") -> StartOutcome:
    outcome = coach.start(WS, manager, subject, text)
    assert outcome.status is StartStatus.STARTED and outcome.request is not None
    coach.thread_started(WS, outcome.request.request_id, f"D{manager}", THREAD)
    return outcome


def answer_all(
    coach: AdviceFlow, outcome: StartOutcome, answers: dict[str, str], manager: str = "U1"
) -> AnswerOutcome:
    assert outcome.request is not None
    question, last = outcome.question, None
    while question is not None:
        choice = answers.get(question.field, "yes" if question.field == "confirm" else "dont_know")
        last = coach.answer(WS, manager, outcome.request.request_id, question.field, choice, thread_ts=THREAD)
        assert last.status is AnswerStatus.RECORDED, (question.field, last.status)
        question = last.next_question
    assert last is not None and last.advice is not None
    return last
