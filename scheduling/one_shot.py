"""Work the scheduler is asked to do once, now (the recovery on becoming leader, the follow-up of a team
change), in a small pool of its own beside APScheduler's.

Never as a one-shot APScheduler job: APScheduler removes such a job right after submitting it, and when
`shutdown()` came in between (it marks the scheduler stopped before taking its lock) that removal raised
`JobLookupError` in the scheduler's thread, a warning at the end of every `make test`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

WORKERS = 4


class OneShots:
    def __init__(self, workers: int = WORKERS) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="scheduler-now")

    def run(self, func: Callable[[], None], name: str) -> None:
        """Run `func` once, soon, in the pool; a failure is logged (as APScheduler does for its jobs)."""

        def logged() -> None:
            try:
                func()
            except Exception:
                log.exception("the one-off run %r failed", name)

        with contextlib.suppress(RuntimeError):  # shut down meanwhile: the next start catches up
            self._pool.submit(logged)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
