"""The bot process of the fan-out benchmark (`python -m bench.fanout_bot`, started and SIGKILLed by
bench/fanout.py).

It builds what `python -m bot` builds (settings from the environment, migrations, `build_runtime`:
the Bolt app's WebClient with its retry handlers, SlackSender, Dispatcher with its token bucket,
PulseScheduler with its lease), and changes only what the benchmark must control:

- BENCH_RATE: the dispatcher's chat.postMessage budget per minute (production: 300);
- BENCH_CLOCK_OFFSET: seconds added to the clock, so that "today" is a working day when the
  benchmark runs on a weekend (the seeded teams use the same shifted clock);
- BENCH_LEASE_TTL, BENCH_STALE_AFTER, BENCH_RESUME_EVERY: the recovery timings (production: a 90 s
  lease renewed every 30 s, claims taken over after 5 min, resume every 5 min), compressed by
  default so that a restart finishes within the benchmark's minutes; the logic is the same.

It prints "ready" once built, waits for a line on stdin, then starts the scheduler; on becoming the
leader, the scheduler's catch-up sends today's due pulses. HTTP is not served: nothing here needs it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import UTC, datetime, timedelta


def main() -> int:
    from bot.config import Settings
    from bot.runtime import build_runtime
    from storage.db import Database
    from storage.migrate import upgrade
    from survey_flows.leadership import Leadership

    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    offset = timedelta(seconds=float(os.environ.get("BENCH_CLOCK_OFFSET", "0")))

    def clock() -> datetime:
        return datetime.now(UTC) + offset

    ttl = float(os.environ.get("BENCH_LEASE_TTL", "90"))
    upgrade(settings.database_url)
    db = Database.from_url(settings.database_url)
    runtime = build_runtime(
        settings,
        db,
        clock=clock,
        rate_per_minute=float(os.environ.get("BENCH_RATE", "300")),
        leadership=Leadership(db, clock, ttl=timedelta(seconds=ttl)),
    )
    runtime.scheduler.renew_seconds = ttl / 3
    runtime.scheduler.resume_seconds = float(os.environ.get("BENCH_RESUME_EVERY", "300"))
    runtime.dispatcher.stale_after = timedelta(seconds=float(os.environ.get("BENCH_STALE_AFTER", "300")))
    print("ready", flush=True)
    sys.stdin.readline()
    runtime.scheduler.start()
    while True:  # until SIGKILL or SIGTERM
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
