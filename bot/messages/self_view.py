"""The leader's self-view result as Block Kit, from its words (survey_flows/self_view_text.py)."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.messages import Message, escape
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.self_view_text import self_view_text
from survey_flows.views import ResultView


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text) for text in texts])


def self_result_blocks(locale: Locale, result: ResultView, *, header: bool = True) -> list[Block]:
    """The self-view result; `header=False` where the surface has its own title (App Home)."""
    team_name = escape(result.team.name, 80) if result.team is not None else None
    words = self_view_text(locale, result, team_name)
    blocks: list[Block] = []
    if header:
        blocks.append(HeaderBlock(text=words.title))
    blocks += [_section(words.profile), _context(*words.profile_notes), _section(words.own), DividerBlock()]
    blocks += [_section(text) for text in words.team]
    blocks += [DividerBlock(), _section(words.split), _context(words.private)]
    return blocks


def self_result(locale: Locale, result: ResultView) -> Message:
    return Message(text=t(locale, "result.self.title"), blocks=self_result_blocks(locale, result))
