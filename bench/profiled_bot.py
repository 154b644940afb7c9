"""`python -m bench.profiled_bot`: `python -m bot` with every thread under cProfile, counting each thread's
own CPU time (`time.thread_time`), so waiting on a lock, a socket or the database counts for nothing. The
latency benchmark starts it instead of the bot with `--profile-bot`; the merged pstats go to the file named by
BOT_PROFILE_OUT when the process exits or is stopped (SIGTERM, as the benchmark stops it).

The profiler costs about three times the CPU it measures, so the benchmark's figures in that run are not
the bot's; read the shares. `python -m pstats FILE`, then `sort cumulative` and `stats 60`. Idle threads
show their waits (`SimpleQueue.get` of Bolt's listener pool, `Condition.wait` of waitress's): leave those two
out of the total.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import runpy
import signal
import sys
import threading
import time
from types import FrameType
from typing import Any

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()
_written = threading.Event()


def _start_in_thread(_frame: FrameType, _event: str, _arg: Any) -> None:
    """The first profiling event of a new thread: give it its own profiler (one per thread)."""
    profile = cProfile.Profile(time.thread_time)
    with _lock:
        _profiles.append(profile)
    sys.setprofile(None)
    profile.enable()


def _write(out: str) -> None:
    if _written.is_set():
        return
    _written.set()
    merged: pstats.Stats | None = None
    with _lock:
        found = list(_profiles)
    for profile in found:
        profile.disable()
        profile.create_stats()
        if getattr(profile, "stats", None):
            merged = pstats.Stats(profile) if merged is None else merged.add(profile)
    if merged is not None:
        merged.dump_stats(out)


def main() -> None:
    out = os.environ.get("BOT_PROFILE_OUT") or "bot.pstats"
    main_thread = cProfile.Profile(time.thread_time)
    _profiles.append(main_thread)
    threading.setprofile(_start_in_thread)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        _write(out)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    main_thread.enable()
    try:
        sys.argv = ["bot"]
        runpy.run_module("bot", run_name="__main__", alter_sys=True)
    finally:
        _write(out)


if __name__ == "__main__":
    main()
