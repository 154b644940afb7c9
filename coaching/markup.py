"""The neutral markup every text of the inner layers carries; each front end renders it (bot/ to Slack
mrkdwn, console/ to the terminal, the Markdown report nearly as it is).

A small Markdown subset, not Slack mrkdwn:

- `**bold**`, `_italic_`, `` `code` `` (commands such as `/balanse setup` stay literal inside backticks),
  `[label](https://url)`, a line starting with `> ` is a quote, `• ` bullets are plain text;
- emoji as shortcodes (`:lock:`, `:warning:`);
- a person as the token `@[U123ABC]` (`person(user_id)`), a channel as `#[C123ABC]` (`channel(channel_id)`);
- values that come from users are put in with `escape(value)` (a backslash before each of `*_`[]\\` and
  before `>`, so a value never starts a quote), so `*`, `_`, `<script>`, `> ` or `@[U1]` typed by someone
  come out literally wherever the text is shown (Markdown reads the same backslash escapes).

`spans(text)` is the one parser every renderer shares; `plain(text)` is the text without markup (alt texts,
notifications' fallback, PDFs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

SpanKind = Literal["text", "bold", "italic", "code", "link", "person", "channel", "emoji", "quote"]

ESCAPABLE: Final = frozenset("*_`[]\\>")
_USER_ID: Final = re.compile(r"[UW][A-Z0-9]{1,20}")
_CHANNEL_ID: Final = re.compile(r"[CG][A-Z0-9]{1,20}")
_EMOJI: Final = re.compile(r":([a-z][a-z0-9_+\-]*):")
_URL: Final = re.compile(r"(?:https?://|mailto:)[^\s()<>]+")


UNICODE_EMOJI: Final[Mapping[str, str]] = {
    "lock": "🔒",
    "warning": "⚠️",
    "white_check_mark": "✅",
    "inbox_tray": "📥",
    "outbox_tray": "📤",
    "alarm_clock": "⏰",
    "wave": "👋",
    "rotating_light": "🚨",
    "wastebasket": "🗑️",
    "mag": "🔍",
}
"""The shortcodes the texts use, as Unicode, for the front ends without Slack's own emoji (the terminal,
Markdown files); a shortcode not here is shown as it is written."""


@dataclass(frozen=True, slots=True)
class Span:
    """One piece of a parsed text.

    - `text`: literal `text` (escapes already undone);
    - `bold`, `italic`: `children`;
    - `code`: literal `text`;
    - `link`: `children` (the label), `target` (the URL);
    - `person`: `target` (the user id); `channel`: `target` (the channel id);
    - `emoji`: `text` (the shortcode's name, without colons);
    - `quote`: the `> ` that starts a quoted line (no content; the line's spans follow).
    """

    kind: SpanKind
    text: str = ""
    children: tuple[Span, ...] = ()
    target: str = ""


def escape(value: object) -> str:
    """`value` as literal text inside markup: a backslash before each of `*_`[]\\>`."""
    return "".join("\\" + char if char in ESCAPABLE else char for char in str(value))


def person(user_id: str) -> str:
    """The token for a person (`@[U123]`); each front end shows it its own way (a Slack mention, a name)."""
    return f"@[{user_id}]"


def channel(channel_id: str) -> str:
    """The token for a channel (`#[C123]`): Slack links it, other front ends show its name or id."""
    return f"#[{channel_id}]"


def bold(text: str) -> str:
    """`text` (markup already) in bold."""
    return f"**{text}**"


def link(label: str, url: str) -> str:
    """A link with a literal `label`."""
    return f"[{escape(label)}]({url})"


def spans(text: str) -> tuple[Span, ...]:
    """The text parsed into spans, line by line (newlines stay in text spans)."""
    out: list[Span] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            out.append(Span("text", "\n"))
        if line.startswith("> "):
            out.append(Span("quote"))
            line = line[2:]
        out.extend(_inline(line))
    return _merged(out)


def _merged(parts: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for part in parts:
        if part.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1] = Span("text", merged[-1].text + part.text)
        elif part.kind != "text" or part.text:
            merged.append(part)
    return tuple(merged)


def _unescaped(text: str) -> str:
    return re.sub(r"\\([*_`\[\]\\>])", r"\1", text)


def _find(text: str, token: str, start: int) -> int:
    """Where `token` next occurs unescaped at or after `start`, or -1."""
    at = start
    while at < len(text):
        if text[at] == "\\" and at + 1 < len(text) and text[at + 1] in ESCAPABLE:
            at += 2
            continue
        if text.startswith(token, at):
            return at
        at += 1
    return -1


def _word(char: str) -> bool:
    return char.isalnum()


def _inline(text: str) -> list[Span]:
    out: list[Span] = []
    literal: list[str] = []
    at = 0

    def flush() -> None:
        if literal:
            out.append(Span("text", "".join(literal)))
            literal.clear()

    while at < len(text):
        if text[at] == "\\" and at + 1 < len(text) and text[at + 1] in ESCAPABLE:
            literal.append(text[at + 1])
            at += 2
            continue
        parsed = _span_at(text, at)
        if parsed is not None:
            span, at = parsed
            flush()
            out.append(span)
            continue
        literal.append(text[at])
        at += 1
    flush()
    return out


def _span_at(text: str, at: int) -> tuple[Span, int] | None:
    """The span that starts at `at` and the index after it, or None when `text[at]` is literal."""
    char = text[at]
    if text.startswith("**", at):
        end = _find(text, "**", at + 2)
        if end > at + 2:
            return Span("bold", children=_merged(_inline(text[at + 2 : end]))), end + 2
        return None
    if char == "`":
        end = _find(text, "`", at + 1)
        if end > at + 1:
            return Span("code", _unescaped(text[at + 1 : end])), end + 1
        return None
    if char == "_" and (at == 0 or not _word(text[at - 1])):
        end = _find(text, "_", at + 1)
        while end > 0 and end + 1 < len(text) and _word(text[end + 1]):
            end = _find(text, "_", end + 1)
        if end > at + 1 and not text[at + 1].isspace() and not text[end - 1].isspace():
            return Span("italic", children=_merged(_inline(text[at + 1 : end]))), end + 1
        return None
    if char == "[":
        close = _find(text, "](", at + 1)
        if close > at:
            url = _URL.match(text, close + 2)
            if url is not None and text.startswith(")", url.end()):
                label = _merged(_inline(text[at + 1 : close]))
                return Span("link", children=label, target=url.group(0)), url.end() + 1
        return None
    if text.startswith("@[", at):
        close = text.find("]", at + 2)
        if close > 0 and _USER_ID.fullmatch(text, at + 2, close):
            return Span("person", target=text[at + 2 : close]), close + 1
        return None
    if text.startswith("#[", at):
        close = text.find("]", at + 2)
        if close > 0 and _CHANNEL_ID.fullmatch(text, at + 2, close):
            return Span("channel", target=text[at + 2 : close]), close + 1
        return None
    if char == ":" and (at == 0 or not _word(text[at - 1])):
        emoji = _EMOJI.match(text, at)
        if emoji is not None:
            return Span("emoji", emoji.group(1)), emoji.end()
    return None


def render(text: str, renderer: Callable[[Span], str]) -> str:
    """`text` with each top-level span rendered by `renderer` (which recurses into children itself)."""
    return "".join(renderer(span) for span in spans(text))


def plain(text: str, names: Mapping[str, str] | None = None) -> str:
    """The text without markup: labels with their URL, a person as @name (from `names`) or @user-id,
    emoji shortcodes kept (Slack's plain text shows them; other front ends map them)."""
    known = names or {}

    def one(span: Span) -> str:
        match span.kind:
            case "text" | "code":
                return span.text
            case "bold" | "italic":
                return "".join(one(child) for child in span.children)
            case "link":
                label = "".join(one(child) for child in span.children)
                return label if label == span.target else f"{label} ({span.target})"
            case "person":
                return "@" + known.get(span.target, span.target)
            case "channel":
                return "#" + known.get(span.target, span.target)
            case "emoji":
                return f":{span.text}:"
            case _:  # quote
                return ""

    return render(text, one)
