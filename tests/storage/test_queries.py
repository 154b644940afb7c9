"""The query helpers the flows rely on for idempotency, and the workspace scoping of every row."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from storage import members, runs
from storage.db import Database
from storage.models import Answer, Member, Prompt, SurveyRun
from tests.storage.conftest import NOW


def _run(s: Session, workspace: str = "T1", user: str = "U1", kind: str = "full", period: str = "2026-11"):
    member = members.ensure_member(s, workspace, user, NOW)
    run = runs.create_run(s, workspace, member.id, kind, period, NOW, instrument_version=2)
    assert run is not None
    return run


def _count(s: Session, model: type) -> int:
    return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_repeated_answer_updates_the_row_instead_of_adding_one(db: Database) -> None:
    later = NOW + timedelta(minutes=3)
    with db.session() as s:
        run = _run(s)
        runs.upsert_answer(s, "T1", run.id, "q01", 2, NOW)
    with db.session() as s:
        runs.upsert_answer(s, "T1", run.id, "q01", 4, later)
        runs.upsert_answer(s, "T1", run.id, "q02", None, later)
    with db.session() as s:
        assert runs.answers_for_run(s, run.id) == {"q01": 4, "q02": None}
        assert runs.count_answers(s, run.id) == 2
        assert _count(s, Answer) == 2
        row = s.scalars(select(Answer).where(Answer.item_id == "q01")).one()
        assert row.answered_at == later


def test_answers_of_two_runs_are_kept_apart(db: Database) -> None:
    with db.session() as s:
        first = _run(s, user="U1")
        second = _run(s, user="U2")
        runs.upsert_answer(s, "T1", first.id, "q01", 1, NOW)
        runs.upsert_answer(s, "T1", second.id, "q01", 5, NOW)
    with db.session() as s:
        assert runs.answers_for_run(s, first.id) == {"q01": 1}
        assert runs.answers_for_run(s, second.id) == {"q01": 5}


def test_a_question_can_be_claimed_once(db: Database) -> None:
    with db.session() as s:
        run = _run(s)
        assert runs.claim_prompt(s, "T1", run.id, 1, "q01", NOW) is True
    with db.session() as s:
        assert runs.claim_prompt(s, "T1", run.id, 1, "q01", NOW) is False
        assert runs.claim_prompt(s, "T1", run.id, 1, "q07", NOW) is False
        assert runs.claim_prompt(s, "T1", run.id, 2, "q02", NOW) is True
    with db.session() as s:
        prompts = runs.prompts_for_run(s, run.id)
        assert {pos: p.item_id for pos, p in prompts.items()} == {1: "q01", 2: "q02"}
        assert _count(s, Prompt) == 2


def test_the_posted_message_ts_is_remembered_for_the_claimed_question(db: Database) -> None:
    with db.session() as s:
        run = _run(s)
        runs.claim_prompt(s, "T1", run.id, 1, "q01", NOW)
        runs.set_prompt_ts(s, run.id, 1, "1700000000.000100")
    with db.session() as s:
        assert runs.prompts_for_run(s, run.id)[1].message_ts == "1700000000.000100"


def test_a_run_is_finished_once(db: Database) -> None:
    later = NOW + timedelta(hours=1)
    with db.session() as s:
        run = _run(s)
        assert runs.finish_run(s, run.id, NOW) is True
    with db.session() as s:
        assert runs.finish_run(s, run.id, later) is False
    with db.session() as s:
        stored = runs.find_run(s, "T1", run.id)
        assert stored is not None
        assert stored.finished_at == NOW  # the second call did not move it
        assert runs.open_runs(s, "T1", stored.member_id) == []


def test_a_second_run_for_the_same_member_kind_and_period_is_refused(db: Database) -> None:
    with db.session() as s:
        run = _run(s)
    with db.session() as s:
        assert runs.create_run(s, "T1", run.member_id, "full", "2026-11", NOW, instrument_version=2) is None
        other_kind = runs.create_run(s, "T1", run.member_id, "pulse", "2026-W48", NOW, instrument_version=2)
        next_month = runs.create_run(s, "T1", run.member_id, "full", "2026-12", NOW, instrument_version=2)
        assert other_kind is not None
        assert next_month is not None
        assert len({run.id, other_kind.id, next_month.id}) == 3
    with db.session() as s:
        assert _count(s, SurveyRun) == 3
        found = runs.find_run_for_period(s, "T1", run.member_id, "full", "2026-11")
        assert found is not None
        assert found.id == run.id


def test_a_slack_delivery_is_remembered_once_per_workspace(db: Database) -> None:
    with db.session() as s:
        assert members.remember_event(s, "T1", "Ev1", NOW) is True
    with db.session() as s:
        assert members.remember_event(s, "T1", "Ev1", NOW) is False
        assert members.remember_event(s, "T2", "Ev1", NOW) is True
        assert members.remember_event(s, "T1", "Ev2", NOW) is True


def test_a_run_is_not_found_through_another_workspace(db: Database) -> None:
    with db.session() as s:
        run = _run(s, workspace="T1")
        runs.attach_thread(s, run, "D1", "1700000000.000100")
        members.ensure_workspace(s, "T2", NOW)
    with db.session() as s:
        assert runs.find_run(s, "T2", run.id) is None
        assert runs.find_run_by_thread(s, "T2", "D1", "1700000000.000100") is None
        found = runs.find_run(s, "T1", run.id)
        assert found is not None
        assert found.id == run.id
        by_thread = runs.find_run_by_thread(s, "T1", "D1", "1700000000.000100")
        assert by_thread is not None
        assert by_thread.id == run.id


def test_the_same_slack_user_in_two_workspaces_is_two_members(db: Database) -> None:
    with db.session() as s:
        assert members.find_member(s, "T2", "U1") is None
        one = members.ensure_member(s, "T1", "U1", NOW)
        other = members.ensure_member(s, "T2", "U1", NOW)
        again = members.ensure_member(s, "T1", "U1", NOW + timedelta(days=1))
        assert one.id != other.id
        assert again.id == one.id
        assert again.created_at == NOW
        run_one = runs.create_run(s, "T1", one.id, "full", "2026-11", NOW, instrument_version=2)
        run_other = runs.create_run(s, "T2", other.id, "full", "2026-11", NOW, instrument_version=2)
        assert run_one is not None
        assert run_other is not None
    with db.session() as s:
        assert _count(s, Member) == 2
        assert [r.id for r in runs.open_runs(s, "T1", one.id)] == [run_one.id]
        assert [r.id for r in runs.open_runs(s, "T2", other.id)] == [run_other.id]
        assert runs.open_runs(s, "T2", one.id) == []
