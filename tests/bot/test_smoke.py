from __future__ import annotations

from tests.support.harness import Harness


def test_survey_starts_in_dm_thread(harness: Harness) -> None:
    response = harness.command("survey")
    assert response.status == 200
    posts = harness.fake.calls_to("chat.postMessage")
    assert len(posts) == 2, [c.params for c in posts]
    parent, first = posts
    assert first.params["thread_ts"] == harness.ts_of(parent)
    print(first.params)
