"""The coaching flow and the seed (issue 10, part 1) without Slack: the team's first lever comes from its
published summary, the foundation included; the seed's two "when" lists are one tap each; contradictions
are named; requests stored before the lists still read and continue."""

from __future__ import annotations

from coaching import advice_texts as texts
from coaching.advice import Case, Contradiction, Focus
from coaching.instrument import CURRENT_VERSION, ITEMS, Axis
from coaching.self_view import LeaderProfile
from coaching.zones import Lever, Zone
from storage import advice_requests, members, runs
from storage.advice_requests import Step
from storage.db import Database
from survey_flows.advice import AdviceFlow
from survey_flows.advice_views import StartStatus
from tests.support.coaching import Teams
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
from tests.support.scheduling import WS, member_id

__all__ = ["coach", "summaries", "team_ids"]  # fixtures


def test_the_teams_failing_foundation_comes_first_in_the_advice(
    coach: AdviceFlow, summaries: Summaries, team_ids: Teams
) -> None:
    summaries.by_team[team_ids.nord] = Shown("2026-W47", False, Zone.COMFORT, Lever.FOUNDATION_FIRST)

    done = answer_all(coach, started(coach, "Ola kan, men gidder ikke"), {})

    assert done.advice is not None
    advice = done.advice.advice
    assert advice.lever is Lever.FOUNDATION_FIRST
    text = advice.team_lever("nb")
    assert text is not None and text.startswith("Administrasjonsansvaret svikter i teamet")
    assert "Teamet er i komfortsonen" in text


# -- the seed's two lists in the dialogue ----------------------------------------------------------------


def test_each_list_is_one_tap_with_none_and_dont_know(coach: AdviceFlow, team_ids: Teams) -> None:
    outcome = started(coach)
    assert outcome.request is not None
    question, seen = outcome.question, {}
    while question is not None and question.field != "system_when":
        seen[question.field] = question.choices
        choice = "trust_lost" if question.field == "relation_when" else "dont_know"
        answered = coach.answer(
            WS, "U1", outcome.request.request_id, question.field, choice, thread_ts=THREAD
        )
        question = answered.next_question
    assert seen["relation_when"] == (
        "below_level",
        "team_strain",
        "trust_lost",
        "change_unrest",
        "none",
        "dont_know",
    )
    assert question is not None and question.choices == (
        "below_expectations",
        "expectations_unclear",
        "follow_up_missing",
        "numbers_disagree",
        "none",
        "dont_know",
    )
    done = coach.answer(WS, "U1", outcome.request.request_id, "system_when", "none", thread_ts=THREAD)
    assert done.advice is not None
    assert done.request is not None and done.request.observations["relation_when"] == "trust_lost"
    assert done.request.observations["system_when"] == "none"  # none of these: known, not unknown
    assert done.advice.advice.case is Case.TRUST and done.advice.advice.focus is Focus.RELATION


def test_a_sentence_with_no_keyword_before_is_understood_and_confirmed(
    coach: AdviceFlow, team_ids: Teams
) -> None:
    outcome = started(coach, "Hun har mistet gnisten etter omorganiseringen")
    assert outcome.question is not None and outcome.question.field == "confirm"
    assert dict(outcome.question.prefilled) == {"will": "low", "relation_when": "change_unrest"}

    done = answer_all(coach, outcome, {})

    assert done.advice is not None and done.advice.advice.case is Case.CHANGE
    assert done.request is not None and "relation_when" in done.request.observations


def test_a_newcomer_in_the_comfort_zone_is_named_back(coach: AdviceFlow, team_ids: Teams) -> None:
    done = answer_all(coach, started(coach), {"experience": "new", "comfort_zone": "yes"})
    assert done.advice is not None
    advice = done.advice.advice
    assert advice.contradictions == (Contradiction.NEW_IN_COMFORT,)
    assert "Du leverer OK" not in advice.example("nb")


# -- requests stored before the two lists ------------------------------------------------------------------

OLD_ANSWERED = {
    "experience": "new",
    "competence": None,
    "will": "high",
    "structure": "ok",
    "confidence": "low",
    "comfort_zone": False,
}


def _stored(db: Database, clock: Clock, team_id: int, observations: dict[str, object], step: Step) -> int:
    manager, seller = member_id(db, "U1"), member_id(db, "U4")
    with db.session() as s:
        request = advice_requests.create_request(s, WS, manager, seller, team_id, observations, step, clock())
        advice_requests.attach_thread(s, request.id, "DU1", THREAD)  # type: ignore[arg-type]
        if step == Step.ANSWERED:
            advice_requests.mark_answered(s, request, clock())
        return request.id  # type: ignore[return-value]


def test_an_answered_request_stored_before_the_lists_still_reads(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    _stored(db, clock, team_ids.nord, OLD_ANSWERED, Step.ANSWERED)

    (entry,) = coach.history(WS, "U1")

    assert entry.answered and entry.advice is not None
    assert entry.advice.case is Case.NEW_UNSURE  # new and unsure, as when it was answered
    assert entry.advice.balance("nb") == "70\u00a0% relasjon · 30\u00a0% system"


def test_an_open_request_stored_before_the_lists_asks_them_next(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    request_id = _stored(db, clock, team_ids.nord, OLD_ANSWERED, Step.OBSERVING)

    resumed = coach.start(WS, "U1", "U4")

    assert resumed.status is StartStatus.RESUMED and resumed.request is not None
    assert resumed.request.request_id == request_id
    assert resumed.question is not None and resumed.question.field == "relation_when"
    coach.answer(WS, "U1", request_id, "relation_when", "none", thread_ts=THREAD)
    done = coach.answer(WS, "U1", request_id, "system_when", "dont_know", thread_ts=THREAD)
    assert done.advice is not None and done.advice.advice.case is Case.NEW_UNSURE


def test_an_old_request_with_a_contradiction_is_named_when_read(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    _stored(
        db, clock, team_ids.nord, {**OLD_ANSWERED, "confidence": None, "comfort_zone": True}, Step.ANSWERED
    )

    (entry,) = coach.history(WS, "U1")

    assert entry.advice is not None and entry.advice.contradictions == (Contradiction.NEW_IN_COMFORT,)


# -- the manager's own leader profile feeds the advice ---------------------------------------------------

PROFILE_A = (5, 2, 4)  # (relation, system, administration) as the manager sees themself: profile A
PROFILE_B = (2, 5, 4)


def _run(
    db: Database,
    clock: Clock,
    user: str,
    values: tuple[int, int, int],
    *,
    kind: str = "self",
    finished: bool = True,
    period: str = "2026-11",
) -> None:
    """A run of `user` answering every item so the axes read `values` (reverse-keyed: 6 - value)."""
    by_axis = dict(zip((Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION), values, strict=True))
    with db.session() as s:
        member = members.find_member(s, WS, user)
        assert member is not None
        run = runs.create_run(s, WS, member.id, kind, period, clock(), instrument_version=CURRENT_VERSION)  # type: ignore[arg-type]
        assert run is not None
        for item in ITEMS:
            value = by_axis[item.axis]
            runs.upsert_answer(s, WS, run.id, item.id, 6 - value if item.reverse else value, clock())  # type: ignore[arg-type]
        if finished:
            runs.finish_run(s, run.id, clock())  # type: ignore[arg-type]


def _advice_about_comfort(coach: AdviceFlow):  # type: ignore[no-untyped-def]
    done = answer_all(coach, started(coach), {"experience": "experienced", "comfort_zone": "yes"})
    assert done.advice is not None
    return done.advice.advice


def test_a_profile_a_manager_is_told_the_hard_conversation_is_their_blind_spot(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    _run(db, clock, "U1", PROFILE_A)

    advice = _advice_about_comfort(coach)

    assert advice.leader is LeaderProfile.RELATION_LEADER
    assert texts.BLIND_SPOTS["relation_leader"].get("nb") in advice.warnings("nb")
    assert "vanskelige samtalen" in texts.BLIND_SPOTS["relation_leader"].get("nb")


def test_the_blind_spot_is_named_only_when_the_advice_leans_against_the_profile(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    _run(db, clock, "U1", PROFILE_A)
    relation_side = answer_all(coach, started(coach), {"confidence": "low"})  # exhausted: more relation
    assert relation_side.advice is not None
    assert relation_side.advice.advice.leader is LeaderProfile.RELATION_LEADER
    assert texts.BLIND_SPOTS["relation_leader"].get("nb") not in relation_side.advice.advice.warnings("nb")


def test_a_profile_b_manager_is_told_seeing_the_person_is_their_blind_spot(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    _run(db, clock, "U1", PROFILE_B)
    done = answer_all(coach, started(coach), {"competence": "high", "will": "low"})
    assert done.advice is not None
    assert texts.BLIND_SPOTS["system_leader"].get("nb") in done.advice.advice.warnings("nb")


def test_the_latest_finished_self_view_counts(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    _run(db, clock, "U1", PROFILE_B, period="2026-10")
    clock.advance(days=31)
    _run(db, clock, "U1", PROFILE_A, period="2026-11")
    clock.advance(days=31)
    _run(db, clock, "U1", PROFILE_B, period="2026-12", finished=False)  # not finished: not read
    assert _advice_about_comfort(coach).leader is LeaderProfile.RELATION_LEADER


def test_no_self_view_no_profile(coach: AdviceFlow, team_ids: Teams) -> None:
    advice = _advice_about_comfort(coach)
    assert advice.leader is None
    assert not set(advice.warnings("nb")) & {text.get("nb") for text in texts.BLIND_SPOTS.values()}


def test_a_sellers_self_view_is_never_read_as_the_managers(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    """Privacy: the profile comes from the manager's own runs only, never from the person asked about."""
    _run(db, clock, "U4", PROFILE_A)  # the seller asked about (or anyone else) took a self-view

    assert _advice_about_comfort(coach).leader is None


def test_the_managers_other_runs_are_never_read_as_a_self_view(
    coach: AdviceFlow, db: Database, clock: Clock, team_ids: Teams
) -> None:
    """Privacy: a survey the manager answered about their team is not their view of themself."""
    _run(db, clock, "U1", PROFILE_A, kind="full")

    assert _advice_about_comfort(coach).leader is None
