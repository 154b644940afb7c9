"""The scheduler's leader lease: one holder at a time, renewable, taken over once expired."""

from __future__ import annotations

import threading
from datetime import timedelta

from storage import lease
from storage.db import Database
from tests.storage.conftest import NOW

TTL = timedelta(seconds=90)


def acquire(db: Database, holder: str, at: timedelta = timedelta(0)) -> bool:
    with db.session() as s:
        return lease.acquire_or_renew(s, "scheduler", holder, NOW + at, TTL)


def holder(db: Database, at: timedelta = timedelta(0)) -> str | None:
    with db.session() as s:
        return lease.current_holder(s, "scheduler", NOW + at)


def test_the_first_holder_gets_it_and_a_second_does_not(db: Database) -> None:
    assert acquire(db, "a")
    assert not acquire(db, "b")
    assert holder(db) == "a"


def test_the_holder_renews_and_keeps_it_past_the_first_expiry(db: Database) -> None:
    assert acquire(db, "a")
    assert acquire(db, "a", timedelta(seconds=60))
    assert not acquire(db, "b", timedelta(seconds=100))  # would have expired without the renewal
    assert holder(db, timedelta(seconds=100)) == "a"


def test_an_expired_lease_is_taken_over_and_the_old_holder_cannot_renew_it(db: Database) -> None:
    assert acquire(db, "a")
    assert holder(db, timedelta(seconds=91)) is None
    assert acquire(db, "b", timedelta(seconds=91))
    assert not acquire(db, "a", timedelta(seconds=92))
    assert holder(db, timedelta(seconds=92)) == "b"


def test_release_frees_it_at_once_but_only_for_the_holder(db: Database) -> None:
    assert acquire(db, "a")
    with db.session() as s:
        assert not lease.release(s, "scheduler", "b")
    assert holder(db) == "a"
    with db.session() as s:
        assert lease.release(s, "scheduler", "a")
    assert acquire(db, "b")


def test_leases_are_per_name(db: Database) -> None:
    with db.session() as s:
        assert lease.acquire_or_renew(s, "scheduler", "a", NOW, TTL)
        assert lease.acquire_or_renew(s, "other", "b", NOW, TTL)


def test_two_processes_racing_for_a_free_lease_get_one_holder(db_url: str) -> None:
    databases = [Database.from_url(db_url) for _ in range(2)]
    results: dict[str, bool] = {}
    barrier = threading.Barrier(2)

    def race(name: str, database: Database) -> None:
        barrier.wait()
        results[name] = acquire(database, name)

    threads = [threading.Thread(target=race, args=(f"p{i}", d)) for i, d in enumerate(databases)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert sorted(results.values()) == [False, True]
        assert holder(databases[0]) == next(name for name, won in results.items() if won)
    finally:
        for database in databases:
            database.dispose()
