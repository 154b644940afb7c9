"""The report's files when no week may be shown: counts only, no chart, no figure; and the markup as plain text."""

from __future__ import annotations

import io

import pypdf

from coaching.summary import summarize
from coaching.summary_text import compose
from coaching.week_figures import WeekFigures
from reports.render import render_markdown, render_pdf, to_plain
from reports.team_report import ReportWeek, TeamReport, report_csv
from survey_flows.views import TeamView
from tests.support.demo import TODAY

TEAM = TeamView(
    id=1,
    workspace_id="T1",
    channel_id="C1",
    name="Team Øst",
    locale="nb",
    tz="Europe/Oslo",
    pulse_weekday=0,
    pulse_minute=540,
    summary_weekday=4,
    summary_minute=840,
    min_respondents=5,
    cutoff=3.5,
    no_send_dates=(),
)


def test_a_team_with_only_weeks_below_the_minimum_gets_counts_and_no_chart() -> None:
    summaries = [summarize(WeekFigures(f"2026-W4{n}", 3 + n % 2, 7), [], min_respondents=5) for n in range(3)]
    report = TeamReport(
        TEAM, "nb", tuple(ReportWeek(s, compose("nb", TEAM.name, s)) for s in summaries), TODAY
    )
    assert report.chart_png() is None and report.chart_alt() is None
    markdown = render_markdown(report, "report-chart.png")
    assert "![" not in markdown
    for week in report.weeks:
        assert week.text.suppressed is not None and week.text.suppressed in markdown
    assert "av 5" not in markdown  # no axis line ("4,2 av 5")
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(report)))
    assert len(pdf.pages) == 1 and not pdf.pages[0].images
    text = " ".join(pdf.pages[0].extract_text().split())
    assert " ".join(to_plain(report.weeks[0].text.suppressed or "").split()) in text
    rows = report_csv(report).splitlines()[1:]
    assert rows == ["2026-W40,3,7,yes,,,,,,", "2026-W41,4,7,yes,,,,,,", "2026-W42,3,7,yes,,,,,,"]


def test_plain_text_drops_the_markers_and_keeps_the_words() -> None:
    assert to_plain("**Teamet er i komfortsonen.** Les mer") == "Teamet er i komfortsonen. Les mer"
    assert to_plain("**7 av 7** svarte – @[U123] i #[C9]") == "7 av 7 svarte – @U123 i #C9"
    assert to_plain(":lock: Anonymt: _bare_ team") == "Anonymt: bare team"
    assert to_plain("Skriv `/balanse rapport` [her](https://example.com)") == (
        "Skriv /balanse rapport her (https://example.com)"
    )
    assert to_plain(r"Team \*stjerne\* og snake\_case") == "Team *stjerne* og snake_case"
