"""A Slack budget per workspace that all replicas keep together: on PostgreSQL one `rate_budget` row, taken
from in one statement; on SQLite one bucket per workspace in the one process that may run.

Two engines stand for two replicas (each its own connection pool, as two processes have), their threads
take tokens as fast as they can, and in no second does the workspace get more than the budget allows: the
burst plus a second's refill."""

from __future__ import annotations

import threading
import time
from collections import Counter

from sqlalchemy import text

from bot.recovery import look_up_pace
from scheduling.pacing import LocalBudget, SharedBudget, budget
from storage.db import Database

RATE_PER_MINUTE = 600  # 10 a second
BURST = 3
ALLOWED_IN_ANY_SECOND = BURST + RATE_PER_MINUTE / 60


def hammer(budgets: list, workspaces: list[str], seconds: float) -> dict[str, list[float]]:
    """Threads (two per budget and workspace) taking tokens until `seconds` have passed; when each got one."""
    got: dict[str, list[float]] = {w: [] for w in workspaces}
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def taker(b: object, workspace: str) -> None:
        while time.monotonic() < end:
            b.take(workspace)  # type: ignore[attr-defined]
            with lock:
                got[workspace].append(time.monotonic())

    threads = [
        threading.Thread(target=taker, args=(b, w)) for b in budgets for w in workspaces for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return got


def most_in_any_second(times: list[float]) -> int:
    """The most tokens granted in any window of one second (sliding, from each grant)."""
    times = sorted(times)
    most, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def test_two_replicas_hammering_one_workspace_budget_never_exceed_it_together(db_url: str) -> None:
    replicas = [Database.from_url(db_url), Database.from_url(db_url)]
    try:
        budgets = [budget(db, "posts", RATE_PER_MINUTE, BURST) for db in replicas]
        shared = not replicas[0].is_sqlite
        if not shared:  # SQLite: one process sends, so both "replicas" are its threads on one budget
            budgets = [budgets[0], budgets[0]]
        assert isinstance(budgets[0], SharedBudget if shared else LocalBudget)
        got = hammer(budgets, ["T1", "T2"], seconds=3.0)
    finally:
        for db in replicas:
            db.dispose()
    for workspace in ("T1", "T2"):
        times = got[workspace]
        assert most_in_any_second(times) <= ALLOWED_IN_ANY_SECOND, workspace
        # ... and the budget is used, not starved: about the burst plus 3 s of refill, per workspace
        assert len(times) >= BURST + 3 * RATE_PER_MINUTE / 60 - 3, (workspace, len(times))
        per_second = Counter(int(t - times[0]) for t in times)
        assert max(per_second.values()) <= ALLOWED_IN_ANY_SECOND


def test_each_workspace_has_its_own_budget(db_url: str) -> None:
    """A workspace that used up its budget does not slow another down."""
    db = Database.from_url(db_url)
    try:
        posts = budget(db, "posts", 60, 2)  # one a second after a burst of two
        for _ in range(2):
            posts.take("T1")
        started = time.monotonic()
        posts.take("T2")  # another workspace: its own full bucket
        assert time.monotonic() - started < 0.5
        waiter = threading.Thread(target=posts.take, args=("T1",))
        waiter.start()
        time.sleep(0.2)
        assert posts.busy()  # T1's taker waits for its token
        waiter.join()
        assert not posts.busy()
    finally:
        db.dispose()


def test_a_persons_post_spends_at_once_and_the_waiting_scheduled_send_yields_to_it(db_url: str) -> None:
    """People first: `spend()` never waits; a `take()` already waiting for its token waits one token
    longer for each post spent meanwhile, on any replica."""
    replicas = [Database.from_url(db_url), Database.from_url(db_url)]
    try:
        posts = [budget(db, "posts", 60, 1) for db in replicas]  # one a second
        if replicas[0].is_sqlite:  # one process sends: its threads share one budget
            posts = [posts[0], posts[0]]
        posts[0].take("T1")  # the burst
        done: list[float] = []
        started = time.monotonic()
        waiter = threading.Thread(target=lambda: (posts[0].take("T1"), done.append(time.monotonic())))
        waiter.start()  # a scheduled send: its token is due in a second
        time.sleep(0.3)
        before = time.monotonic()
        posts[-1].spend("T1")  # a seller's next question, maybe on the other replica
        assert time.monotonic() - before < 0.2
        waiter.join()
        assert done[0] - started >= 1.9  # its second, plus the one the person's post took
    finally:
        for db in replicas:
            db.dispose()


def test_under_tier_1_a_look_up_is_made_once_a_minute_per_workspace_by_all_replicas_together(
    db_url: str,
) -> None:
    """Slack answers conversations.history/replies once a minute per workspace (Tier 1): two replicas may
    not each spend that minute's one look-up, or the second gets a 429 and its send waits a minute more."""
    replicas = [Database.from_url(db_url), Database.from_url(db_url)]
    try:
        paces = [look_up_pace(db) for db in replicas]
        if replicas[0].is_sqlite:  # one process runs on SQLite: its threads share one pace
            paces = [paces[0], paces[0]]
        assert paces[0]("wsA", "conversations.replies")
        assert not paces[1]("wsA", "conversations.replies")  # the other replica, the same minute
        assert not paces[0]("wsA", "conversations.replies")
        assert paces[1]("wsB", "conversations.replies")  # another workspace has its own minute
        assert paces[1]("wsA", "conversations.history")  # and so has another method
        # a refused try left no debt: the next minute's look-up is not pushed further back
        if not replicas[0].is_sqlite:
            with replicas[0].engine.begin() as conn:
                conn.execute(text("UPDATE rate_budget SET stamp = stamp - 60 WHERE workspace_id = 'wsA'"))
            assert paces[1]("wsA", "conversations.replies")
    finally:
        for db in replicas:
            db.engine.dispose()
