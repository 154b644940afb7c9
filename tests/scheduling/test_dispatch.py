"""The dispatcher with an injected clock and a recording Sender: who gets what, and when."""

from __future__ import annotations

import threading

import pytest

from scheduling.ports import SendResult
from storage import runs
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows.profiles import ProfileStore
from survey_flows.survey import SurveyFlow
from tests.support.dispatching import W48, at, dispatcher, run_all
from tests.support.harness import Clock
from tests.support.scheduling import FakeSender, finish_pulse, leave, make_team, member_row, status, update

PULSE, REMINDER = DeliveryKind.PULSE, DeliveryKind.REMINDER


@pytest.fixture
def sender(flow: SurveyFlow) -> FakeSender:
    return FakeSender(flow)


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
    u1 = member_row(db, "U1").id
    with db.session() as s:
        run = runs.find_run_for_period(s, "T1", u1, "pulse", "2026-W49")  # type: ignore[arg-type]
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


# -- several sends at once -------------------------------------------------------------------------------


class StalledSender(FakeSender):
    """U1's send waits out a long Retry-After: it goes on only once the other sellers have their pulse."""

    def __init__(self, flow: SurveyFlow, others: list[str]) -> None:
        super().__init__(flow)
        self.others = sorted(others)
        self.others_sent = threading.Event()
        self.u1_saw_the_others = False

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:
        if user_id == "U1":
            self.u1_saw_the_others = self.others_sent.wait(timeout=10)
        result = super().send_pulse(workspace_id, user_id)
        if sorted(u for u in self.pulses if u != "U1") == self.others:
            self.others_sent.set()
        return result


def test_a_send_waiting_out_slack_does_not_hold_up_the_other_sellers(
    db: Database, clock: Clock, flow: SurveyFlow
) -> None:
    clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(db, clock.now, [(u, "Europe/Oslo") for u in ("U1", "U2", "U3", "U4", "U5")])
    sender = StalledSender(flow, ["U2", "U3", "U4", "U5"])

    report = dispatcher(db, clock, sender, workers=4).run_daily(team_id, "Europe/Oslo")

    assert sender.u1_saw_the_others  # the others were sent while U1's send was stalled
    assert len(report.sent) == 5
    assert all(status(db, PULSE, u, W48) == DeliveryStatus.SENT for u in ("U1", "U2", "U3", "U4", "U5"))
