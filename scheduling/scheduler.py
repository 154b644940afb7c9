"""The one APScheduler of the process, with jobs derived from the teams in the database.

- The database is the truth: jobs live in a MemoryJobStore and `reconcile()` adds, replaces and
  removes them to match the teams (at start-up, after every setup change, and every 15 minutes, which
  also picks up sellers whose Slack time zone changed).
- Per team and per distinct seller time zone, one job fires Monday to Friday at the team's pulse time
  in that zone; the dispatcher decides per member whether today is the pulse or the reminder date
  (or neither). Per team, one job fires Monday to Friday at the summary time in the team's zone.
- Every replica runs the same scheduler, but APScheduler job stores must never be shared, and only
  the holder of the database lease acts on a job. The lease is renewed every 30 s; a replica that
  gets it (at start-up, or when the leader died) first catches up on what was missed today and
  resumes interrupted sends. The delivery ledger keeps a job that runs twice harmless anyway.
- Once a day the leader deletes what is past the retention age (`retention`, scheduling/retention.py).
- The leader opens team members' DM channels ahead of their first pulse (`dm_warmup`,
  scheduling/dm_warmup.py): right after a team is saved, on becoming the leader, and every 15 minutes
  as a top-up (which also reaches teams saved on another replica).
- Every minute the leader posts the questions whose post was given up (`prompt_repair`,
  scheduling/prompt_repair.py), so a seller's next question arrives although nobody asks for it.
- A new team set up with "send this week's pulse now" gets it after the welcomes (`first_pulses`).
- Work asked for once, now (the recovery on becoming leader, the follow-up of a team change) runs in a
  small pool of its own, never as a one-shot APScheduler job (scheduling/one_shot.py says why).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING, BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from scheduling.dispatch import Dispatcher
from scheduling.leadership import Leadership
from scheduling.one_shot import OneShots
from storage.db import StorageUnavailable

log = logging.getLogger(__name__)

WORKING_DAYS = "mon-fri"
MISFIRE_GRACE_SECONDS = 6 * 3600
"""A job that could not fire on time still runs within this; the dispatcher then decides by the date
(late the same day, or recorded as skipped) and the start-up catch-up covers the rest."""
DISPATCH_JOB_PREFIXES = ("pulse:", "summary:")
LEASE_EXECUTOR = "lease"
"""The lease tick's own thread: long dispatch jobs filling the pool must never delay the renewal (the
leader would step down and skip the jobs still queued)."""

JobSpec = tuple[str, int, str]
"""(zone, minute after midnight, kind): a job is replaced when its spec changes."""


def make_scheduler(max_workers: int = 4) -> BackgroundScheduler:
    return BackgroundScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"default": ThreadPoolExecutor(max_workers), LEASE_EXECUTOR: ThreadPoolExecutor(1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
        timezone=UTC,
    )


def working_day_trigger(tz: str, minute: int) -> CronTrigger:
    """Monday to Friday at local `minute` in `tz`; APScheduler handles DST (a time in the spring gap
    fires after it, an ambiguous autumn time at its first occurrence), and the dispatcher compares
    against calendar.local_instant, which is never later than the fire time."""
    return CronTrigger(day_of_week=WORKING_DAYS, hour=minute // 60, minute=minute % 60, timezone=ZoneInfo(tz))


RETENTION_JOB = "retention"
DM_WARMUP_JOB = "dm_warmup"
NOTICES_JOB = "notices"
PROMPT_REPAIR_JOB = "prompt_repair"

DmWarmupRun = Callable[[Callable[[], bool]], object]
"""DmWarmup.run: opens the DM channels still unknown while the callable says "go on" (still the leader)."""


def retention_trigger() -> CronTrigger:
    """Every day at 03:17 UTC: a quiet hour in Europe, and off the hour other jobs like."""
    return CronTrigger(hour=3, minute=17, timezone=UTC)


def pulse_job_id(team_id: int, tz: str) -> str:
    return f"pulse:{team_id}:{tz}"


def summary_job_id(team_id: int) -> str:
    return f"summary:{team_id}"


class PulseScheduler:
    def __init__(
        self,
        dispatcher: Dispatcher,
        leadership: Leadership,
        *,
        scheduler: BaseScheduler | None = None,
        renew_seconds: float = 30,
        resume_seconds: float = 300,
        reconcile_seconds: float = 900,
        follow_ups: Callable[[], object] | None = None,
        follow_up_seconds: float = 120,
        retention: Callable[[], object] | None = None,
        dm_warmup: DmWarmupRun | None = None,
        dm_warmup_seconds: float = 900,
        notices: DmWarmupRun | None = None,
        notices_seconds: float = 60,
        prompt_repair: Callable[[], object] | None = None,
        prompt_repair_seconds: float = 60,
    ) -> None:
        self.prompt_repair = prompt_repair
        """Posts the questions whose post was given up (PromptRepair.run); leader only."""
        self.prompt_repair_seconds = prompt_repair_seconds
        self.dispatcher = dispatcher
        self.dm_warmup = dm_warmup
        """Opens members' DM channels ahead of their first pulse (DmWarmup.run); leader only."""
        self.dm_warmup_seconds = dm_warmup_seconds
        self.notices = notices
        """Sends the notices team changes owe (NoticeDispatcher.send_pending); leader only."""
        self.notices_seconds = notices_seconds
        self.retention = retention
        """Deletes answers and records past the retention age (Retention.run); daily, leader only."""
        self.follow_ups = follow_ups
        """Sends the coaching follow-up reminders that are due (FollowUpDispatcher.send_due); leader only."""
        self.follow_up_seconds = follow_up_seconds
        self.leadership = leadership
        self.scheduler = scheduler if scheduler is not None else make_scheduler()
        self.renew_seconds = renew_seconds
        self.resume_seconds = resume_seconds
        self.reconcile_seconds = reconcile_seconds
        self._specs: dict[str, JobSpec] = {}
        self._one_shot = (
            OneShots()
        )  # work asked for once, now (`_request`, `_submit`): scheduling/one_shot.py
        self._lock = threading.RLock()
        with contextlib.suppress(ValueError):  # a scheduler from make_scheduler has it already
            self.scheduler.add_executor(ThreadPoolExecutor(1), alias=LEASE_EXECUTOR)

    # -- lifecycle ---------------------------------------------------------------------------------------

    def start(self, *, paused: bool = False) -> None:
        """Derive the jobs, start the scheduler and take (or wait for) the lease. The first lease tick runs
        at once in the scheduler's pool; on getting the lease it runs catch_up and resume_unfinished."""
        self.reconcile()
        self.scheduler.add_job(
            self.tick,
            IntervalTrigger(seconds=self.renew_seconds),
            id="lease",
            executor=LEASE_EXECUTOR,
            next_run_time=datetime.now(UTC),
            replace_existing=True,
        )
        self.scheduler.add_job(
            self.run_resume, IntervalTrigger(seconds=self.resume_seconds), id="resume", replace_existing=True
        )
        self.scheduler.add_job(
            self.reconcile,
            IntervalTrigger(seconds=self.reconcile_seconds),
            id="reconcile",
            replace_existing=True,
        )
        if self.follow_ups is not None:
            self.scheduler.add_job(
                self.run_follow_ups,
                IntervalTrigger(seconds=self.follow_up_seconds),
                id="follow_ups",
                replace_existing=True,
            )
        if self.retention is not None:
            self.scheduler.add_job(
                self.run_retention, retention_trigger(), id=RETENTION_JOB, replace_existing=True
            )
        if self.prompt_repair is not None:
            self.scheduler.add_job(
                self.run_prompt_repair,
                IntervalTrigger(seconds=self.prompt_repair_seconds),
                id=PROMPT_REPAIR_JOB,
                replace_existing=True,
            )
        self.scheduler.add_job(  # a new team's "send now" saved on another replica, within a minute
            self.run_first_pulses, IntervalTrigger(seconds=60), id="first_pulses", replace_existing=True
        )
        if self.dm_warmup is not None:
            self.scheduler.add_job(
                self.run_dm_warmup,
                IntervalTrigger(seconds=self.dm_warmup_seconds),
                id=DM_WARMUP_JOB,
                replace_existing=True,
                max_instances=2,  # a long run going on: the next returns at once instead of a warning
            )
        if self.notices is not None:
            self.scheduler.add_job(
                self.run_notices,
                IntervalTrigger(seconds=self.notices_seconds),
                id=NOTICES_JOB,
                replace_existing=True,
                max_instances=2,  # a requested run going on: the periodic one returns at once
            )
        self.scheduler.start(paused=paused)

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self._one_shot.shutdown()
        try:
            self.leadership.release()
        except StorageUnavailable:
            log.warning("could not release the scheduler lease; it expires by itself")

    # -- leadership --------------------------------------------------------------------------------------

    @property
    def is_leader(self) -> bool:
        return self.leadership.is_leader

    def tick(self) -> bool:
        """Renew the lease (every 30 s on every replica). On becoming the leader, recover what was missed."""
        was_leader = self.leadership.is_leader
        try:
            held = self.leadership.renew()
        except StorageUnavailable:
            log.warning("could not renew the scheduler lease; not acting as leader until it can")
            self.leadership.lose()
            return False
        if held and not was_leader:
            log.info("this process now runs the scheduled pulses (lease %s)", self.leadership.holder)
            self._submit(self.recover, "recover")
        elif was_leader and not held:
            log.warning("lost the scheduler lease; another process runs the scheduled pulses now")
        return held

    def recover(self) -> None:
        """What was missed while no one (or a dead leader) ran the jobs: today's late sends, then the
        interrupted ones."""
        if not self.is_leader:
            return
        self._request(self._after_team_change, "recovered")  # beside the catch-up, in another thread
        self.dispatcher.catch_up()
        self.dispatcher.resume_unfinished()
        self.run_follow_ups()

    # -- the jobs ----------------------------------------------------------------------------------------

    def run_pulses(self, team_id: int, tz: str) -> None:
        if self.is_leader:
            self.dispatcher.run_daily(team_id, tz)

    def run_summary(self, team_id: int) -> None:
        if self.is_leader:
            self.dispatcher.publish_summaries(team_id)

    def run_resume(self) -> None:
        if self.is_leader:
            self.dispatcher.resume_unfinished()

    def run_follow_ups(self) -> None:
        """The coaching follow-ups that are due (every few minutes; each is claimed, so sent once)."""
        if not self.is_leader or self.follow_ups is None:
            return
        try:
            self.follow_ups()
        except StorageUnavailable:
            log.warning("could not read the due coaching follow-ups; will try again")

    def run_retention(self) -> None:
        """Delete what is past the retention age (daily; every batch is its own transaction)."""
        if not self.is_leader or self.retention is None:
            return
        try:
            self.retention()
        except StorageUnavailable:
            log.warning("the retention job could not reach the database; it runs again tomorrow")

    def run_prompt_repair(self) -> None:
        """Post the questions whose post was given up (each taken over conditionally, so posted once)."""
        if not self.is_leader or self.prompt_repair is None:
            return
        try:
            self.prompt_repair()
        except StorageUnavailable:
            log.warning("could not read the unposted questions; will try again")

    def run_first_pulses(self) -> None:
        """The pulses new teams asked to get at once (Dispatcher.send_first_pulses; claimed, so sent once)."""
        if not self.is_leader:
            return
        try:
            self.dispatcher.send_first_pulses()
        except StorageUnavailable:
            log.warning("could not read the new teams' first pulses; will try again")

    def run_dm_warmup(self) -> None:
        """Open the DM channels still unknown, paced under Tier 3, until none is left or the lease is lost.
        Only one run at a time does the work (DmWarmup.run); one asked for meanwhile makes it look again."""
        if not self.is_leader or self.dm_warmup is None:
            return
        try:
            self.dm_warmup(lambda: self.is_leader)
        except StorageUnavailable:
            log.warning("the DM warm-up could not reach the database; it runs again later")

    def run_notices(self) -> None:
        """Send the notices team changes owe (each is claimed, so a second run never doubles one)."""
        if not self.is_leader or self.notices is None:
            return
        try:
            self.notices(lambda: self.is_leader)
        except StorageUnavailable:
            log.warning("could not read the team notices to send; will try again")

    def request_dm_warmup(self) -> None:
        """Start a DM warm-up now in the scheduler's pool (never in the caller's thread: it may take long).
        Without a running scheduler nothing happens; the start-up recovery runs one."""
        if self.dm_warmup is not None:
            self._request(self.run_dm_warmup, DM_WARMUP_JOB)

    def _request(self, func: Callable[[], None], name: str) -> None:
        """Run `func` once, now, in the one-shot pool; nothing without a running scheduler (the periodic
        jobs and the start-up recovery catch up). A request while a run goes on still runs."""
        if self.scheduler.state == STATE_RUNNING:
            self._one_shot.run(func, name)

    def teams_changed(self) -> None:
        """A team was created or edited (Services.teams_changed): re-derive the jobs, tell the people the
        change concerns, and open the new members' DM channels before their first pulse."""
        try:
            self.reconcile()
        finally:
            self._request(self._after_team_change, "team_changed")

    def _after_team_change(self) -> None:
        """The new members' DM channels first (one conversations.open each, under Tier 3), then the
        notices to them over those channels, so the two never open the same DM twice; then a new team's
        first pulse, if asked for, so the welcome comes before it."""
        self.run_dm_warmup()
        self.run_notices()
        self.run_first_pulses()

    # -- reconciling with the database -------------------------------------------------------------------

    def reconcile(self) -> bool:
        """Make the pulse and summary jobs match the teams in the database. False if it could not read
        them (the jobs stay as they were; the next reconcile tries again)."""
        try:
            plans = self.dispatcher.plan()
        except StorageUnavailable:
            log.warning("could not read the teams to schedule their pulses; will try again")
            return False
        wanted: dict[str, tuple[JobSpec, Callable[..., None], tuple[object, ...]]] = {}
        for plan in plans:
            team = plan.team
            for tz in plan.pulse_zones:
                wanted[pulse_job_id(team.id, tz)] = (
                    (tz, team.pulse_minute, "pulse"),
                    self.run_pulses,
                    (team.id, tz),
                )
            wanted[summary_job_id(team.id)] = (
                (team.tz, team.summary_minute, "summary"),
                self.run_summary,
                (team.id,),
            )
        with self._lock:
            existing = {
                job.id for job in self.scheduler.get_jobs() if job.id.startswith(DISPATCH_JOB_PREFIXES)
            }
            for job_id in existing - wanted.keys():
                self._remove(job_id)
            for job_id, (spec, func, args) in wanted.items():
                if job_id in existing and self._specs.get(job_id) == spec:
                    continue
                tz, minute, _kind = spec
                if job_id in existing:
                    self._remove(job_id)  # (replace_existing is not applied to a scheduler not yet started)
                self.scheduler.add_job(
                    func,
                    working_day_trigger(tz, minute),
                    args=args,
                    id=job_id,
                    name=job_id,
                    replace_existing=True,
                )
                self._specs[job_id] = spec
        return True

    def _remove(self, job_id: str) -> None:
        with contextlib.suppress(JobLookupError):
            self.scheduler.remove_job(job_id)
        self._specs.pop(job_id, None)

    def _submit(self, func: Callable[[], None], name: str) -> None:
        """Run `func` once in the one-shot pool (so the lease keeps being renewed meanwhile), or right
        here when the scheduler is not running (tests, or before start)."""
        if self.scheduler.state == STATE_RUNNING:
            self._one_shot.run(func, name)
        else:
            func()
