"""The scheduler's lease after a crash: a process restarted on the same machine takes over at once from
the one that is gone, never from one that still runs or runs elsewhere."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

from scheduling.leadership import Leadership, ended
from storage.db import Database
from tests.support.harness import Clock

HOST = socket.gethostname()[:40]


def a_finished_process() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_process_of_this_host_that_no_longer_runs_has_ended() -> None:
    assert ended(f"{HOST}:{a_finished_process()}:ab12cd34")


def test_a_running_process_another_host_or_a_foreign_id_has_not_ended() -> None:
    assert not ended(f"{HOST}:{os.getpid()}:ab12cd34")  # this process
    assert not ended(f"{HOST}:{os.getppid()}:ab12cd34")  # the one that started the tests
    assert not ended(f"elsewhere-{HOST}:{a_finished_process()}:ab12cd34")  # pids say nothing there
    assert not ended("replica-1")
    assert not ended(f"{HOST}:not-a-pid:ab12cd34")


def test_a_restarted_process_takes_the_lease_of_the_killed_one_without_waiting_it_out(
    db: Database, clock: Clock
) -> None:
    killed = Leadership(
        db, clock, holder=f"{HOST}:{a_finished_process()}:dead0001", ttl=timedelta(seconds=90)
    )
    assert killed.renew()

    clock.advance(seconds=3)  # the service manager restarts it at once
    restarted = Leadership(db, clock, holder=f"{HOST}:{os.getpid()}:live0002", ttl=timedelta(seconds=90))

    assert restarted.renew()
    assert restarted.is_leader


def test_a_lease_held_by_a_running_process_is_waited_out(db: Database, clock: Clock) -> None:
    running = Leadership(db, clock, holder=f"{HOST}:{os.getppid()}:live0001", ttl=timedelta(seconds=90))
    assert running.renew()
    other = Leadership(db, clock, holder=f"{HOST}:{os.getpid()}:live0002", ttl=timedelta(seconds=90))

    clock.advance(seconds=30)
    assert not other.renew()
    clock.advance(seconds=61)  # expired: anyone may take it
    assert other.renew()


def test_a_released_leader_never_takes_the_lease_again(db: Database, clock: Clock) -> None:
    """Shutdown releases the lease so another replica takes over at once; a lease tick of the stopping
    process that comes after (it runs in the scheduler's own thread) must not win it back."""
    stopping = Leadership(db, clock, holder=f"{HOST}:{os.getpid()}:stop0001", ttl=timedelta(seconds=90))
    assert stopping.renew()

    stopping.release()
    assert not stopping.is_leader
    assert not stopping.renew()  # the late tick: the lease is free, and still not taken
    clock.advance(seconds=120)
    assert not stopping.renew()

    successor = Leadership(db, clock, holder=f"{HOST}:{os.getppid()}:next0002", ttl=timedelta(seconds=90))
    assert successor.renew()
