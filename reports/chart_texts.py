"""The zone chart's words, localized from the catalogs, and the chart of a published week: the same for the
team channel, a manager's DM and the team report."""

from __future__ import annotations

from coaching.i18n import t
from coaching.instrument import Axis
from coaching.locale import Locale
from coaching.numbers import number
from coaching.summary import TeamSummary
from coaching.summary_text import week_number
from reports.charts import ZONES, ChartLabels, alt_text, render_zone_chart


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


def zone_chart(locale: Locale, summary: TeamSummary, cutoff: float) -> bytes | None:
    """The week's zone chart as PNG (the path of its shown weeks), or None when it has none."""
    if not has_chart(summary):
        return None
    return render_zone_chart(
        summary.history, cutoff=cutoff, labels=chart_labels(locale), intervals=summary.history_margins
    )
