"""Svenska texter för terminalkonsolen (console/) och för `python -m bot` utan Slack-nycklar."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    "terminal.welcome": "Balansebrett i terminalen. Du är {name}. Skriv `hjälp` för kommandona; skriv en siffra för att svara på frågan som visas. Avsluta med Ctrl-D.",
    "terminal.usage": "Användning: balansebrett [run | console | demo | report] [val]. run (standard) startar Slack-appen, eller konsolen när inga Slack-nycklar är angivna; console, demo och report visar sina val med --help.",
    "terminal.no_slack": 'Inga Slack-nycklar är angivna, så Balansebrett startar i terminalen med demoarbetsytan. README.md, avsnittet "Create the Slack app", visar hur du ansluter Slack.',
    "terminal.choose": "Skriv numret på ditt val (1–{count}).",
    "terminal.answer_hint": "Skriv en siffra från 1 till 5, eller 6 för ”vet inte”. Orden på valen fungerar också, till exempel ”instämmer”.",
    "terminal.you_chose": "Du svarade: {choice}",
    "terminal.setup.sellers": "Säljarna: skriv deras namn, åtskilda med kommatecken.",
    "terminal.setup.cancelled": "Inget sattes upp.",
    "terminal.bye": "Hej då. Allt du har svarat är sparat.",
}
