"""2. Pulse fan-out: M sellers in T teams are due this week's pulse; the fake Slack enforces Slack's
shape of rate limits and fails calls at random; the bot process is SIGKILLed when half the pulses are
out, and restarted.

Three cases. *warm DMs*: every week after the first (the DM channels are cached). *first pulse after
the warm-up*: right after setup nothing is cached but the profile; the bot runs its DM warm-up
(conversations.open, Tier 3) until every seller's channel is known, then the pulse comes. *first pulse
right after setup*: the pulse comes at once, so every seller not yet warmed needs a conversations.open at
send time: the honest worst case, bound by Tier 3.

Counted from what the fake Slack accepted, per seller's DM: a pulse is its intro (a top-level message)
and its first question. Sent: both arrived; missing: not; duplicates: every extra intro or question.
The rate is accepted chat.postMessage calls per minute while a bot process was up and sending (from
its first post to its last, without the outage between the kill and the restarted process's first
post, nor the wait for interrupted claims), against the workspace budget the fake enforces; the bot's
own budget is set to the same number. Memory: each process's peak RSS over its RSS when built.
"""

from __future__ import annotations

import random
import select
import signal
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from bench.common import Backend, Child, Section, bot_env, free_port, rss_kib, spawn
from bench.fanout_report import STALLED_WAIT, Outcome, report
from bench.seed import seed_org
from bench.slack import BenchSlack, Limits
from storage.db import make_engine
from survey_flows.dm_warmup import DEFAULT_OPENS_PER_MINUTE

TZ = "Europe/Oslo"
PULSE_MINUTE = 9 * 60
COMPRESSED = {"BENCH_LEASE_TTL": 6, "BENCH_STALE_AFTER": 20, "BENCH_RESUME_EVERY": 5}
PRODUCTION = {"BENCH_LEASE_TTL": 90, "BENCH_STALE_AFTER": 300, "BENCH_RESUME_EVERY": 300}
LABELS = {
    "warm": "warm DMs",
    "warmed": "first pulse after the warm-up",
    "cold": "first pulse right after setup",
}


@dataclass(frozen=True, slots=True)
class FanoutConfig:
    sellers: int = 100
    teams: int = 10
    scenario: str = "warm"
    """"warm", "warmed" or "cold" (see the module's docstring)."""
    limits: Limits = field(default_factory=Limits)
    kill_at: float = 0.5
    real_timings: bool = False

    @property
    def label(self) -> str:
        return LABELS[self.scenario]

    @property
    def opens_per_minute(self) -> float:
        """The bot's conversations.open budget (45 under Tier 3's 50), scaled like the fake's limits."""
        return DEFAULT_OPENS_PER_MINUTE * self.limits.speed


@dataclass(slots=True)
class Process:
    child: Child
    baseline: int = 0
    peak: int = 0
    started: float = 0.0


def _offset_to(now: datetime, minute: int) -> tuple[timedelta, int]:
    """What to add to the clock so that it reads `minute` (team time) on a working day (today's date if
    it is Monday to Friday, else the next Monday), and that weekday: the run never crosses midnight."""
    day = now.astimezone(ZoneInfo(TZ)).date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    at = datetime.combine(day, dtime(minute // 60, minute % 60), tzinfo=ZoneInfo(TZ))
    return at - now, day.weekday()


def _start(env: dict[str, str], work: Path, name: str) -> Process:
    child = spawn(["-m", "bench.fanout_bot"], env, work, name, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    ready, _, _ = select.select([child.proc.stdout], [], [], 60)
    line = child.proc.stdout.readline() if ready else b""  # type: ignore[union-attr]
    if line.strip() != b"ready":
        child.kill(signal.SIGKILL)
        raise RuntimeError(f"the fan-out bot did not start:\n{child.tail()}")
    process = Process(child, baseline=rss_kib(child.pid)[0], started=time.time())
    _command(process, "go")
    return process


def _command(process: Process, command: str) -> None:
    process.child.proc.stdin.write(command.encode() + b"\n")  # type: ignore[union-attr]
    process.child.proc.stdin.flush()  # type: ignore[union-attr]


def _sample(process: Process) -> None:
    rss, hwm = rss_kib(process.child.pid)
    process.peak = max(process.peak, hwm, rss)


def _count(engine: object, sql: str, **params: object) -> int:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(text(sql), params).scalar_one())


def _open_claims(engine: object) -> int:
    return _count(engine, "SELECT count(*) FROM delivery WHERE status = 'claimed'")


def _not_warmed(engine: object, sellers: int) -> int:
    """Sellers (member ids 1..sellers in the seed) whose DM channel is still unknown."""
    sql = "SELECT count(*) FROM member WHERE id <= :n AND dm_channel_id IS NULL AND dm_unavailable_at IS NULL"
    return _count(engine, sql, n=sellers)


def run(backend: Backend, cfg: FanoutConfig, work: Path, section: Section) -> None:
    url = backend.fresh()
    now = datetime.now(UTC)
    limits = cfg.limits
    warmup_s = cfg.sellers / cfg.opens_per_minute * 60
    pulse_s = 2 * cfg.sellers / limits.budget * 60
    if cfg.scenario == "cold":
        pulse_s = max(pulse_s, warmup_s)
    lead = timedelta(seconds=3 * warmup_s + 1800) if cfg.scenario == "warmed" else timedelta(minutes=30)
    pulse_offset, weekday = _offset_to(now, PULSE_MINUTE)
    engine = make_engine(url)
    sellers = seed_org(
        engine,
        cfg.teams,
        cfg.sellers,
        now + pulse_offset - lead,  # the team was set up a while before its pulse
        zones=(TZ, "Europe/Stockholm"),
        dm_cached=cfg.scenario == "warm",
        pulse_weekday=weekday,
        summary_weekday=(weekday + 1) % 5,
        pulse_minute=PULSE_MINUTE,
    )
    channels = ["D" + s.user_id for s in sellers]
    timings = PRODUCTION if cfg.real_timings else COMPRESSED
    recovery_s = 3 * (timings["BENCH_LEASE_TTL"] + timings["BENCH_STALE_AFTER"])
    with BenchSlack(limits) as fake:
        for seller in sellers:
            fake.add_user(seller.user_id)
        extra = {k: str(v) for k, v in timings.items()}
        extra |= {
            "BENCH_RATE": str(limits.budget),
            "BENCH_OPENS": str(cfg.opens_per_minute),
            "BENCH_CLOCK_OFFSET": str((pulse_offset - lead).total_seconds()),
            "BENCH_PULSE_OFFSET": str(pulse_offset.total_seconds()),
        }
        env = bot_env(backend.env_url, fake.url, free_port(), **extra)
        began = time.time()
        first = _start(env, work, f"fanout-{backend.name}-{cfg.scenario}-1")
        processes, killed_at, warmed_at, not_warmed = [first], 0.0, None, 0
        try:
            if cfg.scenario == "warmed":  # until every seller is warm, or the warm-up stopped making progress
                deadline, left, progress = began + 3 * warmup_s + 60, cfg.sellers, time.time()
                while left and time.time() < deadline and time.time() - progress < STALLED_WAIT:
                    _sample(first)
                    time.sleep(0.25)
                    if (now_left := _not_warmed(engine, cfg.sellers)) < left:
                        left, progress = now_left, time.time()
                warmed_at, not_warmed = time.time(), left
            pulse_at = time.time()
            _command(first, "pulse")
            deadline = pulse_at + 3 * pulse_s + recovery_s + 60
            while fake.complete < cfg.sellers * cfg.kill_at:
                _sample(first)
                if time.time() > deadline or first.child.proc.poll() is not None:
                    break
                time.sleep(0.02)
            # A crash comes at any moment of a send, not just after a post: wait a random part of a second.
            time.sleep(random.Random(cfg.sellers).uniform(0, 1))
            _sample(first)
            first.child.kill(signal.SIGKILL)
            killed_at = time.time()
            env["BENCH_CLOCK_OFFSET"] = env["BENCH_PULSE_OFFSET"]  # restarted after the pulse time
            second = _start(env, work, f"fanout-{backend.name}-{cfg.scenario}-2")
            processes.append(second)
            while time.time() < deadline:
                _sample(second)
                if fake.complete == len(channels) and _open_claims(engine) == 0:
                    break
                time.sleep(0.05)
            _sample(second)
        finally:
            for process in processes:
                process.child.kill()
        finished = time.time()
        outcome = Outcome(
            tally={c: list(fake.dm_tally.get(c, [0, 0])) for c in channels},
            posts=sorted(fake.accepted("chat.postMessage")),
            opens=sorted(fake.accepted("conversations.open")),
            lookups=sorted(c.at for c in fake.calls if c.method == "users.info"),
            refusals=sorted(fake.refusals),
            began=began,
            warmed_at=warmed_at,
            not_warmed=not_warmed,
            pulse_at=pulse_at,
            killed_at=killed_at,
            finished=finished,
            growth=[(p.peak, p.baseline) for p in processes],
        )
    with engine.connect() as conn:
        ledger = dict(conn.execute(text("SELECT status, count(*) FROM delivery GROUP BY status")).all())
    engine.dispose()
    report(backend.name, cfg, section, outcome, ledger)
