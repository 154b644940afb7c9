"""Publishing the weekly summary: once, from frozen weeks, with manager DMs. What the summary shows
(anonymity, trend, split, zone) is in test_summary_figures.py, the waves of teams in test_summary_waves.py."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from coaching.zones import Zone
from scheduling.ports import Claim, SendResult
from scheduling.summaries import PublishStatus, SummaryService, manager_target
from storage import ledger, members
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Role, Team
from survey_flows.summary_weeks import summary_period
from tests.scheduling.summary_publishing import FakeSender, answer_week, build_team, ledger_row, set_days
from tests.support.harness import Clock
from tests.support.summary_weeks import PERIOD, SUMMARY_TIME, WS, add_member, week_of


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def service(db: Database, sender: FakeSender) -> SummaryService:
    return SummaryService(db, Clock(SUMMARY_TIME), sender)


# -- once ---------------------------------------------------------------------------------------------------


def test_the_period_is_the_team_local_iso_week(db: Database) -> None:
    team, _ = build_team(db, tz="Pacific/Auckland")
    sunday_evening_utc = datetime.fromisoformat("2026-11-29T20:00:00+00:00")  # Monday morning in Auckland
    assert summary_period(team, sunday_evening_utc) == "2026-W49"


def test_a_summary_before_the_pulse_in_the_week_reports_on_last_weeks_pulse(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    """Pulse Friday, summary Monday: Monday's summary shows the Friday before, not an empty "0 of 8"."""
    team, people = build_team(db)
    team = set_days(db, team, pulse_weekday=4, summary_weekday=0)
    answer_week(db, team, people, [(4, 4)] * 6)  # the Friday pulse of 2026-W48
    monday = week_of("2026-W49") - timedelta(days=4)  # Monday 30 November 14:00 Oslo

    outcome = service.publish(team, monday)

    assert outcome.status is PublishStatus.PUBLISHED and outcome.period == PERIOD
    assert outcome.summary is not None and not outcome.summary.suppressed
    assert outcome.summary.respondents == 6 and outcome.summary.zone is Zone.PERFORMANCE
    assert ledger_row(db, DeliveryKind.SUMMARY, str(team.id)).status == DeliveryStatus.SENT


def test_a_week_without_a_pulse_gets_no_summary_and_is_logged_once(
    db: Database, service: SummaryService, sender: FakeSender, caplog: pytest.LogCaptureFixture
) -> None:
    """Pulse Friday, summary Monday, and the week before was a holiday week: nothing to report."""
    team, _people = build_team(db)
    holiday = [f"2026-11-{day}" for day in range(23, 28)]
    team = set_days(db, team, pulse_weekday=4, summary_weekday=0, no_send_dates=holiday)
    monday = week_of("2026-W49") - timedelta(days=4)

    first = service.publish(team, monday)
    second = service.publish(team, monday + timedelta(hours=1))

    assert (first.status, second.status) == (PublishStatus.NO_PULSE, PublishStatus.NO_PULSE)
    assert sender.channel == [] and sender.managers == []  # no "0 of 8 answered" for a holiday week
    row = ledger_row(db, DeliveryKind.SUMMARY, str(team.id))
    assert (row.status, row.detail) == (DeliveryStatus.SKIPPED, "no pulse to report on")
    assert caplog.text.count("summary is skipped") == 1


def test_a_team_set_up_after_its_pulse_day_gets_no_empty_summary_that_week(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, _people = build_team(db)  # set up on a Tuesday: this week's Monday pulse never went out

    outcome = service.publish(team, SUMMARY_TIME)

    assert (outcome.status, outcome.period) == (PublishStatus.NO_PULSE, PERIOD)
    assert sender.channel == [] and sender.managers == []  # not "0 of 8 answered" in week one
    assert ledger_row(db, DeliveryKind.SUMMARY, str(team.id)).status == DeliveryStatus.SKIPPED


def test_publishing_twice_posts_once(db: Database, service: SummaryService, sender: FakeSender) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(4, 4)] * 6)

    first = service.publish(team, SUMMARY_TIME)
    second = service.publish(team, SUMMARY_TIME + timedelta(hours=1))

    assert (first.status, second.status) == (PublishStatus.PUBLISHED, PublishStatus.ALREADY_CLAIMED)
    assert len(sender.channel) == 1
    assert ledger_row(db, DeliveryKind.SUMMARY, str(team.id)).status == DeliveryStatus.SENT
    assert first.summary is not None and first.summary.zone is Zone.PERFORMANCE


def test_two_concurrent_publishers_post_once(db_url: str) -> None:
    sender = FakeSender(delay=0.05)
    setup = Database.from_url(db_url)
    team, people = build_team(setup)
    answer_week(setup, team, people, [(4, 2)] * 6)
    databases = [Database.from_url(db_url) for _ in range(2)]
    services = [SummaryService(d, Clock(SUMMARY_TIME), sender) for d in databases]
    start = threading.Barrier(2)
    outcomes: list[PublishStatus] = []

    def publish(service: SummaryService) -> None:
        start.wait()
        outcomes.append(service.publish(team, SUMMARY_TIME).status)

    threads = [threading.Thread(target=publish, args=(service,)) for service in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for database in (*databases, setup):
        database.dispose()

    assert sorted(outcomes) == [PublishStatus.ALREADY_CLAIMED, PublishStatus.PUBLISHED]
    assert len(sender.channel) == 1
    assert [user for user, _ in sender.managers] == ["M1"]


def test_a_failed_post_is_retried_once_later_the_same_day(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(4, 4)] * 6)
    sender.results["channel"] = SendResult.FAILED

    service.publish(team, SUMMARY_TIME)
    assert ledger_row(db, DeliveryKind.SUMMARY, str(team.id)).status == DeliveryStatus.CLAIMED
    sender.results["channel"] = SendResult.SENT
    assert service.publish(team, SUMMARY_TIME + timedelta(minutes=1)).status is PublishStatus.ALREADY_CLAIMED
    retried = service.publish(team, SUMMARY_TIME + timedelta(minutes=10))
    service.publish(team, SUMMARY_TIME + timedelta(minutes=20))

    assert retried.status is PublishStatus.PUBLISHED
    assert len(sender.channel) == 2  # the failed attempt and the retry
    assert sender.claims == [Claim.NEW, Claim.RETAKEN]  # the retry looks for the first attempt's post
    assert sender.channel[0][1] == sender.channel[1][1]  # the frozen week, not a recount
    assert ledger_row(db, DeliveryKind.SUMMARY, str(team.id)).status == DeliveryStatus.SENT


def test_a_summary_claim_of_a_killed_process_is_taken_over_at_once(db: Database, sender: FakeSender) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(4, 4)] * 6)
    with db.session() as s:  # the process that claimed it was killed before it could post
        ledger.claim(s, WS, DeliveryKind.SUMMARY, str(team.id), PERIOD, SUMMARY_TIME, "host:101:a")
    restarted = SummaryService(
        db, Clock(SUMMARY_TIME), sender, claimer="host:202:b", ended=lambda c: c == "host:101:a"
    )

    outcome = restarted.publish(team, SUMMARY_TIME + timedelta(seconds=5))

    assert outcome.status is PublishStatus.PUBLISHED
    assert sender.claims == [Claim.RETAKEN]
    assert ledger_row(db, DeliveryKind.SUMMARY, str(team.id)).status == DeliveryStatus.SENT


def test_an_unreachable_channel_is_skipped_for_good(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(4, 4)] * 6)
    sender.results["channel"] = SendResult.UNREACHABLE

    service.publish(team, SUMMARY_TIME)
    service.publish(team, SUMMARY_TIME + timedelta(minutes=30))

    row = ledger_row(db, DeliveryKind.SUMMARY, str(team.id))
    assert (row.status, row.detail) == (DeliveryStatus.SKIPPED, "unreachable")
    assert len(sender.channel) == 1
    assert [user for user, _ in sender.managers] == ["M1"]  # the managers still hear about the week


# -- managers ------------------------------------------------------------------------------------------------


def test_each_manager_gets_one_dm(db: Database, service: SummaryService, sender: FakeSender) -> None:
    team, people = build_team(db, managers=("M1", "M2"))
    with db.session() as s:
        add_member(s, s.get(Team, team.id), "M_OLD", role=Role.MANAGER, active=False)  # type: ignore[arg-type]
    answer_week(db, team, people, [(4, 4)] * 6)

    outcome = service.publish(team, SUMMARY_TIME)
    service.publish(team, SUMMARY_TIME + timedelta(hours=1))

    assert sorted(user for user, _ in sender.managers) == ["M1", "M2"]
    assert dict(outcome.managers) == {"M1": SendResult.SENT, "M2": SendResult.SENT}
    assert all(summary == outcome.summary for _, summary in sender.managers)


def test_a_manager_who_cannot_be_reached_is_marked_and_skipped(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db, managers=("M1", "M2"))
    answer_week(db, team, people, [(4, 4)] * 6)
    sender.results["M2"] = SendResult.UNREACHABLE

    service.publish(team, SUMMARY_TIME)

    with db.session() as s:
        m2 = members.find_member(s, WS, "M2")
        assert m2 is not None and m2.dm_unavailable_at is not None
        row = ledger.get(s, WS, DeliveryKind.SUMMARY_DM, manager_target(team.id, m2.id), PERIOD)  # type: ignore[arg-type]
    assert row is not None and row.status == DeliveryStatus.SKIPPED
    # Next week the marked manager is skipped without a send.
    answer_week(db, team, people, [(4, 4)] * 6, period="2026-W49")
    sender.managers.clear()
    service.publish(team, week_of("2026-W49"))
    assert [user for user, _ in sender.managers] == ["M1"]


def test_a_sender_that_raises_does_not_stop_the_others(db: Database, sender: FakeSender) -> None:
    team, people = build_team(db, managers=("M1", "M2"))
    answer_week(db, team, people, [(4, 4)] * 6)
    boom: Callable[..., SendResult] = lambda *args: (_ for _ in ()).throw(RuntimeError("bug"))  # noqa: E731
    sender.post_channel_summary = boom  # type: ignore[method-assign]

    outcome = SummaryService(db, Clock(SUMMARY_TIME), sender).publish(team, SUMMARY_TIME)

    assert outcome.channel is SendResult.FAILED
    assert sorted(outcome.managers) == ["M1", "M2"]
