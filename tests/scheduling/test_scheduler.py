"""The scheduler: jobs derived from the database, in the right zones, and run only by the lease holder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete

from scheduling.dispatch import Dispatcher, Report, TeamPlan
from scheduling.leadership import Leadership
from scheduling.scheduler import PulseScheduler, make_scheduler
from storage.db import Database
from storage.models import Team, TeamMembership
from survey_flows.survey import SurveyFlow
from tests.support.harness import Clock, wait_until
from tests.support.scheduling import FakeSender, make_team, update

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)  # a Saturday


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.from_url(db_url)
    yield database
    database.dispose()


@pytest.fixture
def schedulers(db: Database, clock: Clock) -> Iterator[list[PulseScheduler]]:
    """Up to two PulseSchedulers over the same database, shut down after the test."""
    made: list[PulseScheduler] = []
    yield made
    for scheduler in made:
        scheduler.shutdown()


def pulse_scheduler(
    db: Database, clock: Clock, made: list[PulseScheduler], dispatcher: object = None
) -> PulseScheduler:
    dispatcher = dispatcher or Dispatcher(db, clock, FakeSender(), SurveyFlow(db, clock), pace=lambda: None)
    scheduler = PulseScheduler(
        dispatcher,  # type: ignore[arg-type]
        Leadership(db, clock, holder=f"replica-{len(made)}"),
        scheduler=make_scheduler(),
    )
    made.append(scheduler)
    return scheduler


def jobs(scheduler: PulseScheduler) -> dict[str, object]:
    return {job.id: job for job in scheduler.scheduler.get_jobs()}


def next_fire(scheduler: PulseScheduler, job_id: str, after: datetime) -> datetime:
    job = scheduler.scheduler.get_job(job_id)
    assert job is not None
    return job.trigger.get_next_fire_time(None, after)


def test_reconcile_creates_one_pulse_job_per_zone_and_a_summary_job(
    db: Database, clock: Clock, schedulers: list[PulseScheduler]
) -> None:
    clock.now = NOW
    team_id = make_team(
        db, NOW, [("U1", "Europe/Oslo"), ("U2", None), ("U3", "America/New_York"), ("U4", "Asia/Kolkata")]
    )
    ps = pulse_scheduler(db, clock, schedulers)
    assert ps.reconcile()

    assert set(jobs(ps)) == {
        f"pulse:{team_id}:Europe/Oslo",
        f"pulse:{team_id}:America/New_York",
        f"pulse:{team_id}:Asia/Kolkata",
        f"summary:{team_id}",
    }
    # From Saturday noon, each zone's next run is Monday 09:00 local; the summary Friday 14:00 in Oslo.
    expected = {
        f"pulse:{team_id}:Europe/Oslo": datetime(2026, 11, 23, 8, 0, tzinfo=UTC),
        f"pulse:{team_id}:America/New_York": datetime(2026, 11, 23, 14, 0, tzinfo=UTC),
        f"pulse:{team_id}:Asia/Kolkata": datetime(2026, 11, 23, 3, 30, tzinfo=UTC),
        f"summary:{team_id}": datetime(2026, 11, 23, 13, 0, tzinfo=UTC),  # daily; the dispatcher picks Friday
    }
    for job_id, instant in expected.items():
        assert next_fire(ps, job_id, NOW) == instant, job_id
    # Across the spring change the Oslo job still fires at 09:00 local, now 07:00 UTC.
    spring = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    assert next_fire(ps, f"pulse:{team_id}:Europe/Oslo", spring) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)

    # Started (paused), APScheduler computes next_run_time from real time: Mon-Fri 09:00 in the job's zone.
    ps.scheduler.start(paused=True)
    for job_id, tz in [
        (f"pulse:{team_id}:America/New_York", "America/New_York"),
        (f"pulse:{team_id}:Asia/Kolkata", "Asia/Kolkata"),
    ]:
        run_at = ps.scheduler.get_job(job_id).next_run_time
        assert run_at.tzinfo == ZoneInfo(tz)
        assert (run_at.hour, run_at.minute, run_at.weekday() < 5) == (9, 0, True)


def test_reconcile_follows_changes_and_removes_the_jobs_of_a_team_that_is_gone(
    db: Database, clock: Clock, schedulers: list[PulseScheduler]
) -> None:
    clock.now = NOW
    team_id = make_team(db, NOW, [("U1", "Europe/Oslo"), ("U3", "America/New_York")])
    ps = pulse_scheduler(db, clock, schedulers)
    ps.reconcile()
    oslo = f"pulse:{team_id}:Europe/Oslo"

    with db.session() as s:
        team = s.get(Team, team_id)
        team.pulse_minute = 10 * 60 + 30  # type: ignore[union-attr]
        s.add(team)
    update(db, "U3", tz="Europe/Oslo")  # moved: New York's job is no longer needed
    ps.reconcile()
    assert set(jobs(ps)) == {oslo, f"summary:{team_id}"}
    assert next_fire(ps, oslo, NOW) == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

    with db.session() as s:
        s.execute(delete(TeamMembership).where(TeamMembership.team_id == team_id))
        s.execute(delete(Team).where(Team.id == team_id))
    ps.reconcile()
    assert jobs(ps) == {}


class RecordingDispatcher:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def plan(self) -> list[TeamPlan]:
        return []

    def run_daily(self, team_id: int, tz: str) -> Report:
        self.calls.append(("run_daily", team_id, tz))
        return Report()

    def publish_summaries(self, team_id: int) -> bool:
        self.calls.append(("publish_summaries", team_id))
        return True

    def catch_up(self) -> Report:
        self.calls.append(("catch_up",))
        return Report()

    def resume_unfinished(self) -> Report:
        self.calls.append(("resume_unfinished",))
        return Report()


def test_only_the_lease_holder_runs_jobs_and_another_takes_over_when_it_expires(
    db: Database, clock: Clock, schedulers: list[PulseScheduler]
) -> None:
    clock.now = NOW
    first, second = RecordingDispatcher(), RecordingDispatcher()
    a = pulse_scheduler(db, clock, schedulers, first)
    b = pulse_scheduler(db, clock, schedulers, second)

    assert a.tick()
    assert not b.tick()
    assert first.calls == [("catch_up",), ("resume_unfinished",)]  # recovery on becoming leader
    for scheduler in (a, b):
        scheduler.run_pulses(1, "Europe/Oslo")
        scheduler.run_summary(1)
        scheduler.run_resume()
    assert second.calls == []
    assert first.calls[2:] == [
        ("run_daily", 1, "Europe/Oslo"),
        ("publish_summaries", 1),
        ("resume_unfinished",),
    ]

    clock.advance(seconds=30)
    assert a.tick()  # renewing: no second recovery
    assert len(first.calls) == 5
    clock.advance(seconds=91)  # a stops renewing (it died)
    assert not a.is_leader  # and steps down on its own
    assert b.tick()
    assert second.calls == [("catch_up",), ("resume_unfinished",)]
    b.run_pulses(1, "Europe/Oslo")
    assert second.calls[-1] == ("run_daily", 1, "Europe/Oslo")


def test_start_takes_the_lease_recovers_and_shutdown_releases_it(
    db: Database, clock: Clock, schedulers: list[PulseScheduler]
) -> None:
    clock.now = NOW
    dispatcher = RecordingDispatcher()
    ps = pulse_scheduler(db, clock, schedulers, dispatcher)
    ps.start()
    wait_until(lambda: ("resume_unfinished",) in dispatcher.calls)
    assert dispatcher.calls[:2] == [("catch_up",), ("resume_unfinished",)]
    assert {"lease", "resume", "reconcile"} <= set(jobs(ps))
    ps.shutdown()
    other = pulse_scheduler(db, clock, schedulers, RecordingDispatcher())
    assert other.tick()  # released at shutdown: no need to wait for the expiry
    assert not ps.is_leader


def test_busy_dispatch_jobs_never_hold_up_the_lease(
    db: Database, clock: Clock, schedulers: list[PulseScheduler]
) -> None:
    """Many teams at Monday 09:00 fill the job pool for minutes; the lease is renewed all the same, or
    the leader would step down and skip the jobs still queued."""
    clock.now = NOW
    ps = PulseScheduler(
        RecordingDispatcher(),  # type: ignore[arg-type]
        Leadership(db, clock, holder="busy"),
        scheduler=make_scheduler(max_workers=1),
    )
    schedulers.append(ps)
    release = threading.Event()
    started = datetime.now(UTC) - timedelta(seconds=1)  # due just before the first lease tick
    ps.scheduler.add_job(release.wait, next_run_time=started, id="a-long-dispatch")
    try:
        ps.start()
        wait_until(lambda: ps.is_leader)
    finally:
        release.set()


def test_one_off_work_is_never_a_job_that_shutdown_can_race(
    db: Database, clock: Clock, schedulers: list[PulseScheduler]
) -> None:
    """APScheduler removes a one-shot job right after submitting it; a shutdown in between made that
    removal raise `JobLookupError` in the scheduler's thread (a warning at the end of every `make test`).
    The recovery and the work after a team change run all the same, outside the job store."""
    clock.now = NOW
    dispatcher = RecordingDispatcher()
    ps = pulse_scheduler(db, clock, schedulers, dispatcher)
    added: list[str] = []
    add_job = ps.scheduler.add_job

    def recording_add_job(*args: object, **kwargs: object) -> object:
        added.append(str(kwargs.get("id")))
        return add_job(*args, **kwargs)

    ps.scheduler.add_job = recording_add_job  # type: ignore[method-assign]
    ps.start()
    wait_until(lambda: ("resume_unfinished",) in dispatcher.calls)
    ps.teams_changed()  # the old code added its one-shot job in this very call
    assert dispatcher.calls[:2] == [("catch_up",), ("resume_unfinished",)]
    assert [job_id for job_id in added if job_id == "recover" or "_now" in job_id] == []
