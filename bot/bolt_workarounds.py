"""Work-arounds for slack_bolt behaviour that hurts users (checked against slack_bolt 1.30).

`ack_at_once`, a listener middleware: in HTTP mode Bolt runs the whole listener, `ack()` included, in its
listener executor, and the request's thread polls for the ack in 10 ms sleeps (ThreadListenerRunner). The
ack therefore waits for a free listener thread (behind other users' listeners, which wait on the database
and on Slack) and then for the next poll: a tap's p50 was the 10 ms sleep, and when 50 sellers typed
`/balanse survey` at once the last one waited over a second. For listeners whose ack is always a plain
empty 200 (buttons, slash commands), this acks in the request's own thread before the listener is queued,
so the runner finds the ack set and answers at once; the listener's own `ack()` later changes nothing.
Never for listeners that answer in the ack (`view_submission` errors, options).

`StickyAck`, installed by a global middleware (bot/messages/mrkdwn.py, `render_on_the_way_out`): Bolt's ThreadListenerRunner handles a listener that raises *after* it
called `ack()` by setting `ack.response` back to None ("already acknowledged", listener/thread_runner.py).
The request's own thread polls for the ack every 10 ms; when the failure came sooner than that (a payload
with a field missing, a database that refuses connections at once), it never sees the ack, waits out the
3 s ack timeout and answers 404 "unhandled request". Slack then shows the user an error on top of our
private note, and redelivers events. With the ack made sticky the request is answered at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack


def ack_at_once(ack: Ack, next: Callable[[], None]) -> None:
    ack()
    next()


class StickyAck(Ack):
    """`ack()` whose response, once set, is never unset."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "response" and value is None and getattr(self, "response", None) is not None:
            return
        super().__setattr__(name, value)
