"""Issue 12, part 3 (en): the demo workspace and the team report. The same keys as nb_report.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # The team report (Markdown, PDF, CSV)
    "report.title": "Team report: {team}",
    "report.span": "Weeks {first}–{last} ({count} published weeks)",
    "report.none": "No weekly summary has been published yet.",
    "report.intro": "This report shows the weekly summaries as the team channel got them when they were published, newest first. Every figure is for the whole team and never rests on fewer answers than the anonymity minimum. A week with too few answers shows only how many answered.",
    # `python -m bot report`
    "report.cli.unknown_team": 'I can\'t find a team called "{name}". The teams here: {teams}.',
    "report.cli.no_teams": "There are no teams here yet. `python -m bot demo` creates a demo workspace you can try the report on.",
    "report.cli.weeks": "The number of weeks must be a whole number from 1 to {most}.",
    "report.cli.written": "The report for {team} is written:",
    # `python -m bot demo`
    "demo.cli.seeding": "Filling the demo workspace",
    "demo.cli.already": "The demo workspace was already in {database}, so I'm using it as it is.",
    "demo.cli.team": "{team} ({person} and {sellers} sellers)",
    "demo.cli.chart": "Zone chart: {path}",
    "demo.cli.next": 'Try next:\n• the console, as {person}, who manages every team: `DATABASE_URL={database} make run`\n• the report for a team: `python -m bot report --team "{team}" --out {out}`',
    # `/balanse report` in Slack
    "report.slack.sent": ":inbox_tray: The team report for {team} is in our direct messages, as Markdown and as a PDF you can forward.",
    "report.slack.intro": "The team report for {team}: the weekly summaries of the last {weeks} weeks, with the zone chart. You can forward the PDF; it shows what the channel has been shown.",
    "report.slack.none": "No weekly summary has been published for {team} yet, so there is no report to make. The first one comes after the team's first pulse.",
    "report.slack.choose": "You manage several teams. Which team would you like the report for?",
    "report.slack.file_title": "Team report {team}, weeks {first}–{last}",
    "help.report": "`/balanse report` – the team report for the last 12 weeks in our direct messages, as Markdown and a PDF you can forward.",
}
