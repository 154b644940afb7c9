"""Survey flow fixtures: the real SurveyFlow over a migrated database, driven without Slack."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage.db import Database
from survey_flows.survey import SurveyFlow
from survey_flows.views import QuestionView
from tests.support.harness import Clock

WS = "T1"
CHANNEL = "D_U1"
THREAD = "1700000000.000100"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.from_url(db_url)
    yield database
    database.dispose()


@pytest.fixture
def flow(db: Database, clock: Clock) -> SurveyFlow:
    return SurveyFlow(db, clock)


def posted(flow: SurveyFlow, question: QuestionView | None) -> QuestionView:
    """Do what the Slack surface does with a claimed question: post it and report its ts."""
    assert question is not None
    flow.question_posted(WS, question.run_id, question.position, message_ts(question.position))
    return question


def message_ts(position: int) -> str:
    return f"1700000001.{position:06d}"
