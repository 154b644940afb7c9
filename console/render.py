"""The neutral markup in a terminal: `**bold**`, `_italic_`, `` `code` ``, `[label](url)`, `> ` quotes, emoji
shortcodes and the person token `@[U123]` (shown as the person's name) become rich Text.

Catalog texts written before the neutral markup (Slack's `*bold*`, `<@U123>`, `<url|label>`, `&lt;`) are
rendered too, so a text in either form reads cleanly; nothing here ever fails on odd input.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Final

from rich.text import Text

Names = Callable[[str], str]
"""A user id -> the name shown for them."""

EMOJI: Final[dict[str, str]] = {
    ":lock:": "🔒",
    ":warning:": "⚠",
    ":wave:": "👋",
    ":bar_chart:": "📊",
    ":chart_with_upwards_trend:": "📈",
    ":chart_with_downwards_trend:": "📉",
    ":calendar:": "📅",
    ":bell:": "🔔",
    ":bulb:": "💡",
    ":white_check_mark:": "✔",
    ":heavy_check_mark:": "✔",
    ":information_source:": "ℹ",
    ":mag:": "🔍",
    ":memo:": "📝",
    ":point_right:": "👉",
    ":tada:": "🎉",
    ":thumbsup:": "👍",
    ":seedling:": "🌱",
    ":hourglass_flowing_sand:": "⏳",
    ":mirror:": "🪞",
    ":alarm_clock:": "⏰",
    ":rotating_light:": "🚨",
    ":outbox_tray:": "📤",
    ":inbox_tray:": "📥",
    ":wastebasket:": "🗑",
}

_TOKEN: Final = re.compile(
    r"(?P<escaped>\\[*_`\[\]\\])"
    r"|@\[(?P<person>[A-Z0-9_]+)\]"
    r"|<@(?P<slack_person>[A-Z0-9_]+)(?:\|[^>]*)?>"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<url>https?://[^)\s]+)\)"
    r"|<(?P<slack_url>https?://[^|>\s]+)(?:\|(?P<slack_label>[^>]+))?>"
    r"|\*\*(?P<bold>[^*\n]+?)\*\*"
    r"|(?<![\w*])\*(?P<slack_bold>[^*\n]+?)\*(?![\w*])"
    r"|(?<![\w\\])_(?P<italic>[^_\n]+?)_(?!\w)"
    r"|`(?P<code>[^`\n]+)`"
    r"|(?P<emoji>:[a-z0-9_+-]+:)"
)


_KINDS: Final = (
    "escaped",
    "person",
    "slack_person",
    "label",
    "slack_url",
    "bold",
    "slack_bold",
    "italic",
    "code",
    "emoji",
)
"""The alternatives of _TOKEN, each named by its first group."""


def _unescape(text: str) -> str:
    return html.unescape(text)


def _inline(line: str, names: Names, base: str = "") -> Text:
    out = Text(style=base)
    at = 0
    for match in _TOKEN.finditer(line):
        out.append(_unescape(line[at : match.start()]))
        at = match.end()
        kind = next(k for k in _KINDS if match.group(k) is not None)
        value = match.group(kind)
        if kind == "escaped":
            out.append(value[1])
        elif kind in ("person", "slack_person"):
            out.append(names(value), style="bold")
        elif kind == "label":
            out.append(_inline(match.group("label"), names))
            out.append(f" ({match.group('url')})", style="dim")
        elif kind == "slack_url":
            label = match.group("slack_label")
            url = match.group("slack_url")
            out.append(_inline(label, names) if label else Text(url))
            if label:
                out.append(f" ({url})", style="dim")
        elif kind in ("bold", "slack_bold"):
            out.append(_inline(value, names, "bold"))
        elif kind == "italic":
            out.append(_inline(value, names, "italic"))
        elif kind == "code":
            out.append(value, style="cyan")
        else:  # emoji
            out.append(EMOJI.get(value, value))
    out.append(_unescape(line[at:]))
    return out


def to_text(markup: str, names: Names) -> Text:
    """One text of the neutral markup (several lines) as rich Text; a `> ` line is shown as a quote."""
    out = Text()
    for number, line in enumerate(markup.split("\n")):
        if number:
            out.append("\n")
        if line.startswith("> ") or line.startswith("&gt; "):
            out.append("│ ", style="dim")
            out.append(_inline(line.split(" ", 1)[1], names, "italic"))
        else:
            out.append(_inline(line, names))
    return out


def plain(markup: str, names: Names) -> str:
    """The text without markup, as the terminal shows it (for tests and logs)."""
    return to_text(markup, names).plain
