"""Reading a message as a phone shows it: the lines of text in its blocks, in order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_types import Call
from tests.support.harness import block_texts

BUTTONS = "[buttons]"


def lines_of(blocks: Iterable[dict[str, Any]]) -> list[str]:
    """Each line of each header, section and context, top to bottom; a row of buttons reads BUTTONS."""
    found: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind in ("header", "section"):
            found += str(block["text"]["text"]).split("\n")
        elif kind == "context":
            for element in block.get("elements", []):
                found += str(element.get("text", "")).split("\n")
        elif kind == "actions":
            found.append(BUTTONS)
    return found


def text_lines(call: Call) -> list[str]:
    """The lines a reader reads (rows of buttons left out)."""
    return [line for line in lines_of(call.params.get("blocks", [])) if line != BUTTONS]


def button_labels(call: Call) -> dict[str, str]:
    """action_id -> label of every button in the message."""
    return {
        element["action_id"]: element["text"]["text"]
        for block in call.params.get("blocks", [])
        for element in block.get("elements", [])
        if element.get("type") == "button"
    }


def top_level(calls: Iterable[Call]) -> list[Call]:
    """The messages among `calls` that are not replies in a thread."""
    return [call for call in calls if not call.params.get("thread_ts")]


def replies_to(fake: FakeSlack, post: Call) -> list[Call]:
    """What the bot posted in the thread under `post`."""
    ts = fake.ts_for(post)
    return [c for c in fake.calls_to("chat.postMessage") if c.params.get("thread_ts") == ts]


def with_thread(fake: FakeSlack, post: Call) -> str:
    """What a reader reads who opens the thread: the post's texts, then its replies'."""
    return "\n".join(block_texts(call) for call in (post, *replies_to(fake, post)))
