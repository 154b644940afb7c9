"""2. Pulse fan-out: M sellers in T teams are due this week's pulse; the fake Slack enforces Slack's
shape of rate limits and fails calls at random (some after doing the work); the real bot (`python -m bot`,
waitress, its own scheduler) sends the pulse when the teams' pulse minute comes, a share of the sellers
answers it as it arrives (signed taps over HTTP), and the bot is SIGKILLed at a random moment of the pulse
and started again at once, as a service manager does.

Three cases. *warm DMs*: every week after the first (the DM channels are cached). *first pulse after
the warm-up*: right after setup nothing is cached but the profile; the bot runs its DM warm-up
(conversations.open, Tier 3) until every seller's channel is known, then the pulse comes. *first pulse
right after setup*: the pulse comes at once, so every seller not yet warmed needs a conversations.open at
send time: the honest worst case, bound by Tier 3.

Counted from what the fake Slack made, per seller's DM (also messages whose answer then failed or was
lost: the seller sees those): a pulse is its intro (a top-level message) carrying its first question. Sent:
it arrived; missing: not; duplicates: every extra intro or first question.

The rate is the whole pulse's: every message Slack made from the pulse minute to the last pulse delivered,
kill and restart included, per minute, against the workspace budget the fake enforces (the floor: the
fewest minutes Slack allows for those messages); the bot's own budget is set to the same number
(SLACK_POSTS_PER_MINUTE). The rate while a process was sending is shown beside it. Memory: each process's
peak RSS over its RSS when ready.

The pulse comes at a real minute (the clock is not moved), so the fan-out runs Monday to Friday only (pulses
are never sent at weekends); on a weekend it is skipped with a note.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from bench import latency
from bench.common import Backend, Child, Section, bot_env, free_port, rss_kib, spawn, wait_ready
from bench.fanout_report import STALLED_WAIT, Outcome, report
from bench.seed import seed_org
from bench.slack import BenchSlack, Limits
from scheduling.dm_warmup import DEFAULT_OPENS_PER_MINUTE
from storage.db import make_engine

TZ = "Europe/Oslo"
LABELS = {
    "warm": "warm DMs",
    "warmed": "first pulse after the warm-up",
    "cold": "first pulse right after setup",
}
ANSWERING = 0.1
"""The share of sellers who answer the pulse while it goes out (at most MAX_ANSWERING)."""
MAX_ANSWERING = 200
START_LEAD = 40.0
"""Seconds at least between starting the bot and the pulse minute: start-up and the scheduler's jobs."""


@dataclass(frozen=True, slots=True)
class FanoutConfig:
    sellers: int = 100
    teams: int = 10
    scenario: str = "warm"
    """"warm", "warmed" or "cold" (see the module's docstring)."""
    limits: Limits = field(default_factory=Limits)
    kill_between: tuple[float, float] = (0.2, 0.8)
    """The bot is killed once this share of the pulses has arrived: drawn anew for every run."""
    profile_to: Path | None = None
    """py-spy samples each bot process (non-idle stacks, 100 a second, little cost) into
    `<profile_to>.<db>-<case>-<n>.txt` (collapsed stacks; not committed); `bench.spy_shares` sums them."""

    @property
    def label(self) -> str:
        return LABELS[self.scenario]

    @property
    def opens_per_minute(self) -> float:
        """The bot's conversations.open budget (45 under Tier 3's 50), scaled like the fake's limits."""
        return DEFAULT_OPENS_PER_MINUTE * self.limits.speed

    @property
    def answering(self) -> int:
        return min(MAX_ANSWERING, math.ceil(self.sellers * ANSWERING))


@dataclass(slots=True)
class Process:
    child: Child
    baseline: int = 0
    peak: int = 0
    spy: subprocess.Popen[bytes] | None = None

    def stop_spy(self) -> None:
        """py-spy writes its file when its target exits (a SIGKILL included) or on SIGINT."""
        if self.spy is not None and self.spy.poll() is None:
            self.spy.send_signal(signal.SIGINT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.spy.wait(30)


def _pulse_minute(now: datetime, lead: float) -> tuple[datetime, int] | None:
    """The first whole minute (Oslo time) at least `lead` seconds ahead, on a working day and before
    midnight; None at a weekend."""
    at = (now + timedelta(seconds=lead)).astimezone(ZoneInfo(TZ))
    at = at.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if at.weekday() >= 5 or at.date() != now.astimezone(ZoneInfo(TZ)).date():
        return None
    return at, at.weekday()


def _start(env: dict[str, str], work: Path, name: str, port: int, profile_to: Path | None = None) -> Process:
    child = spawn(["-m", "bot"], env, work, name)
    wait_ready(child, port)
    process = Process(child, baseline=rss_kib(child.pid)[0])
    if profile_to is not None:
        spy = Path(sys.executable).with_name("py-spy")
        out = profile_to.with_name(f"{profile_to.name}.{name.removeprefix('fanout-')}.txt")
        process.spy = subprocess.Popen(  # noqa: S603 - the venv's own py-spy
            [
                str(spy),
                "record",
                "--pid",
                str(child.pid),
                "--rate",
                "100",
                "--nonblocking",
                "--threads",
                "--format",
                "raw",
                "--output",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return process


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


def _answering_sellers(
    users: list[str], port: int, fake: BenchSlack, wait: float
) -> tuple[multiprocessing.Process, object, list[threading.Thread], threading.Event, object]:
    """A process of sellers who answer their pulse as it arrives (bench/latency.py's sellers)."""
    ctx = multiprocessing.get_context("spawn")
    posted, results, go, stop = ctx.Queue(), ctx.Queue(), ctx.Event(), threading.Event()
    cfg = latency.LatencyConfig(sellers=len(users), kind="pulse", wait_timeout=wait, command=False)
    forwarders = [
        threading.Thread(target=latency._forward, args=(u, fake, posted, stop), daemon=True) for u in users
    ]
    for thread in forwarders:
        thread.start()
    sellers = ctx.Process(
        target=latency.sellers_process, args=(users, port, fake.response_url, cfg, posted, results, go)
    )
    sellers.start()
    if latency._receive(results, sellers, 60) != "ready":
        raise RuntimeError("the sellers' process did not start")
    go.set()
    return sellers, results, forwarders, stop, posted


def run(backend: Backend, cfg: FanoutConfig, work: Path, section: Section) -> None:
    limits = cfg.limits
    warmup_s = cfg.sellers / cfg.opens_per_minute * 60
    floor_s = cfg.sellers / limits.budget * 60  # one post per seller: the intro carries question 1
    if cfg.scenario == "cold":
        floor_s = max(floor_s, cfg.sellers / limits.tier3 * 60)
    lead = START_LEAD + (1.5 * warmup_s + 30 if cfg.scenario == "warmed" else 0)
    now = datetime.now(UTC)
    found = _pulse_minute(now, lead)
    if found is None:
        section.notes.append(
            f"fan-out ({cfg.label}, {backend.name}) not run: pulses go out Monday to Friday only, and the "
            "benchmark sends a real one in the next minutes (run it on a working day, before 23:00 Oslo time)"
        )
        return
    pulse_local, weekday = found
    url = backend.fresh()
    engine = make_engine(url)
    sellers = seed_org(
        engine,
        cfg.teams,
        cfg.sellers,
        now - timedelta(hours=1),  # the teams were set up an hour ago
        zones=(TZ, "Europe/Stockholm"),
        dm_cached=cfg.scenario == "warm",
        pulse_weekday=weekday,
        summary_weekday=(weekday + 1) % 5,
        pulse_minute=pulse_local.hour * 60 + pulse_local.minute,
    )
    channels = ["D" + s.user_id for s in sellers]
    kill_at = random.Random().uniform(*cfg.kill_between)  # a new moment every run
    with BenchSlack(limits) as fake:
        for seller in sellers:
            fake.add_user(seller.user_id)
        port = free_port()
        env = bot_env(
            backend.env_url,
            fake.url,
            port,
            SLACK_POSTS_PER_MINUTE=str(round(limits.budget)),
            SLACK_DM_OPENS_PER_MINUTE=str(round(cfg.opens_per_minute)),
        )
        began = time.time()
        first = _start(env, work, f"fanout-{backend.name}-{cfg.scenario}-1", port, cfg.profile_to)
        processes = [first]
        answering = [s.user_id for s in sellers[: cfg.answering]]
        deadline = pulse_local.timestamp() + 3 * floor_s + 300
        sellers_proc, results, forwarders, stop, posted = _answering_sellers(
            answering, port, fake, wait=deadline - time.time()
        )
        warmed_at, not_warmed, killed_at, restarted_at = None, 0, 0.0, 0.0
        try:
            if cfg.scenario == "warmed":  # until every seller is warm, or the warm-up stopped making progress
                left, progress = cfg.sellers, time.time()
                while (
                    left and time.time() < pulse_local.timestamp() and time.time() - progress < STALLED_WAIT
                ):
                    _sample(first)
                    time.sleep(0.25)
                    if (now_left := _not_warmed(engine, cfg.sellers)) < left:
                        left, progress = now_left, time.time()
                warmed_at, not_warmed = time.time(), left
            while time.time() < deadline and fake.complete < cfg.sellers * kill_at:
                _sample(first)
                time.sleep(0.02)
            _sample(first)
            first.child.kill(signal.SIGKILL)
            killed_at = time.time()
            second = _start(env, work, f"fanout-{backend.name}-{cfg.scenario}-2", port, cfg.profile_to)
            restarted_at = time.time()
            processes.append(second)
            while time.time() < deadline:
                _sample(second)
                if fake.complete == len(channels) and _open_claims(engine) == 0:
                    break
                time.sleep(0.05)
            _sample(second)
        finally:
            stop.set()
            posted.put(None)  # type: ignore[attr-defined]
            posted.cancel_join_thread()  # type: ignore[attr-defined]
            answered = latency.tally_of(sellers_proc, results, 15)
            for process in processes:
                process.stop_spy()
                process.child.kill()
            for thread in forwarders:
                thread.join()
        finished = time.time()
        outcome = Outcome(
            tally={c: list(fake.dm_tally.get(c, [0, 0])) for c in channels},
            posts=sorted(fake.made),
            opens=sorted(fake.accepted("conversations.open")),
            lookups=sorted(c.at for c in fake.calls if c.method == "users.info"),
            refusals=sorted(fake.refusals),
            began=began,
            warmed_at=warmed_at,
            not_warmed=not_warmed,
            pulse_at=pulse_local.timestamp(),
            killed_at=killed_at,
            kill_share=kill_at,
            restarted_at=restarted_at,
            finished=finished,
            done_at=fake.completed_at,
            floor_s=floor_s,
            growth=[(p.peak, p.baseline) for p in processes],
            answering=len(answering),
            answers=answered,
        )
    with engine.connect() as conn:
        ledger = dict(conn.execute(text("SELECT status, count(*) FROM delivery GROUP BY status")).all())
    engine.dispose()
    report(backend.name, cfg, section, outcome, ledger)
