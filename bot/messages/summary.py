"""The weekly team summary in the team channel, and the managers' DM version led by the lever.

Both fit a phone: the message says where the team is and what to work on; the figures, the footnotes and
(in the channel) the zone chart follow in its thread (`summary_details`). Everything shown comes from a
`TeamSummary`, which holds only figures that may be shown: when the week is suppressed the message says
how many answered and how many are needed, and nothing else.

The chart's words (`chart_labels`, `chart_alt_text`, ...) live with the chart in reports/chart_texts.py:
the team report draws the same chart.
"""

from __future__ import annotations

from typing import Final

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.messages import Message, escape
from coaching import summary_text
from coaching.comfort import Slide
from coaching.i18n import t
from coaching.locale import Locale
from coaching.numbers import number
from coaching.summary import TeamSummary
from coaching.summary_text import TEAM_NAME_MAX, SummaryText, compose
from reports.chart_texts import chart_alt_text, chart_file_title, chart_labels, has_chart
from survey_flows.levers import lever_text

HEADER_MAX: Final[int] = 150  # Slack's limit for a header's plain text


def title(locale: Locale, team_name: str, summary: TeamSummary) -> str:
    text = summary_text.title(locale, team_name, summary)
    return text if len(text) <= HEADER_MAX else text[: HEADER_MAX - 1] + "…"


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text) for text in texts])


def _suppressed_blocks(text: SummaryText) -> list[Block]:
    return [_section(text.suppressed or ""), _context(text.suppressed_why or "")]


def _in_thread(locale: Locale, summary: TeamSummary, text: SummaryText, *, chart: bool) -> ContextBlock:
    key = "summary.in_thread.chart" if chart and has_chart(summary) else "summary.in_thread"
    return _context(f"{text.response} {t(locale, key)}")


def _figure_blocks(locale: Locale, summary: TeamSummary, text: SummaryText) -> list[Block]:
    """The channel's lead: the zone, what to work on, and where the figures are."""
    blocks: list[Block] = [_section(text.zone or t(locale, "summary.no_zone"))]
    blocks.extend(_section(part) for part in (text.split, text.weakest) if part is not None)
    blocks.append(_in_thread(locale, summary, text, chart=True))
    return blocks


def _manager_blocks(locale: Locale, summary: TeamSummary, text: SummaryText, *, chart: bool) -> list[Block]:
    """The manager's lead: their lever first, the zone by name (its meaning is in the channel), the split
    and what to work on, and where the figures are."""
    blocks: list[Block] = []
    if summary.lever is not None and summary.zone is not None:
        advice = lever_text(locale, summary.lever, summary.zone, "manager")
        blocks.append(_section(t(locale, "summary.lever", advice=advice)))
    if summary.zone is None:
        blocks.append(_section(t(locale, "summary.no_zone")))
    elif summary.slide is not Slide.INTO_COMFORT:  # the urgent lead has named the zone already
        zone = t(locale, "summary.zone", zone=t(locale, f"zone.{summary.zone}.name"), meaning="").strip()
        blocks.append(_section(zone))
    blocks.extend(_section(part) for part in (text.split, text.weakest) if part is not None)
    blocks.append(_in_thread(locale, summary, text, chart=chart))
    return blocks


def summary_details(locale: Locale, team_name: str, summary: TeamSummary) -> Message | None:
    """The figures behind a shown week, for the thread under the summary (None for a suppressed week)."""
    if summary.suppressed:
        return None
    text = compose(locale, team_name, summary)
    blocks: list[Block] = []
    if text.figures:
        blocks.append(_section("\n".join(text.figures)))
    if text.not_measured is not None:  # the week's rotation did not ask enough of them: not "too few answers"
        blocks.append(_context(text.not_measured))
    blocks.append(_context(*text.footnotes))
    return Message(text=title(locale, team_name, summary), blocks=blocks)


def _fallback(locale: Locale, team_name: str, summary: TeamSummary) -> str:
    head = title(locale, team_name, summary)[:HEADER_MAX]  # the name in it is escaped already
    if summary.suppressed:
        detail = compose(locale, team_name, summary).suppressed or ""
    elif summary.zone is not None:
        detail = t(locale, f"zone.{summary.zone}.name")
    else:
        detail = t(locale, "summary.no_zone")
    return f"{head} – {detail}"


def channel_summary(locale: Locale, team_name: str, summary: TeamSummary) -> Message:
    """The anonymous weekly summary for the team channel."""
    text = compose(locale, team_name, summary)
    blocks: list[Block] = [HeaderBlock(text=title(locale, team_name, summary))]
    if summary.suppressed:
        blocks.extend(_suppressed_blocks(text))
    else:
        blocks.extend(_figure_blocks(locale, summary, text))
    return Message(text=_fallback(locale, team_name, summary), blocks=blocks)


def _slide_text(locale: Locale, summary: TeamSummary) -> str:
    """The urgent lead of a manager's DM when the team slides toward the comfort zone (coaching/comfort.py)."""
    if summary.slide is Slide.INTO_COMFORT or summary.standard is None or summary.standard.change is None:
        headline = t(locale, "summary.slide.into_comfort")
    else:
        headline = t(
            locale, "summary.slide.toward_comfort", change=number(locale, abs(summary.standard.change))
        )
    return f"{headline}\n{t(locale, 'summary.slide.why')}"


def manager_summary(locale: Locale, team_name: str, summary: TeamSummary, *, chart: bool = False) -> Message:
    """The summary in a manager's DM, led by the lever the model prescribes for the zone rather than a copy
    of the channel post. A slide toward the comfort zone leads the DM, and its notification, as urgent."""
    intro = _context(t(locale, "summary.manager_intro", team=escape(team_name, TEAM_NAME_MAX)))
    blocks: list[Block] = [HeaderBlock(text=title(locale, team_name, summary)), intro]
    fallback = _fallback(locale, team_name, summary)
    text = compose(locale, team_name, summary)
    if summary.suppressed:
        blocks.extend(_suppressed_blocks(text))
    else:
        if summary.slide is not None:
            blocks.append(_section(_slide_text(locale, summary)))
            fallback = f"{t(locale, 'summary.slide.notice')} {fallback}"
        blocks.extend(_manager_blocks(locale, summary, text, chart=chart))
    return Message(text=fallback, blocks=blocks)


__all__ = [
    "channel_summary",
    "chart_alt_text",
    "chart_file_title",
    "chart_labels",
    "has_chart",
    "manager_summary",
    "number",
    "summary_details",
    "title",
]
