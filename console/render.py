"""The neutral markup in a terminal: the spans of `coaching.markup.spans` (the parser every front end shares)
as rich Text. Bold and italic are styled, `code` is coloured, a link shows its address after the label, a
person is shown by name, an emoji shortcode as its Unicode character, a `> ` line as a quote."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from coaching.markup import UNICODE_EMOJI, Span, spans

Names = Callable[[str], str]
"""A user id (or channel id) -> the name shown for them."""


def _append(out: Text, span: Span, names: Names, style: str) -> None:
    match span.kind:
        case "text":
            out.append(span.text, style=style)
        case "code":
            out.append(span.text, style=f"{style} cyan".strip())
        case "bold" | "italic":
            inner = f"{style} {span.kind}".strip()
            for child in span.children:
                _append(out, child, names, inner)
        case "link":
            before = len(out.plain)
            for child in span.children:
                _append(out, child, names, style)
            if out.plain[before:] != span.target:
                out.append(f" ({span.target})", style="dim")
        case "person":
            out.append(names(span.target), style=f"{style} bold".strip())
        case "channel":
            out.append("#" + names(span.target), style=style)
        case "emoji":
            out.append(UNICODE_EMOJI.get(span.text, f":{span.text}:"), style=style)
        case _:  # a quote: the line's spans follow
            out.append("│ ", style="dim")


def to_text(markup: str, names: Names) -> Text:
    """One text of the neutral markup (several lines) as rich Text."""
    out = Text()
    for span in spans(markup):
        _append(out, span, names, "")
    return out


def plain(markup: str, names: Names) -> str:
    """The text as the terminal shows it, without styles (for tests and logs)."""
    return to_text(markup, names).plain
