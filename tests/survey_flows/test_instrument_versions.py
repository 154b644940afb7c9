"""Across the rewrite of the survey (instrument version 1 -> 2): a run started on version 1 finishes with
version 1's wording, a new run asks version 2, and every answer stored under a retired id still counts,
in the seller's result, the manager's self-view and the team's weekly figures."""

from __future__ import annotations

from collections.abc import Mapping

from coaching.instrument import CURRENT_VERSION, ITEMS_BY_ID, VERSIONS, items_of_version
from coaching.mirror_items import mirror_text
from coaching.scoring import score
from coaching.self_view import LeaderProfile, profile_of
from scheduling.ports import SendResult
from scheduling.prompt_repair import PromptRepair
from scheduling.summaries import SummaryService
from storage import advice_requests, members, runs
from storage.db import Database
from storage.models import Role, SurveyRun
from survey_flows.privacy import PrivacyService
from survey_flows.summary_weeks import latest_summary
from survey_flows.survey import AnswerStatus, StartStatus, SurveyFlow, items_for, period_for
from survey_flows.views import Kind, QuestionView, TeamView
from tests.support.harness import Clock
from tests.support.self_views import SummaryOnlySender, leader
from tests.support.summary_weeks import add_member, answer_pulse, make_team, uniform, week_of
from tests.survey_flows.conftest import CHANNEL, THREAD, WS, posted

VERSION_1 = VERSIONS[1]


def agree(item_id: str) -> int:
    """4 on the common scale: 2 on a reverse-keyed item."""
    return 2 if ITEMS_BY_ID[item_id].reverse else 4


def version_1_run(
    flow: SurveyFlow,
    db: Database,
    clock: Clock,
    kind: Kind,
    answers: Mapping[str, int | None],
    *,
    finished: bool = False,
) -> int:
    """A run of U1 as version 1 left it before the upgrade: started, partly (or fully) answered."""
    with db.session() as s:
        member = members.ensure_member(s, WS, "U1", clock())
        period = period_for(kind, clock(), None)
        run = runs.create_run(s, WS, member.id, kind, period, clock(), instrument_version=1)  # type: ignore[arg-type]
        assert run is not None
        for item_id, value in answers.items():
            runs.upsert_answer(s, WS, run.id, item_id, value, clock())  # type: ignore[arg-type]
        if finished:
            runs.finish_run(s, run.id, clock())  # type: ignore[arg-type]
        run_id = run.id
    flow.thread_started(WS, run_id, CHANNEL, THREAD)  # type: ignore[arg-type]
    return run_id  # type: ignore[return-value]


def test_a_survey_started_on_version_1_finishes_with_version_1s_wording(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    run_id = version_1_run(flow, db, clock, Kind.FULL, {"q01": 4, "q02": 4, "q03": 4})

    stray = flow.answer(WS, "U1", run_id, "q04v2", 4, "nb")  # not a question of this run
    resumed = flow.start(WS, "U1", Kind.FULL, "nb")

    assert stray.status is not AnswerStatus.RECORDED
    assert resumed.status is StartStatus.RESUMED
    question = resumed.question
    assert question is not None
    assert (question.position, question.total, question.item_id) == (4, 40, "q04")
    assert question.text == ITEMS_BY_ID["q04"].text("nb")  # the wording the seller started with
    posted(flow, question)
    asked, result = [], None
    for item in VERSION_1[3:]:
        outcome = flow.answer(WS, "U1", run_id, item.id, agree(item.id), "nb")
        assert outcome.status is AnswerStatus.RECORDED, item.id
        if outcome.next_question is not None:
            asked.append(outcome.next_question.item_id)
            posted(flow, outcome.next_question)
        result = outcome.result
    assert asked == [item.id for item in VERSION_1[4:]]
    assert result is not None
    # Scored on the items the run asked: all 40 answers count, none is lost to a new id.
    assert result.scores.answered == 40
    assert (result.scores.safety, result.scores.standard, result.scores.administration) == (4.0, 4.0, 4.0)
    with db.session() as s:
        assert "q04v2" not in runs.answers_for_run(s, run_id)


def test_a_survey_started_after_the_upgrade_asks_version_2(flow: SurveyFlow, db: Database) -> None:
    started = flow.start(WS, "U2", Kind.FULL, "sv")
    assert started.run is not None and started.question is not None
    flow.thread_started(WS, started.run.run_id, CHANNEL, THREAD)
    posted(flow, started.question)
    flow.answer(WS, "U2", started.run.run_id, "q01", 4, "sv")
    second = flow.answer(WS, "U2", started.run.run_id, "q02", 4, "sv").next_question

    assert second is not None
    assert second.item_id == "q03v2"
    assert second.text == ITEMS_BY_ID["q03v2"].text("sv") != ITEMS_BY_ID["q03"].text("sv")
    with db.session() as s:
        run = s.get(SurveyRun, started.run.run_id)
        assert run is not None and run.instrument_version == CURRENT_VERSION == 2


def test_a_pulse_started_on_version_1_keeps_version_1s_anchors(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    period = period_for(Kind.PULSE, clock(), None)
    old_items = items_for(Kind.PULSE, f"{WS}:U1", period, 1)
    assert [item.id for item in old_items[:2]] == ["q04", "q09"]
    run_id = version_1_run(flow, db, clock, Kind.PULSE, {"q04": 4})

    resumed = flow.start(WS, "U1", Kind.PULSE, "en")

    question = resumed.question
    assert question is not None
    assert (question.item_id, question.position, question.total) == ("q09", 2, 7)
    assert question.text == ITEMS_BY_ID["q09"].text("en")
    posted(flow, question)
    result = None
    for item in old_items[1:]:
        outcome = flow.answer(WS, "U1", run_id, item.id, agree(item.id), "en")
        assert outcome.status is AnswerStatus.RECORDED
        if outcome.next_question is not None:
            posted(flow, outcome.next_question)
        result = outcome.result
    assert result is not None and result.scores.answered == 7


class RecordingPoster:
    def __init__(self) -> None:
        self.posted: list[QuestionView] = []

    def post_question(
        self, workspace_id: str, channel_id: str, thread_ts: str, question: QuestionView, locale: str
    ) -> SendResult:
        self.posted.append(question)
        return SendResult.SENT


def test_a_given_up_question_of_a_version_1_run_is_posted_in_its_own_wording(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    run_id = version_1_run(flow, db, clock, Kind.FULL, {"q01": 4, "q02": 4, "q03": 4})
    with db.session() as s:  # question 4 was claimed before the upgrade, and its post failed for good
        assert runs.claim_prompt(s, WS, run_id, 4, "q04", clock())
    clock.advance(minutes=5)
    poster = RecordingPoster()

    PromptRepair(db, clock, poster, "nb").run()

    assert [(q.position, q.total, q.item_id, q.text) for q in poster.posted] == [
        (4, 40, "q04", ITEMS_BY_ID["q04"].text("nb"))
    ]


def test_a_sellers_result_from_version_1_still_reads_every_answer(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    version_1_run(flow, db, clock, Kind.FULL, {item.id: agree(item.id) for item in VERSION_1}, finished=True)

    result = flow.last_result(WS, "U1")

    assert result is not None and result.kind is Kind.FULL
    assert result.scores.answered == 40
    assert (result.scores.safety, result.scores.standard, result.scores.administration) == (4.0, 4.0, 4.0)
    assert all(value == 4.0 for value in result.scores.traits.values())


def test_the_export_shows_the_wording_the_seller_answered(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    version_1_run(flow, db, clock, Kind.FULL, {"q04": 2, "q09": None})

    document = PrivacyService(db, clock).export(WS, "U1", "sv")

    assert document is not None
    (run,) = document["runs"]
    assert [(a["item_id"], a["text"]) for a in run["answers"]] == [
        ("q04", ITEMS_BY_ID["q04"].text("sv")),
        ("q09", ITEMS_BY_ID["q09"].text("sv")),
    ]


def test_a_self_view_from_version_1_is_read_on_its_own_items(
    flow: SurveyFlow, db: Database, clock: Clock
) -> None:
    choose = leader(5, 2, 3)
    answers = {item.id: choose(item.id) for item in VERSION_1}
    version_1_run(flow, db, clock, Kind.SELF, answers, finished=True)

    result = flow.last_result(WS, "U1")

    assert result is not None and result.kind is Kind.SELF and result.comparison is not None
    assert result.scores.answered == 40
    assert (result.scores.safety, result.scores.standard, result.scores.administration) == (5.0, 2.0, 3.0)
    # Version 1's leading side: its six relation-side items, all at 5.
    assert result.comparison.managing_vs_leading == (3.0, 5.0)
    assert result.comparison.profile is LeaderProfile.RELATION_LEADER
    assert all(mirror_text(item.id, "nb") for item in VERSION_1)  # its questions can still be shown
    # The coaching advice reads the same profile from it (storage says which version it asked).
    with db.session() as s:
        member = members.find_member(s, WS, "U1")
        assert member is not None
        own = advice_requests.own_self_view(s, WS, member.id)  # type: ignore[arg-type]
    assert own is not None and own.instrument_version == 1
    assert profile_of(score(own.answers, items=items_of_version(own.instrument_version))) is (
        LeaderProfile.RELATION_LEADER
    )


def uniform_v2(safety: int, standard: int, administration: int) -> dict[str, int | None]:
    """Version 2's counterpart of ``uniform``: the new anchors, a reverse-keyed item per axis."""
    return {
        "q04v2": safety,
        "q02": safety,
        "q08": 6 - safety,
        "q09v2": standard,
        "q01": standard,
        "q46": 6 - standard,
        "q05": administration,
    }


def publish_weeks(db: Database, weeks: list[tuple[str, list[tuple[int, dict[str, int | None]]]]]) -> int:
    """A team of five sellers; per week, each seller's (instrument version, answers); each week published."""
    with db.session() as s:
        team = make_team(s)
        add_member(s, team, "UMANAGER", role=Role.MANAGER)
        sellers = [add_member(s, team, f"S{index}") for index in range(5)]
        view = TeamView.of(team)
    for period, answered in weeks:
        at = week_of(period)
        with db.session() as s:
            for member, (version, answers) in zip(sellers, answered, strict=True):
                answer_pulse(s, view.id, member, answers, period=period, at=at, instrument_version=version)
        SummaryService(db, lambda at=at: at, SummaryOnlySender()).publish(view, at)
    return view.id


def test_the_team_picture_runs_on_across_the_rewrite(db: Database) -> None:
    before = [(1, uniform(4, 2, 3))] * 5
    after = [(2, uniform_v2(4, 2, 3))] * 5
    team_id = publish_weeks(db, [("2026-W47", before), ("2026-W48", after)])

    with db.session() as s:
        summary = latest_summary(s, team_id)

    assert summary is not None and not summary.suppressed
    assert summary.history == (("2026-W47", 4.0, 2.0), ("2026-W48", 4.0, 2.0))
    assert summary.safety is not None and summary.safety.mean == 4.0
    assert summary.standard is not None and summary.standard.mean == 2.0
    assert summary.administration == 3.0


def test_a_week_answered_on_both_versions_counts_every_answer(db: Database) -> None:
    mixed = [(1, uniform(4, 2, 3))] * 3 + [(2, uniform_v2(2, 4, 3))] * 2
    team_id = publish_weeks(db, [("2026-W48", mixed)])

    with db.session() as s:
        summary = latest_summary(s, team_id)

    assert summary is not None and summary.respondents == 5
    assert summary.safety is not None and summary.safety.mean == (3 * 4 + 2 * 2) / 5
    assert summary.standard is not None and summary.standard.mean == (3 * 2 + 2 * 4) / 5
