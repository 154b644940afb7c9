"""Issue 12, part 3 (nb, canonical): the demo workspace and the team report, in the terminal, in files and in
Slack. Merged into nb.MESSAGES; sv_report.py and en_report.py hold the same keys."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # The team report (Markdown, PDF, CSV)
    "report.title": "Teamrapport: {team}",
    "report.span": "Uke {first}–{last} ({count} publiserte uker)",
    "report.none": "Ingen ukeoppsummering er publisert ennå.",
    "report.intro": "Rapporten viser ukeoppsummeringene slik teamets kanal fikk dem da de ble publisert, den nyeste først. Alle tall gjelder hele teamet og bygger aldri på færre svar enn minimumet. En uke med for få svar viser bare hvor mange som svarte.",
    # `python -m bot report`
    "report.cli.unknown_team": "Jeg finner ikke noe team som heter «{name}». Teamene her: {teams}.",
    "report.cli.no_teams": "Det finnes ingen team her ennå. `python -m bot demo` lager et demo-arbeidsområde du kan prøve rapporten på.",
    "report.cli.weeks": "Antall uker må være et helt tall fra 1 til {most}.",
    "report.cli.written": "Rapporten for {team} er skrevet:",
    # `python -m bot demo`
    "demo.cli.seeding": "Fyller demo-arbeidsområdet",
    "demo.cli.already": "Demo-arbeidsområdet fantes allerede i {database}, så jeg bruker det som det er.",
    "demo.cli.team": "{team} ({person} og {sellers} selgere)",
    "demo.cli.chart": "Sonekartet: {path}",
    "demo.cli.next": 'Prøv videre:\n• konsollen, som {person}, som leder alle teamene: `DATABASE_URL={database} make run`\n• rapporten for et team: `python -m bot report --team "{team}" --out {out}`',
    # `/balanse rapport` in Slack
    "report.slack.sent": ":inbox_tray: Teamrapporten for {team} ligger i direktemeldingen vår, som Markdown og som PDF du kan sende videre.",
    "report.slack.intro": "Teamrapporten for {team}: ukeoppsummeringene fra de siste {weeks} ukene, med sonekartet. PDF-en kan du sende videre, den viser det samme som kanalen har fått.",
    "report.slack.none": "Det er ikke publisert noen ukeoppsummering for {team} ennå, så det er ingen rapport å lage. Den første kommer etter teamets første puls.",
    "report.slack.choose": "Du leder flere team. Hvilket team vil du ha rapporten for?",
    "report.slack.file_title": "Teamrapport {team}, uke {first}–{last}",
    "help.report": "`/balanse rapport` – teamrapporten for de siste 12 ukene i direktemeldingen vår, som Markdown og PDF du kan sende videre.",
}
