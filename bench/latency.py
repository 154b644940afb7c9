"""1. Answer latency: `python -m bot` in HTTP mode (waitress, as in production), a fake Slack on loopback,
N simulated sellers answering the full survey at once through signed block_actions over real HTTP.

Each seller sends `/balanse survey`, waits for each question to be posted in its DM (the fake's
per-channel feed), thinks for a random time, taps a random answer and measures the HTTP round trip of
the tap, which is what Slack waits for: request to ack. The bound measured in the same run is the
idle round trip of a signed url_verification (HTTP, signature check and Bolt's middleware, no work).
"""

from __future__ import annotations

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
QUESTIONS = {"survey": 40, "pulse": 7}


@dataclass(frozen=True, slots=True)
class LatencyConfig:
    sellers: int = 50
    kind: str = "survey"
    think: tuple[float, float] = (0.5, 1.5)
    """Seconds a seller takes to read a question and tap, drawn uniformly."""
    wait_timeout: float = 60.0


@dataclass(slots=True)
class Tally:
    taps: list[float] = field(default_factory=list)
    commands: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_tap: float = float("inf")
    finished: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _timed_post(port: int, request: Any) -> tuple[float, int]:
    started = time.perf_counter()
    status, _ = signed_post(port, request.raw_body, flat_headers(request))
    return time.perf_counter() - started, status


def _seller(
    user_id: str, port: int, fake: BenchSlack, cfg: LatencyConfig, start: threading.Barrier, tally: Tally
) -> None:
    rng = random.Random(user_id)
    requests = SlackRequests(SIGNING_SECRET, response_url=fake.response_url)
    feed = fake.feed("D" + user_id)
    expected = QUESTIONS[cfg.kind]
    start.wait()
    took, status = _timed_post(port, requests.slash_command(cfg.kind, user_id=user_id))
    with tally.lock:
        tally.commands.append(took)
    answered = 0
    try:
        while True:
            params, response = feed.get(timeout=cfg.wait_timeout)
            buttons = answer_buttons(params)
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
                channel_id=response["channel"],
                message_ts=response["ts"],
                thread_ts=params.get("thread_ts"),
            )
            sent = time.perf_counter()
            took, status = _timed_post(port, tap)
            with tally.lock:
                tally.first_tap = min(tally.first_tap, sent)
                tally.taps.append(took)
                if status != 200:
                    tally.errors.append(f"{user_id}: tap answered {status}")
            answered += 1
    except queue.Empty:
        with tally.lock:
            tally.errors.append(
                f"{user_id}: nothing posted for {cfg.wait_timeout:.0f}s after {answered} answers"
            )
    with tally.lock:
        tally.finished = max(tally.finished, time.perf_counter())


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
    with BenchSlack() as fake:
        for user_id in users:
            fake.add_user(user_id)
        port = free_port()
        env = bot_env(backend.env_url, fake.url, port)
        with running(spawn(["-m", "bot"], env, work, f"latency-{backend.name}")) as bot:
            wait_ready(bot, port)
            idle = _idle_round_trips(port)
            cpu_before, wall_before = cpu_seconds(bot.pid), time.perf_counter()
            tally = Tally()
            start = threading.Barrier(len(users))
            threads = [
                threading.Thread(target=_seller, args=(u, port, fake, cfg, start, tally), daemon=True)
                for u in users
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            peak_rss = rss_kib(bot.pid)[1]
            cpu = (cpu_seconds(bot.pid) - cpu_before, time.perf_counter() - wall_before)
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
    name, db = "1 answer latency", backend.name
    taps = tally.taps
    p50, p95, p99 = (percentile(taps, p) for p in (50, 95, 99))
    idle99 = percentile(idle, 99)
    section.add(
        name,
        db,
        "p99 request→ack",
        ms(p99),
        f"{p99 / SLACK_ACK_LIMIT:.3f} of 3 s; {p99 / idle99:.1f}× idle",
        f"idle signed request p99 {ms(idle99)} (p50 {ms(percentile(idle, 50))})",
        "≤ 90 ms",
        p99 <= TARGET_P99,
    )
    section.add(
        name,
        db,
        "p50 / p95 / max",
        f"{ms(p50)} / {ms(p95)} / {ms(max(taps, default=0))}",
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
    section.add(
        name,
        db,
        "bot CPU per answer",
        ms(cpu[0] / max(stored, 1)),
        f"{cpu[0] / cpu[1]:.2f} of one core",
        f"bot CPU {cpu[0]:.1f} s in {cpu[1]:.1f} s; peak RSS {peak_rss / 1024:.0f} MB; "
        f"{len(tally.commands)} simultaneous `/balanse {cfg.kind}` acked in p99 {ms(percentile(tally.commands, 99))}",
    )
    for error in tally.errors[:5]:
        section.notes.append(f"latency ({db}): {error}")
