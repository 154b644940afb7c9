"""What a seller is told when they resume a run: the private note with a link to the question that waits."""

from __future__ import annotations

from tests.support.fake_slack import Call
from tests.support.harness import Harness
from tests.support.shown import t


def notes(harness: Harness) -> list[str]:
    """The private notes the user got via response_url (a slash command's ephemeral replies), oldest first."""
    return [str(c.params.get("text")) for c in harness.fake.calls_to("response_url")]


def link_to(harness: Harness, message: Call) -> str:
    """The permalink the fake Slack gives for a posted message (the bot must have asked for it)."""
    ts = harness.ts_of(message)
    asked = [c for c in harness.fake.calls_to("chat.getPermalink") if c.params["message_ts"] == ts]
    assert asked, f"no chat.getPermalink for {ts}"
    return str(asked[-1].response["permalink"])


def waiting(harness: Harness, message: Call, kind: str, position: int, total: int, locale: str = "nb") -> str:
    """The note that points to `message`, the question at `position` of a run of `kind`."""
    where = {"kind": t(locale, f"kind.{kind}"), "position": position, "total": total}
    return t(locale, "resume.waiting", url=link_to(harness, message), **where)
