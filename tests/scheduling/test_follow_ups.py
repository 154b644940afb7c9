"""Coaching follow-ups without Slack: when they are due, scheduling and moving them, sending each once
(also with two dispatchers and after a restart), failures, and the manager's own history and deletion."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from coaching.advice import Situation, advise
from scheduling.follow_ups import FollowUpDispatcher
from scheduling.ports import SendResult
from storage.db import Database
from storage.models import FollowUp
from survey_flows.advice import AdviceFlow, follow_up_due
from survey_flows.advice_views import FollowUpReminder, FollowUpStatus
from tests.support.coaching import Teams, count
from tests.support.coaching_flow import THREAD, answer_all, coach, started, summaries, team_ids
from tests.support.harness import Clock
from tests.support.scheduling import WS, member_row, update

__all__ = ["coach", "summaries", "team_ids"]  # fixtures


# -- follow-ups ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "tz", "weeks", "due"),
    [
        (
            datetime(2026, 11, 23, 14, 0, tzinfo=UTC),
            "Europe/Oslo",
            2,
            datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
        ),
        (
            datetime(2026, 11, 28, 10, 0, tzinfo=UTC),
            "Europe/Oslo",
            1,
            datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
        ),
        (
            datetime(2026, 11, 23, 3, 0, tzinfo=UTC),
            "America/New_York",
            1,
            datetime(2026, 11, 30, 14, 0, tzinfo=UTC),
        ),
        (datetime(2026, 3, 20, 12, 0, tzinfo=UTC), "Europe/Oslo", 2, datetime(2026, 4, 3, 7, 0, tzinfo=UTC)),
        (datetime(2026, 11, 23, 14, 0, tzinfo=UTC), None, 4, datetime(2026, 12, 21, 9, 0, tzinfo=UTC)),
    ],
)
def test_a_reminder_is_due_at_nine_local_on_a_weekday(
    now: datetime, tz: str | None, weeks: int, due: datetime
) -> None:
    assert follow_up_due(now, tz, weeks) == due


def test_scheduling_a_follow_up(coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock) -> None:
    outcome = started(coach)
    assert outcome.request is not None
    rid = outcome.request.request_id
    assert coach.schedule_follow_up(WS, "U1", rid, 2).status is FollowUpStatus.NOT_ANSWERED
    answer_all(coach, outcome, {"will": "low"})

    assert coach.schedule_follow_up(WS, "U1", rid, 2).status is FollowUpStatus.SCHEDULED
    assert coach.schedule_follow_up(WS, "U1", rid, 2).status is FollowUpStatus.UNCHANGED
    moved = coach.schedule_follow_up(WS, "U1", rid, 1)
    assert moved.status is FollowUpStatus.MOVED and moved.due_at == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert coach.schedule_follow_up(WS, "U2", rid, 1).status is FollowUpStatus.NOT_FOUND
    with pytest.raises(ValueError, match="weeks"):
        coach.schedule_follow_up(WS, "U1", rid, 3)
    assert count(db, FollowUp) == 1


class Sender:
    def __init__(
        self, result: SendResult = SendResult.SENT, on_send: Callable[[], None] | None = None
    ) -> None:
        self.result = result
        self.on_send = on_send
        self.sent: list[FollowUpReminder] = []
        self._lock = threading.Lock()

    def send_follow_up(self, reminder: FollowUpReminder) -> SendResult:
        if self.on_send:
            self.on_send()
        with self._lock:
            self.sent.append(reminder)
        return self.result


def due_follow_up(coach: AdviceFlow, clock: Clock, subject: str = "U4") -> int:
    outcome = started(coach, subject=subject)
    assert outcome.request is not None
    answer_all(coach, outcome, {"competence": "low"})
    coach.schedule_follow_up(WS, "U1", outcome.request.request_id, 1)
    clock.now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    return outcome.request.request_id


def test_a_due_reminder_is_sent_once_with_the_plan(
    coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock
) -> None:
    due_follow_up(coach, clock)
    sender = Sender()
    dispatcher = FollowUpDispatcher(db, clock, sender)

    clock.now -= timedelta(seconds=1)
    assert dispatcher.send_due().sent == []
    clock.now += timedelta(seconds=1)
    assert len(dispatcher.send_due().sent) == 1
    assert dispatcher.send_due().sent == []
    assert FollowUpDispatcher(db, clock, sender).send_due().sent == []  # a restarted process

    (reminder,) = sender.sent
    assert reminder.manager_user_id == "U1" and reminder.subject_user_id == "U4"
    assert reminder.request.thread_ts == THREAD
    assert reminder.advice.follow_up_plan("nb") == advise(Situation(competence="low")).follow_up_plan("nb")


def test_two_dispatchers_at_once_send_one_reminder(
    coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock
) -> None:
    due_follow_up(coach, clock)
    barrier = threading.Barrier(2)
    sender = Sender()
    dispatchers = [FollowUpDispatcher(db, clock, sender) for _ in range(2)]
    reports: list[Any] = []

    def run(dispatcher: FollowUpDispatcher) -> None:
        barrier.wait()
        reports.append(dispatcher.send_due())

    threads = [threading.Thread(target=run, args=(d,)) for d in dispatchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(sender.sent) == 1
    assert sum(len(r.sent) for r in reports) == 1


def test_a_failed_send_is_retried_for_a_day_then_given_up(
    coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock
) -> None:
    due_follow_up(coach, clock)
    failing = FollowUpDispatcher(db, clock, Sender(SendResult.FAILED))
    assert failing.send_due().failed
    clock.advance(hours=23)
    assert failing.send_due().failed
    clock.advance(hours=2)  # more than a day after it was due
    assert failing.send_due().failed
    sender = Sender()
    assert FollowUpDispatcher(db, clock, sender).send_due().sent == [] and sender.sent == []


def test_an_unreachable_manager_is_marked_and_not_retried(
    coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock
) -> None:
    due_follow_up(coach, clock)
    report = FollowUpDispatcher(db, clock, Sender(SendResult.UNREACHABLE)).send_due()
    assert report.skipped and member_row(db, "U1").dm_unavailable_at == clock.now
    sender = Sender()
    FollowUpDispatcher(db, clock, sender).send_due()
    assert sender.sent == []


def test_a_reminder_to_a_manager_known_unreachable_is_skipped(
    coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock
) -> None:
    due_follow_up(coach, clock)
    update(db, "U1", dm_unavailable_at=clock.now - timedelta(hours=1))
    sender = Sender()
    assert FollowUpDispatcher(db, clock, sender).send_due().skipped
    assert sender.sent == []


# -- the manager's own list ------------------------------------------------------------------------------


def test_history_is_the_managers_own_newest_first_and_delete_cascades(
    coach: AdviceFlow, db: Database, team_ids: Teams, clock: Clock
) -> None:
    rid = due_follow_up(coach, clock)
    clock.advance(minutes=1)
    started(coach, subject="U5")
    started(coach, manager="U2", subject="U6")

    entries = coach.history(WS, "U1")
    assert [e.subject_user_id for e in entries] == ["U5", "U4"]
    assert entries[0].advice is None and not entries[0].answered
    assert entries[1].advice is not None and entries[1].advice.relation_pct == 40
    assert entries[1].follow_up_due == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert coach.history(WS, "U9") == [] and coach.is_manager(WS, "U1") and not coach.is_manager(WS, "U4")

    assert coach.delete(WS, "U2", rid) is None
    assert coach.delete(WS, "U1", rid, token="0") is None
    deleted = coach.delete(WS, "U1", rid, token=entries[1].token)
    assert deleted is not None and deleted.subject_user_id == "U4"
    assert coach.delete(WS, "U1", rid) is None
    with db.session() as s:
        assert s.scalars(select(FollowUp)).all() == []
    assert [e.subject_user_id for e in coach.history(WS, "U1")] == ["U5"]
