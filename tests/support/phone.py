"""Reading a message as a phone shows it: the lines of text in its blocks, in order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tests.support.fake_slack_types import Call

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
