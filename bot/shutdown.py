"""Graceful shutdown on SIGTERM (the service manager, `docker stop`, a rolling deploy) and SIGINT (Ctrl-C).

1. Stop taking new requests: the HTTP server closes its listening socket, so the load balancer's next
   connection goes to another replica (Socket Mode disconnects from Slack).
2. Finish the requests under way, and the listeners they started (Slack has their ack; the seller waits for
   the next question), within GRACE_SECONDS in all.
3. Stop the scheduler, so no job starts any more, and release the leader lease for good
   (`Leadership.release`): another replica takes over at once instead of after the lease's 90 s.
4. Exit 0. Work still running when the grace period is up (a long fan-out) is abandoned: every send is
   claimed in the delivery ledger first, and the next leader resumes the claims left unfinished.

The service manager's own limit must be longer than GRACE_SECONDS (deploy/: systemd's TimeoutStopSec,
compose's stop_grace_period), or it kills the process before it has finished.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from types import FrameType, TracebackType
from typing import Any

from bot.http_server import HttpServer, drain_listeners
from scheduling.scheduler import PulseScheduler

GRACE_SECONDS = 20.0
SIGNALS = (signal.SIGTERM, signal.SIGINT)

log = logging.getLogger(__name__)


class StopSignals:
    """`with StopSignals() as stop:` SIGTERM and SIGINT set `stop.requested` (and nothing else: the work
    of stopping is done in the main thread, outside the handler); the previous handlers come back after."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if not self.requested.is_set():
            log.info(
                "%s: stopping (new requests refused, those under way finished)", signal.Signals(signum).name
            )
        self.requested.set()


def stop_gracefully(
    *,
    scheduler: PulseScheduler,
    server: HttpServer | None = None,
    listeners: Executor | None = None,
    disconnect: Callable[[], object] | None = None,
    grace: float = GRACE_SECONDS,
    started_before: frozenset[threading.Thread] = frozenset(),
) -> None:
    """Steps 1 to 3 of the module's docstring, bounded by `grace` seconds; `disconnect` closes Socket
    Mode. Threads started since `started_before` that still run at the end are abandoned (step 4)."""
    deadline = time.monotonic() + grace
    if disconnect is not None:
        disconnect()
    unanswered = server.drain(deadline - time.monotonic()) if server is not None else 0
    unfinished = drain_listeners(listeners, deadline - time.monotonic())
    scheduler.shutdown()  # the scheduler stops, then the lease is released (final)
    if unanswered or unfinished:
        log.warning(
            "stopped with %d requests and %d listeners unfinished after %.0f s", unanswered, unfinished, grace
        )
    _leave_stragglers(started_before, deadline)


def _leave_stragglers(started_before: frozenset[threading.Thread], deadline: float) -> None:
    """Wait for this run's own threads until the deadline; any still running then (a scheduled job that
    will not stop by itself) would hold the interpreter open at exit, so the process ends here, with 0."""

    def ours() -> list[threading.Thread]:
        return [
            t
            for t in threading.enumerate()
            if t.is_alive()
            and not t.daemon
            and t is not threading.current_thread()
            and t not in started_before
        ]

    for thread in ours():
        thread.join(max(deadline - time.monotonic(), 0))
    if left := ours():
        log.warning(
            "leaving %d threads still working (%s); the next leader resumes their claims",
            len(left),
            ", ".join(sorted({t.name for t in left})),
        )
        logging.shutdown()
        sys.stderr.flush()
        os._exit(0)
    log.info("stopped")
