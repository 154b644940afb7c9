"""The dispatcher after things went wrong: racing dispatchers, a crash mid-send, failed sends, runs missed
while the bot was down, and the summary claims it hands back to the publisher. Each delivery happens once."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from scheduling.dispatch import Dispatcher
from scheduling.ports import SendResult
from storage import ledger
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows.survey import StartStatus, SurveyFlow
from survey_flows.views import Kind
from tests.support.dispatching import W48, at, dispatcher, ledger_row, run_all
from tests.support.harness import Clock
from tests.support.scheduling import FakeSender, make_team, member_id, status

PULSE, REMINDER = DeliveryKind.PULSE, DeliveryKind.REMINDER


@pytest.fixture
def sender(flow: SurveyFlow) -> FakeSender:
    return FakeSender(flow)


# -- at most once ----------------------------------------------------------------------------------------


def test_two_dispatchers_racing_send_each_member_exactly_once(db_url: str, clock: Clock) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    users = [f"U{i}" for i in range(1, 9)]
    databases = [Database.from_url(db_url) for _ in range(2)]
    team_id = make_team(databases[0], clock.now, [(u, "Europe/Oslo") for u in users])
    senders = [FakeSender(SurveyFlow(database, clock)) for database in databases]
    dispatchers = [dispatcher(database, clock, s) for database, s in zip(databases, senders, strict=True)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(d: Dispatcher) -> None:
        try:
            barrier.wait()
            d.send_pulses(team_id, "Europe/Oslo")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in dispatchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert sorted(senders[0].pulses + senders[1].pulses) == users
        assert all(status(databases[0], PULSE, u, W48) == DeliveryStatus.SENT for u in users)
    finally:
        for database in databases:
            database.dispose()


class Killed(BaseException):
    """The process dying (SIGKILL) right after Slack accepted the message: nothing after it runs."""


def killed_at_u3(db_url: str, clock: Clock, users: list[str], claimer: str | None = None) -> None:
    """A process sends a team's pulses and dies right after Slack took U3's; its database goes with it."""
    db = Database.from_url(db_url)
    team_id = make_team(db, clock.now, [(u, "Europe/Oslo") for u in users])
    first = FakeSender()

    def kill_at_u3(user_id: str) -> None:
        if user_id == "U3":
            raise Killed

    first.on_pulse = kill_at_u3
    with pytest.raises(Killed):
        dispatcher(db, clock, first, claimer=claimer).send_pulses(team_id, "Europe/Oslo")
    db.dispose()
    assert first.pulses == ["U1", "U2", "U3"]


def test_a_crash_mid_send_resumes_once_after_restart(db_url: str, clock: Clock) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    users = ["U1", "U2", "U3", "U4", "U5"]
    killed_at_u3(db_url, clock, users)

    # A new process over the same database, a minute later: the claim is not yet stale.
    restarted = Database.from_url(db_url)
    second = FakeSender()
    d = dispatcher(restarted, clock, second)
    assert status(restarted, PULSE, "U3", W48) == DeliveryStatus.CLAIMED
    clock.advance(minutes=1)
    d.resume_unfinished()
    assert second.pulses == []
    # Start-up as the scheduler does it: catch up on today's, resume the interrupted.
    clock.advance(minutes=5)
    d.catch_up()
    d.resume_unfinished()
    d.resume_unfinished()
    d.catch_up()
    try:
        # U3 again: Slack took the first message but the ledger never heard (the at-least-once window).
        assert sorted(second.pulses) == ["U3", "U4", "U5"]
        assert all(status(restarted, PULSE, u, W48) == DeliveryStatus.SENT for u in users)
    finally:
        restarted.dispose()


def test_a_pulse_claimed_late_in_a_long_run_is_not_taken_for_an_interrupted_one(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    users = ["U1", "U2", "U3", "U4"]
    team_id = make_team(db, clock.now, [(u, "Europe/Oslo") for u in users])
    d = dispatcher(db, clock, sender)

    def slow_slack(user_id: str) -> None:
        clock.advance(minutes=2)  # each send takes two minutes (Slack rate-limiting us hard)
        if user_id == "U4":
            d.resume_unfinished()  # the resume job comes round while U4's pulse is still being sent

    sender.on_pulse = slow_slack
    d.send_pulses(team_id, "Europe/Oslo")

    assert sender.pulses == users  # U4 (claimed 6 minutes into the run) got one pulse, not two
    assert all(status(db, PULSE, u, W48) == DeliveryStatus.SENT for u in users)


def test_a_failed_send_is_retried_the_same_day_and_skipped_the_next(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo"), ("U2", "Europe/Oslo")])
    sender.results = {"U1": SendResult.FAILED, "U2": SendResult.FAILED}
    d = dispatcher(db, clock, sender)
    run_all(d)
    assert status(db, PULSE, "U1", W48) == DeliveryStatus.CLAIMED
    del sender.results["U1"]
    clock.advance(minutes=10)
    d.resume_unfinished()
    assert status(db, PULSE, "U1", W48) == DeliveryStatus.SENT
    assert status(db, PULSE, "U2", W48) == DeliveryStatus.CLAIMED  # still failing, still claimed
    clock.now = at(2026, 11, 24, 8, 0)
    sender.results.clear()
    d.resume_unfinished()
    assert sender.pulses == ["U1", "U2", "U1", "U2"]  # the next day: not sent again
    assert status(db, PULSE, "U2", W48) == DeliveryStatus.SKIPPED


# -- missed runs -----------------------------------------------------------------------------------------


def test_a_pulse_missed_while_down_is_sent_late_the_same_day(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 7, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo")])
    clock.now = at(2026, 11, 23, 15, 30)  # the bot was down at 09:00 and starts in the afternoon
    dispatcher(db, clock, sender).catch_up()
    assert sender.pulses == ["U1"]


def test_a_pulse_missed_on_an_earlier_day_is_skipped_and_never_sent(
    db: Database, clock: Clock, sender: FakeSender, caplog: pytest.LogCaptureFixture
) -> None:
    clock.now = at(2026, 11, 23, 7, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo")])
    clock.now = at(2026, 11, 24, 10, 0)  # down all Monday
    d = dispatcher(db, clock, sender)
    d.catch_up()
    run_all(d)
    clock.advance(days=1)
    run_all(d)
    assert sender.pulses == []
    assert status(db, PULSE, "U1", W48) == DeliveryStatus.SKIPPED
    assert "missed" in caplog.text


def test_a_missed_reminder_is_skipped_the_day_after(db: Database, clock: Clock, sender: FakeSender) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo")])
    d = dispatcher(db, clock, sender)
    run_all(d)
    clock.now = at(2026, 11, 25, 8, 0)  # down all Tuesday
    d.catch_up()
    assert sender.reminders == []
    assert status(db, REMINDER, "U1", W48) == DeliveryStatus.SKIPPED


# -- the summary hook ------------------------------------------------------------------------------------


def test_summaries_are_handed_over_on_the_summary_date_after_its_time(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 27, 12, 0)  # Friday 13:00 in Oslo
    team_id = make_team(db, clock.now, [("U1", "Europe/Oslo")])
    published: list[tuple[int, datetime]] = []
    d = dispatcher(db, clock, sender, summary_publisher=lambda team, now: published.append((team.id, now)))
    assert not d.publish_summaries(team_id)
    clock.now = at(2026, 11, 27, 13, 0)  # 14:00
    assert d.publish_summaries(team_id)
    assert published == [(team_id, clock.now)]
    clock.now = at(2026, 11, 30, 13, 0)  # Monday: not the summary date
    assert not d.publish_summaries(team_id)
    assert not dispatcher(db, clock, sender).publish_summaries(team_id)  # no publisher: skipped


def test_an_interrupted_summary_is_handed_to_the_publisher_again(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 27, 13, 0)  # Friday 14:00 in Oslo
    team_id = make_team(db, clock.now, [("U1", "Europe/Oslo")])
    with db.session() as s:
        ledger.claim(s, "T1", DeliveryKind.SUMMARY, str(team_id), W48, clock.now)
    published: list[int] = []
    d = dispatcher(db, clock, sender, summary_publisher=lambda team, now: published.append(team.id))
    d.resume_unfinished()
    assert published == []  # not stale yet
    clock.advance(minutes=10)
    d.resume_unfinished()
    assert published == [team_id]  # the publisher takes its claim over itself
    assert status(db, PULSE, "U1", W48) is None  # and the summary claim was not touched here


def test_a_summary_missed_while_down_is_skipped_and_logged_once(
    db: Database, clock: Clock, sender: FakeSender, caplog: pytest.LogCaptureFixture
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(db, clock.now, [("U1", "Europe/Oslo")])
    published: list[int] = []
    d = dispatcher(db, clock, sender, summary_publisher=lambda team, now: published.append(team.id))
    clock.now = at(2026, 11, 30, 7, 0)  # down from Friday noon to Monday morning: Friday's summary missed
    d.catch_up()
    d.catch_up()
    assert published == []
    row = ledger_row(db, DeliveryKind.SUMMARY, str(team_id), W48)
    assert (row.status, row.detail) == (DeliveryStatus.SKIPPED, "missed: summary day 2026-11-27 passed")
    assert caplog.text.count("was missed on 2026-11-27") == 1


def test_a_summary_interrupted_on_an_earlier_day_is_skipped_not_retried_forever(
    db: Database, clock: Clock, sender: FakeSender, caplog: pytest.LogCaptureFixture
) -> None:
    clock.now = at(2026, 11, 27, 13, 0)  # Friday 14:00 in Oslo
    team_id = make_team(db, clock.now, [("U1", "Europe/Oslo")])
    with db.session() as s:
        ledger.claim(s, "T1", DeliveryKind.SUMMARY, str(team_id), W48, clock.now)
        ledger.claim(s, "T1", DeliveryKind.SUMMARY_DM, f"{team_id}:9", W48, clock.now)
    published: list[int] = []
    d = dispatcher(db, clock, sender, summary_publisher=lambda team, now: published.append(team.id))
    clock.now = at(2026, 11, 30, 8, 0)  # the process died on Friday; back on Monday
    d.resume_unfinished()
    d.resume_unfinished()
    assert published == []
    for kind, target in ((DeliveryKind.SUMMARY, str(team_id)), (DeliveryKind.SUMMARY_DM, f"{team_id}:9")):
        row = ledger_row(db, kind, target, W48)
        assert (row.status, row.detail) == (DeliveryStatus.SKIPPED, "missed: interrupted on an earlier day")
    assert caplog.text.count("interrupted on an earlier day; skipped") == 2


def test_a_process_restarted_after_a_kill_resumes_the_killed_ones_claims_at_once(
    db_url: str, clock: Clock
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    users = ["U1", "U2", "U3", "U4", "U5"]
    killed_at_u3(db_url, clock, users, claimer="host:101:a")

    # Restarted seconds later on the same machine, where process 101 no longer runs: nothing of it is in
    # flight, so its claim is resumed now rather than after STALE_CLAIM, and U3's pulse is not held back.
    restarted = Database.from_url(db_url)
    second = FakeSender()
    d = dispatcher(restarted, clock, second, claimer="host:202:b", ended=lambda c: c == "host:101:a")
    clock.advance(seconds=5)
    try:
        d.resume_unfinished()
        assert second.pulses == ["U3"]
        d.catch_up()
        assert sorted(second.pulses) == ["U3", "U4", "U5"]
        assert ledger_row(restarted, PULSE, str(member_id(restarted, "U3")), W48).claimed_by == "host:202:b"
        # A claim of a process that still runs (or runs elsewhere) is waited out as before.
        waiting = dispatcher(restarted, clock, FakeSender(), claimer="host:303:c", ended=lambda c: False)
        u1 = str(member_id(restarted, "U1"))
        with restarted.session() as s:
            ledger.claim(s, "T1", REMINDER, u1, W48, clock.now, "host:202:b")
        assert waiting.resume_unfinished().sent == []
    finally:
        restarted.dispose()


class KilledWhilePosting:
    """A sender over the real survey flow: the intro is claimed (the run started), then the process dies
    before Slack's answer, leaving the run's own claim behind as well as the ledger's."""

    def __init__(self, flow: SurveyFlow, kill: str | None = None) -> None:
        self.flow, self.kill, self.pulses = flow, kill, []  # type: ignore[var-annotated]

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        outcome = self.flow.start(workspace_id, user_id, Kind.PULSE, "nb")
        if user_id == self.kill:
            raise Killed
        if outcome.status is StartStatus.IN_PROGRESS or outcome.run is None:
            return (
                SendResult.FAILED
            )  # as bot/senders/slack_sender.py: someone may be posting it; look again later
        self.flow.thread_started(workspace_id, outcome.run.run_id, f"D{user_id}", f"17.{user_id}")
        self.pulses.append(user_id)
        return SendResult.SENT


def test_a_pulse_whose_intro_the_killed_process_had_claimed_goes_out_once_its_window_passed(
    db: Database, clock: Clock
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(db, clock.now, [(u, "Europe/Oslo") for u in ("U1", "U2")])
    killed = KilledWhilePosting(SurveyFlow(db, clock), kill="U2")
    with pytest.raises(Killed):
        dispatcher(db, clock, killed, claimer="host:101:a").send_pulses(team_id, "Europe/Oslo")  # type: ignore[arg-type]

    restarted = KilledWhilePosting(SurveyFlow(db, clock))
    d = dispatcher(db, clock, restarted, claimer="host:202:b", ended=lambda c: c == "host:101:a")  # type: ignore[arg-type]
    waited: list[float] = []

    def wait(seconds: float) -> None:
        waited.append(seconds)
        clock.advance(seconds=seconds)

    d.sleep = wait
    clock.advance(seconds=3)
    report = d.resume_unfinished()

    assert restarted.pulses == ["U2"]
    assert len(waited) == 1 and waited[0] > 15  # past the flow's window for a post in flight, once
    assert report.failed == [] and status(db, PULSE, "U2", W48) == DeliveryStatus.SENT
