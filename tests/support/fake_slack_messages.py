"""What the fake Slack shows in each conversation: the messages posted to it, as Slack keeps them.

chat.postMessage adds, chat.update edits and chat.delete removes; conversations.history answers the
top-level messages newest first, conversations.replies a thread (parent first), both only after `oldest`
when it is given (exclusive, Slack's default). Message metadata is
kept and returned only when the caller asks with ``include_all_metadata``, as Slack does.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from tests.support.fake_slack_types import truthy

Params = dict[str, Any]


class MessageStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_channel: dict[str, list[Params]] = {}

    def clear(self) -> None:
        with self._lock:
            self._by_channel.clear()

    def add(self, channel: str, message: Params) -> None:
        with self._lock:
            self._by_channel.setdefault(channel, []).append(copy.deepcopy(message))

    def update(self, channel: str, ts: str, changes: Params) -> bool:
        with self._lock:
            for message in self._by_channel.get(channel, []):
                if message["ts"] == ts:
                    message.update({k: v for k, v in changes.items() if v is not None})
                    return True
        return False

    def has(self, channel: str, ts: str) -> bool:
        with self._lock:
            return any(m["ts"] == ts for m in self._by_channel.get(channel, []))

    def delete(self, channel: str, ts: str) -> bool:
        with self._lock:
            messages = self._by_channel.get(channel, [])
            kept = [m for m in messages if m["ts"] != ts]
            self._by_channel[channel] = kept
            return len(kept) != len(messages)

    def forget(self, channel: str) -> None:
        with self._lock:
            self._by_channel.pop(channel, None)

    def in_channel(self, channel: str) -> list[Params]:
        """Every message in the conversation, oldest first (for assertions)."""
        with self._lock:
            return copy.deepcopy(self._by_channel.get(channel, []))

    def history(self, params: Params) -> Params:
        channel = str(params.get("channel", ""))
        with self._lock:
            if channel not in self._by_channel:
                return {"messages": [], "has_more": False}
            top = [m for m in self._by_channel[channel] if m.get("thread_ts", m["ts"]) == m["ts"]]
        top = [m for m in top if _after(m, params)]
        limit = int(params.get("limit") or 100)
        newest_first = sorted(top, key=lambda m: float(m["ts"]), reverse=True)
        page = newest_first[:limit]
        shown = [self._shown(m, params) for m in page]
        return {"messages": shown, "has_more": len(newest_first) > limit}

    def replies(self, params: Params) -> Params:
        channel, ts = str(params.get("channel", "")), str(params.get("ts", ""))
        with self._lock:
            messages = self._by_channel.get(channel, [])
            thread = [m for m in messages if m["ts"] == ts or m.get("thread_ts") == ts]
        if not any(m["ts"] == ts for m in thread):
            return {"error": "thread_not_found"}
        thread = [m for m in thread if _after(m, params)]
        limit = int(params.get("limit") or 1000)
        ordered = sorted(thread, key=lambda m: float(m["ts"]))
        shown = [self._shown(m, params) for m in ordered[:limit]]
        return {"messages": shown, "has_more": len(ordered) > limit}

    @staticmethod
    def _shown(message: Params, params: Params) -> Params:
        shown = copy.deepcopy(message)
        if not truthy(params.get("include_all_metadata")):
            shown.pop("metadata", None)
        return shown


def _after(message: Params, params: Params) -> bool:
    """Whether the message is newer than the request's `oldest` (exclusive, as Slack's default)."""
    oldest = params.get("oldest")
    return not oldest or float(message["ts"]) > float(oldest)
