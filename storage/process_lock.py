"""One `python -m bot run` per SQLite file: an OS lock on a file beside the database.

The scheduler's lease keeps two processes from *sending* twice, but SQLite is a file on one machine, written
by one process at a time: a second bot on the same file only queues behind the first's writes (and a
second copy started by mistake, e.g. `make run` in another terminal beside the service, goes unnoticed).
So `run` takes an exclusive `flock` on `<database file>.lock` and keeps it while the process lives; the OS
releases it when the process ends, however it ends (SIGKILL and a crash too), so no stale lock is ever left
to clear by hand. The lock file itself stays (deleting it would race with a process taking it); it is
empty but for the holder's process id, for whoever looks.

PostgreSQL takes any number of processes (the replicas), and the console, the demo and the report read and
write through ordinary transactions beside a running bot: they do not take the lock.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.db import normalize_url


class DatabaseInUse(RuntimeError):
    """Another process runs the bot on this SQLite file."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class ProcessLock:
    """The held lock; `release()` (or the end of the process) gives it up."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, absolute; None for PostgreSQL and in-memory SQLite."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database or "").resolve()


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def hold_database(url: str) -> ProcessLock | None:
    """Take the SQLite file's process lock for as long as this process runs; None when `url` is not a
    SQLite file. Raises DatabaseInUse when another process holds it."""
    database = sqlite_file(url)
    if database is None:
        return None
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DatabaseInUse(database) from None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return ProcessLock(path, fd)
