"""The team report says of each week what the team channel was told that week, from the frozen weeks only,
in Markdown, in a PDF a director can forward (A4, with the zone chart) and, on request, as aggregate
figures per week in CSV; a week below the anonymity minimum shows how many answered and nothing else."""

from __future__ import annotations

import csv
import io
import re

import pypdf
import pytest

from bot.messages.summary import channel_summary, summary_details
from coaching.summary_text import compose
from reports.render import pdf_text, render_markdown, render_pdf, to_markdown, to_plain, week_blocks
from reports.team_report import CSV_COLUMNS, report_csv, team_report
from tests.support.demo import TODAY, Seeded

FIGURE = re.compile(r"\d[.,]\d")
"""A mean or a change as any front end shows it ("4,2", "−0.3")."""


def _report(demo: Seeded, name: str, locale: str | None = None, weeks: int = 12):
    team = demo.workspace.team(name)
    assert team is not None
    views = {view.id: view for view, _ in demo.sender.channel_posts}
    return team_report(demo.db, views[team.team_id], today=TODAY, weeks=weeks, locale=locale)


@pytest.mark.parametrize("name", ["Salg Nord", "Försäljning Stockholm", "Key Accounts"])
def test_each_week_of_the_report_is_what_the_channel_was_told_that_week(demo: Seeded, name: str) -> None:
    report = _report(demo, name)
    posted = [(view, summary) for view, summary in demo.sender.channel_posts if view.name == name]
    assert [week.summary for week in report.weeks] == [summary for _, summary in posted]
    for week, (view, summary) in zip(report.weeks, posted, strict=True):
        told = compose(view.locale, view.name, summary)  # what the channel post was built from
        assert week.text == told
        post = str(channel_summary(view.locale, view.name, summary).as_kwargs())
        thread = summary_details(view.locale, view.name, summary)
        shown = post + ("" if thread is None else str(thread.as_kwargs()))
        for part in (told.suppressed, told.zone, told.split, told.weakest, *told.figures, *told.footnotes):
            if part is not None:
                assert part in shown.replace("\\n", "\n")
        markdown = render_markdown(report)
        assert all(to_markdown(block.text) in markdown for block in week_blocks(told))


def test_the_markdown_and_the_pdf_hold_the_same_weeks_newest_first(demo: Seeded) -> None:
    report = _report(demo, "Salg Sør", weeks=4)
    assert [w.summary.period for w in report.weeks] == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    markdown = render_markdown(report, "report-chart.png")
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [w.text.title for w in reversed(report.weeks)]
    assert "![" in markdown and "(report-chart.png)" in markdown  # the chart, with its alt text
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(report)))
    words = " ".join(page.extract_text() for page in pdf.pages)
    for line in pdf_text(report):
        assert " ".join(line.split()) in " ".join(words.split())
    assert [w.text.title for w in reversed(report.weeks)] == [
        line for line in pdf_text(report) if line.startswith("Salg Sør: teampuls")
    ]
    first = pdf.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)  # A4
    assert len(first.images) == 1  # the zone chart


def _section(lines: list[str], title: str, is_title: object) -> list[str]:
    start = lines.index(title)
    end = next((n for n in range(start + 1, len(lines)) if is_title(lines[n])), len(lines))
    return lines[start + 1 : end]


@pytest.mark.parametrize("locale", ["nb", "en"])
def test_a_week_below_the_minimum_shows_how_many_answered_and_nothing_else(demo: Seeded, locale: str) -> None:
    report = _report(demo, "Key Accounts", locale=locale)
    holiday = next(w for w in report.weeks if w.summary.suppressed)
    assert holiday.summary.period == "2026-W42" and holiday.summary.respondents == 3

    markdown = render_markdown(report).splitlines()
    section = _section(markdown, f"## {holiday.text.title}", lambda line: line.startswith("## "))
    assert to_markdown(holiday.text.suppressed or "") in section
    assert not [line for line in section if FIGURE.search(line)]
    assert not [line for line in section if line.startswith("- ")]  # no per-axis line

    lines = pdf_text(report)
    titles = {w.text.title for w in report.weeks}
    section = _section(lines, holiday.text.title, lambda line: line in titles)
    assert " ".join(section).startswith(to_plain(holiday.text.suppressed or "")[:40])
    assert not [line for line in section if FIGURE.search(line)]

    rows = {row["week"]: row for row in csv.DictReader(io.StringIO(report_csv(report)))}
    held = rows["2026-W42"]
    assert (held["answered"], held["eligible"], held["suppressed"]) == ("3", "7", "yes")
    assert all(held[column] == "" for column in CSV_COLUMNS[4:])


def test_the_csv_has_one_row_of_shown_aggregates_per_week_and_nothing_per_person(demo: Seeded) -> None:
    report = _report(demo, "Salg Nord")
    table = list(csv.reader(io.StringIO(report_csv(report))))
    assert tuple(table[0]) == CSV_COLUMNS
    assert len(table) == 1 + 12
    last, summary = dict(zip(CSV_COLUMNS, table[-1], strict=True)), report.weeks[-1].summary
    assert summary.safety is not None and summary.standard is not None
    assert float(last["safety_mean"]) == pytest.approx(summary.safety.mean, abs=0.005)
    assert float(last["standard_change"]) == pytest.approx(summary.standard.change, abs=0.005)
    assert last["zone"] == "comfort" and last["answered"] == str(summary.respondents)
    people = {p.user_id for t in demo.workspace.teams for p in t.sellers} | set(demo.workspace.names.values())
    text = report_csv(report) + render_markdown(report)
    assert not [person for person in people if person in text]  # no seller's id or name anywhere
