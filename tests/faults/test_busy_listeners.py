"""Every listener thread busy (other sellers' taps waiting on the database or on Slack): a tap and
`/balanse` are still acked at once, before their listener has a thread, and their work follows as soon
as one is free. Before, the ack came from inside the listener, and Slack's 3 s ran out while it queued."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from tests.faults.conftest import posts, question_positions, stored, tap_request
from tests.support.harness import Harness

Occupy = Callable[[], threading.Event]


@pytest.fixture
def occupy(harness: Harness) -> Iterator[Occupy]:
    """Occupies every thread of the harness's listener executor until the returned event is set."""
    releases: list[threading.Event] = []

    def occupy_all() -> threading.Event:
        release, started = threading.Event(), threading.Semaphore(0)

        def hold() -> None:
            started.release()
            release.wait(timeout=30)

        workers = harness.executor._max_workers
        for _ in range(workers):
            harness.executor.submit(hold)
        for _ in range(workers):
            assert started.acquire(timeout=10)
        releases.append(release)
        return release

    yield occupy_all
    for release in releases:
        release.set()


def test_a_tap_is_acked_while_every_listener_thread_is_busy(harness: Harness, occupy: Occupy) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.fake.forget_calls()  # Slack still shows what was posted
    release = occupy()

    response = harness.app.dispatch(tap_request(harness, first, 3))

    assert response.status == 200
    assert stored(harness) == []  # acked before its listener had a thread
    release.set()
    harness.executor.drain()
    assert stored(harness) == [("q01", 3)]
    assert [u.params["ts"] for u in harness.fake.calls_to("chat.update")] == [harness.ts_of(first)]
    assert question_positions(harness.fake) == {"2/40": 1}


def test_balanse_is_acked_while_every_listener_thread_is_busy(harness: Harness, occupy: Occupy) -> None:
    release = occupy()

    response = harness.app.dispatch(harness.requests.slash_command("survey", user_id="U1"))

    assert response.status == 200
    assert posts(harness.fake) == []  # acked before its listener had a thread
    release.set()
    harness.executor.drain()
    assert question_positions(harness.fake) == {"1/40": 1}
