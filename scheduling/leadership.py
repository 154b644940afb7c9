"""Which process is the scheduler's leader, kept in the database as a lease with a time to live.

Every replica runs the same scheduler, but only the lease holder acts on a job. The holder renews the
lease well before it expires; when it dies, another replica takes over once the lease has run out.

A process restarted on the same machine (a crash, then the service manager's restart) need not wait that
long: a holder id names its host and process id, and a holder on this host whose process no longer runs
is gone for certain, so its lease, and the deliveries it had claimed, are taken over at once (`ended`). A
holder on another host, or whose pid now runs something else, is waited out as before: the safe side.

`release()` (at shutdown) is final: a released leader never takes the lease again, even when a lease tick
already under way renews after it, so a stopping replica cannot win the lease back from the one taking over.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from storage import lease
from storage.db import Database

if TYPE_CHECKING:  # survey.py imports the summaries, which import this module
    from survey_flows.survey import Clock

DEFAULT_TTL = timedelta(seconds=90)


def default_holder() -> str:
    """Unique per process, readable in the table: host, pid and a random suffix."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def ended(holder: str) -> bool:
    """Whether `holder` (a `default_holder` id) is a process of this host that no longer runs."""
    host_pid, _, _nonce = holder.rpartition(":")
    host, _, pid = host_pid.rpartition(":")
    if not pid.isdigit() or host != socket.gethostname()[:40] or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it runs, as another user's process
    return False


class Leadership:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        name: str = "scheduler",
        holder: str | None = None,
        ttl: timedelta = DEFAULT_TTL,
    ) -> None:
        self.db = db
        self.clock = clock
        self.name = name
        self.holder = holder or default_holder()
        self.ttl = ttl
        self._valid_until: datetime | None = None
        self._released = False
        self._lock = threading.Lock()  # a renewal and the release never interleave

    def renew(self) -> bool:
        """Acquire or extend the lease, or take it from a holder that is gone; False (and not leader)
        when another process holds it, or once this one has released it."""
        with self._lock:
            if self._released:
                return False
            now = self.clock()
            with self.db.session() as s:
                held = lease.acquire_or_renew(s, self.name, self.holder, now, self.ttl)
                if not held and (previous := lease.holder_of(s, self.name)) and ended(previous):
                    held = lease.take_from(s, self.name, previous, self.holder, now, self.ttl)
            self._valid_until = now + self.ttl if held else None
            return held

    def lose(self) -> None:
        """Stop acting as leader (e.g. the database could not be reached to renew)."""
        self._valid_until = None

    @property
    def is_leader(self) -> bool:
        """Held, and not past the expiry this process set: a leader that fails to renew steps down
        before anyone else can take over."""
        return self._valid_until is not None and self.clock() < self._valid_until

    def release(self) -> None:
        """Give the lease up for good (see the module's docstring); another replica takes it at once."""
        with self._lock:
            self._released = True
            self._valid_until = None
            with self.db.session() as s:
                lease.release(s, self.name, self.holder)
