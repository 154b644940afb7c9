"""4. Start-up and idle: `python -m bot` in HTTP mode against a fake Slack and an already migrated
database, from spawning the process to its first answered (signed) request, then its RSS after a few
idle seconds. The bound measured in the same run is the bare interpreter: `python -c pass` from spawn
to exit, and the RSS of a sleeping `python -c`."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import Backend, Section, bot_env, free_port, mb, ms, rss_kib, running, spawn, wait_ready
from tests.support.fake_slack import FakeSlack

TARGET_START = 2.0
TARGET_RSS_KIB = 150 * 1024


@dataclass(frozen=True, slots=True)
class StartupConfig:
    runs: int = 3
    idle_seconds: float = 3.0


def _bare_interpreter(runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.monotonic() - started)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        time.sleep(0.5)
        rss = rss_kib(sleeper.pid)[0]
    finally:
        sleeper.kill()
        sleeper.wait()
    return statistics.median(times), rss


def run(backend: Backend, cfg: StartupConfig, work: Path, section: Section) -> None:
    backend.fresh()
    starts, idle = [], []
    with FakeSlack() as fake:
        for n in range(cfg.runs):
            port = free_port()
            started = time.monotonic()
            bot = spawn(
                ["-m", "bot"], bot_env(backend.env_url, fake.url, port), work, f"startup-{backend.name}-{n}"
            )
            with running(bot):
                starts.append(wait_ready(bot, port, started=started))
                time.sleep(cfg.idle_seconds)
                idle.append(rss_kib(bot.pid)[0])
    bare_start, bare_rss = _bare_interpreter(cfg.runs)
    start, rss = statistics.median(starts), statistics.median(idle)
    name, db = "4 start-up and idle", backend.name
    section.add(
        name,
        db,
        "spawn → ready (median)",
        f"{start:.2f} s (runs: {', '.join(f'{s:.2f}' for s in starts)})",
        f"{start / bare_start:.1f}× bare python",
        f"`python -c pass` {ms(bare_start)}",
        "< 2 s",
        start < TARGET_START,
    )
    section.add(
        name,
        db,
        f"idle RSS after {cfg.idle_seconds:g} s",
        mb(rss),
        f"{rss / bare_rss:.1f}× bare python",
        f"sleeping `python -c` {mb(bare_rss)}",
        "≤ 150 MB",
        rss <= TARGET_RSS_KIB,
    )
