"""SurveyFlow end to end without Slack: starting, resuming, answering by tap, and finishing."""

from __future__ import annotations

from sqlalchemy import func, select

from coaching.instrument import ITEMS, Axis, Item
from coaching.scoring import score
from coaching.zones import Lever, Zone
from storage import runs
from storage.db import Database
from storage.models import Prompt, SurveyRun
from survey_flows.survey import AnswerStatus, StartStatus, SurveyFlow
from survey_flows.views import DONT_KNOW, Kind
from tests.support.harness import Clock
from tests.survey_flows.conftest import CHANNEL, THREAD, WS, message_ts, posted

# A seller who feels safe but not pushed: safety 5, standard 2, administration 3 after reversing.
FELT = {Axis.SAFETY: 5, Axis.STANDARD: 2, Axis.ADMINISTRATION: 3}


def tap_for(item: Item) -> int:
    """The button that gives the FELT score on the item's axis, allowing for reverse-keyed items."""
    felt = FELT[item.axis]
    return 6 - felt if item.reverse else felt


def started(flow: SurveyFlow, user: str = "U1", kind: Kind = Kind.FULL):
    outcome = flow.start(WS, user, kind, "nb")
    assert outcome.status is StartStatus.STARTED
    assert outcome.run is not None
    flow.thread_started(WS, outcome.run.run_id, CHANNEL, THREAD)
    posted(flow, outcome.question)
    return outcome


def answer_through(flow: SurveyFlow, run_id: int, count: int, user: str = "U1") -> None:
    for item in ITEMS[:count]:
        outcome = flow.answer(WS, user, run_id, item.id, tap_for(item), "nb")
        assert outcome.status is AnswerStatus.RECORDED
        if outcome.next_question is not None:
            posted(flow, outcome.next_question)


def stored_answers(db: Database, run_id: int) -> dict[str, int | None]:
    with db.session() as s:
        return runs.answers_for_run(s, run_id)


def test_start_creates_a_run_and_claims_the_first_question(flow: SurveyFlow, db: Database) -> None:
    outcome = flow.start(WS, "U1", Kind.FULL, "nb")

    assert outcome.status is StartStatus.STARTED
    assert outcome.run is not None
    assert (outcome.run.kind, outcome.run.period, outcome.run.total) == (Kind.FULL, "2026-11", 40)
    assert (outcome.run.answered, outcome.run.finished) == (0, False)
    question = outcome.question
    assert question is not None
    assert (question.position, question.total, question.chosen) == (1, 40, None)
    assert question.item_id == ITEMS[0].id
    assert question.text == ITEMS[0].text("nb")
    with db.session() as s:
        assert {p: q.item_id for p, q in runs.prompts_for_run(s, outcome.run.run_id).items()} == {
            1: ITEMS[0].id
        }


def test_the_question_is_worded_in_the_callers_language(flow: SurveyFlow) -> None:
    outcome = flow.start(WS, "U1", Kind.FULL, "sv")
    assert outcome.question is not None
    assert outcome.question.text == ITEMS[0].text("sv")
    assert outcome.question.text != ITEMS[0].text("nb")


def test_a_second_start_before_the_thread_exists_is_in_progress_and_creates_nothing(
    flow: SurveyFlow, db: Database
) -> None:
    first = flow.start(WS, "U1", Kind.FULL, "nb")
    second = flow.start(WS, "U1", Kind.FULL, "nb")

    assert second.status is StartStatus.IN_PROGRESS
    assert second.question is None
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SurveyRun)) == 1
        assert sorted(runs.prompts_for_run(s, first.run.run_id)) == [1]


def test_start_after_the_thread_exists_resumes_at_the_current_question(
    flow: SurveyFlow, db: Database
) -> None:
    first = started(flow)

    again = flow.start(WS, "U1", Kind.FULL, "nb")

    assert again.status is StartStatus.RESUMED
    assert again.run is not None
    assert again.run.run_id == first.run.run_id
    assert (again.run.channel_id, again.run.thread_ts) == (CHANNEL, THREAD)
    assert again.question is not None
    assert (again.question.position, again.question.item_id) == (1, ITEMS[0].id)
    assert again.question.message_ts == message_ts(1)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Prompt)) == 1


def test_answering_all_forty_in_order_gives_each_next_question_and_the_result_once(
    flow: SurveyFlow, db: Database
) -> None:
    run_id = started(flow).run.run_id
    results = []
    for position, item in enumerate(ITEMS, start=1):
        outcome = flow.answer(WS, "U1", run_id, item.id, tap_for(item), "nb")
        assert outcome.status is AnswerStatus.RECORDED
        assert outcome.answered is not None
        assert (outcome.answered.position, outcome.answered.item_id) == (position, item.id)
        assert outcome.answered.chosen == tap_for(item)
        assert outcome.answered.message_ts == message_ts(position)
        assert outcome.run is not None
        assert outcome.run.answered == position
        if position < len(ITEMS):
            assert outcome.next_question is not None
            assert outcome.next_question.position == position + 1
            assert outcome.next_question.item_id == ITEMS[position].id
            assert outcome.result is None
            assert outcome.run.finished is False
            posted(flow, outcome.next_question)
        else:
            assert outcome.next_question is None
            assert outcome.run.finished is True
        if outcome.result is not None:
            results.append(outcome.result)

    assert len(results) == 1
    result = results[0]
    assert (result.scores.safety, result.scores.standard, result.scores.administration) == (5.0, 2.0, 3.0)
    assert result.scores.zone is Zone.COMFORT
    assert result.lever is Lever.FOUNDATION_FIRST  # administration 3.0 is below the cutoff: foundation first
    assert result.scores.answered == 40
    assert result.scores == score(stored_answers(db, run_id))

    again = flow.answer(WS, "U1", run_id, ITEMS[-1].id, tap_for(ITEMS[-1]), "nb")
    assert again.status is AnswerStatus.UNCHANGED  # a double tap on the finishing answer: nothing to say
    assert again.result is None
    other = 1 if tap_for(ITEMS[-1]) != 1 else 2
    changed = flow.answer(WS, "U1", run_id, ITEMS[-1].id, other, "nb")
    assert changed.status is AnswerStatus.RUN_FINISHED
    assert again.next_question is None
    assert flow.open_run(WS, "U1") is None
    last = flow.last_result(WS, "U1")
    assert last is not None
    assert last.scores == result.scores
    with db.session() as s:
        assert sorted(runs.prompts_for_run(s, run_id)) == list(range(1, 41))


def test_the_same_answer_twice_is_unchanged_and_posts_nothing_new(flow: SurveyFlow, db: Database) -> None:
    run_id = started(flow).run.run_id
    first = flow.answer(WS, "U1", run_id, ITEMS[0].id, 4, "nb")
    assert first.status is AnswerStatus.RECORDED
    assert first.next_question is not None

    again = flow.answer(WS, "U1", run_id, ITEMS[0].id, 4, "nb")

    assert again.status is AnswerStatus.UNCHANGED
    assert again.next_question is None
    assert again.result is None
    assert stored_answers(db, run_id) == {ITEMS[0].id: 4}
    with db.session() as s:
        assert sorted(runs.prompts_for_run(s, run_id)) == [1, 2]


def test_changing_an_earlier_answer_is_changed_and_posts_no_new_question(
    flow: SurveyFlow, db: Database
) -> None:
    run_id = started(flow).run.run_id
    answer_through(flow, run_id, 3)

    changed = flow.answer(WS, "U1", run_id, ITEMS[0].id, 1, "nb")

    assert changed.status is AnswerStatus.CHANGED
    assert changed.next_question is None
    assert changed.answered is not None
    assert (changed.answered.position, changed.answered.chosen) == (1, 1)
    assert changed.answered.message_ts == message_ts(1)  # so the surface can re-render that message
    assert changed.run is not None
    assert changed.run.answered == 3
    assert stored_answers(db, run_id)[ITEMS[0].id] == 1
    with db.session() as s:
        assert sorted(runs.prompts_for_run(s, run_id)) == [1, 2, 3, 4]


def test_a_tap_by_another_user_is_foreign_and_changes_nothing(flow: SurveyFlow, db: Database) -> None:
    run_id = started(flow).run.run_id
    flow.answer(WS, "U1", run_id, ITEMS[0].id, 2, "nb")

    for item_id in (ITEMS[0].id, ITEMS[1].id):
        outcome = flow.answer(WS, "U2", run_id, item_id, 5, "nb")
        assert outcome.status is AnswerStatus.FOREIGN
        assert outcome.next_question is None
        assert outcome.result is None

    assert stored_answers(db, run_id) == {ITEMS[0].id: 2}
    with db.session() as s:
        assert sorted(runs.prompts_for_run(s, run_id)) == [1, 2]


def test_a_tap_from_another_workspace_finds_no_run(flow: SurveyFlow, db: Database) -> None:
    run_id = started(flow).run.run_id

    outcome = flow.answer("T2", "U1", run_id, ITEMS[0].id, 5, "nb")

    assert outcome.status is AnswerStatus.NOT_FOUND
    assert stored_answers(db, run_id) == {}


def test_a_tap_after_the_run_finished_changes_nothing(flow: SurveyFlow, db: Database) -> None:
    run_id = started(flow).run.run_id
    answer_through(flow, run_id, len(ITEMS))
    before = stored_answers(db, run_id)

    outcome = flow.answer(WS, "U1", run_id, ITEMS[0].id, 6 - tap_for(ITEMS[0]), "nb")

    assert outcome.status is AnswerStatus.RUN_FINISHED
    assert outcome.result is None
    assert outcome.next_question is None
    assert stored_answers(db, run_id) == before


def test_dont_know_is_stored_as_null_and_scored_as_missing(flow: SurveyFlow, db: Database) -> None:
    run_id = started(flow).run.run_id
    unsure = next(item for item in ITEMS if item.axis is Axis.SAFETY)
    result = None
    for item in ITEMS:
        value = DONT_KNOW if item is unsure else tap_for(item)
        outcome = flow.answer(WS, "U1", run_id, item.id, value, "nb")
        assert outcome.status is AnswerStatus.RECORDED
        assert outcome.answered is not None
        assert outcome.answered.chosen == value
        if outcome.next_question is not None:
            posted(flow, outcome.next_question)
        result = outcome.result or result

    stored = stored_answers(db, run_id)
    assert len(stored) == 40
    assert stored[unsure.id] is None
    assert result is not None
    assert result.scores.answered == 39
    assert result.scores.safety == 5.0  # a "vet ikke" counted as 0 or 3 would pull this down
    assert result.scores.zone is Zone.COMFORT


def test_dont_know_twice_is_unchanged(flow: SurveyFlow, db: Database) -> None:
    run_id = started(flow).run.run_id
    assert flow.answer(WS, "U1", run_id, ITEMS[0].id, DONT_KNOW, "nb").status is AnswerStatus.RECORDED
    assert flow.answer(WS, "U1", run_id, ITEMS[0].id, DONT_KNOW, "nb").status is AnswerStatus.UNCHANGED
    changed = flow.answer(WS, "U1", run_id, ITEMS[0].id, 3, "nb")
    assert changed.status is AnswerStatus.CHANGED
    assert stored_answers(db, run_id) == {ITEMS[0].id: 3}


def test_an_out_of_range_value_is_not_stored(flow: SurveyFlow, db: Database) -> None:
    run_id = started(flow).run.run_id
    for value in (6, -1):
        outcome = flow.answer(WS, "U1", run_id, ITEMS[0].id, value, "nb")
        assert outcome.status is AnswerStatus.HINT
        assert outcome.next_question is None
    assert stored_answers(db, run_id) == {}


def test_a_new_process_resumes_at_the_first_unanswered_question(
    flow: SurveyFlow, db_url: str, clock: Clock
) -> None:
    run_id = started(flow).run.run_id
    answer_through(flow, run_id, 12)
    flow.db.dispose()

    restarted_db = Database.from_url(db_url)
    try:
        restarted = SurveyFlow(restarted_db, clock)
        resumed = restarted.start(WS, "U1", Kind.FULL, "nb")

        assert resumed.status is StartStatus.RESUMED
        assert resumed.run is not None
        assert (resumed.run.run_id, resumed.run.answered, resumed.run.thread_ts) == (run_id, 12, THREAD)
        assert resumed.question is not None
        assert (resumed.question.position, resumed.question.item_id) == (13, ITEMS[12].id)
        assert resumed.question.message_ts == message_ts(13)
        assert restarted.open_run(WS, "U1") == resumed.run

        onward = restarted.answer(WS, "U1", run_id, ITEMS[12].id, 3, "nb")
        assert onward.status is AnswerStatus.RECORDED
        assert onward.next_question is not None
        assert onward.next_question.position == 14
    finally:
        restarted_db.dispose()


def test_the_app_home_continue_button_resumes_only_the_owners_run(flow: SurveyFlow) -> None:
    run_id = started(flow).run.run_id
    answer_through(flow, run_id, 2)

    own = flow.resume_run(WS, "U1", run_id, "nb")
    other = flow.resume_run(WS, "U2", run_id, "nb")

    assert own.status is StartStatus.RESUMED
    assert own.question is not None
    assert own.question.position == 3
    assert other.status is not StartStatus.RESUMED
    assert other.run is None
    assert other.question is None


def test_two_members_answer_their_own_runs(flow: SurveyFlow, db: Database) -> None:
    first = started(flow, "U1").run.run_id
    second = started(flow, "U2").run.run_id
    assert first != second

    flow.answer(WS, "U1", first, ITEMS[0].id, 1, "nb")
    flow.answer(WS, "U2", second, ITEMS[0].id, 5, "nb")

    assert stored_answers(db, first) == {ITEMS[0].id: 1}
    assert stored_answers(db, second) == {ITEMS[0].id: 5}


def test_a_run_whose_intro_was_never_posted_can_be_started_again_later(
    flow: SurveyFlow, db_url: str, clock: Clock
) -> None:
    """A failed or interrupted intro post must not lock the seller out for the whole period."""
    first = flow.start(WS, "U1", Kind.FULL, "nb")
    assert first.status is StartStatus.STARTED
    assert first.run is not None
    # The intro post failed (Slack 5xx, or the process died): thread_started is never called.
    clock.advance(minutes=10)

    restarted_db = Database.from_url(db_url)
    try:
        again = SurveyFlow(restarted_db, clock).start(WS, "U1", Kind.FULL, "nb")
    finally:
        restarted_db.dispose()

    assert again.status is StartStatus.STARTED  # the surface posts the intro and question 1 again
    assert again.run is not None
    assert again.run.run_id == first.run.run_id
    assert again.question is not None
    assert again.question.position == 1


def test_a_resume_claims_the_open_question_only_when_it_has_no_message(
    flow: SurveyFlow, clock: Clock
) -> None:
    run_id = started(flow).run.run_id
    unposted = flow.answer(WS, "U1", run_id, ITEMS[0].id, 4, "nb").next_question  # its post failed

    fresh = flow.resume_run(WS, "U1", run_id, "nb")  # the claim may be a post still in flight
    clock.advance(seconds=20)
    stale = flow.resume_run(WS, "U1", run_id, "nb")  # taken over: post it, looking for it first
    posted(flow, stale.question)
    on_screen = flow.resume_run(WS, "U1", run_id, "nb")

    assert unposted is not None and unposted.position == 2
    assert (fresh.status, fresh.claimed, fresh.question.message_ts) == (StartStatus.RESUMED, False, None)
    assert (stale.claimed, stale.question.reclaimed, stale.question.position) == (True, True, 2)
    assert (on_screen.claimed, on_screen.question.message_ts) == (False, message_ts(2))


def test_a_gone_question_is_claimed_for_a_repost_once_and_only_by_its_owner(flow: SurveyFlow) -> None:
    run_id = started(flow).run.run_id
    answer_through(flow, run_id, 2)

    assert flow.claim_repost(WS, "U2", run_id, message_ts(3), "nb") is None  # not theirs
    assert flow.claim_repost(WS, "U1", run_id, message_ts(2), "nb") is None  # answered, not the open one
    again = flow.claim_repost(WS, "U1", run_id, message_ts(3), "nb")
    assert again is not None and (again.position, again.message_ts) == (3, None)
    assert flow.claim_repost(WS, "U1", run_id, message_ts(3), "nb") is None  # the other resume
    assert flow.resume_run(WS, "U1", run_id, "nb").claimed is False  # being posted by the winner


def test_continue_of_a_run_that_is_not_the_callers_finds_nothing(flow: SurveyFlow) -> None:
    run_id = started(flow).run.run_id

    for user, run in (("U2", run_id), ("U1", run_id + 1000)):
        outcome = flow.resume_run(WS, user, run, "nb")
        assert (outcome.status, outcome.run, outcome.question) == (StartStatus.NOT_FOUND, None, None)
