"""Publishing the weekly summary: once, from frozen weeks, anonymous, with trend, split and manager DMs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from coaching.instrument import Trait
from coaching.summary import TeamSummary, Trend, shown_figures
from coaching.zones import Lever, Zone
from storage import ledger, members, summaries
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Member, Role, Team
from survey_flows.delivery import SendResult, TeamView
from survey_flows.summaries import PublishStatus, SummaryService, manager_target, summary_period
from tests.support.harness import Clock
from tests.support.summary_weeks import (
    PERIOD,
    SUMMARY_TIME,
    WS,
    add_member,
    answer_pulse,
    make_team,
    uniform,
    week_of,
)


class FakeSender:
    """Records what would be posted; `results` maps "channel" or a user id to what the send returns."""

    def __init__(self, delay: float = 0.0) -> None:
        self.channel: list[tuple[int, TeamSummary]] = []
        self.managers: list[tuple[str, TeamSummary]] = []
        self.results: dict[str, SendResult] = {}
        self.delay = delay
        self.lock = threading.Lock()

    def send_pulse(self, workspace_id: str, user_id: str) -> SendResult:  # pragma: no cover - not used
        raise AssertionError("no pulses here")

    def send_reminder(self, workspace_id: str, user_id: str, run: object) -> SendResult:  # pragma: no cover
        raise AssertionError("no reminders here")

    def post_channel_summary(self, team: TeamView, summary: TeamSummary) -> SendResult:
        if self.delay:
            threading.Event().wait(self.delay)
        with self.lock:
            self.channel.append((team.id, summary))
        return self.results.get("channel", SendResult.SENT)

    def send_manager_summary(self, team: TeamView, summary: TeamSummary, user_id: str) -> SendResult:
        with self.lock:
            self.managers.append((user_id, summary))
        return self.results.get(user_id, SendResult.SENT)


@pytest.fixture
def db(db_url: str):  # type: ignore[no-untyped-def]
    database = Database.from_url(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sender() -> FakeSender:
    return FakeSender()


@pytest.fixture
def service(db: Database, sender: FakeSender) -> SummaryService:
    return SummaryService(db, Clock(SUMMARY_TIME), sender)


def build_team(
    db: Database, sellers: int = 8, managers: tuple[str, ...] = ("M1",), **settings: object
) -> tuple[TeamView, list[Member]]:
    with db.session() as s:
        team = make_team(s, **settings)  # type: ignore[arg-type]
        people = [add_member(s, team, f"S{index}") for index in range(1, sellers + 1)]
        for user_id in managers:
            add_member(s, team, user_id, role=Role.MANAGER)
        return TeamView.of(team), people


def answer_week(
    db: Database, team: TeamView, people: list[Member], values: list[tuple[int, int]], period: str = PERIOD
) -> None:
    """People answer in order: (safety, standard) each, administration 3."""
    with db.session() as s:
        for member, (safety, standard) in zip(people, values, strict=False):
            answer_pulse(s, team.id, member, uniform(safety, standard, 3), period=period)


def ledger_row(db: Database, kind: str, target: str, period: str = PERIOD):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return ledger.get(s, WS, kind, target, period)


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


def set_days(db: Database, team: TeamView, **settings: object) -> TeamView:
    with db.session() as s:
        row = s.get(Team, team.id)
        assert row is not None
        for name, value in settings.items():
            setattr(row, name, value)
        s.add(row)
        s.flush()
        return TeamView.of(row)


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
    assert sender.channel[0][1] == sender.channel[1][1]  # the frozen week, not a recount
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


# -- anonymity ------------------------------------------------------------------------------------------------


def test_below_the_minimum_nothing_but_the_count_is_shown(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(5, 5), (1, 1), (3, 3)])

    outcome = service.publish(team, SUMMARY_TIME)

    summary = outcome.summary
    assert summary is not None and summary.suppressed
    assert (summary.respondents, summary.eligible, summary.min_respondents) == (3, 8, 5)
    assert shown_figures(summary) == {}
    assert summary.zone is None and summary.lever is None and summary.history == ()
    with db.session() as s:
        snapshot = summaries.get_snapshot(s, team.id, PERIOD)
    assert snapshot is not None and snapshot.suppressed
    assert "week" not in snapshot.figures  # nothing of a suppressed week is kept to leak later


def test_a_late_answer_never_changes_a_published_week(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(4, 4)] * 5)
    published = service.publish(team, SUMMARY_TIME).summary
    assert published is not None and published.respondents == 5

    answer_week(db, team, people[5:], [(1, 1)])  # a sixth seller answers after the post
    later = service.latest(team.id)

    assert later == published
    assert shown_figures(later) == shown_figures(published)
    answer_week(db, team, people, [(4, 4)] * 5, period="2026-W49")
    next_week = service.publish(team, week_of("2026-W49")).summary
    assert next_week is not None
    assert next_week.history[0] == ("2026-W48", 4.0, 4.0)  # last week as frozen, without the late answer


def test_a_suppressed_week_never_enters_a_later_figure(
    db: Database, service: SummaryService, sender: FakeSender
) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(1, 1)] * 4, period="2026-W47")
    service.publish(team, week_of("2026-W47"))
    answer_week(db, team, people, [(4, 4)] * 6)

    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None and not summary.suppressed
    assert summary.safety is not None and summary.safety.change is None and summary.safety.rolling is None
    assert [period for period, _, _ in summary.history] == [PERIOD]


def test_latest_reads_only_frozen_weeks(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    assert service.latest(team.id) is None
    answer_week(db, team, people, [(4, 4)] * 6)
    assert service.latest(team.id) is None  # answers alone are never shown

    published = service.publish(team, SUMMARY_TIME).summary
    assert service.latest(team.id) == published


# -- what the summary says --------------------------------------------------------------------------------


def publish_weeks(
    db: Database, service: SummaryService, team: TeamView, people: list[Member], weeks: dict[str, list]
) -> dict[str, TeamSummary]:
    published = {}
    for period, values in weeks.items():
        answer_week(db, team, people, values, period=period)
        outcome = service.publish(team, week_of(period))
        assert outcome.summary is not None
        published[period] = outcome.summary
    return published


def test_a_change_is_up_or_down_only_beyond_the_noise(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    spread = [(2, 2), (3, 3), (4, 4), (5, 5), (3, 3), (4, 4)]  # safety mean 3.5, sd ~1.05
    a_bit_higher = [(3, 2), (3, 3), (4, 4), (5, 5), (3, 3), (4, 4)]  # +0.17: noise for 6 people
    much_higher = [(5, 2), (5, 3), (5, 4), (5, 5), (5, 3), (5, 4)]  # +1.33 on safety, standard unchanged
    weeks = publish_weeks(
        db,
        service,
        team,
        people,
        {"2026-W46": spread, "2026-W47": a_bit_higher, "2026-W48": much_higher},
    )

    first, second, third = weeks.values()
    assert first.safety is not None and first.safety.trend is Trend.NONE and first.safety.change is None
    assert second.safety is not None and second.safety.trend is Trend.STABLE
    assert second.safety.change == pytest.approx(1 / 6)
    assert third.safety is not None and third.safety.trend is Trend.UP
    assert third.safety.change == pytest.approx(5 - 22 / 6)
    assert third.standard is not None and third.standard.trend is Trend.STABLE
    assert third.safety.rolling == pytest.approx((21 + 22 + 30) / 18)  # pooled over the three weeks
    assert [period for period, _, _ in third.history] == ["2026-W46", "2026-W47", "2026-W48"]


def test_a_split_team_is_flagged(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(5, 4), (5, 4), (5, 4), (5, 4), (1, 4), (1, 4), (1, 4), (2, 4)])
    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None and summary.split
    assert summary.safety is not None and summary.safety.mean == pytest.approx(25 / 8)


def test_the_zone_traits_and_lever(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)
    answer_week(db, team, people, [(5, 2)] * 6)  # high safety, low standard

    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None
    assert (summary.zone, summary.lever) == (Zone.COMFORT, Lever.MORE_SYSTEM)
    assert not summary.split
    assert summary.administration == 3.0
    # clear expectations is measured by the standard item q01 only: the weakest
    assert summary.traits[Trait.CLEAR_EXPECTATIONS] == 2.0
    assert summary.weakest_trait is Trait.CLEAR_EXPECTATIONS
    assert summary.traits[Trait.SAFETY_STANDARD] == 3.5  # q04 (5) and q09 (2)


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
