"""The weekly team summary as texts, for every front end: the Slack post, the terminal and the team report.

`compose(locale, team_name, summary)` turns a `TeamSummary` into `SummaryText`: the title, the zone, the
response, the split, the weakest trait, the per-axis figures and the footnotes, each a catalog text in the
neutral markup (coaching/i18n). Slack's channel post and its thread, the console and the director's
report are all built from this one structure, so they say the same thing about the same week. Everything
shown comes from the `TeamSummary`, which holds only figures that may be shown: a suppressed week has the
count, the minimum and why, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from coaching.i18n import t
from coaching.instrument import Axis, Trait
from coaching.locale import Locale
from coaching.markup import escape
from coaching.numbers import number
from coaching.summary import AxisTrend, TeamSummary, Trend

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


@dataclass(frozen=True, slots=True)
class SummaryText:
    """One published week in words. A suppressed week has `suppressed` and `suppressed_why` and no zone,
    split, weakest trait, figures or footnotes."""

    title: str
    response: str
    """"5 of 8 answered the pulse." (a count, never a figure)."""
    suppressed: str | None = None
    suppressed_why: str | None = None
    zone: str | None = None
    """The zone and its meaning (with the borderline and the zone's window when they apply)."""
    split: str | None = None
    weakest: str | None = None
    figures: tuple[str, ...] = ()
    """One line per axis shown: mean, change and trend, the rolling mean."""
    not_measured: str | None = None
    """The traits the week's rotation did not ask enough of (not "too few answers")."""
    footnotes: tuple[str, ...] = ()


def week_number(period: str) -> int:
    """47 for "2026-W47"."""
    return int(period.rsplit("W", 1)[-1])


def title(locale: Locale, team_name: str, summary: TeamSummary) -> str:
    """The title, the team's name escaped (coaching/markup.py): a `*` in a name is never bold anywhere."""
    team = escape(team_name[:TEAM_NAME_MAX])
    return t(locale, "summary.title", team=team, week=week_number(summary.period))


def listed(locale: Locale, names: list[str]) -> str:
    """ "a, b og c" in the reader's language."""
    if len(names) == 1:
        return names[0]
    return t(locale, "notice.and", first=", ".join(names[:-1]), last=names[-1])


def axis_line(locale: Locale, axis: Axis, trend: AxisTrend) -> str:
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


def zone_text(locale: Locale, summary: TeamSummary) -> str:
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


def figure_lines(locale: Locale, summary: TeamSummary) -> tuple[str, ...]:
    lines = [
        axis_line(locale, axis, trend)
        for axis, trend in ((Axis.SAFETY, summary.safety), (Axis.STANDARD, summary.standard))
        if trend is not None
    ]
    if summary.administration is not None:
        axis = t(locale, f"axis.{Axis.ADMINISTRATION}")
        lines.append(t(locale, "result.axis", axis=axis, value=number(locale, summary.administration)))
    return tuple(lines)


def unmeasured(summary: TeamSummary) -> list[Trait]:
    return [trait for trait in Trait if trait not in summary.measured_traits]


def weakest_text(locale: Locale, summary: TeamSummary) -> str | None:
    """The weakest trait among those measured this week, and one thing to do about it."""
    if summary.weakest_trait is None:  # a name only: trait figures are never shown (TeamSummary)
        return None
    return t(
        locale,
        "summary.weakest_measured" if unmeasured(summary) else "summary.weakest",
        trait=t(locale, f"trait.{summary.weakest_trait}"),
        suggestion=t(locale, f"trait.{summary.weakest_trait}.suggestion"),
    )


def compose(locale: Locale, team_name: str, summary: TeamSummary) -> SummaryText:
    """The week's summary as texts; `team_name` as the team set it (escaped here, in the title)."""
    head = title(locale, team_name, summary)
    response = t(locale, "summary.response", answered=summary.respondents, eligible=summary.eligible)
    if summary.suppressed:
        minimum = summary.min_respondents
        return SummaryText(
            title=head,
            response=response,
            suppressed=t(
                locale,
                "summary.suppressed",
                answered=summary.respondents,
                eligible=summary.eligible,
                minimum=minimum,
            ),
            suppressed_why=t(locale, "summary.suppressed_why", minimum=minimum),
        )
    missing = unmeasured(summary)
    footnotes = [t(locale, "summary.anonymous", minimum=summary.min_respondents)]
    if any(trend is not None and trend.change is not None for trend in (summary.safety, summary.standard)):
        footnotes.insert(0, t(locale, "summary.noise"))  # only when a week was compared (never the first)
    return SummaryText(
        title=head,
        response=response,
        zone=zone_text(locale, summary),
        split=t(locale, "summary.split") if summary.split else None,
        weakest=weakest_text(locale, summary),
        figures=figure_lines(locale, summary),
        not_measured=t(
            locale, "summary.not_measured", traits=listed(locale, [t(locale, f"trait.{x}") for x in missing])
        )
        if missing
        else None,
        footnotes=tuple(footnotes),
    )
