"""The coaching flow without Slack: authorization, the questions and their order, idempotent taps, the team
zone from published summaries only, and resuming. Follow-ups and history: test_coaching_follow_ups.py."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from coaching.advice import Case, Situation, advise
from coaching.zones import Lever, Zone
from storage import runs, teams
from storage.db import Database
from storage.models import CoachingRequest
from survey_flows.advice import AdviceFlow, next_question
from survey_flows.advice_views import AnswerStatus, StartOutcome, StartStatus
from tests.support.coaching import Teams, count, stored_nothing
from tests.support.coaching_flow import (
    THREAD,
    Shown,
    Summaries,
    answer_all,
    coach,
    started,
    summaries,
    team_ids,
)
from tests.support.harness import Clock
from tests.support.scheduling import WS, member_id, update

__all__ = ["coach", "summaries", "team_ids"]  # fixtures


# -- who may ask ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caller", "subject"),
    [("U5", "U4"), ("U2", "U4"), ("U1", "U1"), ("U1", "U8"), ("U1", "U9"), ("U9", "U4"), ("U1", "")],
)
def test_only_a_manager_of_the_persons_team_may_ask_and_a_refusal_stores_nothing(
    coach: AdviceFlow, db: Database, team_ids: Teams, caller: str, subject: str
) -> None:
    assert coach.start(WS, caller, subject, "er ny og usikker", event_key="k1") == StartOutcome(
        StartStatus.REFUSED
    )
    assert stored_nothing(db)


def test_a_deactivated_seller_or_manager_is_refused(coach: AdviceFlow, db: Database, team_ids: Teams) -> None:
    update(db, "U4", deactivated=True)
    assert coach.start(WS, "U1", "U4").status is StartStatus.REFUSED
    update(db, "U4", deactivated=False)
    update(db, "U1", deactivated=True)
    assert coach.start(WS, "U1", "U4").status is StartStatus.REFUSED
    assert stored_nothing(db)


def test_a_seller_who_left_the_team_is_refused(
    coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock
) -> None:
    u4 = member_id(db, "U4")
    with db.session() as s:
        teams.leave_team(s, team_ids.nord, u4, clock())
    assert coach.start(WS, "U1", "U4").status is StartStatus.REFUSED


# -- the questions ---------------------------------------------------------------------------------------


def test_the_questions_in_the_seeds_order_each_with_dont_know(coach: AdviceFlow, team_ids: Teams) -> None:
    outcome = started(coach)
    assert outcome.question is not None and outcome.question.field == "experience"
    assert outcome.question.choices == ("new", "experienced", "dont_know")

    done = answer_all(coach, outcome, {"experience": "new", "confidence": "low"})

    assert done.advice is not None and done.advice.advice.case is Case.NEW_UNSURE
    assert (done.advice.advice.relation_pct, done.advice.advice.style) == (70, "instructing")
    assert done.advice.team_zone is None
    assert done.request is not None and done.request.answered


def test_prefilled_observations_are_confirmed_in_one_tap_and_not_asked(
    coach: AdviceFlow, team_ids: Teams
) -> None:
    outcome = started(coach, "Ola kan, men gidder ikke")
    assert outcome.question is not None and outcome.question.field == "confirm"
    assert dict(outcome.question.prefilled) == {"competence": "high", "will": "low"}

    done = answer_all(coach, outcome, {})

    assert done.advice is not None and done.advice.advice.case is Case.WILL
    assert done.request is not None
    assert done.request.situation == Situation(competence="high", will="low")


def test_changing_the_prefill_asks_every_question(coach: AdviceFlow, team_ids: Teams) -> None:
    outcome = started(coach, "Kari er ny og usikker")
    assert outcome.request is not None
    changed = coach.answer(WS, "U1", outcome.request.request_id, "confirm", "change")
    assert changed.next_question is not None and changed.next_question.field == "experience"
    assert changed.request is not None and changed.request.observations == {}


def test_taps_are_idempotent_and_never_touch_someone_elses_dialogue(
    coach: AdviceFlow, team_ids: Teams
) -> None:
    outcome = started(coach)
    assert outcome.request is not None
    rid = outcome.request.request_id

    first = coach.answer(WS, "U1", rid, "experience", "new")
    assert first.status is AnswerStatus.RECORDED and first.next_question is not None
    assert coach.answer(WS, "U1", rid, "experience", "new").status is AnswerStatus.UNCHANGED
    changed = coach.answer(WS, "U1", rid, "experience", "experienced")
    assert changed.status is AnswerStatus.CHANGED and changed.next_question is None
    assert changed.answered is not None and changed.answered.chosen == "experienced"
    assert coach.answer(WS, "U1", rid, "structure", "ok").status is AnswerStatus.UNCHANGED  # not asked yet
    assert coach.answer(WS, "U1", rid, "confirm", "yes").status is AnswerStatus.UNCHANGED
    assert coach.answer(WS, "U1", rid, "competence", "maybe").status is AnswerStatus.NOT_FOUND
    assert coach.answer(WS, "U1", rid, "salary", "high").status is AnswerStatus.NOT_FOUND
    assert coach.answer(WS, "U2", rid, "competence", "high").status is AnswerStatus.NOT_FOUND
    assert coach.answer("T2", "U1", rid, "competence", "high").status is AnswerStatus.NOT_FOUND
    other_thread = coach.answer(WS, "U1", rid, "competence", "high", thread_ts="1.2")
    assert other_thread.status is AnswerStatus.NOT_FOUND
    assert coach.answer(WS, "U1", rid + 99, "competence", "high").status is AnswerStatus.NOT_FOUND

    done = answer_all(
        coach, StartOutcome(StartStatus.RESUMED, changed.request, next_question(changed.request)), {}
    )
    assert done.request is not None
    after = coach.answer(WS, "U1", rid, "competence", "low")
    assert after.status is AnswerStatus.ALREADY_ANSWERED


def test_two_taps_at_once_record_one_answer_and_one_next_question(coach: AdviceFlow, team_ids: Teams) -> None:
    outcome = started(coach)
    assert outcome.request is not None
    barrier, results = threading.Barrier(4), []

    def tap(choice: str) -> None:
        barrier.wait()
        results.append(coach.answer(WS, "U1", outcome.request.request_id, "experience", choice))  # type: ignore[union-attr]

    threads = [threading.Thread(target=tap, args=(c,)) for c in ("new", "new", "experienced", "dont_know")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(1 for r in results if r.next_question is not None) == 1
    assert sum(1 for r in results if r.status is AnswerStatus.RECORDED) == 1


# -- the team's zone -------------------------------------------------------------------------------------


def test_the_zone_comes_only_from_a_shown_published_summary(
    coach: AdviceFlow, db: Database, team_ids: Teams, summaries: Summaries, clock: Clock
) -> None:
    summaries.by_team[team_ids.nord] = Shown("2026-W47", suppressed=False, zone=Zone.STRESS)
    shown = answer_all(coach, started(coach), {"will": "low"})
    assert shown.advice is not None and shown.advice.team_zone is Zone.STRESS
    assert shown.advice.advice.lever is Lever.MORE_RELATION and shown.advice.team_period == "2026-W47"

    summaries.by_team[team_ids.nord] = Shown("2026-W48", suppressed=True, zone=None)
    hidden = answer_all(coach, started(coach, subject="U5"), {"will": "low"})
    assert hidden.advice is not None and hidden.advice.team_zone is None and hidden.advice.team_period is None


def test_coaching_rights_follow_the_team_while_the_dialogue_goes_on(
    coach: AdviceFlow, db: Database, team_ids: Teams, summaries: Summaries, clock: Clock
) -> None:
    summaries.by_team[team_ids.nord] = Shown("2026-W48", suppressed=False, zone=Zone.COMFORT)
    outcome = started(coach, subject="U4")
    assert outcome.request is not None and outcome.question is not None
    u2 = member_id(db, "U2")
    with db.session() as s:  # the manager is taken off the team before the first tap
        nord = teams.get_team(s, team_ids.nord)
        assert nord is not None
        sellers = [m.id for m in teams.active_sellers(s, team_ids.nord)]
        teams.set_memberships(s, nord, [u2], sellers, clock())  # type: ignore[arg-type]

    tap = coach.answer(WS, "U1", outcome.request.request_id, outcome.question.field, "new", thread_ts=THREAD)

    assert tap.status is AnswerStatus.NOT_YOURS  # no advice, no team zone, nothing recorded
    assert tap.advice is None and tap.request is None
    assert coach.start(WS, "U1", "U4").status is StartStatus.REFUSED


def test_the_persons_own_answers_are_never_read(
    coach: AdviceFlow, team_ids: Teams, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the coaching flow read survey runs or answers")

    for name in dir(runs):
        if (
            not name.startswith("_")
            and callable(getattr(runs, name))
            and getattr(runs, name).__module__ == runs.__name__
        ):
            monkeypatch.setattr(runs, name, never)

    done = answer_all(coach, started(coach, "Kari er ny og usikker"), {})
    assert done.advice is not None and done.advice.advice == advise(
        Situation(experience="new", confidence="low")
    )


# -- starting again --------------------------------------------------------------------------------------


def test_asking_again_resumes_and_new_observations_replace_the_open_dialogue(
    coach: AdviceFlow, db: Database, team_ids: Teams
) -> None:
    first = started(coach)
    assert first.request is not None
    coach.answer(WS, "U1", first.request.request_id, "experience", "new")

    again = coach.start(WS, "U1", "U4")
    assert again.status is StartStatus.RESUMED and again.request is not None
    assert again.request.request_id == first.request.request_id and again.request.thread_ts == THREAD
    assert again.question is not None and again.question.field == "competence"

    replaced = coach.start(WS, "U1", "U4", "Kari er utmattet")
    assert replaced.status is StartStatus.STARTED and replaced.request is not None
    assert replaced.request.observations == {"confidence": "low"}
    assert count(db, CoachingRequest) == 1


def test_a_second_start_before_the_parent_is_posted_posts_nothing_until_stale(
    coach: AdviceFlow, team_ids: Teams, clock: Clock
) -> None:
    first = coach.start(WS, "U1", "U4")
    assert first.status is StartStatus.STARTED
    assert coach.start(WS, "U1", "U4").status is StartStatus.IN_PROGRESS
    clock.advance(seconds=30)
    retried = coach.start(WS, "U1", "U4")
    assert retried.status is StartStatus.STARTED and retried.request == first.request


def test_a_retried_message_starts_nothing_twice(coach: AdviceFlow, db: Database, team_ids: Teams) -> None:
    assert coach.start(WS, "U1", "U4", event_key="coach:DU1:1.1").status is StartStatus.STARTED
    assert coach.start(WS, "U1", "U4", event_key="coach:DU1:1.1").status is StartStatus.DUPLICATE_EVENT
    assert count(db, CoachingRequest) == 1


def test_a_start_slack_did_not_take_is_forgotten_but_never_a_posted_dialogue(
    coach: AdviceFlow, db: Database, team_ids: Teams
) -> None:
    failed = coach.start(WS, "U1", "U4", "Kari er ny og usikker")
    assert failed.request is not None
    coach.start_failed(WS, failed.request.request_id)
    assert count(db, CoachingRequest) == 0
    assert coach.start(WS, "U1", "U4").status is StartStatus.STARTED  # at once, not IN_PROGRESS

    posted = started(coach, subject="U5")
    assert posted.request is not None
    coach.start_failed(WS, posted.request.request_id)  # e.g. a later post of the same dialogue failed
    coach.start_failed("T2", posted.request.request_id)
    assert count(db, CoachingRequest) == 2


def test_text_over_the_limit_is_too_long_before_anything_is_looked_up(
    coach: AdviceFlow, db: Database, team_ids: Teams
) -> None:
    long = "ny og usikker " * 40  # 560 characters
    assert coach.start(WS, "U9", "U1", long).status is StartStatus.TOO_LONG  # even for a refusal
    assert coach.start(WS, "U1", "U4", long[:500]).status is StartStatus.STARTED  # the limit itself is fine
    assert count(db, CoachingRequest) == 1


def test_the_zone_comes_only_from_a_team_the_manager_still_manages(
    coach: AdviceFlow, db: Database, team_ids: Teams, summaries: Summaries, clock: Clock
) -> None:
    """U1 manages Nord and Sør and asks about U4 (Nord); U4 moves to Sør and U1 stops managing Nord. The
    dialogue goes on (U4 is still U1's seller), but Nord's zone is no longer U1's to see."""
    summaries.by_team[team_ids.nord] = Shown("2026-W48", suppressed=False, zone=Zone.COMFORT)
    summaries.by_team[team_ids.sor] = Shown("2026-W48", suppressed=False, zone=Zone.STRESS)
    u1, u2, u4, u5 = (member_id(db, u) for u in ("U1", "U2", "U4", "U5"))
    with db.session() as s:  # U1 also manages Sør
        sor = teams.get_team(s, team_ids.sor)
        assert sor is not None
        managers = [m.id for m in teams.managers(s, team_ids.sor)] + [u1]
        sellers = [m.id for m in teams.active_sellers(s, team_ids.sor)]
        teams.set_memberships(s, sor, managers, sellers, clock())  # type: ignore[arg-type]
    outcome = started(coach, subject="U4")
    with db.session() as s:  # U4 moves to Sør; U1 leaves Nord's management
        sor = teams.get_team(s, team_ids.sor)
        assert sor is not None
        sellers = [m.id for m in teams.active_sellers(s, team_ids.sor)] + [u4]
        teams.set_memberships(s, sor, [*managers], sellers, clock())  # type: ignore[arg-type]
        nord = teams.get_team(s, team_ids.nord)
        assert nord is not None
        teams.set_memberships(s, nord, [u2], [u5], clock())  # type: ignore[arg-type]

    done = answer_all(coach, outcome, {"will": "low"})

    assert done.advice is not None and done.advice.team_zone is None  # not Nord's comfort any more
