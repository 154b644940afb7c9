"""The dispatcher with an injected clock and a recording Sender: who gets what, when, and only once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from storage import ledger, runs
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows.delivery import SendResult
from survey_flows.dispatch import Dispatcher
from survey_flows.profiles import ProfileStore
from survey_flows.survey import SurveyFlow
from tests.support.harness import Clock
from tests.support.scheduling import FakeSender, finish_pulse, leave, make_team, member_row, status, update

PULSE, REMINDER = DeliveryKind.PULSE, DeliveryKind.REMINDER
W48 = "2026-W48"  # Monday 23 November 2026


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def dispatcher(db: Database, clock: Clock, sender: FakeSender, **kwargs: object) -> Dispatcher:
    return Dispatcher(db, clock, sender, SurveyFlow(db, clock), pace=lambda: None, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def sender(flow: SurveyFlow) -> FakeSender:
    return FakeSender(flow)


def run_all(d: Dispatcher) -> None:
    """What the scheduler's jobs do for every team and zone."""
    for plan in d.plan():
        for tz in plan.pulse_zones:
            d.run_daily(plan.team.id, tz)


# -- local time across zones and DST ---------------------------------------------------------------------


def test_each_member_gets_the_pulse_at_nine_in_their_own_zone(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 0, 0)
    make_team(
        db,
        clock.now,
        [("U1", "Europe/Oslo"), ("U3", "America/New_York"), ("U4", "Asia/Kolkata"), ("U5", None)],
    )
    d = dispatcher(db, clock, sender)
    assert [p.pulse_zones for p in d.plan()] == [("America/New_York", "Asia/Kolkata", "Europe/Oslo")]

    timeline = [
        (at(2026, 11, 23, 3, 29), []),
        (at(2026, 11, 23, 3, 30), ["U4"]),  # 09:00 in Kolkata
        (at(2026, 11, 23, 7, 59), ["U4"]),
        (at(2026, 11, 23, 8, 0), ["U4", "U1", "U5"]),  # 09:00 in Oslo; U5 has no zone: the team's
        (at(2026, 11, 23, 13, 59), ["U4", "U1", "U5"]),
        (at(2026, 11, 23, 14, 0), ["U4", "U1", "U5", "U3"]),  # 09:00 in New York
        (at(2026, 11, 23, 20, 0), ["U4", "U1", "U5", "U3"]),  # and never twice
    ]
    for now, expected in timeline:
        clock.now = now
        run_all(d)
        assert sender.pulses == expected, now
    assert status(db, PULSE, "U3", W48) == DeliveryStatus.SENT


def test_nine_oclock_holds_across_the_spring_dst_change(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 3, 27, 0, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo"), ("U3", "America/New_York")])
    d = dispatcher(db, clock, sender)
    # Monday 30 March: Oslo is on CEST (+02:00) since Sunday, New York on EDT (-04:00) since 8 March.
    for now, expected in [
        (at(2026, 3, 30, 6, 59), []),
        (at(2026, 3, 30, 7, 0), ["U1"]),
        (at(2026, 3, 30, 12, 59), ["U1"]),
        (at(2026, 3, 30, 13, 0), ["U1", "U3"]),
    ]:
        clock.now = now
        run_all(d)
        assert sender.pulses == expected, now


def test_nine_oclock_holds_across_the_autumn_dst_change(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 10, 19, 0, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo")])
    d = dispatcher(db, clock, sender)
    clock.now = at(2026, 10, 19, 7, 0)  # 09:00 CEST before the change
    run_all(d)
    clock.now = at(2026, 10, 26, 7, 30)  # 08:30 CET after it: not yet
    run_all(d)
    assert sender.pulses == ["U1"]
    clock.now = at(2026, 10, 26, 8, 0)
    run_all(d)
    assert sender.pulses == ["U1", "U1"]  # one per week


# -- working days ----------------------------------------------------------------------------------------


def test_nothing_goes_out_on_a_weekend(db: Database, clock: Clock, sender: FakeSender) -> None:
    clock.now = at(2026, 11, 28, 12, 0)  # Saturday
    make_team(db, clock.now, [("U1", "Europe/Oslo")], pulse_weekday=5)
    d = dispatcher(db, clock, sender)
    run_all(d)
    clock.now = at(2026, 11, 29, 12, 0)  # Sunday
    run_all(d)
    assert sender.pulses == []


def test_a_no_send_date_moves_the_pulse_to_the_next_working_day(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 12, 0)  # Monday, blocked
    make_team(db, clock.now, [("U1", "Europe/Oslo")], no_send_dates=["2026-11-23"])
    d = dispatcher(db, clock, sender)
    run_all(d)
    assert sender.pulses == []
    clock.now = at(2026, 11, 24, 8, 0)  # Tuesday 09:00
    run_all(d)
    assert sender.pulses == ["U1"]
    assert status(db, PULSE, "U1", W48) == DeliveryStatus.SENT


# -- reminders -------------------------------------------------------------------------------------------


def test_the_reminder_goes_only_to_those_who_have_not_answered(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo"), ("U2", "Europe/Oslo"), ("U3", "Europe/Oslo")])
    sender.results["U3"] = SendResult.UNREACHABLE  # never got the pulse: no reminder either
    d = dispatcher(db, clock, sender)
    run_all(d)
    finish_pulse(db, "U1", W48, clock.now)

    clock.now = at(2026, 11, 23, 15, 0)  # the pulse day itself: no reminder yet
    run_all(d)
    assert sender.reminders == []
    clock.now = at(2026, 11, 24, 8, 0)  # Tuesday 09:00
    run_all(d)
    run_all(d)
    assert sender.reminded == ["U2"]
    run = sender.reminders[0][1]
    assert run is not None and run.thread_ts and run.channel_id == "DU2" and not run.finished
    assert status(db, REMINDER, "U2", W48) == DeliveryStatus.SENT
    assert status(db, REMINDER, "U1", W48) is None  # nothing recorded about who answered
    clock.now = at(2026, 11, 25, 8, 0)  # one reminder only
    run_all(d)
    assert sender.reminded == ["U2"]


def test_a_friday_pulse_is_reminded_on_monday(db: Database, clock: Clock, sender: FakeSender) -> None:
    clock.now = at(2026, 11, 27, 8, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo")], pulse_weekday=4)
    d = dispatcher(db, clock, sender)
    run_all(d)
    clock.now = at(2026, 11, 30, 8, 0)
    run_all(d)
    assert sender.pulses == ["U1"]
    assert sender.reminded == ["U1"]
    assert status(db, REMINDER, "U1", W48) == DeliveryStatus.SENT


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


def test_a_crash_mid_send_resumes_once_after_restart(db_url: str, clock: Clock) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    users = ["U1", "U2", "U3", "U4", "U5"]
    db = Database.from_url(db_url)
    team_id = make_team(db, clock.now, [(u, "Europe/Oslo") for u in users])
    first = FakeSender()

    def kill_at_u3(user_id: str) -> None:
        if user_id == "U3":
            raise Killed

    first.on_pulse = kill_at_u3
    with pytest.raises(Killed):
        dispatcher(db, clock, first).send_pulses(team_id, "Europe/Oslo")
    db.dispose()
    assert first.pulses == ["U1", "U2", "U3"]

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


# -- who gets nothing ------------------------------------------------------------------------------------


def test_an_unreachable_member_is_marked_and_not_retried(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo"), ("U2", "Europe/Oslo")])
    sender.results["U2"] = SendResult.UNREACHABLE
    d = dispatcher(db, clock, sender)
    run_all(d)
    assert status(db, PULSE, "U2", W48) == DeliveryStatus.SKIPPED
    assert member_row(db, "U2").dm_unavailable_at == clock.now
    clock.advance(minutes=30)
    d.resume_unfinished()
    clock.now = at(2026, 11, 30, 8, 0)  # next week: skipped without asking Slack
    run_all(d)
    assert sender.pulses == ["U1", "U2", "U1"]
    assert status(db, PULSE, "U2", "2026-W49") == DeliveryStatus.SKIPPED
    # A later profile refresh (user_change, users.info) may mean they are back: try again.
    update(db, "U2", profile_refreshed_at=at(2026, 12, 1, 12, 0))
    del sender.results["U2"]
    clock.now = at(2026, 12, 7, 8, 0)
    run_all(d)
    assert sender.pulses == ["U1", "U2", "U1", "U1", "U2"]


def test_deactivated_and_departed_members_get_nothing(db: Database, clock: Clock, sender: FakeSender) -> None:
    clock.now = at(2026, 11, 23, 7, 0)
    team_id = make_team(db, clock.now, [("U1", "Europe/Oslo"), ("U2", "Europe/Oslo"), ("U3", "Europe/Oslo")])
    update(db, "U2", deactivated=True)
    leave(db, team_id, "U3", clock.now)
    clock.now = at(2026, 11, 23, 8, 0)
    run_all(dispatcher(db, clock, sender))
    assert sender.pulses == ["U1"]


def test_a_claim_of_a_member_who_left_meanwhile_is_not_resumed(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(db, clock.now, [("U1", "Europe/Oslo")])
    sender.results["U1"] = SendResult.FAILED
    d = dispatcher(db, clock, sender)
    run_all(d)
    leave(db, team_id, "U1", clock.now)
    clock.advance(minutes=10)
    d.resume_unfinished()
    assert sender.pulses == ["U1"]
    assert status(db, PULSE, "U1", W48) == DeliveryStatus.SKIPPED


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


# -- a member without a cached zone, and one who comes back ------------------------------------------------


def test_a_member_without_a_cached_zone_gets_the_pulse_week_of_the_teams_zone(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    # Monday 09:00 in Auckland is still Sunday (2026-W48) in UTC: the run must be the week the ledger
    # says was sent, or the reminder and the summary never find it.
    clock.now = at(2026, 11, 29, 12, 0)
    make_team(db, clock.now, [("U1", None)], tz="Pacific/Auckland")
    d = dispatcher(db, clock, sender)
    clock.now = at(2026, 11, 29, 20, 0)  # Monday 30 November 09:00 NZDT
    run_all(d)
    assert status(db, PULSE, "U1", "2026-W49") == DeliveryStatus.SENT
    with db.session() as s:
        run = runs.find_run_for_period(s, "T1", member_row(db, "U1").id, "pulse", "2026-W49")  # type: ignore[arg-type]
        assert run is not None
    clock.now = at(2026, 11, 30, 20, 0)  # Tuesday 09:00 NZDT
    run_all(d)
    assert sender.reminded == ["U1"]


def test_a_member_marked_unreachable_is_tried_again_after_a_user_change(
    db: Database, clock: Clock, sender: FakeSender
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    make_team(db, clock.now, [("U1", "Europe/Oslo")])
    sender.results["U1"] = SendResult.UNREACHABLE  # deactivated: conversations.open says user_disabled
    d = dispatcher(db, clock, sender)
    run_all(d)
    assert status(db, PULSE, "U1", W48) == DeliveryStatus.SKIPPED
    # Reactivated: Slack sends user_change, without a locale (events need not carry one).
    clock.now = at(2026, 11, 26, 10, 0)
    assert ProfileStore(db, clock).update_known("T1", "U1", slack_locale=None, tz="Europe/Oslo")
    del sender.results["U1"]
    clock.now = at(2026, 11, 30, 8, 0)
    run_all(d)
    assert sender.pulses == ["U1", "U1"]
    assert status(db, PULSE, "U1", "2026-W49") == DeliveryStatus.SENT


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


def ledger_row(db: Database, kind: str, target: str, period: str):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return ledger.get(s, "T1", kind, target, period)
