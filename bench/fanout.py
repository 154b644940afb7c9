"""2. Pulse fan-out: M sellers in T teams are due this week's pulse; the fake Slack enforces Slack's
shape of rate limits and fails calls at random; the bot process is SIGKILLed when half the pulses are
out, and restarted.

Counted from what the fake Slack accepted, per seller's DM: a pulse is its intro (a top-level message)
and its first question. Sent: both arrived; missing: not; duplicates: every extra intro or question.
The rate is accepted chat.postMessage calls per minute while a bot process was up and sending (from
its first post to its last, without the outage between the kill and the restarted process's first
post, nor the wait for interrupted claims), against the workspace budget the fake enforces; the bot's
own budget is set to the same number. Memory: each process's peak RSS over its RSS when built.
"""

from __future__ import annotations

import os
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
from bench.seed import seed_org
from bench.slack import BenchSlack, Limits
from storage.db import make_engine

TZ = "Europe/Oslo"
TARGET_RATE = 0.95
TARGET_GROWTH_KIB = 50 * 1024
COMPRESSED = {"BENCH_LEASE_TTL": 6, "BENCH_STALE_AFTER": 20, "BENCH_RESUME_EVERY": 5}
PRODUCTION = {"BENCH_LEASE_TTL": 90, "BENCH_STALE_AFTER": 300, "BENCH_RESUME_EVERY": 300}
TAIL_GAP = 5.0
"""A pause this long in the restarted process's posts ends its sending window (what follows is the
wait for interrupted claims to be taken over)."""


@dataclass(frozen=True, slots=True)
class FanoutConfig:
    sellers: int = 100
    teams: int = 10
    dm_cached: bool = True
    """True: the DM channels are cached (every week after the first); False: the first pulse after setup."""
    limits: Limits = field(default_factory=Limits)
    kill_at: float = 0.5
    real_timings: bool = False

    @property
    def label(self) -> str:
        return "warm DMs" if self.dm_cached else "first pulse"


@dataclass(slots=True)
class Process:
    child: Child
    baseline: int = 0
    peak: int = 0
    started: float = 0.0


def _working_day_offset(now: datetime) -> tuple[timedelta, int]:
    """What to add to the clock so that it reads 10:00 team time on a working day (today's date if it
    is Monday to Friday, else the next Monday), and that weekday: the run never crosses midnight."""
    day = now.astimezone(ZoneInfo(TZ)).date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, dtime(10), tzinfo=ZoneInfo(TZ)) - now, day.weekday()


def _start(env: dict[str, str], work: Path, name: str) -> Process:
    child = spawn(["-m", "bench.fanout_bot"], env, work, name, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    ready, _, _ = select.select([child.proc.stdout], [], [], 60)
    line = child.proc.stdout.readline() if ready else b""  # type: ignore[union-attr]
    if line.strip() != b"ready":
        child.kill(signal.SIGKILL)
        raise RuntimeError(f"the fan-out bot did not start:\n{child.tail()}")
    process = Process(child, baseline=rss_kib(child.pid)[0], started=time.time())
    child.proc.stdin.write(b"go\n")  # type: ignore[union-attr]
    child.proc.stdin.flush()  # type: ignore[union-attr]
    return process


def _sample(process: Process) -> None:
    rss, hwm = rss_kib(process.child.pid)
    process.peak = max(process.peak, hwm, rss)


def _complete(fake: BenchSlack, channels: list[str]) -> int:
    with fake._limit_lock:
        return sum(1 for c in channels if (t := fake.dm_tally.get(c)) and t[0] and t[1])


def _open_claims(engine: object) -> int:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(text("SELECT count(*) FROM delivery WHERE status = 'claimed'")).scalar_one())


def run(backend: Backend, cfg: FanoutConfig, work: Path, section: Section) -> None:
    url = backend.fresh()
    now = datetime.now(UTC)
    offset, weekday = _working_day_offset(now)
    engine = make_engine(url)
    sellers = seed_org(
        engine,
        cfg.teams,
        cfg.sellers,
        now + offset,
        zones=(TZ, "Europe/Stockholm"),
        dm_cached=cfg.dm_cached,
        pulse_weekday=weekday,
        summary_weekday=(weekday + 1) % 5,
        pulse_minute=0,
    )
    channels = ["D" + s.user_id for s in sellers]
    budget = cfg.limits.workspace_per_minute
    timings = PRODUCTION if cfg.real_timings else COMPRESSED
    expected_s = 2 * cfg.sellers / budget * 60
    if not cfg.dm_cached:
        expected_s = max(expected_s, cfg.sellers / cfg.limits.tier3_per_minute * 60)
    deadline_s = 3 * expected_s + 3 * (timings["BENCH_LEASE_TTL"] + timings["BENCH_STALE_AFTER"]) + 60
    with BenchSlack(cfg.limits) as fake:
        for seller in sellers:
            fake.add_user(seller.user_id)
        extra = {k: str(v) for k, v in timings.items()}
        extra |= {"BENCH_RATE": str(budget), "BENCH_CLOCK_OFFSET": str(offset.total_seconds())}
        env = bot_env(backend.env_url, fake.url, free_port(), **extra)
        began = time.time()
        first = _start(env, work, f"fanout-{backend.name}-1")
        processes, killed_at = [first], 0.0
        try:
            while _complete(fake, channels) < cfg.sellers * cfg.kill_at:
                _sample(first)
                if time.time() - began > deadline_s or first.child.proc.poll() is not None:
                    break
                time.sleep(0.02)
            # A crash comes at any moment of a send, not just after a post: wait a random part of a second.
            time.sleep(random.Random(cfg.sellers).uniform(0, 1))
            _sample(first)
            first.child.kill(signal.SIGKILL)
            killed_at = time.time()
            second = _start(env, work, f"fanout-{backend.name}-2")
            processes.append(second)
            while time.time() - began < deadline_s:
                _sample(second)
                if _complete(fake, channels) == cfg.sellers and _open_claims(engine) == 0:
                    break
                time.sleep(0.05)
            _sample(second)
        finally:
            for process in processes:
                process.child.kill()
        finished = time.time()
        posts = sorted(at for at, _, _ in fake.posts())
        refused = dict(fake.refused)
        tally = {c: list(fake.dm_tally.get(c, [0, 0])) for c in channels}
    with engine.connect() as conn:
        ledger = dict(conn.execute(text("SELECT status, count(*) FROM delivery GROUP BY status")).all())
    engine.dispose()
    _report(backend, cfg, section, tally, posts, killed_at, processes, refused, ledger, finished - began)


def _windows(posts: list[float], killed_at: float) -> tuple[int, float, float, float]:
    """(posts in the sending windows, their length, the outage, the tail after the last window)."""
    before = [t for t in posts if t <= killed_at]
    after = [t for t in posts if t > killed_at]
    count, length = len(before), (before[-1] - before[0]) if len(before) > 1 else 0.0
    outage = (after[0] - killed_at) if after else 0.0
    tail = 0.0
    if after:
        end = len(after)
        for i in range(1, len(after)):
            if after[i] - after[i - 1] > TAIL_GAP:
                end = i
                break
        count += end
        length += after[end - 1] - after[0]
        tail = after[-1] - after[end - 1]
    return count, length, outage, tail


def _report(
    backend: Backend,
    cfg: FanoutConfig,
    section: Section,
    tally: dict[str, list[int]],
    posts: list[float],
    killed_at: float,
    processes: list[Process],
    refused: dict[str, int],
    ledger: dict[str, int],
    took: float,
) -> None:
    name, db = f"2 pulse fan-out ({cfg.label})", backend.name
    sent = sum(1 for intro, question in tally.values() if intro and question)
    duplicates = sum(max(0, intro - 1) + max(0, question - 1) for intro, question in tally.values())
    missing = cfg.sellers - sent
    section.add(
        name,
        db,
        "sent / duplicates / missing",
        f"{sent} / {duplicates} / {missing}",
        f"{sent / cfg.sellers:.2f} of {cfg.sellers} sellers",
        f"{cfg.sellers} pulses due in {cfg.teams} teams; SIGKILL at {cfg.kill_at:.0%} sent, then restart",
        "0 duplicates, 0 missing",
        duplicates == 0 and missing == 0,
    )
    budget = cfg.limits.workspace_per_minute
    count, length, outage, tail = _windows(posts, killed_at)
    rate = count / length * 60 if length > 0 else 0.0
    overall = len(posts) / (posts[-1] - posts[0]) * 60 if len(posts) > 1 else 0.0
    section.add(
        name,
        db,
        "achieved rate",
        f"{rate:.0f}/min while sending ({overall:.0f}/min overall)",
        f"{rate / budget:.2f} of budget",
        f"workspace budget {budget:g}/min; outage after kill {outage:.1f} s, then {tail:.1f} s for interrupted claims",
        f"≥ {TARGET_RATE} of budget",
        rate / budget >= TARGET_RATE,
    )
    growth = max(p.peak - p.baseline for p in processes)
    section.add(
        name,
        db,
        "peak RSS (growth)",
        " / ".join(f"{p.peak / 1024:.0f} MB" for p in processes) + f" (+{growth / 1024:.1f} MB)",
        f"{growth / TARGET_GROWTH_KIB:.2f} of 50 MB",
        "RSS when built: " + " / ".join(f"{p.baseline / 1024:.0f} MB" for p in processes),
        "growth ≤ 50 MB",
        growth <= TARGET_GROWTH_KIB,
    )
    refusals = ", ".join(f"{k} ×{v}" for k, v in sorted(refused.items())) or "none"
    section.add(
        name,
        db,
        "Slack refusals; ledger",
        f"{len(posts)} posts in {took:.0f} s",
        bound=f"{refusals}; ledger {dict(sorted(ledger.items()))}",
    )
    if os.environ.get("BENCH_VERBOSE"):
        section.notes.append(f"fan-out {db} {cfg.label}: per-channel tally {tally}")
