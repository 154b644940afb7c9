"""1. Answer latency: `python -m bot` in HTTP mode (waitress, as in production), a fake Slack on loopback,
N simulated sellers (50 and 200 by default) answering the full survey at once through signed block_actions
over real HTTP.

Each seller sends `/balanse survey`, waits for each question to be posted in its DM (the fake's
per-channel feed, forwarded to the sellers' own process), thinks for a random time, taps a random answer
and measures two things:
- the ack: the HTTP round trip of the tap (and of the command), which is what Slack waits for;
- the wait the seller lives through: from sending the tap to the moment Slack made the next question (or
  the result) in the DM, read from the fake's own clock at the post, so the forwarding between processes
  is not counted.
The bound measured in the same run is the idle round trip of a signed url_verification (HTTP, signature
check and Bolt's middleware, no work).
"""

from __future__ import annotations

import multiprocessing
import queue
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.common import (
    SIGNING_SECRET,
    Backend,
    Section,
    bot_env,
    cpu_seconds,
    free_port,
    ms,
    percentile,
    rss_kib,
    running,
    signed_post,
    spawn,
    wait_ready,
)
from bench.slack import BenchSlack, answer_buttons
from tests.support.slack_requests import SlackRequests, flat_headers

SLACK_ACK_LIMIT = 3.0
TARGET_P99 = 0.090
"""Every ack, taps and commands alike."""
TARGET_WAIT_P99 = {50: 0.100, 200: 1.0}
"""Tap -> next question posted, p99, by how many sellers answer at once."""
TARGET_CPU_PER_ANSWER = 0.004
QUESTIONS = {"survey": 40, "pulse": 7}


@dataclass(frozen=True, slots=True)
class LatencyConfig:
    sellers: int = 50
    kind: str = "survey"
    think: tuple[float, float] = (0.5, 1.5)
    """Seconds a seller takes to read a question and tap, drawn uniformly."""
    wait_timeout: float = 60.0
    command: bool = True
    """Each seller starts with `/balanse <kind>`; without, they wait for the pulse the scheduler sends."""
    profile_to: Path | None = None
    """Run the bot under `bench.profiled_bot`, its pstats written here (its CPU figures are then not the bot's)."""
    ports: tuple[int, ...] = ()
    """Several replicas behind a load balancer: each tap goes to the next of these (round robin)."""
    workspace_of: dict[str, str] = field(default_factory=dict)
    """A seller's workspace (the request's team_id); "T1" when not named."""


@dataclass(slots=True)
class Tally:
    taps: list[float] = field(default_factory=list)
    waits: list[float] = field(default_factory=list)
    """Tap sent -> the next question (or the result) made in the DM."""
    commands: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_tap: float = float("inf")
    finished: float = 0.0
    heard: list[float] = field(default_factory=list)
    waited_at: list[float] = field(default_factory=list)
    """The wall clock when each of `waits` ended (the next question made)."""
    """The wall clock when each tap was acknowledged with 200 (an answer taken)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def plain(self) -> dict[str, Any]:
        keys = ("taps", "waits", "commands", "errors", "first_tap", "finished", "heard", "waited_at")
        return {k: getattr(self, k) for k in keys}


Posted = tuple[list[dict[str, Any]], str, str, str | None, float]
"""A message posted in a seller's DM, as the seller needs it: (answer buttons, channel, ts, thread_ts, the
wall clock when Slack made it)."""


def _timed_post(port: int, request: Any) -> tuple[float, int]:
    started = time.perf_counter()
    status, _ = signed_post(port, request.raw_body, flat_headers(request))
    return time.perf_counter() - started, status


def _tap_until_heard(port: int, tap: Any, tally: Tally, user_id: str) -> tuple[float, int]:
    """A tap while the bot is down (killed, restarting) fails in Slack with a warning; the seller taps
    again a second later, as people do. The wait for the next question still counts from the first tap."""
    while True:
        try:
            return _timed_post(port, tap)
        except OSError as exc:
            with tally.lock:
                tally.errors.append(f"{user_id}: tap not heard ({type(exc).__name__}); tapped again")
            time.sleep(1.0)


def _seller(
    user_id: str,
    port: int,
    response_url: str,
    feed: queue.SimpleQueue,
    cfg: LatencyConfig,
    start: threading.Barrier,
    tally: Tally,
) -> None:
    rng = random.Random(user_id)
    team = cfg.workspace_of.get(user_id, "T1")
    requests = SlackRequests(SIGNING_SECRET, team_id=team, response_url=response_url)
    turn = int(user_id.lstrip("UM") or 0)
    expected = QUESTIONS[cfg.kind]
    start.wait()
    if cfg.command:
        took, _status = _timed_post(port, requests.slash_command(cfg.kind, user_id=user_id))
        with tally.lock:
            tally.commands.append(took)
    answered = 0
    tapped_at: float | None = None
    try:
        while True:
            item = feed.get(timeout=cfg.wait_timeout)
            if item is None:  # the benchmark is over
                break
            buttons, channel, ts, thread_ts, made_at = item
            if tapped_at is not None and (buttons or answered >= expected):
                with tally.lock:
                    tally.waits.append(made_at - tapped_at)
                    tally.waited_at.append(made_at)
                tapped_at = None
            if not buttons:
                if answered >= expected:  # the result, posted after the last answer
                    break
                continue  # the intro
            time.sleep(rng.uniform(*cfg.think))
            choice = rng.choice([b for b in buttons if b["action_id"] != "answer_0"])
            tap = requests.block_action(
                user_id=user_id,
                action_id=choice["action_id"],
                value=choice["value"],
                block_id="answer_buttons",
                channel_id=channel,
                message_ts=ts,
                thread_ts=thread_ts,
            )
            sent, tapped_at = time.perf_counter(), time.time()
            to = cfg.ports[(turn + answered) % len(cfg.ports)] if cfg.ports else port
            took, status = _tap_until_heard(to, tap, tally, user_id)
            with tally.lock:
                tally.first_tap = min(tally.first_tap, sent)
                tally.taps.append(took)
                if status == 200:
                    tally.heard.append(time.time())
                else:
                    tally.errors.append(f"{user_id}: tap answered {status}")
            answered += 1
    except queue.Empty:
        with tally.lock:
            tally.errors.append(
                f"{user_id}: nothing posted for {cfg.wait_timeout:.0f}s after {answered} answers"
            )
    with tally.lock:
        tally.finished = max(tally.finished, time.perf_counter())


def sellers_process(
    users: list[str],
    port: int,
    response_url: str,
    cfg: LatencyConfig,
    posted: Any,
    results: Any,
    go: Any,
) -> None:
    """The simulated sellers, in a process of their own (multiprocessing, spawn). In the process that runs
    the fake Slack, a seller's thread must get the GIL back from the fake's threads (which serve the bot's
    Web API calls, three or four per tap) before it reads the clock, so a busy fake would count as ack
    latency. Here the 50 threads mostly sleep. `posted` brings (user, Posted) from the fake; `results`
    returns "ready", then the tally."""
    feeds = {user_id: queue.SimpleQueue() for user_id in users}

    def route() -> None:
        while (item := posted.get()) is not None:
            feeds[item[0]].put(item[1])
        for feed in feeds.values():  # the end: nobody waits any longer
            feed.put(None)

    threading.Thread(target=route, daemon=True).start()
    tally = Tally()
    start = threading.Barrier(len(users))
    threads = [
        threading.Thread(
            target=_seller, args=(u, port, response_url, feeds[u], cfg, start, tally), daemon=True
        )
        for u in users
    ]
    results.put("ready")
    go.wait()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put(tally.plain())


def _forward(user_id: str, fake: BenchSlack, posted: Any, stop: threading.Event) -> None:
    """What the fake accepted in one seller's DM, to the sellers' process."""
    feed = fake.feed("D" + user_id)
    while not stop.is_set():
        try:
            params, response, made_at = feed.get(timeout=0.2)
        except queue.Empty:
            continue
        buttons, thread_ts = answer_buttons(params), params.get("thread_ts")
        posted.put((user_id, (buttons, response["channel"], response["ts"], thread_ts, made_at)))


def tally_of(sellers: Any, results: Any, timeout: float) -> Tally:
    """The sellers' tally, once they have stopped (each finishes the tap it is making), read before their
    process is joined: a big tally fills the pipe, and the process cannot exit until it is read. A process
    that had to be killed may have left half a message in the queue, so it is not read then."""
    if sellers is None:
        return Tally(errors=["the answering sellers did not start"])
    try:
        found = results.get(timeout=timeout)
    except queue.Empty:
        found = None
    sellers.join(timeout=10)
    if sellers.is_alive():
        sellers.kill()
        sellers.join()
    if not isinstance(found, dict):
        return Tally(errors=["the answering sellers did not report"])
    return Tally(**found)


def _receive(results: Any, sellers: Any, timeout: float) -> Any:
    """The next thing the sellers' process reports; raises if it dies or the time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return results.get(timeout=0.5)
        except queue.Empty:
            if not sellers.is_alive():
                raise RuntimeError(f"the sellers' process exited with {sellers.exitcode}") from None
    raise RuntimeError(f"the sellers' process reported nothing for {timeout:.0f}s")


def _idle_round_trips(port: int, count: int = 200) -> list[float]:
    requests = SlackRequests(SIGNING_SECRET)
    found = []
    for _ in range(count):
        request = requests.url_verification("idle")
        found.append(_timed_post(port, request)[0])
    return found


def run(backend: Backend, cfg: LatencyConfig, work: Path, section: Section) -> None:
    url = backend.fresh()
    users = [f"U{n:05d}" for n in range(1, cfg.sellers + 1)]
    ctx = multiprocessing.get_context("spawn")  # no fork of a process running threads
    posted, results, go, stop = ctx.Queue(), ctx.Queue(), ctx.Event(), threading.Event()
    with BenchSlack() as fake:
        for user_id in users:
            fake.add_user(user_id)
        forwarders = [
            threading.Thread(target=_forward, args=(u, fake, posted, stop), daemon=True) for u in users
        ]
        for thread in forwarders:
            thread.start()
        port = free_port()
        env = bot_env(backend.env_url, fake.url, port)
        command = ["-m", "bot"]
        if cfg.profile_to is not None:
            command = ["-m", "bench.profiled_bot"]
            env["BOT_PROFILE_OUT"] = str(cfg.profile_to.with_suffix(f".{backend.name}-{cfg.sellers}.pstats"))
        sellers = ctx.Process(
            target=sellers_process, args=(users, port, fake.response_url, cfg, posted, results, go)
        )
        with running(spawn(command, env, work, f"latency-{backend.name}")) as bot:
            wait_ready(bot, port)
            idle = _idle_round_trips(port)
            sellers.start()
            try:
                if _receive(results, sellers, 60) != "ready":
                    raise RuntimeError("the sellers' process did not start")
                cpu_before, wall_before = cpu_seconds(bot.pid), time.perf_counter()
                go.set()
                found = _receive(results, sellers, cfg.wait_timeout * (QUESTIONS[cfg.kind] + 2))
            finally:
                stop.set()
                posted.put(None)
                posted.cancel_join_thread()  # what the sellers no longer read may be dropped
                sellers.join(timeout=10)
                if sellers.is_alive():
                    sellers.kill()
            peak_rss = rss_kib(bot.pid)[1]
            cpu = (cpu_seconds(bot.pid) - cpu_before, time.perf_counter() - wall_before)
        for thread in forwarders:
            thread.join()
    tally = Tally(**found)
    engine = create_engine(url)
    with engine.connect() as conn:
        stored = int(conn.execute(text("SELECT count(*) FROM answer")).scalar_one())
    engine.dispose()
    _report(backend, cfg, section, tally, idle, stored, len(users) * QUESTIONS[cfg.kind], peak_rss, cpu)


def _report(
    backend: Backend,
    cfg: LatencyConfig,
    section: Section,
    tally: Tally,
    idle: list[float],
    stored: int,
    expected: int,
    peak_rss: int,
    cpu: tuple[float, float],
) -> None:
    name, db = f"1 answer latency, {cfg.sellers} sellers", backend.name
    taps, waits = tally.taps, tally.waits
    idle99 = percentile(idle, 99)
    wait50, wait99 = percentile(waits, 50), percentile(waits, 99)
    wait_target = TARGET_WAIT_P99.get(cfg.sellers)
    section.add(
        name,
        db,
        "p99 tap→next question",
        ms(wait99),
        f"{wait99 / wait_target:.2f} of the target" if wait_target else "",
        f"p50 {ms(wait50)}, max {ms(max(waits, default=0))}; {len(waits)} waits",
        f"≤ {ms(wait_target)}" if wait_target else "",
        wait99 <= wait_target if wait_target else None,
    )
    acks = taps + tally.commands
    ack99 = percentile(acks, 99)
    section.add(
        name,
        db,
        "p99 every ack (taps, commands)",
        ms(ack99),
        f"{ack99 / SLACK_ACK_LIMIT:.3f} of 3 s; {ack99 / idle99:.1f}× idle",
        f"taps p99 {ms(percentile(taps, 99))}, {len(tally.commands)} simultaneous `/balanse {cfg.kind}` "
        f"p99 {ms(percentile(tally.commands, 99))}; idle signed request p99 {ms(idle99)}",
        "≤ 90 ms",
        ack99 <= TARGET_P99,
    )
    section.add(
        name,
        db,
        "tap ack p50 / p95 / max",
        f"{ms(percentile(taps, 50))} / {ms(percentile(taps, 95))} / {ms(max(taps, default=0))}",
        bound=f"{len(taps)} taps by {cfg.sellers} sellers",
    )
    duration = max(tally.finished - tally.first_tap, 1e-9)
    pace = cfg.sellers / (sum(cfg.think) / 2)
    section.add(
        name,
        db,
        "answers stored/s",
        f"{stored / duration:.1f}/s ({stored}/{expected} stored)",
        f"{stored / duration / pace:.2f} of the sellers' pace",
        f"{cfg.sellers} sellers thinking {cfg.think[0]:g}–{cfg.think[1]:g} s = {pace:.1f} taps/s",
        f"all {expected} stored",
        stored == expected and not tally.errors,
    )
    per_answer = cpu[0] / max(stored, 1)
    section.add(
        name,
        db,
        "bot CPU per answer",
        ms(per_answer),
        f"{cpu[0] / cpu[1]:.2f} of one core",
        f"bot CPU {cpu[0]:.1f} s in {cpu[1]:.1f} s; peak RSS {peak_rss / 1024:.0f} MB",
        f"≤ {ms(TARGET_CPU_PER_ANSWER)}",
        per_answer <= TARGET_CPU_PER_ANSWER,
    )
    for error in tally.errors[:5]:
        section.notes.append(f"latency ({db}): {error}")
