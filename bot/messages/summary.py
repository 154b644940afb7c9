"""The weekly team summary in the team channel, and the managers' DM version led by the lever.

Both fit a phone: the message says where the team is and what to work on; the figures, the footnotes and
(in the channel) the zone chart follow in its thread (`summary_details`). Everything shown comes from a
`TeamSummary`, which holds only figures that may be shown: when the week is suppressed the message says
how many answered and how many are needed, and nothing else.
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

from bot.charts import ZONES, ChartLabels, alt_text
from bot.messages import Message, escape
from bot.messages.levers import lever_text
from coaching.comfort import Slide
from coaching.i18n import t
from coaching.instrument import Axis, Trait
from coaching.locale import Locale
from coaching.numbers import number
from coaching.summary import AxisTrend, TeamSummary, Trend

HEADER_MAX: Final[int] = 150  # Slack's limit for a header's plain text
TEAM_NAME_MAX: Final[int] = 80

_TREND_KEYS: Final[dict[Trend, str]] = {
    Trend.UP: "summary.trend.up",
    Trend.DOWN: "summary.trend.down",
    Trend.STABLE: "summary.trend.stable",
}
_PAIRED_TREND_KEYS: Final[dict[Trend, str]] = {
    Trend.UP: "summary.trend_paired.up",
    Trend.DOWN: "summary.trend_paired.down",
    Trend.STABLE: "summary.trend_paired.stable",
}


def week_number(period: str) -> int:
    """47 for "2026-W47"."""
    return int(period.rsplit("W", 1)[-1])


def title(locale: Locale, team_name: str, summary: TeamSummary) -> str:
    text = t(locale, "summary.title", team=team_name[:TEAM_NAME_MAX], week=week_number(summary.period))
    return text if len(text) <= HEADER_MAX else text[: HEADER_MAX - 1] + "…"


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _context(*texts: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text) for text in texts])


def _axis_line(locale: Locale, axis: Axis, trend: AxisTrend) -> str:
    parts = [t(locale, "result.axis", axis=t(locale, f"axis.{axis}"), value=number(locale, trend.mean))]
    keys = _PAIRED_TREND_KEYS if trend.paired else _TREND_KEYS
    if trend.change is not None and trend.trend in keys:
        parts.append(
            t(
                locale,
                "summary.change",
                change=number(locale, trend.change, signed=True),
                trend=t(locale, keys[trend.trend]),
            )
        )
    elif trend.paired and trend.trend in keys:  # no previous week, but the same people's weeks before it
        parts.append(t(locale, keys[trend.trend]))
    else:
        parts.append(t(locale, "summary.no_previous"))
    if trend.rolling is not None:
        parts.append(t(locale, "summary.rolling", value=number(locale, trend.rolling)))
    return " · ".join(parts)


def _zone_text(locale: Locale, summary: TeamSummary) -> str:
    if summary.zone is None:
        return t(locale, "summary.no_zone")
    text = t(
        locale,
        "summary.zone",
        zone=t(locale, f"zone.{summary.zone}.name"),
        meaning=t(locale, f"zone.{summary.zone}.meaning"),
    )
    if summary.borderline:
        text += "\n" + t(locale, "result.borderline")
    trends = (summary.safety, summary.standard)
    if any(trend is not None and (trend.level, trend.zone_level) != (None, None) for trend in trends):
        text += "\n" + t(locale, "summary.zone_window")
    return text


def _figure_lines(locale: Locale, summary: TeamSummary) -> str:
    lines = [
        _axis_line(locale, axis, trend)
        for axis, trend in ((Axis.SAFETY, summary.safety), (Axis.STANDARD, summary.standard))
        if trend is not None
    ]
    if summary.administration is not None:
        axis = t(locale, f"axis.{Axis.ADMINISTRATION}")
        lines.append(t(locale, "result.axis", axis=axis, value=number(locale, summary.administration)))
    return "\n".join(lines)


def _response(locale: Locale, summary: TeamSummary) -> str:
    return t(locale, "summary.response", answered=summary.respondents, eligible=summary.eligible)


def _suppressed_blocks(locale: Locale, summary: TeamSummary) -> list[Block]:
    text = t(
        locale,
        "summary.suppressed",
        answered=summary.respondents,
        eligible=summary.eligible,
        minimum=summary.min_respondents,
    )
    return [_section(text), _context(t(locale, "summary.suppressed_why", minimum=summary.min_respondents))]


def _unmeasured(summary: TeamSummary) -> list[Trait]:
    return [trait for trait in Trait if trait not in summary.measured_traits]


def _weakest_text(locale: Locale, summary: TeamSummary) -> str | None:
    """The weakest trait among those measured this week, and one thing to do about it."""
    if summary.weakest_trait is None:  # a name only: trait figures are never shown (TeamSummary)
        return None
    return t(
        locale,
        "summary.weakest_measured" if _unmeasured(summary) else "summary.weakest",
        trait=t(locale, f"trait.{summary.weakest_trait}"),
        suggestion=t(locale, f"trait.{summary.weakest_trait}.suggestion"),
    )


def _in_thread(locale: Locale, summary: TeamSummary, *, chart: bool) -> ContextBlock:
    key = "summary.in_thread.chart" if chart and has_chart(summary) else "summary.in_thread"
    return _context(f"{_response(locale, summary)} {t(locale, key)}")


def _figure_blocks(locale: Locale, summary: TeamSummary) -> list[Block]:
    """The channel's lead: the zone, what to work on, and where the figures are."""
    blocks: list[Block] = [_section(_zone_text(locale, summary))]
    if summary.split:
        blocks.append(_section(t(locale, "summary.split")))
    weakest = _weakest_text(locale, summary)
    if weakest is not None:
        blocks.append(_section(weakest))
    blocks.append(_in_thread(locale, summary, chart=True))
    return blocks


def _manager_blocks(locale: Locale, summary: TeamSummary, *, chart: bool) -> list[Block]:
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
    if summary.split:
        blocks.append(_section(t(locale, "summary.split")))
    weakest = _weakest_text(locale, summary)
    if weakest is not None:
        blocks.append(_section(weakest))
    blocks.append(_in_thread(locale, summary, chart=chart))
    return blocks


def summary_details(locale: Locale, team_name: str, summary: TeamSummary) -> Message | None:
    """The figures behind a shown week, for the thread under the summary (None for a suppressed week)."""
    if summary.suppressed:
        return None
    blocks: list[Block] = []
    figures = _figure_lines(locale, summary)
    if figures:
        blocks.append(_section(figures))
    unmeasured = _unmeasured(summary)
    if unmeasured:  # the week's rotation did not ask enough of them: not "too few answers"
        names = [t(locale, f"trait.{trait}") for trait in unmeasured]
        blocks.append(_context(t(locale, "summary.not_measured", traits=_listed(locale, names))))
    footnotes = [t(locale, "summary.anonymous", minimum=summary.min_respondents)]
    if any(trend is not None and trend.change is not None for trend in (summary.safety, summary.standard)):
        footnotes.insert(0, t(locale, "summary.noise"))  # only when a week was compared (never the first)
    blocks.append(_context(*footnotes))
    return Message(text=title(locale, team_name, summary), blocks=blocks)


def _listed(locale: Locale, names: list[str]) -> str:
    """ "a, b og c" in the reader's language."""
    if len(names) == 1:
        return names[0]
    return t(locale, "notice.and", first=", ".join(names[:-1]), last=names[-1])


def _fallback(locale: Locale, team_name: str, summary: TeamSummary) -> str:
    head = escape(title(locale, team_name, summary), HEADER_MAX)
    if summary.suppressed:
        detail = t(
            locale,
            "summary.suppressed",
            answered=summary.respondents,
            eligible=summary.eligible,
            minimum=summary.min_respondents,
        )
    elif summary.zone is not None:
        detail = t(locale, f"zone.{summary.zone}.name")
    else:
        detail = t(locale, "summary.no_zone")
    return f"{head} – {detail}"


def channel_summary(locale: Locale, team_name: str, summary: TeamSummary) -> Message:
    """The anonymous weekly summary for the team channel."""
    blocks: list[Block] = [HeaderBlock(text=title(locale, team_name, summary))]
    if summary.suppressed:
        blocks.extend(_suppressed_blocks(locale, summary))
    else:
        blocks.extend(_figure_blocks(locale, summary))
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
    text = _fallback(locale, team_name, summary)
    if summary.suppressed:
        blocks.extend(_suppressed_blocks(locale, summary))
    else:
        if summary.slide is not None:
            blocks.append(_section(_slide_text(locale, summary)))
            text = f"{t(locale, 'summary.slide.notice')} {text}"
        blocks.extend(_manager_blocks(locale, summary, chart=chart))
    return Message(text=text, blocks=blocks)


# -- the chart -----------------------------------------------------------------------------------------------


def has_chart(summary: TeamSummary) -> bool:
    """A chart only for a shown week with a zone (its own point is the last on the path)."""
    return not summary.suppressed and summary.zone is not None and bool(summary.history)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def chart_labels(locale: Locale) -> ChartLabels:
    return ChartLabels(
        title=t(locale, "chart.title"),
        x_axis=t(locale, f"axis.{Axis.SAFETY}"),
        y_axis=t(locale, f"axis.{Axis.STANDARD}"),
        zones={zone: _capitalized(t(locale, f"zone.{zone}.name")) for zone in ZONES},
        week=t(locale, "chart.week", week="{week}"),  # the chart fills in each point's week
        note=t(locale, "chart.interval_note"),
    )


def chart_file_title(locale: Locale, summary: TeamSummary) -> str:
    return t(locale, "chart.file_title", week=week_number(summary.period))


def chart_alt_text(locale: Locale, summary: TeamSummary) -> str:
    """One sentence for screen readers: the zone, and the path week by week."""
    path = "; ".join(
        t(
            locale,
            "chart.point",
            week=week_number(period),
            safety=number(locale, safety),
            standard=number(locale, standard),
        )
        for period, safety, standard in summary.history
    )
    zone = t(locale, f"zone.{summary.zone}.name") if summary.zone is not None else ""
    return alt_text(t(locale, "chart.alt", path=path, zone=zone))
