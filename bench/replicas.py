"""6. Replicas (issue 14): 1, 2 and 4 real `python -m bot` processes (waitress, HTTP mode) on one PostgreSQL
and one fake Slack, W workspaces of S sellers each (default 8 x 125 = 1,000). Per number of replicas N:

- fan-out: one pulse to every seller of every workspace at a real minute (the leader plans it as due ledger
  rows, every replica's send loop claims them); the wall time from the pulse minute to the last delivery,
  beside its floor (the busiest workspace's posts at its budget: the fake enforces a budget per workspace,
  and so do the bots, in a `rate_budget` row per workspace shared by all replicas); duplicates and missing;
- answers per second: right after the fan-out every seller answers the pulse closed-loop (a tap, wait for
  the next question, a short think, tap again), each tap sent to the next replica's port in turn (a load
  balancer); answers taken over a fixed window after a warm-up, tap->next question p50/p99 in the window.

Each figure is also given as a ratio to N=1 measured in the same run. All processes share the machine's
cores (the sellers' process and the fake Slack too), so the cores are the ceiling: more replicas can only
use cores that are idle, and the bots' CPU seconds are shown to tell where the time went.

OAuth mode, as a bot serving many workspaces runs: each workspace is installed (an installation saved through
bot/installations.EncryptedInstallationStore with a bot token of its own), and the fake tells workspaces
apart by the token, as Slack does: its limits are per workspace (the token's), and a post made with one
workspace's token to another workspace's seller is counted (it must not happen). Each seller's taps carry
its workspace's team_id.

PostgreSQL only: SQLite keeps to one process (a second is refused). Like the fan-out, it needs a working
day before 23:00 Oslo time (a real pulse minute).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self

from cryptography.fernet import Fernet
from sqlalchemy import text

from bench import fanout, latency
from bench.common import Backend, Child, Section, bot_env, cpu_seconds, free_port, spawn, wait_ready
from bench.replicas_report import Figures, report
from bench.seed import seed_org
from bench.slack import BenchSlack, Bucket, Limits, answer_buttons
from bot.installations import EncryptedInstallationStore
from bot.token_cipher import TokenCipher
from scheduling.dm_warmup import DEFAULT_OPENS_PER_MINUTE
from storage.db import Database, make_engine
from tests.support.fake_slack import Params
from tests.support.fake_slack_oauth import CLIENT_ID, CLIENT_SECRET, TOKEN_SECONDS, FakeSlackOAuth
from tests.support.oauth import installation

START_LEAD = 30.0
"""Seconds at least between starting the first replica and the pulse minute, plus PER_REPLICA each."""
PER_REPLICA = 8.0
DRAIN_WAIT = 120.0
POOL_SIZE = 21
"""DATABASE_POOL_SIZE of every replica, at every N alike: four replicas' 4 × (21 + 3 for /readyz) fit this
machine's PostgreSQL (max_connections 100, 3 kept for superusers), as docs/DEPLOY.md says to size them."""


@dataclass(frozen=True, slots=True)
class ReplicasConfig:
    workspaces: int = 8
    sellers: int = 125
    """Per workspace."""
    teams: int = 5
    """Per workspace."""
    counts: tuple[int, ...] = (1, 2, 4)
    think: tuple[float, float] = (1.0, 2.0)
    warmup: float = 30.0
    """Long enough for the first taps' queue (every seller taps within seconds of the pulse) to drain."""
    window: float = 30.0
    limits: Limits = field(default_factory=Limits)

    @property
    def total(self) -> int:
        return self.workspaces * self.sellers

    def describe(self) -> str:
        return (
            f"6. replicas {', '.join(map(str, self.counts))}: {self.workspaces} workspaces × {self.sellers} "
            f"sellers ({self.teams} teams each), warm DMs, one pulse to all, then every seller answers it "
            f"closed-loop (thinking {self.think[0]:g}–{self.think[1]:g} s), taps round-robin over the "
            f"replicas' ports; answers counted over {self.window:g} s after {self.warmup:g} s; fake Slack "
            f"per workspace: {self.limits.describe()}; the bots' budgets the same"
        )


class WorkspacesSlack(BenchSlack):
    """BenchSlack with Slack's limits per workspace (the workspace whose bot token made the call), one feed
    for all sellers' DMs (one forwarding thread, not one per seller), and a count of calls made with one
    workspace's token for another workspace's seller."""

    def __init__(self, limits: Limits, workspace_of: dict[str, str]) -> None:
        super().__init__(limits)
        self.workspace_of = workspace_of
        self.crossed = 0
        self.shared: queue.SimpleQueue = queue.SimpleQueue()
        self._caller = threading.local()
        for user in workspace_of:
            self._feeds["D" + user] = self.shared
        self.oauth = FakeSlackOAuth(self)
        """Slack's side of the installs: a bot token per workspace (entered in start())."""
        for workspace in sorted(set(workspace_of.values())):
            self.oauth.add_workspace(workspace, f"Bench {workspace}")

    def start(self) -> Self:
        super().start()
        self.oauth.__enter__()
        return self

    def _seller_workspace(self, params: Params) -> str | None:
        channel = str(params.get("channel") or "")
        user = (
            channel[1:] if channel.startswith("D") else str(params.get("user") or params.get("users") or "")
        )
        return self.workspace_of.get(user)

    def _answer(
        self, method: str, params: Params, token: str | None, basic_auth: bool, failure: Any
    ) -> tuple[int, dict[str, str], bytes]:
        caller = self.oauth.team_of(token) or "?"
        seller = self._seller_workspace(params)
        if seller is not None and caller != seller:
            with self._limit_lock:
                self.crossed += 1
        self._caller.workspace = caller
        return super()._answer(method, params, token, basic_auth, failure)

    def _buckets_for(self, method: str, params: Params, limits: Limits) -> list[Bucket]:
        ws = getattr(self._caller, "workspace", "?")
        if method == "chat.postMessage":
            return [
                self._bucket(
                    f"channel:{params.get('channel', '')}", limits.channel_per_second, limits.channel_burst
                ),
                self._bucket(f"workspace:{ws}", limits.budget / 60, limits.workspace_burst),
            ]
        if method == "conversations.open":
            return [self._bucket(f"{method}:{ws}", limits.tier3 / 60, limits.tier_burst)]
        if method == "users.info":
            return [self._bucket(f"{method}:{ws}", limits.tier4 / 60, limits.tier_burst)]
        return []


def _cpu(children: list[Child]) -> float:
    return sum(cpu_seconds(c.pid) for c in children)


def _forward(fake: WorkspacesSlack, posted: Any, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            params, response, made_at = fake.shared.get(timeout=0.2)
        except queue.Empty:
            continue
        channel = str(response["channel"])
        item = (answer_buttons(params), channel, response["ts"], params.get("thread_ts"), made_at)
        posted.put((channel[1:], item))


def _seed(url: str, cfg: ReplicasConfig, now: datetime, pulse: datetime) -> dict[str, str]:
    """Every workspace's teams and sellers; returns seller user id -> workspace."""
    engine = make_engine(url)
    workspace_of: dict[str, str] = {}
    weekday = pulse.weekday()
    for w in range(cfg.workspaces):
        ws = f"T{w + 1}"
        sellers = seed_org(
            engine,
            cfg.teams,
            cfg.sellers,
            now - timedelta(hours=1),
            zones=(fanout.TZ, "Europe/Stockholm"),
            dm_cached=True,
            pulse_weekday=weekday,
            summary_weekday=(weekday + 1) % 5,
            pulse_minute=pulse.hour * 60 + pulse.minute,
            workspace=ws,
            after=(w * (cfg.sellers + cfg.teams), w * cfg.teams),
        )
        workspace_of.update((s.user_id, ws) for s in sellers)
    engine.dispose()
    return workspace_of


def _install(url: str, fake: WorkspacesSlack, key: str) -> None:
    """Each workspace installed, as the OAuth redirect leaves it: a rotating bot token good for 12 hours."""
    db = Database.from_url(url)
    store = EncryptedInstallationStore(CLIENT_ID, db, TokenCipher.from_setting(key))
    for ws in sorted(fake.oauth.workspaces):
        access, refresh = fake.oauth.issue(ws, TOKEN_SECONDS)
        fake.add_workspace(access, ws)  # users.info and auth.test answer as that workspace
        store.save(installation(ws, access, refresh, TOKEN_SECONDS, f"Bench {ws}"))
    db.dispose()


def _count(url: str, sql: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def run(backend: Backend, cfg: ReplicasConfig, work: Path, section: Section) -> None:
    if backend.name != "postgresql":
        section.notes.append(
            "replicas: PostgreSQL only (several processes share one database; SQLite keeps to one process)"
        )
        return
    results: dict[int, Figures] = {}
    for n in cfg.counts:
        print(f"bench: replicas N={n} ...", flush=True, file=sys.stderr)
        try:
            found = run_one(backend, cfg, n, work)
        except Exception as exc:  # a run that breaks is reported, the others go on
            section.notes.append(f"replicas N={n} failed: {type(exc).__name__}: {str(exc)[:300]}")
            continue
        if found is None:
            section.notes.append(
                "replicas not run: pulses go out Monday to Friday only, and the benchmark sends real ones in "
                "the next minutes (run it on a working day, before 23:00 Oslo time)"
            )
            return
        results[n] = found
    report(cfg, results, section, os.cpu_count() or 0)


def run_one(backend: Backend, cfg: ReplicasConfig, n: int, work: Path) -> Figures | None:
    limits = cfg.limits
    now = datetime.now(UTC)
    found = fanout._pulse_minute(now, START_LEAD + PER_REPLICA * n)
    if found is None:
        return None
    pulse, _weekday = found
    url = backend.fresh()
    workspace_of = _seed(url, cfg, now, pulse)
    users = list(workspace_of)
    ctx = multiprocessing.get_context("spawn")
    posted, results, go, stop = ctx.Queue(), ctx.Queue(), ctx.Event(), threading.Event()
    with WorkspacesSlack(limits, workspace_of) as fake:
        for user, ws in workspace_of.items():
            fake.add_user(user, team_id=ws)
        key = Fernet.generate_key().decode()
        _install(url, fake, key)
        ports = [free_port() for _ in range(n)]
        bots: list[Child] = []
        forwarder = threading.Thread(target=_forward, args=(fake, posted, stop), daemon=True)
        sellers = None
        try:
            for i, port in enumerate(ports):
                env = bot_env(
                    backend.env_url,
                    fake.url,
                    port,
                    SLACK_POSTS_PER_MINUTE=str(round(limits.budget)),
                    SLACK_DM_OPENS_PER_MINUTE=str(round(DEFAULT_OPENS_PER_MINUTE * limits.speed)),
                    DATABASE_POOL_SIZE=str(POOL_SIZE),
                    LOG_LEVEL="WARNING",
                    SLACK_BOT_TOKEN="",
                    SLACK_CLIENT_ID=CLIENT_ID,
                    SLACK_CLIENT_SECRET=CLIENT_SECRET,
                    TOKEN_ENCRYPTION_KEY=key,
                )
                bots.append(spawn(["-m", "bot"], env, work, f"replicas-{n}-{i + 1}"))
            for bot, port in zip(bots, ports, strict=True):
                wait_ready(bot, port, timeout=90)
            lcfg = latency.LatencyConfig(
                sellers=len(users),
                kind="pulse",
                think=cfg.think,
                wait_timeout=pulse.timestamp() - time.time() + 600,
                command=False,
                ports=tuple(ports),
                workspace_of=workspace_of,
            )
            sellers = ctx.Process(
                target=latency.sellers_process,
                args=(users, ports[0], fake.response_url, lcfg, posted, results, go),
            )
            sellers.start()
            if latency._receive(results, sellers, 120) != "ready":
                raise RuntimeError("the sellers' process did not start")
            go.set()
            # (b) the fan-out: nobody answers until the last pulse has arrived.
            while time.time() < pulse.timestamp():
                time.sleep(0.1)
            cpu0 = _cpu(bots)
            floor_s = cfg.sellers / (limits.budget / 60)
            deadline = pulse.timestamp() + 3 * floor_s + 180
            while time.time() < deadline:
                if (
                    fake.complete >= len(users)
                    and _count(url, "SELECT count(*) FROM delivery WHERE status IN ('due', 'claimed')") == 0
                ):
                    break
                time.sleep(0.1)
            fanned_at, cpu1 = time.time(), _cpu(bots)
            tally = {c: list(t) for c, t in fake.dm_tally.items()}
            claimed = dict(_claims(url))
            # (a) answers: every seller answers its pulse, closed-loop, through all replicas.
            forwarder.start()
            began = time.time()
            time.sleep(cfg.warmup)
            cpu2 = _cpu(bots)
            time.sleep(cfg.window)
            cpu3 = _cpu(bots)
        finally:
            stop.set()
            posted.put(None)
            posted.cancel_join_thread()
            try:
                answered = latency.tally_of(sellers, results, 120)
                stored, drained = _drained(url, len(answered.heard), bots)
            finally:  # a run that broke (the database refusing clients, say) leaves no bot running
                for bot in bots:
                    bot.kill()
    return Figures(
        replicas=n,
        sellers=len(users),
        workspace_of=workspace_of,
        tally=tally,
        pulse_at=pulse.timestamp(),
        done_at=fake.completed_at if fake.complete >= len(users) else fanned_at,
        complete=fake.complete,
        floor_s=floor_s,
        sent_by=claimed,
        answers=answered,
        window=(began + cfg.warmup, began + cfg.warmup + cfg.window),
        stored=stored,
        cpu_fanout=cpu1 - cpu0,
        fanout_s=fanned_at - pulse.timestamp(),
        cpu_window=cpu3 - cpu2,
        refused=dict(fake.refused),
        crossed=fake.crossed,
        drained=drained,
    )


def _drained(url: str, taken: int, bots: list[Child]) -> tuple[int, float]:
    """Waits (at most DRAIN_WAIT) until every answer the bots acknowledged is stored: a button is acked
    before its listener runs, so a busy bot has a queue of them. (answers stored, seconds waited)."""
    began = time.time()
    stored = _count(url, "SELECT count(*) FROM answer")
    while stored < taken and time.time() - began < DRAIN_WAIT and all(b.proc.poll() is None for b in bots):
        time.sleep(0.5)
        stored = _count(url, "SELECT count(*) FROM answer")
    return stored, time.time() - began


def _claims(url: str) -> list[tuple[str, int]]:
    """Pulses sent per replica (its id in the ledger's claimed_by)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            sql = "SELECT claimed_by, count(*) FROM delivery WHERE kind = 'pulse' GROUP BY claimed_by"
            return [(str(by), int(c)) for by, c in conn.execute(text(sql)).all()]
    finally:
        engine.dispose()
