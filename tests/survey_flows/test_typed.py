"""Typing in a run's thread: a number 1-5 or "vet ikke" answers the open question, anything else
gets a hint, and a retried delivery of the same message is acted on once."""

from __future__ import annotations

import pytest

from coaching.instrument import ITEMS
from storage import runs
from storage.db import Database
from survey_flows.survey import AnswerStatus, StartStatus, SurveyFlow
from survey_flows.views import DONT_KNOW, Kind
from tests.survey_flows.conftest import CHANNEL, THREAD, WS, message_ts, posted


@pytest.fixture
def run_id(flow: SurveyFlow) -> int:
    outcome = flow.start(WS, "U1", Kind.FULL, "nb")
    assert outcome.status is StartStatus.STARTED
    assert outcome.run is not None
    flow.thread_started(WS, outcome.run.run_id, CHANNEL, THREAD)
    posted(flow, outcome.question)
    return outcome.run.run_id


def typed(flow: SurveyFlow, text: str, event_key: str, user: str = "U1"):
    return flow.answer_typed(WS, user, CHANNEL, THREAD, text, "nb", event_key)


def stored(db: Database, run_id: int) -> dict[str, int | None]:
    with db.session() as s:
        return runs.answers_for_run(s, run_id)


def test_a_typed_number_answers_the_open_question(flow: SurveyFlow, db: Database, run_id: int) -> None:
    outcome = typed(flow, "3", "Ev1")

    assert outcome.status is AnswerStatus.RECORDED
    assert outcome.answered is not None
    assert (outcome.answered.position, outcome.answered.item_id, outcome.answered.chosen) == (1, "q01", 3)
    assert outcome.answered.message_ts == message_ts(1)
    assert outcome.next_question is not None
    assert outcome.next_question.position == 2
    assert stored(db, run_id) == {ITEMS[0].id: 3}

    posted(flow, outcome.next_question)
    second = typed(flow, " 5. ", "Ev2")
    assert second.status is AnswerStatus.RECORDED
    assert stored(db, run_id) == {ITEMS[0].id: 3, ITEMS[1].id: 5}


@pytest.mark.parametrize("text", ["hei", "6", "0", "3 eller 4", "", "3,5", "seks", "4 helt uenig"])
def test_other_text_gets_a_hint_and_stores_nothing(
    flow: SurveyFlow, db: Database, run_id: int, text: str
) -> None:
    outcome = typed(flow, text, "Ev1")

    assert outcome.status is AnswerStatus.HINT
    assert outcome.next_question is None
    assert outcome.answered is not None
    assert outcome.answered.position == 1
    assert stored(db, run_id) == {}


@pytest.mark.parametrize(("text", "value"), [("tre", 3), ("4 enig", 4), ("Helt enig!", 5), ("vet ej", None)])
def test_number_words_and_the_buttons_words_answer_too(
    flow: SurveyFlow, db: Database, run_id: int, text: str, value: int | None
) -> None:
    assert typed(flow, text, "Ev1").status is AnswerStatus.RECORDED
    assert stored(db, run_id) == {ITEMS[0].id: value}


def test_the_same_delivery_twice_answers_once(flow: SurveyFlow, db: Database, run_id: int) -> None:
    first = typed(flow, "4", "Ev1")
    again = typed(flow, "4", "Ev1")

    assert first.status is AnswerStatus.RECORDED
    assert again.status is AnswerStatus.DUPLICATE_EVENT
    assert again.next_question is None
    assert stored(db, run_id) == {ITEMS[0].id: 4}
    with db.session() as s:
        assert sorted(runs.prompts_for_run(s, run_id)) == [1, 2]


def test_a_retried_delivery_does_not_answer_the_next_question_too(
    flow: SurveyFlow, db: Database, run_id: int
) -> None:
    """Without the event key the retry of "4" would land on question 2."""
    first = typed(flow, "4", "Ev1")
    posted(flow, first.next_question)

    assert typed(flow, "4", "Ev1").status is AnswerStatus.DUPLICATE_EVENT
    assert stored(db, run_id) == {ITEMS[0].id: 4}


@pytest.mark.parametrize(
    "text", ["vet ikke", "vet inte", "don't know", "Vet ikke", "VET INTE!", "Don\u2019t know"]
)
def test_dont_know_in_any_language_is_a_dont_know_answer(
    flow: SurveyFlow, db: Database, run_id: int, text: str
) -> None:
    """Including "Don’t know" as Slack on macOS and iOS types it, with a typographic apostrophe."""
    outcome = typed(flow, text, "Ev1")

    assert outcome.status is AnswerStatus.RECORDED
    assert outcome.answered is not None
    assert outcome.answered.chosen == DONT_KNOW
    assert outcome.next_question is not None
    assert outcome.next_question.position == 2
    assert stored(db, run_id) == {ITEMS[0].id: None}


def test_typing_by_someone_else_in_the_thread_is_foreign(flow: SurveyFlow, db: Database, run_id: int) -> None:
    outcome = typed(flow, "2", "Ev1", user="U2")

    assert outcome.status is AnswerStatus.FOREIGN
    assert stored(db, run_id) == {}
    assert typed(flow, "2", "Ev2").status is AnswerStatus.RECORDED


def test_typing_in_a_thread_that_is_no_run_finds_nothing(flow: SurveyFlow, run_id: int) -> None:
    outcome = flow.answer_typed(WS, "U1", CHANNEL, "1600000000.000001", "3", "nb", "Ev1")
    assert outcome.status is AnswerStatus.NOT_FOUND


def test_typing_after_the_run_finished_changes_nothing(flow: SurveyFlow, db: Database, run_id: int) -> None:
    result = None
    for number, _item in enumerate(ITEMS, start=1):
        outcome = typed(flow, "4", f"Ev{number}")
        assert outcome.status is AnswerStatus.RECORDED
        if outcome.next_question is not None:
            posted(flow, outcome.next_question)
        result = outcome.result or result
    assert result is not None
    assert stored(db, run_id) == {item.id: 4 for item in ITEMS}

    late = typed(flow, "1", "Ev-late")

    assert late.status is AnswerStatus.RUN_FINISHED
    assert late.result is None
    assert stored(db, run_id) == {item.id: 4 for item in ITEMS}
