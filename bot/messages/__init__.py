"""Block Kit builders. Each returns a `Message` (fallback text + blocks) or a view, built with
`slack_sdk.models` so Slack's limits are validated before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slack_sdk.models.blocks import Block

from coaching import markup


@dataclass(frozen=True, slots=True)
class Message:
    text: str
    blocks: list[Block | dict[str, Any]] = field(default_factory=list)
    """Blocks, or blocks already validated as a `Block` and kept as dicts (bot/messages/survey.py caches a
    question's)."""

    def as_kwargs(self) -> dict[str, Any]:
        """Arguments for chat.postMessage / chat.update; to_dict() validates each block."""
        return {
            "text": self.text,
            "blocks": [block.to_dict() if isinstance(block, Block) else block for block in self.blocks],
        }


def escape(text: str, limit: int = 200) -> str:
    """Echo user text safely, bounded: literal in the neutral markup (`coaching.markup.escape`); the
    renderer (bot/messages/mrkdwn.py) escapes Slack's control characters, so no <!channel>, mention or link."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return markup.escape(text)


def link_target(url: str | None) -> str | None:
    """A URL Slack gave us (a permalink) that is safe inside the markup's `[label](url)`, else None."""
    if url and url.startswith("https://") and not set("<>|() ") & set(url):
        return url
    return None
