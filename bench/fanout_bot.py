"""The bot process of the fan-out benchmark (`python -m bench.fanout_bot`, started and SIGKILLed by
bench/fanout.py).

It builds what `python -m bot` builds (settings from the environment, migrations, the database pool,
`build_runtime`: the Bolt app's WebClient with its retry handlers, SlackSender, Dispatcher with its
token bucket and send workers, the DM warm-up, PulseScheduler with its lease), and changes only what
the benchmark must control:

- BENCH_RATE: the dispatcher's chat.postMessage budget per minute (production: 300);
- BENCH_OPENS: the conversations.open budget per minute of the warm-up and the sender (production: 45);
- BENCH_CLOCK_OFFSET: seconds added to the clock, so that "today" is a working day when the
  benchmark runs on a weekend and the pulse time is still ahead (the seeded teams use the same clock);
- BENCH_PULSE_OFFSET: the offset once the benchmark says "pulse" (the clock then reads just after the
  teams' pulse time); a restarted process starts with it;
- BENCH_LEASE_TTL, BENCH_STALE_AFTER, BENCH_RESUME_EVERY: the recovery timings (production: a 90 s
  lease renewed every 30 s, claims taken over after 5 min, resume every 5 min), compressed by
  default so that a restart finishes within the benchmark's minutes; the logic is the same.

It prints "ready" once built, then reads commands on stdin: "go" starts the scheduler (on becoming the
leader it runs the DM warm-up and the catch-up, which sends what is due); "pulse" moves the clock to the
pulse time and fires every pulse job now, as APScheduler's cron triggers do at 09:00 on a Monday (the
same jobs, the same pool). HTTP is not served: nothing here needs it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import UTC, datetime, timedelta


def main() -> int:
    from bot.config import Settings
    from bot.http_server import DATABASE_CONNECTIONS
    from bot.runtime import build_runtime
    from storage.db import Database
    from storage.migrate import upgrade
    from survey_flows.leadership import Leadership

    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    shift = [timedelta(seconds=float(os.environ.get("BENCH_CLOCK_OFFSET", "0")))]
    pulse_shift = timedelta(seconds=float(os.environ.get("BENCH_PULSE_OFFSET", "0")))

    def clock() -> datetime:
        return datetime.now(UTC) + shift[0]

    ttl = float(os.environ.get("BENCH_LEASE_TTL", "90"))
    upgrade(settings.database_url)
    db = Database.from_url(settings.database_url, pool_size=DATABASE_CONNECTIONS)
    runtime = build_runtime(
        settings,
        db,
        clock=clock,
        rate_per_minute=float(os.environ.get("BENCH_RATE", "300")),
        dm_opens_per_minute=float(os.environ.get("BENCH_OPENS", "45")),
        leadership=Leadership(db, clock, ttl=timedelta(seconds=ttl)),
    )
    runtime.scheduler.renew_seconds = ttl / 3
    runtime.scheduler.resume_seconds = float(os.environ.get("BENCH_RESUME_EVERY", "300"))
    runtime.dispatcher.stale_after = timedelta(seconds=float(os.environ.get("BENCH_STALE_AFTER", "300")))
    print("ready", flush=True)
    for line in sys.stdin:  # until SIGKILL, SIGTERM or the end of stdin
        command = line.strip()
        if command == "go":
            runtime.scheduler.start()
        elif command == "pulse":
            shift[0] = pulse_shift
            # The lease's expiry was reckoned by the clock before the jump: renew it by the new one, or this
            # process would step down and skip the jobs (a benchmark artifact: real clocks do not jump).
            runtime.scheduler.leadership.renew()
            scheduler = runtime.scheduler.scheduler
            for job in scheduler.get_jobs():
                if job.id.startswith("pulse:"):
                    job.modify(next_run_time=datetime.now(UTC))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
