"""Issue 12, part 3 (sv): the demo workspace and the team report. The same keys as nb_report.py."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # The team report (Markdown, PDF, CSV)
    "report.title": "Teamrapport: {team}",
    "report.span": "Vecka {first}–{last} ({count} publicerade veckor)",
    "report.none": "Ingen veckosammanfattning har publicerats än.",
    "report.intro": "Rapporten visar veckosammanfattningarna så som teamets kanal fick dem när de publicerades, den senaste först. Alla siffror gäller hela teamet och bygger aldrig på färre svar än minimum. En vecka med för få svar visar bara hur många som svarade.",
    # `python -m bot report`
    "report.cli.unknown_team": "Jag hittar inget team som heter ”{name}”. Teamen här: {teams}.",
    "report.cli.no_teams": "Det finns inga team här än. `python -m bot demo` skapar en demoarbetsyta som du kan prova rapporten på.",
    "report.cli.weeks": "Antalet veckor måste vara ett heltal från 1 till {most}.",
    "report.cli.written": "Rapporten för {team} är klar:",
    # `python -m bot demo`
    "demo.cli.seeding": "Fyller demoarbetsytan",
    "demo.cli.already": "Demoarbetsytan fanns redan i {database}, så jag använder den som den är.",
    "demo.cli.team": "{team} ({person} och {sellers} säljare)",
    "demo.cli.chart": "Zonkartan: {path}",
    "demo.cli.next": 'Prova vidare:\n• konsolen, som {person}, chef för alla team: `DATABASE_URL={database} make run`\n• rapporten för ett team: `python -m bot report --team "{team}" --out {out}`',
    # `/balanse rapport` in Slack
    "report.slack.sent": ":inbox_tray: Teamrapporten för {team} ligger i vårt direktmeddelande, som Markdown och som PDF som du kan skicka vidare.",
    "report.slack.intro": "Teamrapporten för {team}: veckosammanfattningarna från de senaste {weeks} veckorna, med zonkartan. PDF:en kan du skicka vidare, den visar samma sak som kanalen har fått.",
    "report.slack.none": "Ingen veckosammanfattning för {team} har publicerats än, så det finns ingen rapport att göra. Den första kommer efter teamets första puls.",
    "report.slack.choose": "Du är chef för flera team. Vilket team vill du ha rapporten för?",
    "report.slack.file_title": "Teamrapport {team}, vecka {first}–{last}",
    "help.report": "`/balanse rapport` – teamrapporten för de senaste 12 veckorna i vårt direktmeddelande, som Markdown och PDF som du kan skicka vidare.",
}
